import Foundation

/// IRC logs as the common clients and loggers write them, one line per event:
///
///     2005-01-08T23:34:46  <mgedmin> text                  irclog2html
///     2018-01-08 10:00:00	dana	text                      WeeChat (tab-separated)
///     [2019-10-27 03:13:07] <dana> text                     IRCCloud
///     [10:00:00] <dana> text                                ZNC (one file per day)
///     10:00 <@dana> text                                    irssi (`--- Day changed Mon Jan 08 2018`)
///     [10:00] <dana> text                                   mIRC (`Session Start: Mon Jan 08 10:00:00 2018`)
///     Jan 08 10:00:00 <dana> text                           HexChat (`**** BEGIN LOGGING AT …`)
///     [14 Jan 10:36] <dana!user@host> text                  dircproxy (no year)
///
/// Joins, parts, quits, mode and topic changes are system lines; `* dana waves` is an action
/// by dana. Lines that are not valid UTF-8 are read as Latin-1, line by line.
public struct IRCParser: TranscriptParser {
    public let name = "irc"
    public let displayName = "IRC logs (irclog2html, WeeChat, IRCCloud, ZNC, irssi, mIRC, HexChat, dircproxy)"
    public let fileExtensions = ["log", "txt"]

    public init() {}

    /// The timestamp that starts a line.
    enum Stamp {
        case full(CivilDateTime)
        case timeOfDay(hour: Int, minute: Int, second: Int)
        /// HexChat and dircproxy: day and month, no year.
        case dayAndMonth(day: Int, month: Int, hour: Int, minute: Int, second: Int)
    }

    struct Line {
        var stamp: Stamp
        var stampEnd: Int
        var sender: Range<Int>?
        var text: Range<Int>
        var kind: MessageKind
        /// Whether the body had a known IRC shape (a nick, an action, a server line), as opposed
        /// to text that is kept as a system line because nothing else fits.
        var isRecognized: Bool
    }

    /// Headers that name the day the following time-only lines are on.
    private static let dayHeaders = [
        "--- Log opened ", "--- Day changed ", "Session Start: ", "**** BEGIN LOGGING AT ",
    ].map { Array($0.utf8) }

    /// Lines the loggers write around sessions, without a timestamp.
    private static let sessionMarkers = [
        "--- Log closed ", "Session Close: ", "Session Ident: ", "**** ENDING LOGGING AT ",
    ].map { Array($0.utf8) }

