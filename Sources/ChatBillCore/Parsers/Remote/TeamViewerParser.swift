import Foundation

/// TeamViewer connection logs, as evidence of remote work between chat messages: each connection
/// becomes a `.remote` message lasting from its start to its end.
///
/// - The local logs, tab-separated without a header: `Connections.txt` on the provider's machine
///   (`ID  start  end  user  type  GUID`) and `Connections_incoming.txt` on the client's
///   (`ID  display name  start  end  user  type  GUID`), times `DD-MM-YYYY HH:mm:ss` in UTC.
/// - A connection report saved as CSV, with a header that names the start and end columns
///   (`Start`, `End`, or the Web API's `start_date`, `end_date`) and the partner (`Device`,
///   `Computer`, `Partner`, `devicename`, `ID`, …); times in UTC as TeamViewer exports them, read
///   in any layout of `TeamViewerParser.layouts` or ISO 8601. No real report was at hand: the
///   column names are the ones TeamViewer's console and Web API use, matched loosely.
///
/// The sender of a connection is the partner's display name, else its TeamViewer ID: that is what
/// a client's `match` in the config names.
public struct TeamViewerParser: TranscriptParser {
    public let name = "teamviewer"
    public let displayName = "TeamViewer connection log (Connections.txt, Connections_incoming.txt, report .csv)"
    public let fileExtensions = ["txt", "csv"]

    public init() {}

    /// Timestamp layouts TeamViewer logs and reports are written in.
    static let layouts = [
        "DD-MM-YYYY HH:mm:ss", "DD-MM-YYYY HH:mm", "YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD HH:mm", "DD.MM.YYYY HH:mm:ss",
        "DD.MM.YYYY HH:mm", "M/D/YYYY h:mm:ss A", "M/D/YYYY h:mm A", "M/D/YYYY HH:mm:ss", "M/D/YYYY HH:mm",
    ].compactMap(TimestampLayout.init)

    /// What a report column holds, by its header.
    enum Column {
        case start, end, partner, id, user, skip

        init(header: String) {
            switch header.trimmingWhitespace().lowercased() {
            case "start", "start time", "started", "begin", "beginn", "startzeit", "start date", "start_date":
                self = .start
            case "end", "end time", "ended", "ende", "endzeit", "end date", "end_date": self = .end
            case "device", "computer", "partner", "display name", "devicename", "device name", "device_name",
                "computer name", "gerät":
                self = .partner
            case "id", "teamviewer id", "partner id", "device id", "deviceid", "device_id": self = .id
            case "user", "expert", "benutzer", "username", "user name", "supporter": self = .user
            default: self = .skip
            }
        }
    }

    public func detect(_ probe: DetectionProbe) -> Detection {
        let name = probe.fileName.lowercased()
        let named = name.hasPrefix("connections") && name.hasSuffix(".txt")
        let (records, connections, header) = Array(probe.head).withUnsafeBufferPointer { bytes in
            var reader = CSVRecordReader(bytes)
            var records = 0
            var connections = 0
            var header = false
            while records < 20, let record = reader.next() {
                records += 1
                let fields = record.fields.map { reader.text($0) }
                if records == 1 {
                    let columns = fields.map(Column.init(header:))
                    header =
                        columns.contains(.start) && columns.contains(.end)
                        && (columns.contains(.partner) || columns.contains(.id))
                }
                if Self.localLogConnection(fields) != nil { connections += 1 }
            }
            return (records, connections, header)
        }
        if header {
            return Detection(confidence: 60, reason: "a CSV header names start, end and partner columns of connections")
        }
        guard connections > 0, connections * 2 >= records else {
            return .no("no TeamViewer connection lines ('ID<TAB>DD-MM-YYYY HH:mm:ss<TAB>DD-MM-YYYY HH:mm:ss…')")
        }
        return Detection(
            confidence: min(100, 50 + 40 * connections / max(records, 1) + (named ? 10 : 0)),
            reason: "\(connections) of the first \(records) lines are TeamViewer connections")
    }

