/// A list of byte strings to look for at the start, at the end or as the whole of a range of
/// bytes, with a table of the bytes they start and end with: a text that starts (or ends) with
/// any other byte is turned away by one lookup instead of a comparison per entry (and a text to
/// match whole, by its length as well).
struct ByteStrings {
    let entries: [[UInt8]]
    /// 256 bits each: which bytes the entries start with, and which they end with.
    private let firstBytes: [UInt64]
    private let lastBytes: [UInt64]
    /// 256 bits: which lengths the entries have, 255 standing for 255 bytes or more.
    private let lengths: [UInt64]

    init(_ strings: [String]) {
        entries = strings.map { Array($0.utf8) }.filter { !$0.isEmpty }
        var first = [UInt64](repeating: 0, count: 4)
        var last = [UInt64](repeating: 0, count: 4)
        var lengths = [UInt64](repeating: 0, count: 4)
        for entry in entries {
            let length = UInt8(min(entry.count, 255))
            lengths[Int(length >> 6)] |= 1 << UInt64(length & 63)
            first[Int(entry[0] >> 6)] |= 1 << UInt64(entry[0] & 63)
            last[Int(entry[entry.count - 1] >> 6)] |= 1 << UInt64(entry[entry.count - 1] & 63)
        }
        firstBytes = first
        lastBytes = last
        self.lengths = lengths
    }

    private static func has(_ table: [UInt64], _ byte: UInt8) -> Bool {
        table[Int(byte >> 6)] & (1 << UInt64(byte & 63)) != 0
    }

    /// Whether `range` of `bytes` is one of the entries.
    func isWhole(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, Self.has(firstBytes, bytes[range.lowerBound]),
            Self.has(lengths, UInt8(min(range.count, 255)))
        else { return false }
        return entries.contains { bytes.range(range, equals: $0) }
    }

    /// Whether `range` of `bytes` starts with one of the entries.
    func startsWithOne(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, Self.has(firstBytes, bytes[range.lowerBound]) else { return false }
        return entries.contains { bytes.range(range, hasPrefix: $0) }
    }

    /// The entry `range` of `bytes` ends with, if one does.
    func suffix(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8]? {
        guard !range.isEmpty, Self.has(lastBytes, bytes[range.upperBound - 1]) else { return nil }
        return entries.first { bytes.range(range, hasSuffix: $0) }
    }

    /// Whether one of the entries occurs anywhere in `range` of `bytes`.
    func occursIn(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        entries.contains { bytes.range(range, contains: $0) }
    }
}