    /// Prefixes of lines the server or the client wrote.
    private static let systemPrefixes = ["***", "-!-", "-->", "<--", "--", "=!=", "-*-", "Session Close", "****"]
        .map { Array($0.utf8) }

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = Array(probe.head)
        let (lines, messages) = head.withUnsafeBufferPointer { buffer in
            var lines = 0
            var messages = 0
            for line in LineReader(buffer).prefix(50) where !buffer.trimmed(line.content).isEmpty {
                lines += 1
                if let parsed = Self.line(buffer, line.content), parsed.isRecognized {
                    messages += 1
                } else if Self.dayHeader(buffer, line.content) != nil {
                    messages += 1
                }
            }
            return (lines, messages)
        }
        guard messages > 0 else { return .no("no line is an IRC log line") }
        return Detection(
            confidence: min(95, 20 + 65 * messages / max(lines, 1)),
            reason: "\(messages) of the first \(lines) lines are IRC log lines")
    }

    /// The day a header line names, if it is one.
    static func dayHeader(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> CivilDateTime? {
        let content = bytes.trimmed(line)
        for prefix in dayHeaders where bytes.range(content, hasPrefix: prefix) {
            return MonthNames.date(in: bytes, (content.lowerBound + prefix.count)..<content.upperBound)
        }
        return nil
    }

    /// Reads one log line: its timestamp, then who did what.
    static func line(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Line? {
        var cursor = TextCursor(bytes, range)
        cursor.skipInvisibleMarks()
        let bracketed = cursor.consume(0x5B)
        guard let stamp = readStamp(&cursor, bytes) else { return nil }
        if bracketed, !cursor.consume(0x5D) { return nil }
        let stampEnd = cursor.position
        let separatedByTab = cursor.peek() == 0x09
        guard cursor.consume(0x20) || cursor.consume(0x09) else { return nil }
        while cursor.consume(0x20) {}
        let body = cursor.position..<range.upperBound
        guard !body.isEmpty else { return nil }
        var (sender, text, kind, isRecognized) = readBody(bytes, body, tabSeparated: separatedByTab)
        if let name = sender { sender = nick(bytes, name) }
        return Line(
            stamp: stamp, stampEnd: stampEnd, sender: sender, text: text, kind: kind, isRecognized: isRecognized)
    }

    private static func readStamp(_ cursor: inout TextCursor, _ bytes: UnsafeBufferPointer<UInt8>) -> Stamp? {
        let start = cursor
        if let (year, digits) = cursor.number(maxDigits: 4), digits == 4, cursor.consume(0x2D) {
            guard let (month, _) = cursor.number(maxDigits: 2), cursor.consume(0x2D),
                let (day, _) = cursor.number(maxDigits: 2), cursor.consume(0x54) || cursor.consume(0x20),
                let (hour, minute, second) = readTime(&cursor)
            else { return nil }
            let civil = CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            return civil.isValid ? .full(civil) : nil
        }
        cursor = start
        if let (hour, minute, second) = readTime(&cursor) {
            return .timeOfDay(hour: hour, minute: minute, second: second)
        }
        cursor = start
        // `Jan 08 10:00:00` (HexChat) or `14 Jan 10:36` (dircproxy).
        var wordEnd = cursor.position
        while wordEnd < cursor.end, bytes[wordEnd] != 0x20 { wordEnd += 1 }
        if let month = MonthNames.month(bytes, cursor.position..<wordEnd), wordEnd - cursor.position == 3 {
            cursor.advance(3)
            while cursor.consume(0x20) {}
            guard let (day, _) = cursor.number(maxDigits: 2), cursor.consume(0x20),
                let (hour, minute, second) = readTime(&cursor)
            else { return nil }
            return .dayAndMonth(day: day, month: month, hour: hour, minute: minute, second: second)
        }
        if let (day, _) = cursor.number(maxDigits: 2), cursor.consume(0x20) {
            var monthEnd = cursor.position
            while monthEnd < cursor.end, bytes[monthEnd] != 0x20 { monthEnd += 1 }
            guard let month = MonthNames.month(bytes, cursor.position..<monthEnd) else { return nil }
            cursor.advance(monthEnd - cursor.position)
            guard cursor.consume(0x20), let (hour, minute, second) = readTime(&cursor) else { return nil }
            return .dayAndMonth(day: day, month: month, hour: hour, minute: minute, second: second)
        }
        return nil
    }

    private static func readTime(_ cursor: inout TextCursor) -> (Int, Int, Int)? {
        guard let (hour, _) = cursor.number(maxDigits: 2), hour < 24, cursor.consume(0x3A),
            let (minute, minuteDigits) = cursor.number(maxDigits: 2), minuteDigits == 2, minute < 60
        else { return nil }
        var second = 0
        var probe = cursor
        if probe.consume(0x3A), let (value, digits) = probe.number(maxDigits: 2), digits == 2, value < 61 {
            second = min(value, 59)
            cursor = probe
            // Fractions of a second (some loggers write them).
            if cursor.consume(0x2E) { _ = cursor.number(maxDigits: 9) }
        }
        return (hour, minute, second)
    }

    private static func readBody(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: Range<Int>, tabSeparated: Bool
    )
        -> (sender: Range<Int>?, text: Range<Int>, kind: MessageKind, isRecognized: Bool)
    {
        if bytes[body.lowerBound] == 0x3C,  // <nick> text
            let close = bytes.firstIndex(of: [0x3E], in: body), close > body.lowerBound + 1
        {
            let textStart = min(
                body.upperBound, close + 1 + (close + 1 < body.upperBound && bytes[close + 1] == 0x20 ? 1 : 0))
            return ((body.lowerBound + 1)..<close, textStart..<body.upperBound, .text, true)
        }
        if tabSeparated, let tab = bytes.firstIndex(of: [0x09], in: body) {  // WeeChat: prefix<TAB>text
            let prefix = bytes.trimmed(body.lowerBound..<tab)
            let text = (tab + 1)..<body.upperBound
            // A nick cannot hold a colon: `Dana:<TAB>text` is a Zoom chat line, not IRC.
            if !prefix.isEmpty, bytes[prefix.upperBound - 1] == 0x3A { return (nil, body, .system, false) }
            if prefix.isEmpty || systemPrefixes.contains(where: { bytes.range(prefix, hasPrefix: $0) }) {
                return (nil, text, .system, true)
            }
            if bytes.range(prefix, equals: [0x2A]) {  // ` *	dana waves`
                return (firstWord(bytes, text), text, .text, true)
            }
            return (prefix, text, .text, true)
        }
        if systemPrefixes.contains(where: { bytes.range(body, hasPrefix: $0) }) { return (nil, body, .system, true) }
        if bytes.range(body, hasPrefix: [0x2A, 0x20]) {  // * dana waves
            let action = (body.lowerBound + 2)..<body.upperBound
            return (firstWord(bytes, action), body, .text, true)
        }
        return (nil, body, .system, false)
    }

    private static func firstWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        var end = range.lowerBound
        while end < range.upperBound, bytes[end] != 0x20 { end += 1 }
        return end > range.lowerBound ? range.lowerBound..<end : nil
    }

    /// A nick without channel-mode prefixes (`@dana`, `+dana`) or a `!user@host` suffix.
    private static func nick(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        while start < range.upperBound, [0x40, 0x2B, 0x25, 0x26, 0x7E, 0x20].contains(bytes[start]) { start += 1 }
        let end = bytes.firstIndex(of: [0x21], in: start..<range.upperBound) ?? range.upperBound
        return start..<end
    }

    /// The day of the first time-only line: `--date`, a header before it, the file name's date,
    /// or the file's modification day.
    private func firstDay(_ bytes: UnsafeBufferPointer<UInt8>, input: InputFile, options: ParseOptions) -> ContextDate?
    {
        if let date = options.date { return ContextDate(day: date, source: .flag) }
        for line in LineReader(bytes) {
            if let day = Self.dayHeader(bytes, line.content) {
                return ContextDate(day: day, source: .header(line: line.number))
            }
            if Self.line(bytes, line.content) != nil { break }
        }
        if let day = Self.dateInFileName(input.fileName) {
            return ContextDate(day: day, source: .fileName(input.fileName))
        }
        return input.modificationDate.map {
            ContextDate(day: ISOTimestamp.local($0, in: options.timeZone.timeZone), source: .fileTime)
        }
    }

    /// `2018-01-08.log`, `#chan_20180108.log`, `chan.2018-01-08.txt`.
    static func dateInFileName(_ name: String) -> CivilDateTime? {
        let digits = Array(name.utf8)
        for start in digits.indices {
            for length in [10, 8] where start + length <= digits.count {
                let slice = String(decoding: digits[start..<(start + length)], as: UTF8.self)
                let iso = length == 10 ? slice : "\(slice.prefix(4))-\(slice.dropFirst(4).prefix(2))-\(slice.suffix(2))"
                guard length == 10 || slice.allSatisfy(\.isASCII) && slice.allSatisfy(\.isNumber) else { continue }
                if let day = ContextDate.parseISODate(iso) { return day }
            }
        }
        return nil
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let outcome = input.bytes.withUnsafeBufferPointer { bytes -> Result<Transcript, ChatBillError> in
            var builder = LineTranscriptBuilder(
                bytes: bytes, file: file, zone: options.timeZone.timeZone,
                example: "an IRC log line ('2018-01-08 10:00:00 <nick> text')")
            let start = firstDay(bytes, input: input, options: options)
            var clock = start.map { DayClock(day: $0.day) }
            var usedContext = false
            for line in LineReader(bytes) {
                if let day = Self.dayHeader(bytes, line.content) {
                    if clock == nil { clock = DayClock(day: day) } else { clock!.set(day: day) }
                    builder.headerLines.append(line.number)
                    continue
                }
                if Self.sessionMarkers.contains(where: { bytes.range(bytes.trimmed(line.content), hasPrefix: $0) }) {
                    builder.headerLines.append(line.number)
                    continue
                }
                guard let parsed = Self.line(bytes, line.content) else {
                    builder.finish()
                    if !bytes.trimmed(line.content).isEmpty {
                        builder.warn(line, "not an IRC log line; it is not billed")
                    }
                    continue
                }
                let civil: CivilDateTime
                switch parsed.stamp {
                case .full(let full): civil = full
                case .timeOfDay(let hour, let minute, let second):
                    guard clock != nil else {
                        return .failure(
                            .needsChoice(
                                Diagnostic(
                                    .error, file: file, at: InputLocation(line: line.number, column: 1),
                                    "this log has times but no date; pass --date YYYY-MM-DD")))
                    }
                    usedContext = true
                    civil = clock!.dateTime(hour: hour, minute: minute, second: second)
                case .dayAndMonth(let day, let month, let hour, let minute, let second):
                    guard let year = clock?.day.year ?? start?.day.year else {
                        return .failure(
                            .needsChoice(
                                Diagnostic(
                                    .error, file: file, at: InputLocation(line: line.number, column: 1),
                                    "this log has no year; pass --date with a day of the right year")))
                    }
                    usedContext = true
                    civil = CivilDateTime(
                        year: year, month: month, day: day, hour: hour, minute: minute, second: second)
                }
                builder.begin(
                    line, at: civil, timestamp: line.content.lowerBound..<parsed.stampEnd, sender: parsed.sender,
                    kind: parsed.kind, textStart: parsed.text.lowerBound)
            }
            return builder.transcript(
                of: input, parser: name, zone: options.timeZone, contextDate: usedContext ? start : nil)
        }
        return try outcome.get()
    }
}
