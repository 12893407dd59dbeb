import Foundation

/// Any chat that can be saved as CSV, for tools chatbill has no parser for (and
/// DiscordChatExporter's CSV): which column is what comes from `--columns` or the header row,
/// and timestamps are ISO 8601, Unix epoch seconds or milliseconds, or the `--time-format`
/// layout.
///
///     chatbill report chat.csv --parser csv --columns time,sender,text --time-format "DD.MM.YYYY HH:mm"
public struct CSVParser: TranscriptParser {
    public let name = "csv"
    public let displayName = "Any chat as CSV (--columns time,sender,text; --time-format)"
    public let fileExtensions = ["csv", "tsv"]

    public init() {}

    /// What a column holds.
    public enum Column: Sendable, Hashable {
        /// Date and time together (or the time of day when a `date` column exists).
        case time
        case date
        case sender
        case text
        /// Attachment links or file names; a record with only these is an attachment.
        case attachments
        case skip

        /// Reads a column name as people write it in `--columns` or in a header row.
        public init(name: String) {
            switch name.trimmingCharacters(in: .whitespaces).lowercased() {
            case "time", "timestamp", "datetime", "date_time", "sent", "created", "created_at": self = .time
            case "date", "day": self = .date
            case "sender", "author", "from", "name", "user", "username", "nick": self = .sender
            case "text", "message", "content", "body", "msg": self = .text
            case "attachments", "attachment", "files", "file": self = .attachments
            default: self = .skip
            }
        }
    }

    /// The CSV-only choices.
    public struct Options: Sendable, Hashable {
        public var columns: [Column]?
        public var timeLayout: TimestampLayout?

