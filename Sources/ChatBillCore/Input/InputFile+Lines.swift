extension InputFile {
    /// The bytes of lines `first` through `last` (clamped to the file), and the last line itself
    /// clamped: where a message read from markup sits in the file.
    func span(lines first: Int, through last: Int) -> (lastLine: Int, bytes: Range<Int>) {
        let lastLine = min(max(last, first), max(1, lines.lineCount))
        let firstLine = min(first, lastLine)
        return (
            lastLine,
            lines.byteRange(ofLine: firstLine, in: bytes)
                .lowerBound..<lines.byteRange(ofLine: lastLine, in: bytes).upperBound
        )
    }

    /// Where a span of bytes starts, and the line it ends on.
    func lines(of span: Range<Int>) -> (location: InputLocation, lastLine: Int) {
        let location = lines.location(ofByte: span.lowerBound)
        return (location, max(location.line, lines.location(ofByte: max(span.lowerBound, span.upperBound - 1)).line))
    }

    /// The lines no message covers: in formats whose structure is not messages (JSON), the lines
    /// read as the export's frame or other conversations.
    func lines(notCoveredBy messages: [Message]) -> [Int] {
        var covered = Set<Int>()
        for message in messages { covered.formUnion(message.location.line...message.lastLine) }
        return lines.lineCount > 0 ? (1...lines.lineCount).filter { !covered.contains($0) } : []
    }
}
