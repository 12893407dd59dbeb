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
/// `recycle(_:)`; the last chunk carries the hash. Each chunk has `headroom` bytes of its buffer
/// free before it, where the consumer may put bytes to read together with the chunk.
final class ReadAhead: @unchecked Sendable {
    struct Chunk {
        /// Valid, with `headroom` bytes before it, until handed back with `recycle(_:)`.
        let bytes: UnsafeMutablePointer<UInt8>
        let count: Int
        /// The end of the file (or of what could be read of it).
        let isLast: Bool
        /// Whether reading failed before the end.
        let failed: Bool
        /// The SHA-256 of the whole file, on the last chunk when asked for.
        let digest: SHA256.Digest?
    }

    private let file: UnsafeMutablePointer<FILE>
    private let chunkSize: Int
    let headroom: Int
    private let hashing: Bool
    /// Hand out the file's carriage returns as line feeds, once hashed (`LineEnds`).
    private let carriageReturnsAsLineFeeds: Bool
    /// Where each buffer's chunk starts (`headroom` bytes into it).
    private let buffers: [UnsafeMutablePointer<UInt8>]
    private let ready: Handoff<Chunk>
    private let spare: Handoff<UnsafeMutablePointer<UInt8>>

    /// Starts reading `file` (which must stay open until the last chunk is taken) in chunks of
    /// `chunkSize` bytes, at most `depth` chunks ahead. The consumer may keep one chunk while it
    /// takes the next.
    init(
        file: UnsafeMutablePointer<FILE>, chunkSize: Int, headroom: Int, hashing: Bool,
        carriageReturnsAsLineFeeds: Bool, depth: Int = 4
    ) {
        self.file = file
        self.chunkSize = chunkSize
        self.headroom = headroom
        self.hashing = hashing
        self.carriageReturnsAsLineFeeds = carriageReturnsAsLineFeeds
        buffers = (0..<depth).map { _ in
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: headroom + chunkSize)
            return buffer + headroom
        }
        ready = Handoff(capacity: depth)
        spare = Handoff(capacity: depth, holding: buffers)
        Thread { [self] in run() }.start()
    }

    deinit {
        for buffer in buffers { (buffer - headroom).deallocate() }
    }

    private func run() {
        var hasher = SHA256()
        while true {
            let buffer = spare.take()
            let count = fread(buffer, 1, chunkSize, file)
            let failed = count < chunkSize && ferror(file) != 0
            let isLast = failed || (count < chunkSize && feof(file) != 0)
            if hashing, count > 0 { hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: count)) }
            let digest = isLast && hashing ? hasher.finalize() : nil
            if carriageReturnsAsLineFeeds {
                LineEnds.readCarriageReturnsAsLineFeeds(UnsafeMutableRawBufferPointer(start: buffer, count: count))
            }
            ready.put(Chunk(bytes: buffer, count: count, isLast: isLast, failed: failed, digest: digest))
            if isLast { return }
        }
    }

    /// The next chunk in file order, waiting for it if need be.
    func next() -> Chunk { ready.take() }

    /// Hands a chunk's buffer back to be read into again.
    func recycle(_ chunk: Chunk) { spare.put(chunk.bytes) }
}