        public init(columns: [Column]? = nil, timeLayout: TimestampLayout? = nil) {
            self.columns = columns
            self.timeLayout = timeLayout
        }
    }

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = Array(probe.head)
        let roles = head.withUnsafeBufferPointer { buffer -> [Column] in
            var reader = CSVRecordReader(buffer)
            guard let header = reader.next() else { return [] }
            return header.fields.map { Column(name: reader.text($0)) }
        }
        let named = probe.fileName.lowercased().hasSuffix(".csv") || probe.fileName.lowercased().hasSuffix(".tsv")
        guard roles.contains(.text), roles.contains(.time) || roles.contains(.date) else {
            return named
                ? Detection(confidence: 5, reason: "a .csv file; name its columns with --columns")
                : .no("no CSV header with time and text columns")
        }
        return Detection(confidence: named ? 70 : 40, reason: "a CSV header names time, sender and text columns")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let outcome = input.bytes.withUnsafeBufferPointer { bytes -> Result<Transcript, ChatBillError> in
            var reader = CSVRecordReader(bytes)
            var records = Array(reader)
            reader = CSVRecordReader(bytes)
            guard let first = records.first else {
                return .failure(.unreadableInput(Diagnostic(.error, file: file, "the CSV file has no records")))
            }
            var headerLines = reader.hintLine.map { [$0] } ?? []
            let columns: [Column]
            if let given = options.csv.columns {
                columns = given
            } else {
                columns = first.fields.map { Column(name: reader.text($0)) }
                headerLines.append(first.line)
                records.removeFirst()
            }
            guard let textColumn = columns.firstIndex(of: .text),
                let timeColumn = columns.firstIndex(of: .time) ?? columns.firstIndex(of: .date)
            else {
                return .failure(
                    .needsChoice(
                        Diagnostic(
                            .error, file: file, at: InputLocation(line: first.line, column: 1),
                            "which columns hold the time and the text? pass --columns, e.g. --columns time,sender,text")
                    ))
            }
            let dateColumn = columns.firstIndex(of: .date).flatMap { $0 == timeColumn ? nil : $0 }
            let senderColumn = columns.firstIndex(of: .sender)
            let attachmentColumn = columns.firstIndex(of: .attachments)
            func message(_ record: CSVRecordReader.Record, _ time: String, _ instant: Date) -> Message {
                Self.message(
                    record, reader, time, instant, sender: senderColumn, text: textColumn, attachments: attachmentColumn
                )
            }

            /// The time value of a record: `date time` when the date has its own column.
            func timeValue(_ record: CSVRecordReader.Record) -> String? {
                guard timeColumn < record.fields.count else { return nil }
                let time = reader.text(record.fields[timeColumn]).trimmingCharacters(in: .whitespaces)
                guard let dateColumn else { return time }
                guard dateColumn < record.fields.count else { return nil }
                return reader.text(record.fields[dateColumn]).trimmingCharacters(in: .whitespaces) + " " + time
            }

            var messages: [Message] = []
            var diagnostics: [Diagnostic] = []
            var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
            var layout = options.csv.timeLayout
            let columnsFrom = options.csv.columns == nil ? "the header names" : "--columns names"
            for (index, record) in records.enumerated() {
                let location = InputLocation(line: record.line, column: 1)
                if record.isUnclosed {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: location,
                            "a quoted field of this record is never closed, so the record runs to the end of the file "
                                + "(line \(record.lastLine)): is the file cut short?"))
                }
                if record.fields.count < columns.count {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: location,
                            "the record has \(CountText.format(record.fields.count, "field")) where \(columnsFrom) "
                                + "\(columns.count); the missing ones are read as empty"))
                }
                guard let value = timeValue(record) else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: location, "the record has no time column; it is not billed"))
                    continue
                }
                if layout == nil, let epoch = Self.epoch(value) {
                    messages.append(message(record, value, Date(timeIntervalSince1970: epoch)))
                    continue
                }
                let bytes = Array(value.utf8)
                let read = bytes.withUnsafeBufferPointer { valueBytes -> (CivilDateTime, offset: Int?)? in
                    if let layout { return layout.read(valueBytes, 0..<valueBytes.count) }
                    for candidate in TimestampLayout.unambiguousCandidates {
                        if let result = candidate.read(valueBytes, 0..<valueBytes.count) {
                            layout = candidate
                            return result
                        }
                    }
                    return nil
                }
                guard let (civil, offset) = read else {
                    if index == 0, options.csv.columns != nil {
                        headerLines.append(record.line)  // a header row under --columns
                        continue
                    }
                    if layout == nil {
                        return .failure(
                            .needsChoice(
                                Diagnostic(
                                    .error, file: file, at: location,
                                    "'\(value)' is neither ISO 8601 nor epoch seconds; pass its layout with "
                                        + "--time-format, e.g. --time-format \"DD.MM.YYYY HH:mm\"")))
                    }
                    // The layout given, or the one the first time was read with.
                    let used = layout!
                    let hint =
                        options.csv.timeLayout == nil && TimestampLayout.isoCandidates.contains(used)
                        ? "ISO 8601 or epoch seconds" : "the layout '\(used)'"
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: location,
                            "'\(value)' does not match \(hint); pass --time-format (e.g. \"DD.MM.YYYY HH:mm\"); "
                                + "the record is not billed"))
                    continue
                }
                let instant: Date
                if let offset {
                    instant = civil.instant(atOffset: offset)
                } else {
                    instant = resolver.instant(of: civil).instant
                }
                messages.append(message(record, value, instant))
            }
            guard !messages.isEmpty else {
                return .failure(
                    .unreadableInput(
                        Diagnostic(
                            .error, file: file, at: InputLocation(line: first.line, column: 1),
                            "no record with a readable time; check --columns and --time-format")))
            }
            return .success(
                Transcript(
                    input: input, parserName: name, messages: messages, diagnostics: diagnostics,
                    timeZone: options.timeZone, headerLines: headerLines))
        }
        return try outcome.get()
    }

    private static func message(
        _ record: CSVRecordReader.Record, _ reader: CSVRecordReader, _ time: String, _ instant: Date, sender: Int?,
        text: Int, attachments: Int?
    ) -> Message {
        func field(_ index: Int?) -> String {
            guard let index, index < record.fields.count else { return "" }
            return reader.text(record.fields[index])
        }
        let sender = field(sender).trimmingCharacters(in: .whitespaces)
        var body = field(text)
        var kind: MessageKind = sender.isEmpty ? .system : .text
        if body.isEmpty, case let files = field(attachments), !files.isEmpty {
            body = files
            kind = .attachment
        }
        return Message(
            instant: instant, timestampText: time, sender: sender, text: body, kind: kind,
            location: InputLocation(line: record.line, column: 1), lastLine: record.lastLine,
            byteRange: record.byteRange)
    }

    /// Unix epoch seconds (10 digits) or milliseconds (13 digits).
    static func epoch(_ value: String) -> TimeInterval? {
        guard value.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Double(value) else { return nil }
        switch value.count {
        case 9, 10: return number
        case 12, 13: return number / 1000
        default: return nil
        }
    }
}
