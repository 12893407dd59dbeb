#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A text file whose lines end in a carriage return alone (classic Mac OS; Excel for Mac's
/// "CSV (Macintosh)") is read with those carriage returns as line feeds, one byte for another, so
/// every reader of lines sees its lines while offsets, line numbers and columns stay the file's
/// (and its SHA-256 is taken before). Whether a file is one is told by its start, the same way for
/// a file read whole and one read in blocks.
enum LineEnds {
    /// How much of a file's start tells.
    static let sampleLength = 64 * 1024

    /// Whether a file that starts with `head` ends its lines with carriage returns alone: its first
    /// `sampleLength` bytes hold a carriage return, no line feed, and no NUL byte (which a text
    /// file in UTF-8 or a legacy code page never holds, and a database or UTF-16 file does).
    static func areCarriageReturns(_ head: UnsafeRawBufferPointer) -> Bool {
        guard let start = head.baseAddress else { return false }
        let count = min(head.count, sampleLength)
        return memchr(start, 0x0D, count) != nil && memchr(start, 0x0A, count) == nil && memchr(start, 0, count) == nil
    }

    /// Turns every carriage return in `bytes` into a line feed.
    static func readCarriageReturnsAsLineFeeds(_ bytes: UnsafeMutableRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        let end = base + bytes.count
        var position = base
        while let found = memchr(position, 0x0D, end - position) {
            found.storeBytes(of: 0x0A, as: UInt8.self)
            position = found + 1
        }
    }

    /// `bytes` as chatbill reads them: a file of carriage-return lines with line feeds instead.
    static func normalised(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.withUnsafeBytes(areCarriageReturns) else { return bytes }
        var normalised = bytes
        normalised.withUnsafeMutableBytes(readCarriageReturnsAsLineFeeds)
        return normalised
    }
}
