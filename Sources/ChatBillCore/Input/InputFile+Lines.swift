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
}
