/// A message whose first line has been read and whose continuation lines may follow, for line-
/// based formats: where it starts, the ranges of its text lines, and where it ends.
struct PendingMessage {
    let line: Int
    let lineStart: Int
    private(set) var textLines: [Range<Int>]
    private(set) var end: Int
    private(set) var lastLine: Int
    /// Blank lines seen since the last text line: they become text only if more text follows.
    private var heldBlankLines: [Range<Int>] = []

    /// Starts at `line`; its text starts at `textStart` on that line, or on the next line when nil.
    init(_ line: LineReader.Line, textStart: Int?) {
        self.line = line.number
        lineStart = line.content.lowerBound
        textLines = textStart.map { [$0..<max($0, line.content.upperBound)] } ?? []
        end = line.content.upperBound
        lastLine = line.number
    }

    /// Adds a continuation line.
    mutating func append(_ line: LineReader.Line) {
        if !textLines.isEmpty { textLines += heldBlankLines }
        heldBlankLines = []
        textLines.append(line.content)
        end = line.content.upperBound
        lastLine = line.number
    }

    /// Notes a blank line: part of the message only if text follows it.
    mutating func appendBlank(_ line: LineReader.Line) {
        heldBlankLines.append(line.content)
    }

    /// Covers a line that belongs to the message but is not text (a sender line).
    mutating func extend(over line: LineReader.Line) {
        end = line.content.upperBound
        lastLine = line.number
    }

    var location: InputLocation { InputLocation(line: line, column: 1) }
    var byteRange: Range<Int> { lineStart..<end }

    /// The text lines, each without its indentation, joined with `\n`, blank lines at the end
    /// dropped. Lines that are not valid UTF-8 are read as Windows-1252.
    func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var lines = textLines.map { bytes.decodedText(bytes.trimmed($0)) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
