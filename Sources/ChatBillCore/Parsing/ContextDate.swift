/// The day of an export whose lines carry only a time (Zoom, Pidgin), and where it came from, so
/// the report can say why each message has the date it has.
public struct ContextDate: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// The user passed `--date`.
        case flag
        /// The folder the file is in is named after the meeting (`2020-10-06 12.00.01 Topic`).
        case folderName(String)
        /// The file's own name carries the date (`2010-01-11.000101+0000GMT.txt`).
        case fileName(String)
        /// A header line of the file states it.
        case header(line: Int)
        /// Nothing said otherwise: the day the file was last modified, in the report's zone.
        case fileTime
    }

    /// The first day; lines whose time goes backwards move on to the next day.
    public let day: CivilDateTime
    public let source: Source

    public init(day: CivilDateTime, source: Source) {
        self.day = CivilDateTime(year: day.year, month: day.month, day: day.day)
        self.source = source
    }

    /// Reads `YYYY-MM-DD`, as `--date` takes it.
    public static func parseISODate(_ text: String) -> CivilDateTime? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2])
        else { return nil }
        let civil = CivilDateTime(year: year, month: month, day: day)
        return civil.isValid ? civil : nil
    }

    public var summary: String {
        let why =
            switch source {
            case .flag: "from --date"
            case .folderName(let name): "from the folder name '\(name)'"
            case .fileName(let name): "from the file name '\(name)'"
            case .header(let line): "from the header at line \(line)"
            case .fileTime: "the file's modification day; pass --date if the chat was on another day"
            }
        return "\(day.dateString) (\(why))"
    }

    /// A short name of the source for the JSON report.
    public var sourceName: String {
        switch source {
        case .flag: "flag"
        case .folderName: "folder-name"
        case .fileName: "file-name"
        case .header: "header"
        case .fileTime: "file-time"
        }
    }
}