    /// The partner, start and end of a local log line's fields: the partner id, an optional display
    /// name, then two timestamps.
    static func localLogConnection(_ fields: [String]) -> (partner: String, start: String, end: String)? {
        guard fields.count >= 3 else { return nil }
        let id = fields[0].trimmingWhitespace()
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == " ") }) else { return nil }
        for startIndex in 1...min(2, fields.count - 2) {
            let start = fields[startIndex].trimmingWhitespace()
            let end = fields[startIndex + 1].trimmingWhitespace()
            guard civil(start) != nil, civil(end) != nil else { continue }
            let display = startIndex == 2 ? fields[1].trimmingWhitespace() : ""
            return (display.isEmpty ? id : display, start, end)
        }
        return nil
    }

    /// A timestamp in any of the layouts, with its offset when it states one.
    static func civil(_ text: String) -> (CivilDateTime, offset: Int?)? {
        if let iso = TimestampLayout.readISO(text) { return iso }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            for layout in layouts {
                if let read = layout.read(buffer, 0..<buffer.count) { return read }
            }
            return nil
        }
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let utc = ZoneChoice(TimeZone(identifier: "UTC")!, source: .export)
        return try input.bytes.withUnsafeBufferPointer { bytes throws(ChatBillError) -> Transcript in
            var reader = CSVRecordReader(bytes)
            let records = Array(reader)
            reader = CSVRecordReader(bytes)
            var messages: [Message] = []
            var diagnostics: [Diagnostic] = []
            var headerLines = reader.hintLine.map { [$0] } ?? []
            var columns: [Column]?
            if let first = records.first {
                let named = first.fields.map { Column(header: reader.text($0)) }
                if named.contains(.start), named.contains(.end) {
                    columns = named
                    headerLines.append(first.line)
                }
            }
            for record in records.dropFirst(columns == nil ? 0 : 1) {
                let fields = record.fields.map { reader.text($0) }
                if fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
                let location = InputLocation(line: record.line, column: 1)
                guard let (partner, startText, endText) = connection(fields, columns: columns) else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: location,
                            "not a TeamViewer connection (partner, start and end); it is not billed"))
                    continue
                }
                guard let start = Self.civil(startText), let end = Self.civil(endText) else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: location,
                            "'\(startText)' or '\(endText)' is not a time TeamViewer writes; it is not billed"))
                    continue
                }
                let startInstant = start.0.instant(atOffset: start.offset ?? 0)
                let endInstant = end.0.instant(atOffset: end.offset ?? 0)
                let seconds = Int(endInstant.timeIntervalSince(startInstant).rounded())
                guard seconds >= 0 else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: location,
                            "the connection ends (\(endText)) before it starts (\(startText)); it is not billed"))
                    continue
                }
                messages.append(
                    Message(
                        instant: startInstant, timestampText: startText, sender: partner,
                        text: "TeamViewer connection until \(endText) UTC (\(DurationText.format(seconds: seconds)))",
                        kind: .remote, location: location, lastLine: record.lastLine, byteRange: record.byteRange,
                        seconds: seconds))
            }
            guard !messages.isEmpty else {
                throw .unreadableInput(
                    Diagnostic(
                        .error, file: file, at: InputLocation(line: 1, column: 1),
                        "no line of this file is a TeamViewer connection ('ID<TAB>start<TAB>end…' or a CSV report "
                            + "with Start and End columns)"))
            }
            return Transcript(
                input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: utc,
                headerLines: headerLines)
        }
    }

    /// The partner, start and end of a record, by the header's columns or the local log's layout.
    private func connection(_ fields: [String], columns: [Column]?) -> (String, String, String)? {
        guard let columns else { return Self.localLogConnection(fields) }
        func value(_ column: Column) -> String? {
            guard let index = columns.firstIndex(of: column), index < fields.count else { return nil }
            let text = fields[index].trimmingWhitespace()
            return text.isEmpty ? nil : text
        }
        guard let start = value(.start), let end = value(.end), let partner = value(.partner) ?? value(.id) else {
            return nil
        }
        return (partner, start, end)
    }
}
