import Foundation

/// Zoom's saved meeting chat (`meeting_saved_chat.txt`), in the shapes Zoom has written:
///
///     10:01:00 From  Dana Fischer  to  Everyone:          (current: the text follows, indented)
///       Good morning
///     08:58:13	 From Dana Fischer : Good morning       (older local saves)
///     08:02:35 Dana Fischer:	Good morning                (name, colon, tab)
///
/// Lines carry only the time of day; the day comes from `--date`, else the meeting folder's
/// name (`2020-10-06 12.00.01 Topic 123456789`), else the file's modification day. A time
/// earlier than the line before it means the meeting went past midnight.
///
/// The chat of a cloud recording, downloaded from Zoom's web portal, separates time and name by
/// tabs (`00:58:04<TAB>Dana Fischer:<TAB>text`), and its times count from the start of the
/// recording, which the name Zoom gives the download holds (`GMT20201006-120001_…`, in UTC).
public struct ZoomParser: TranscriptParser {
    public let name = "zoom"
    public let displayName = "Zoom meeting chat (meeting_saved_chat.txt)"
    public let fileExtensions = ["txt"]

    public init() {}

    /// A message line: its time, its sender and where its text starts.
    struct Header {
        var hour: Int
        var minute: Int
        var second: Int
        /// Where the time ends (the timestamp text is the line up to here).
        var timeEnd: Int
        var sender: Range<Int>
        /// nil when the text starts on the next line.
        var textStart: Int?
        /// A cloud recording's line: the time counts from the start of the recording.
        var isElapsed = false
    }

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = Array(probe.head)
        let (lines, headers) = head.withUnsafeBufferPointer { buffer in
            var lines = 0
            var headers = 0
            for line in LineReader(buffer).prefix(50) where !buffer.trimmed(line.content).isEmpty {
                lines += 1
                if Self.header(buffer, line.content) != nil { headers += 1 }
            }
            return (lines, headers)
        }
        guard headers > 0 else { return .no("no line starts with a time and a Zoom sender") }
        let named = probe.fileName.contains("chat") ? 10 : 0
        return Detection(
            confidence: min(100, 20 + 60 * headers / max(lines, 1) + named),
            reason: "\(headers) of the first \(lines) lines are Zoom chat lines")
    }

    /// The header at the start of a line, in any of the three shapes.
    static func header(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Header? {
        var cursor = TextCursor(bytes, line)
        cursor.skipInvisibleMarks()
        guard let (hour, _) = cursor.number(maxDigits: 2), cursor.consume(0x3A),
            let (minute, minuteDigits) = cursor.number(maxDigits: 2), minuteDigits == 2, cursor.consume(0x3A),
            let (second, secondDigits) = cursor.number(maxDigits: 2), secondDigits == 2,
            hour < 24, minute < 60, second < 60
        else { return nil }
        let timeEnd = cursor.position
        let tabAfterTime = cursor.peek() == 0x09
        guard cursor.consume(0x20) || cursor.consume(0x09) else { return nil }
        while cursor.consume(0x20) || cursor.consume(0x09) {}
        let rest = cursor.position..<line.upperBound
        if bytes.range(rest, hasPrefix: Array("From ".utf8)) {
            let afterFrom = (rest.lowerBound + 5)..<rest.upperBound
            // `From  A  to  Everyone:` with the text on the next lines.
            let trimmed = bytes.trimmed(afterFrom)
            if trimmed.count > 1, bytes[trimmed.upperBound - 1] == 0x3A,
                let to = lastIndex(of: Array(" to ".utf8), in: bytes, afterFrom.lowerBound..<(trimmed.upperBound - 1))
            {
                return Header(
                    hour: hour, minute: minute, second: second, timeEnd: timeEnd,
                    sender: bytes.trimmed(afterFrom.lowerBound..<to),
                    textStart: nil)
            }
            // `From A : text` (older saves), possibly `From A to B : text`.
            if let colon = bytes.firstIndex(of: Array(" : ".utf8), in: afterFrom) {
                var senderEnd = colon
                if let to = lastIndex(of: Array(" to ".utf8), in: bytes, afterFrom.lowerBound..<colon) {
                    senderEnd = to
                }
                return Header(
                    hour: hour, minute: minute, second: second, timeEnd: timeEnd,
                    sender: bytes.trimmed(afterFrom.lowerBound..<senderEnd),
                    textStart: colon + 3)
            }
            return nil
        }
        // `Name:<TAB>text`.
        guard let colonTab = bytes.firstIndex(of: [0x3A, 0x09], in: rest), colonTab > rest.lowerBound else {
            return nil
        }
        return Header(
            hour: hour, minute: minute, second: second, timeEnd: timeEnd,
            sender: bytes.trimmed(rest.lowerBound..<colonTab),
            textStart: colonTab + 2, isElapsed: tabAfterTime)
    }

    /// When a cloud recording started, from the name Zoom gives its download or folder
    /// (`GMT20201006-120001_Recording.txt`), and that name.
    static func recordingStart(_ input: InputFile) -> (start: CivilDateTime, name: String)? {
        for name in [input.fileName] + (input.folderName.map { [$0] } ?? []) {
            guard let match = name.firstMatch(of: /GMT(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/) else { continue }
            let start = CivilDateTime(
                year: Int(match.1)!, month: Int(match.2)!, day: Int(match.3)!, hour: Int(match.4)!,
                minute: Int(match.5)!, second: Int(match.6)!)
            if start.isValid { return (start, name) }
        }
        return nil
    }

    private static func lastIndex(
        of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
    ) -> Int? {
        var found: Int?
        var searchStart = range.lowerBound
        while let index = bytes.firstIndex(of: pattern, in: searchStart..<range.upperBound) {
            found = index
            searchStart = index + 1
        }
        return found
    }

    /// The meeting's day: `--date`, the folder name, or the file's modification day; with a
    /// warning when the folder is named after a day that does not exist (`2026-02-30 …`), which
    /// would otherwise hand the chat to the file's day unremarked.
    private func meetingDay(
        _ input: InputFile, options: ParseOptions
    ) throws(ChatBillError) -> (ContextDate, Diagnostic?) {
        if let date = options.date { return (ContextDate(day: date, source: .flag), nil) }
        var warning: Diagnostic?
        if let folder = input.folderName, folder.count >= 10 {
            let prefix = String(folder.prefix(10))
            if let day = ContextDate.parseISODate(prefix) {
                return (ContextDate(day: day, source: .folderName(folder)), nil)
            }
            if prefix.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil {
                warning = Diagnostic(
                    .warning, file: input.displayName,
                    "the folder name '\(folder)' starts with \(prefix), a day that does not exist; "
                        + "the meeting's day is not taken from it (pass --date YYYY-MM-DD)")
            }
        }
        if let modified = input.modificationDate {
            let day = ISOTimestamp.local(modified, in: options.timeZone.timeZone)
            return (ContextDate(day: day, source: .fileTime), warning)
        }
        throw .needsChoice(
            Diagnostic(.error, file: input.displayName, "a Zoom chat has no date in it; pass --date YYYY-MM-DD"))
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let first = input.bytes.withUnsafeBufferPointer { bytes in
            LineReader(bytes).lazy.compactMap { line in Self.header(bytes, line.content).map { (line, $0) } }.first
        }
        if let (line, header) = first, header.isElapsed {
            guard let (start, name) = Self.recordingStart(input) else {
                throw .needsChoice(
                    Diagnostic(
                        .error, file: input.displayName, at: InputLocation(line: line.number, column: 1),
                        "this is the chat of a Zoom cloud recording: its times count from the start of the "
                            + "recording, which chatbill reads from the name Zoom gives the download "
                            + "('GMT20201006-120001_Recording.txt', in UTC); name the file or its folder that way"))
            }
            return try read(
                input, options: options, zone: TimeZone(identifier: "UTC")!,
                contextDate: ContextDate(day: start, source: .fileName(name))
            ) { header in
                let elapsed = header.hour * 3600 + header.minute * 60 + header.second
                return CivilDateTime(secondsSinceEpochAsUTC: start.secondsSinceEpochAsUTC + Int64(elapsed))
            }
        }
        let (day, folderWarning) = try meetingDay(input, options: options)
        var clock = DayClock(day: day.day)
        return try read(
            input, options: options, zone: options.timeZone.timeZone, contextDate: day, warning: folderWarning
        ) { header in
            clock.dateTime(hour: header.hour, minute: header.minute, second: header.second)
        }
    }

    /// Reads every line, each header's wall clock in `zone` told by `clock`.
    private func read(
        _ input: InputFile, options: ParseOptions, zone: TimeZone, contextDate: ContextDate,
        warning: Diagnostic? = nil, clock: (Header) -> CivilDateTime
    ) throws(ChatBillError) -> Transcript {
        let outcome = input.bytes.withUnsafeBufferPointer { bytes -> Result<Transcript, ChatBillError> in
            var builder = LineTranscriptBuilder(
                bytes: bytes, file: input.displayName, zone: zone,
                example: "a Zoom chat line ('10:01:00 From  Name  to  Everyone:')")
            if let warning { builder.diagnostics.append(warning) }
            for line in LineReader(bytes) {
                guard let header = Self.header(bytes, line.content) else {
                    builder.add(line)
                    continue
                }
                builder.begin(
                    line, at: clock(header), timestamp: line.content.lowerBound..<header.timeEnd,
                    sender: header.sender, kind: .text, textStart: header.textStart)
            }
            return builder.transcript(of: input, parser: name, zone: options.timeZone, contextDate: contextDate)
        }
        return try outcome.get()
    }
}
