#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Zero bytes (NUL) in a text export. No chat tool writes them, but a crash or a disk error leaves
/// a stretch of a file, or its end, filled with zeros where text stood. The parsers read the lines
/// they are on as they stand (most often as more text of the message before); this reports each
/// such line with its place, the first few one by one and the rest counted, so that damage that
/// may have swallowed messages never passes silently.
struct ZeroBytes {
    static let reported = 10

    let file: String
    private(set) var lineCount = 0

    init(file: String) {
        self.file = file
    }

    /// Whether `range` of `bytes` holds a zero byte.
    static func occur(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, let base = bytes.baseAddress else { return false }
        return memchr(base + range.lowerBound, 0, range.count) != nil
    }

    /// Looks for zero bytes on a line; the warning to report for it, while there are few.
    mutating func check(_ bytes: UnsafeBufferPointer<UInt8>, line: LineReader.Line) -> Diagnostic? {
        guard Self.occur(in: bytes, line.content) else { return nil }
        lineCount += 1
        guard lineCount <= Self.reported else { return nil }
        let content = bytes[line.content]
        let first = content.firstIndex(of: 0)!
        let zeros = content.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        return Diagnostic(
            .warning, file: file, at: InputLocation(line: line.number, column: first - line.content.lowerBound + 1),
            Self.damage(zeros == 1 ? "a zero byte" : "\(zeros) zero bytes"))
    }

    /// What the warning says about `zeros` ("183 zero bytes") on a line.
    static func damage(_ zeros: String) -> String {
        "the file is damaged here: \(zeros) (NUL), which a crash or a disk error leaves where text stood; what stood "
            + "there is lost (a message may be missing), and the line is read as it stands"
    }

    /// The warning for the lines not reported one by one, if any.
    var summary: Diagnostic? {
        guard lineCount > Self.reported else { return nil }
        return Diagnostic(
            .warning, file: file, "\(lineCount - Self.reported) more lines hold zero bytes (NUL); the file is damaged")
    }
}
