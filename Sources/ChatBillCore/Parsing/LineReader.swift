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
    private var position: Int
    private let limit: Int
    private var number: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.init(bytes, lines: 0..<bytes.count, firstNumber: 1)
    }

    /// The lines in `lines` of `bytes`, the first numbered `firstNumber`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, lines: Range<Int>, firstNumber: Int) {
        self.bytes = bytes
        position = lines.lowerBound
        limit = lines.upperBound
        number = firstNumber - 1
    }

    /// The number of the last line handed out (one less than the first before any).
    var lastNumber: Int { number }

    mutating func next() -> Line? {
        guard position < limit, let base = bytes.baseAddress else { return nil }
        let start = position
        var end: Int
        if let found = memchr(base + start, 0x0A, limit - start) {
            end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            position = end + 1
        } else {
            end = limit
            position = limit
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
