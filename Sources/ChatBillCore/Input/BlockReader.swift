import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file in blocks of whole lines, so that a file of any size is read in the memory of a
/// block or two. A consumer may ask to keep bytes it has already seen (the start of a message
/// whose last line is still to come): they are moved in front of the next block, so a message is
/// always in one piece of memory.
struct BlockReader {
    /// One block: the bytes kept from before, then new whole lines.
    struct Block {
        /// Valid only during the call that receives the block.
        let bytes: UnsafeBufferPointer<UInt8>
        /// The offset in the file of `bytes[0]`.
        let base: Int
        /// The lines not handed out before, as indices into `bytes`: whole lines, except that the
        /// last block may end without a newline.
        let lines: Range<Int>
        /// The number of the first line in `lines`.
        let firstLineNumber: Int
        let isLast: Bool

        var lineReader: LineReader { LineReader(bytes, lines: lines, firstNumber: firstLineNumber) }

        /// The number of the last line in `lines` (the one before the first for no lines), for a
        /// consumer that reads across lines rather than line by line.
        var lastLineNumber: Int {
            guard !lines.isEmpty else { return firstLineNumber - 1 }
            var newlines = 0
            var position = bytes.baseAddress! + lines.lowerBound
            let end = bytes.baseAddress! + lines.upperBound
            while let found = memchr(position, 0x0A, end - position) {
                newlines += 1
                position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return firstLineNumber + newlines - (bytes[lines.upperBound - 1] == 0x0A ? 1 : 0)
        }
    }

    /// What a consumer did with a block.
    struct Progress {
        /// The file offset of the first byte the consumer still needs (`Int.max` for none).
        var keepFrom: Int
        /// The number of the last line the consumer read.
        var lastLine: Int
    }

    /// What reading the whole file found.
    struct Totals {
        let byteCount: Int
        let lineCount: Int
        /// Lower-case hexadecimal SHA-256, when asked for.
        let sha256: String?
    }

    static let defaultBlockSize = 1 << 20

    let path: String
    let blockSize: Int
    /// The file's lines end in carriage returns alone, which blocks hand out as line feeds.
    let hasCarriageReturnLines: Bool

    /// - Throws: `ChatBillError.unreadableInput` when the file cannot be read.
    init(path: String, blockSize: Int = defaultBlockSize) throws(ChatBillError) {
        hasCarriageReturnLines = try InputFile.rawHead(path: path, count: LineEnds.sampleLength)
            .withUnsafeBytes(LineEnds.areCarriageReturns)
        self.path = path
        self.blockSize = max(1, blockSize)
    }

    /// Hands every block to `body` in file order.
    ///
    /// - Throws: `ChatBillError.unreadableInput` when reading fails part way.
    func forEachBlock(hashing: Bool = false, _ body: (Block) -> Progress) throws(ChatBillError) -> Totals {
        guard let file = fopen(path, "rb") else {
            throw .unreadableInput(Diagnostic(.error, file: path, "cannot be read (check its permissions)"))
        }
        defer { fclose(file) }
        let readAhead = ReadAhead(
            file: file, chunkSize: blockSize, headroom: min(blockSize, Self.headroom), hashing: hashing,
            carriageReturnsAsLineFeeds: hasCarriageReturnLines)
        var digest: SHA256.Digest?
        // The bytes carried over to the next block (those the consumer keeps, then the line not yet
        // ended): in the buffer of the chunk last read (`held`), which goes back to the reader once
        // they are moved on, or in `storage` when they are more than a chunk's headroom.
        var carried = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
        var held: ReadAhead.Chunk?
        var storage = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
        defer { storage.deallocate() }
        var base = 0
        var linesStart = 0
        var nextLine = 1
        var isLast = false
        while !isLast {
            let chunk = readAhead.next()
            digest = chunk.digest
            guard !chunk.failed else {
                throw .unreadableInput(Diagnostic(.error, file: path, "could not be read to the end"))
            }
            isLast = chunk.isLast
            let bytes: UnsafeMutablePointer<UInt8>
            if carried.count <= readAhead.headroom {
                // Most blocks: the few bytes carried go in front of the chunk, in its own buffer.
                bytes = chunk.bytes - carried.count
                if let start = carried.baseAddress { memmove(bytes, start, carried.count) }
                if let held { readAhead.recycle(held) }
                held = chunk
            } else {
                if storage.count < carried.count + chunk.count {
                    // The bytes carried may be in the storage given up: moved before it goes.
                    let grown = UnsafeMutableBufferPointer<UInt8>.allocate(
                        capacity: max(2 * storage.count, carried.count + chunk.count))
                    memmove(grown.baseAddress!, carried.baseAddress!, carried.count)
                    storage.deallocate()
                    storage = grown
                } else {
                    memmove(storage.baseAddress!, carried.baseAddress!, carried.count)
                }
                (storage.baseAddress! + carried.count).update(from: chunk.bytes, count: chunk.count)
                readAhead.recycle(chunk)
                if let held { readAhead.recycle(held) }
                held = nil
                bytes = storage.baseAddress!
            }
            let filled = carried.count + chunk.count
            let linesEnd: Int
            if isLast {
                linesEnd = filled
            } else if let newline = Self.lastNewline(bytes + linesStart, count: filled - linesStart) {
                linesEnd = linesStart + newline + 1
            } else {
                carried = UnsafeMutableBufferPointer(start: bytes, count: filled)
                continue  // a line longer than a block: read on
            }
            let block = Block(
                bytes: UnsafeBufferPointer(start: bytes, count: filled), base: base, lines: linesStart..<linesEnd,
                firstLineNumber: nextLine, isLast: isLast)
            let progress = body(block)
            nextLine = progress.lastLine + 1
            let keep = max(0, min(progress.keepFrom - base, linesEnd))
            carried = UnsafeMutableBufferPointer(start: bytes + keep, count: filled - keep)
            base += keep
            linesStart = linesEnd - keep
        }
        if let held { readAhead.recycle(held) }
        return Totals(
            byteCount: base + carried.count, lineCount: nextLine - 1,
            sha256: digest.map(ExportFile.hex))
    }

    /// How many bytes carried over from one block to the next are put in front of the next chunk
    /// where it was read, rather than copied with it elsewhere.
    static let headroom = 64 * 1024

    /// The file as a report names it, once `forEachBlock(hashing: true)` has read it whole.
    func exportFile(_ totals: Totals) -> ExportFile {
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        return ExportFile(
            displayName: path, sha256: totals.sha256 ?? "", lineCount: totals.lineCount, modificationDate: modified)
    }

    private static func lastNewline(_ start: UnsafeMutablePointer<UInt8>, count: Int) -> Int? {
        var index = count - 1
        while index >= 0 {
            if start[index] == 0x0A { return index }
            index -= 1
        }
        return nil
    }
}
