import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file in raw chunks, and hashes them, on a thread of its own a few chunks ahead of the
/// one consumer: the reading and the SHA-256 run on the second core while the consumer parses.
/// The consumer takes each chunk in file order with `next()` and hands its buffer back with
/// `recycle(_:)`; `finish()` waits for the thread and gives the hash.
final class ReadAhead: @unchecked Sendable {
    struct Chunk {
        /// Valid until handed back with `recycle(_:)`.
        let bytes: UnsafeMutablePointer<UInt8>
        let count: Int
        /// The end of the file (or of what could be read of it).
        let isLast: Bool
        /// Whether reading failed before the end.
        let failed: Bool
    }

    private let file: UnsafeMutablePointer<FILE>
    private let chunkSize: Int
    private let hashing: Bool
    // Everything below is shared between the threads, under `condition`.
    private let condition = NSCondition()
    private var ready: [Chunk] = []
    private var spare: [UnsafeMutablePointer<UInt8>]
    private var all: [UnsafeMutablePointer<UInt8>]
    private var done = false
    private var digest: SHA256.Digest?

    /// Starts reading `file` (which must stay open until `finish()`) in chunks of `chunkSize`
    /// bytes, at most `depth` chunks ahead.
    init(file: UnsafeMutablePointer<FILE>, chunkSize: Int, hashing: Bool, depth: Int = 4) {
        self.file = file
        self.chunkSize = chunkSize
        self.hashing = hashing
        all = (0..<depth).map { _ in UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize) }
        spare = all
        let thread = Thread { [self] in run() }
        thread.start()
    }

    deinit {
        for buffer in all { buffer.deallocate() }
    }

    private func run() {
        var hasher = SHA256()
        while true {
            condition.lock()
            while spare.isEmpty { condition.wait() }
            let buffer = spare.removeLast()
            condition.unlock()
            let count = fread(buffer, 1, chunkSize, file)
            let failed = count < chunkSize && ferror(file) != 0
            let isLast = failed || (count < chunkSize && feof(file) != 0)
            if hashing, count > 0 { hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: count)) }
            condition.lock()
            ready.append(Chunk(bytes: buffer, count: count, isLast: isLast, failed: failed))
            if isLast {
                digest = hashing ? hasher.finalize() : nil
                done = true
            }
            condition.broadcast()
            condition.unlock()
            if isLast { return }
        }
    }

    /// The next chunk in file order, waiting for it if need be.
    func next() -> Chunk {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty { condition.wait() }
        return ready.removeFirst()
    }

    /// Hands a chunk's buffer back to be read into again.
    func recycle(_ chunk: Chunk) {
        condition.lock()
        spare.append(chunk.bytes)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the thread has read its last chunk; the SHA-256 of everything read, if asked.
    func finish() -> SHA256.Digest? {
        condition.lock()
        defer { condition.unlock() }
        while !done { condition.wait() }
        return digest
    }
}
