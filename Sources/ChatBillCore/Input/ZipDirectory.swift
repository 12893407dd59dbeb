import Foundation
import ZIPFoundation

/// The table of contents of a zip archive held in memory, and the files it lists, read with every
/// offset and size checked against the archive's bytes. ZIPFoundation's `Archive` is not used for
/// reading: in memory it traps on an entry said to lie past the end of a damaged archive, and
/// from a file it loops for ever on a deflate stream that never ends. Only its `inflate` (through
/// `Data.decompress`) and CRC-32 are used, fed and drained within bounds.
struct ZipDirectory {
    struct Entry {
        let path: String
        let isDirectory: Bool
        /// 0 stored, 8 deflated.
        let method: Int
        let checksum: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
        /// Password-protected.
        let isEncrypted: Bool
    }

    /// Why an archive or one of its files cannot be read.
    enum Failure: Error, Equatable {
        /// No end record: the archive was cut short (or is not one).
        case noTableOfContents
        /// What is wrong with it (its table of contents lies outside it, a file does not match its
        /// checksum, …): a damaged archive.
        case damaged(String)
        /// A file stored in a way chatbill does not read (password-protected, another compression).
        case unsupported(String)
    }

    let entries: [Entry]
    /// How many entries the end record says the archive holds.
    let listedCount: Int

    /// Reads the table of contents of the archive in `bytes` (ZIP64 included).
    init(_ bytes: [UInt8]) throws(Failure) {
        guard let end = Self.endRecord(bytes) else { throw .noTableOfContents }
        var count = Self.int(bytes, end + 10, 2)
        var directorySize = Self.int(bytes, end + 12, 4)
        var directoryStart = Self.int(bytes, end + 16, 4)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryStart == 0xFFFF_FFFF {
            // The ZIP64 end record, which the locator just before the end record points to.
            guard end >= 20, Self.int(bytes, end - 20, 4) == 0x0706_4B50 else { throw .damaged("no ZIP64 locator") }
            let record = Self.int(bytes, end - 12, 8)
            guard record >= 0, record <= bytes.count - 56, Self.int(bytes, record, 4) == 0x0606_4B50 else {
                throw .damaged("no ZIP64 end record")
            }
            count = Self.int(bytes, record + 32, 8)
            directorySize = Self.int(bytes, record + 40, 8)
            directoryStart = Self.int(bytes, record + 48, 8)
        }
        guard directoryStart >= 0, directorySize >= 0, directoryStart <= bytes.count - directorySize else {
            throw .damaged("its table of contents lies outside it")
        }
        var entries: [Entry] = []
        var position = directoryStart
        let directoryEnd = directoryStart + directorySize
        while position + 46 <= directoryEnd, Self.int(bytes, position, 4) == 0x0201_4B50 {
            let flags = Self.int(bytes, position + 8, 2)
            let nameLength = Self.int(bytes, position + 28, 2)
            let extraLength = Self.int(bytes, position + 30, 2)
            let commentLength = Self.int(bytes, position + 32, 2)
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= directoryEnd else { throw .damaged("an entry of its table of contents is cut short") }
            let nameBytes = bytes[(position + 46)..<(position + 46 + nameLength)]
            let name =
                flags & 0x800 != 0
                ? String(decoding: nameBytes, as: UTF8.self)
                : Array(nameBytes).withUnsafeBufferPointer {
                    $0.decodedText(0..<$0.count)
                }
            var sizes = [
                Self.int(bytes, position + 24, 4), Self.int(bytes, position + 20, 4), Self.int(bytes, position + 42, 4),
            ]  // uncompressed, compressed, local header offset
            if sizes.contains(0xFFFF_FFFF) {
                Self.readZIP64(
                    bytes, extra: (position + 46 + nameLength)..<(position + 46 + nameLength + extraLength),
                    into: &sizes)
            }
            entries.append(
                Entry(
                    path: name, isDirectory: name.hasSuffix("/"), method: Self.int(bytes, position + 10, 2),
                    checksum: UInt32(Self.int(bytes, position + 16, 4)), compressedSize: sizes[1],
                    uncompressedSize: sizes[0], localHeaderOffset: sizes[2], isEncrypted: flags & 1 != 0))
            position = next
        }
        self.entries = entries
        listedCount = count
    }

