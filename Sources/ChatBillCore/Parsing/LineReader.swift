#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Walks the lines of a byte buffer with `memchr`, giving each line's 1-based number, its bytes
/// without the line ending (LF or CRLF), and where the next line starts.
struct LineReader: Sequence, IteratorProtocol {
    struct Line {
        let number: Int
        /// The line's bytes, without LF or CRLF.
        let content: Range<Int>
        /// Whether the line ended in CRLF.
        let hadCarriageReturn: Bool
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var number = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func next() -> Line? {
        guard position < bytes.count, let base = bytes.baseAddress else { return nil }
        let start = position
        let remaining = bytes.count - start
        var end: Int
        if let found = memchr(base + start, 0x0A, remaining) {
            end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            position = end + 1
        } else {
            end = bytes.count
            position = bytes.count
        }
        var hadCarriageReturn = false
        if end > start, bytes[end - 1] == 0x0D {
            end -= 1
            hadCarriageReturn = true
        }
        number += 1
        return Line(number: number, content: start..<end, hadCarriageReturn: hadCarriageReturn)
    }
}
