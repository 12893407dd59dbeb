/// A list of byte strings to look for at the start, at the end or as the whole of a range of
/// bytes, with a table of the bytes they start and end with: a text that starts (or ends) with
/// any other byte is turned away by one lookup instead of a comparison per entry (and a text to
/// match whole, by its length as well).
struct ByteStrings {
    let entries: [[UInt8]]
    /// Which bytes the entries start with, and which they end with.
    let firstBytes: ByteSet
    let lastBytes: ByteSet
    /// Which lengths the entries have, 255 standing for 255 bytes or more.
    private let lengths: ByteSet

    init(_ strings: [String]) {
        entries = strings.map { Array($0.utf8) }.filter { !$0.isEmpty }
        firstBytes = ByteSet(entries.map { $0[0] })
        lastBytes = ByteSet(entries.map { $0[$0.count - 1] })
        lengths = ByteSet(entries.map { UInt8(min($0.count, 255)) })
    }

    /// Whether `range` of `bytes` is one of the entries.
    func isWhole(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, firstBytes.contains(bytes[range.lowerBound]),
            lengths.contains(UInt8(min(range.count, 255)))
        else { return false }
        return entries.contains { bytes.range(range, equals: $0) }
    }

    /// Whether `range` of `bytes` starts with one of the entries.
    func startsWithOne(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, firstBytes.contains(bytes[range.lowerBound]) else { return false }
        return entries.contains { bytes.range(range, hasPrefix: $0) }
    }

    /// The entry `range` of `bytes` ends with, if one does.
    func suffix(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8]? {
        guard !range.isEmpty, lastBytes.contains(bytes[range.upperBound - 1]) else { return nil }
        return entries.first { bytes.range(range, hasSuffix: $0) }
    }

    /// Whether one of the entries occurs anywhere in `range` of `bytes`.
    func occursIn(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        entries.contains { bytes.range(range, contains: $0) }
    }
}