    /// The listed files (not folders), by path.
    var files: [Entry] { entries.filter { !$0.isDirectory } }

    /// The bytes of `entry`, inflated when deflated, held to its listed size and checksum.
    func contents(of entry: Entry, in bytes: [UInt8]) throws(Failure) -> [UInt8] {
        guard !entry.isEncrypted else { throw .unsupported("it is password-protected; unpack it with its password") }
        let header = entry.localHeaderOffset
        guard header >= 0, header <= bytes.count - 30, Self.int(bytes, header, 4) == 0x0403_4B50 else {
            throw .damaged("its header is not where the table of contents puts it")
        }
        let start = header + 30 + Self.int(bytes, header + 26, 2) + Self.int(bytes, header + 28, 2)
        guard entry.compressedSize >= 0, start <= bytes.count - entry.compressedSize else {
            throw .damaged("it runs past the end of the archive")
        }
        let stored = bytes[start..<(start + entry.compressedSize)]
        let content: [UInt8]
        switch entry.method {
        case 0: content = Array(stored)
        case 8: content = try Self.inflate(stored, size: entry.uncompressedSize)
        default:
            throw .unsupported("it is compressed with method \(entry.method), which chatbill does not read; unpack it")
        }
        guard content.count == entry.uncompressedSize else { throw .damaged("it is not the size its entry says") }
        guard Data(content).crc32(checksum: 0) == entry.checksum else {
            throw .damaged("it does not match its checksum")
        }
        return content
    }

    /// Inflates `deflated`, which must come to `size` bytes: zlib is given whole chunks (the last
    /// one padded, as ZIPFoundation's loop assumes a full chunk) and asking for more than there is
    /// ends the reading, as does more output than `size`.
    private static func inflate(_ deflated: ArraySlice<UInt8>, size: Int) throws(Failure) -> [UInt8] {
        let chunkSize = 64 * 1024
        var output: [UInt8] = []
        output.reserveCapacity(size)
        var offset = deflated.startIndex
        do {
            _ = try Data.decompress(
                size: Int64(deflated.count), bufferSize: chunkSize, skipCRC32: true,
                provider: { _, _ in
                    guard offset < deflated.endIndex else { throw Failure.damaged("its compressed data ends early") }
                    let end = min(offset + chunkSize, deflated.endIndex)
                    var chunk = Data(deflated[offset..<end])
                    chunk.append(Data(count: chunkSize - chunk.count))
                    offset = end
                    return chunk
                },
                consumer: { data in
                    guard output.count + data.count <= size else {
                        throw Failure.damaged("it inflates to more than its entry says")
                    }
                    output.append(contentsOf: data)
                })
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .damaged("its compressed data is damaged")
        }
        return output
    }

    /// The 8-byte values ZIP64 keeps in an entry's extra field for those of `sizes` (uncompressed,
    /// compressed, offset) that are 0xFFFFFFFF, in that order.
    private static func readZIP64(_ bytes: [UInt8], extra: Range<Int>, into sizes: inout [Int]) {
        var position = extra.lowerBound
        while position + 4 <= extra.upperBound {
            let id = int(bytes, position, 2)
            let length = int(bytes, position + 2, 2)
            var field = position + 4
            if id == 0x0001 {
                for index in sizes.indices where sizes[index] == 0xFFFF_FFFF && field + 8 <= position + 4 + length {
                    sizes[index] = int(bytes, field, 8)
                    field += 8
                }
                return
            }
            position += 4 + length
        }
    }

    /// Where the end record (`PK\u{5}\u{6}`) starts: the last one, within a comment's reach of
    /// the end.
    private static func endRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while index >= lowest {
            if int(bytes, index, 4) == 0x0605_4B50 { return index }
            index -= 1
        }
        return nil
    }

    /// The little-endian whole number of `width` bytes at `offset` (0 past the end); one of 8
    /// bytes too large for an `Int` reads as -1, which every bounds check refuses.
    private static func int(_ bytes: [UInt8], _ offset: Int, _ width: Int) -> Int {
        guard offset >= 0, offset <= bytes.count - width else { return 0 }
        var value: UInt64 = 0
        for index in (0..<width).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value > UInt64(Int.max) ? -1 : Int(value)
    }
}
