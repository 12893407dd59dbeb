/// How a report names a place in the export: `12` in an export of one file; `2:12` (file 2, line
/// 12) in an export of several, numbered as the report lists them. In a database export the
/// numbers are rows, not lines.
struct LinePlaces {
    let isSeveralFiles: Bool
    /// `lines`, or `rows` for a database export.
    let noun: String

    init(_ summary: TranscriptSummary) {
        isSeveralFiles = summary.files.count > 1
        noun = summary.rowTable == nil ? "lines" : "rows"
    }

    func place(file: Int, line: Int) -> String {
        isSeveralFiles ? "\(file + 1):\(line)" : "\(line)"
    }

    /// `12-40`, `12`, `2:12-40` or `1:900-2:30`.
    func span(_ session: Session) -> String {
        let first = place(file: session.files.lowerBound, line: session.firstLine)
        if session.files.lowerBound != session.files.upperBound {
            return first + "-" + place(file: session.files.upperBound, line: session.lastLine)
        }
        return session.firstLine == session.lastLine ? first : first + "-\(session.lastLine)"
    }

    /// `lines 12-30`, or with files, `lines 2:12-2:30`.
    func span(_ work: SessionReasons.SilentWork) -> String {
        "\(noun) \(place(file: work.after.file, line: work.after.line))-\(place(file: work.before.file, line: work.before.line))"
    }
}
