/// How a report names a place in the export: `12` in an export of one file; `2:12` (file 2, line
/// 12) when the report reads several files (one export of several, or several exports), numbered
/// as the report lists them. In a database export the numbers are rows, not lines.
struct LinePlaces {
    let isSeveralFiles: Bool
    /// `lines`, or `rows` for a database export.
    let noun: String

    init(_ report: Report) {
        isSeveralFiles = report.sources.reduce(0) { $0 + $1.files.count } > 1
        noun = report.sources.allSatisfy { $0.rowTable != nil } ? "rows" : "lines"
    }

    func place(file: Int, line: Int) -> String {
        var text = TextBuffer()
        place(file: file, line: line, into: &text)
        return text.string
    }

    func place(file: Int, line: Int, into text: inout TextBuffer) {
        if isSeveralFiles {
            text.append(number: file + 1)
            text.append(byte: 0x3A)  // :
        }
        text.append(number: line)
    }

    /// `12-40`, `12`, `2:12-40` or `1:900-2:30`.
    func span(_ session: Session) -> String {
        var text = TextBuffer()
        span(session, into: &text)
        return text.string
    }

    func span(_ session: Session, into text: inout TextBuffer) {
        span(files: session.files, firstLine: session.firstLine, lastLine: session.lastLine, into: &text)
    }

    /// The span of a session that runs from `firstLine` of the first of `files` to `lastLine` of
    /// the last.
    func span(files: ClosedRange<Int>, firstLine: Int, lastLine: Int, into text: inout TextBuffer) {
        place(file: files.lowerBound, line: firstLine, into: &text)
        if files.lowerBound != files.upperBound {
            text.append(byte: 0x2D)  // -
            place(file: files.upperBound, line: lastLine, into: &text)
        } else if firstLine != lastLine {
            text.append(byte: 0x2D)
            text.append(number: lastLine)
        }
    }

    /// `lines 12-30`, or with files, `lines 2:12-2:30`.
    func span(_ work: SessionReasons.SilentWork) -> String {
        "\(noun) \(place(file: work.after.file, line: work.after.line))-\(place(file: work.before.file, line: work.before.line))"
    }

    /// `line 4`, or with files, `line 3:4`.
    func line(_ reference: SessionReasons.Reference) -> String {
        "\(noun == "rows" ? "row" : "line") \(place(file: reference.file, line: reference.line))"
    }
}
