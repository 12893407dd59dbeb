import Foundation

/// Pidgin's plain-text conversation logs (`~/.purple/logs/<protocol>/<account>/<buddy>/
/// 2010-01-11.000101+0000GMT.txt`):
///
///     Conversation with dana@example.org at Mon 16 Nov 2026 09:30:12 CET on sam@example.org (jabber)
///     (09:30:15) Dana Fischer: Hi Sam
///     (09:46:00) Dana Fischer has gone away.
///     (11/15/2026 11:59:07 PM) Dana Fischer: a message delivered late carries its full date
///
/// The day comes from `--date`, the header, or the file name; the file name's UTC offset is the
/// zone unless `--tz` is given. Lines carry only times, so a time earlier than the one before
/// moves to the next day. Lines without a time continue the message before them.
public struct PidginTextParser: TranscriptParser {
    public let name = "pidgin-txt"
    public let displayName = "Pidgin plain-text logs (.txt)"
    public let fileExtensions = ["txt"]

    private static let headerPrefix = Array("Conversation with ".utf8)
    private static let longestSender = 100

    public init() {}

    enum Stamp {
        case timeOfDay(hour: Int, minute: Int, second: Int)
        case full(CivilDateTime)
    }

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = Array(probe.head)
        let (lines, stamped, header) = head.withUnsafeBufferPointer { buffer in
            var lines = 0
            var stamped = 0
            var header = false
            for line in LineReader(buffer).prefix(50) where !buffer.trimmed(line.content).isEmpty {
                lines += 1
                if lines == 1, buffer.range(buffer.trimmed(line.content), hasPrefix: Self.headerPrefix) {
                    header = true
                }
                if Self.stamp(buffer, line.content, order: .mdy) != nil { stamped += 1 }
            }
            return (lines, stamped, header)
        }
        guard header || stamped > 0 else { return .no("no Pidgin header and no `(HH:MM:SS)` lines") }
        let confidence = (header ? 60 : 10) + 35 * stamped / max(lines, 1)
        return Detection(
            confidence: min(100, confidence),
            reason: header
                ? "starts with Pidgin's 'Conversation with … at …' header" : "\(stamped) lines start with (HH:MM:SS)")
    }

    /// `(09:30:15)`, `(9:30:15 AM)`, `(11/15/2026 11:59:07 PM)`, `(15.11.2026 23:59:07)` or
    /// `(2026-11-15 23:59:07)` at the start of a line, and where it ends. Pidgin writes the date
    /// of a message from another day in the locale's short format: year first with four digits,
    /// day first with dots or dashes (German, Russian, Dutch), and with slashes in `order`.
    static func stamp(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, order: DateOrder) -> (Stamp, Int)? {
        var cursor = TextCursor(bytes, line)
        cursor.skipInvisibleMarks()
        guard cursor.consume(0x28) else { return nil }
        var date: (Int, Int, Int)?
        let start = cursor
        if let (a, aDigits) = cursor.number(maxDigits: 4), let separator = cursor.peek(),
            separator == 0x2F || separator == 0x2D || separator == 0x2E
        {
            cursor.advance()
            guard let (b, _) = cursor.number(maxDigits: 2), cursor.consume(separator),
                let (c, _) = cursor.number(maxDigits: 4), cursor.consume(0x20)
            else { return nil }
            let year = c < 100 ? c + 2000 : c
            let dayFirst = separator == 0x2F ? order == .dmy : true
            date = aDigits == 4 ? (a, b, c) : dayFirst ? (year, b, a) : (year, a, b)
        } else {
            cursor = start
        }
        guard let (hour, _) = cursor.number(maxDigits: 2), cursor.consume(0x3A),
            let (minute, minuteDigits) = cursor.number(maxDigits: 2), minuteDigits == 2, cursor.consume(0x3A),
            let (second, secondDigits) = cursor.number(maxDigits: 2), secondDigits == 2
        else { return nil }
        var hour24 = hour
        if cursor.consume(0x20) {
            let upper = cursor.peek().map { $0 & 0xDF }
            guard upper == 0x41 || upper == 0x50 else { return nil }  // A or P
            cursor.advance()
            guard cursor.consume(0x4D) || cursor.consume(0x6D), hour >= 1, hour <= 12 else { return nil }
            hour24 = hour % 12 + (upper == 0x50 ? 12 : 0)
        }
        guard cursor.consume(0x29), hour24 < 24, minute < 60, second < 60 else { return nil }
        if let (year, month, day) = date {
            let civil = CivilDateTime(year: year, month: month, day: day, hour: hour24, minute: minute, second: second)
            return civil.isValid ? (.full(civil), cursor.position) : nil
        }
        return (.timeOfDay(hour: hour24, minute: minute, second: second), cursor.position)
    }

    /// The order of the slashed dates in a log's stamps (`(05/11/2026 23:59:07)`). One of them
    /// tells when a first number is above 12 (day first) or a second one is (month first). Else
    /// the log's own day does: Pidgin writes a date only for a message from before the log was
    /// written (one delivered late), so the order that puts the dates nearer the log's day, for
    /// most of them, is the log's. Nil when nothing tells (or there is no slashed date), which
    /// leaves `--date-order` or month first.
    static func slashedDateOrder(_ bytes: UnsafeBufferPointer<UInt8>, near day: CivilDateTime?) -> DateOrder? {
        var index = 0
        var votes = 0  // for day first
        while let open = bytes.firstIndex(of: [0x28], in: index..<bytes.count) {
            index = open + 1
            var cursor = TextCursor(bytes, index..<bytes.count)
            guard let (a, _) = cursor.number(maxDigits: 2), cursor.consume(0x2F),
                let (b, _) = cursor.number(maxDigits: 2), cursor.consume(0x2F),
                let (c, _) = cursor.number(maxDigits: 4), cursor.consume(0x20)
            else { continue }
            if a > 12, b <= 12 { return .dmy }
            if b > 12, a <= 12 { return .mdy }
            guard let day, a != b, a >= 1, b >= 1 else { continue }
            let logDay = CivilDateTime.daysFromCivil(year: day.year, month: day.month, day: day.day)
            let year = c < 100 ? c + 2000 : c
            let dayFirst = abs(CivilDateTime.daysFromCivil(year: year, month: b, day: a) - logDay)
            let monthFirst = abs(CivilDateTime.daysFromCivil(year: year, month: a, day: b) - logDay)
            votes += dayFirst < monthFirst ? 1 : dayFirst > monthFirst ? -1 : 0
        }
        return votes > 0 ? .dmy : votes < 0 ? .mdy : nil
    }

    /// `2010-01-11.000101+0000GMT.txt`: the day, and the UTC offset when the name has one.
    static func fileNameFacts(_ name: String) -> (day: CivilDateTime, offsetSeconds: Int?)? {
        let bytes = Array(name.utf8)
        guard bytes.count >= 10, let day = ContextDate.parseISODate(String(decoding: bytes[0..<10], as: UTF8.self))
        else { return nil }
        // `.HHMMSS±HHMM`
        guard bytes.count >= 22, bytes[10] == 0x2E, bytes[17] == 0x2B || bytes[17] == 0x2D,
            let hours = Int(String(decoding: bytes[18..<20], as: UTF8.self)),
            let minutes = Int(String(decoding: bytes[20..<22], as: UTF8.self))
        else { return (day, nil) }
        return (day, (hours * 3600 + minutes * 60) * (bytes[17] == 0x2D ? -1 : 1))
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let facts = Self.fileNameFacts(input.fileName)
        let zone = options.timeZone.orExportOffset(facts?.offsetSeconds)
        let outcome = input.bytes.withUnsafeBufferPointer { bytes -> Result<Transcript, ChatBillError> in
            var builder = LineTranscriptBuilder(
                bytes: bytes, file: file, zone: zone.timeZone, example: "a Pidgin log line ('(09:30:15) Name: text')")
            var clock = PidginClock(input: input, options: options, zone: zone)
            let order = options.dateOrder ?? Self.slashedDateOrder(bytes, near: clock.logDay) ?? .mdy
            for line in LineReader(bytes) {
                let content = bytes.trimmed(line.content)
                if builder.messages.isEmpty, !builder.isReading, bytes.range(content, hasPrefix: Self.headerPrefix) {
                    builder.headerLines.append(line.number)
                    if let named = MonthNames.date(in: bytes, content) { clock.named(named, line: line.number) }
                    continue
                }
                guard let (stamp, stampEnd) = Self.stamp(bytes, line.content, order: order) else {
                    builder.add(line)
                    continue
                }
                guard let civil = clock.civil(for: stamp) else {
                    return .failure(
                        .needsChoice(
                            Diagnostic(
                                .error, file: file, at: InputLocation(line: line.number, column: 1),
                                "this log has times but no date; pass --date YYYY-MM-DD")))
                }
                let rest = stampEnd..<line.content.upperBound
                let colon = senderSeparator(bytes, rest)
                builder.begin(
                    line, at: civil, timestamp: line.content.lowerBound..<stampEnd,
                    sender: colon.map { rest.lowerBound..<$0 }, kind: colon == nil ? .system : .text,
                    textStart: colon.map { min(rest.upperBound, $0 + 1) } ?? rest.lowerBound)
            }
            return builder.transcript(of: input, parser: name, zone: zone, contextDate: clock.usedDay)
        }
        return try outcome.get()
    }

    /// The colon after the sender's name (`Dana Fischer: text`), if the line has a sender.
    private func senderSeparator(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Int? {
        let colon =
            bytes.firstIndex(of: [0x3A, 0x20], in: line)
            ?? (!line.isEmpty && bytes[line.upperBound - 1] == 0x3A ? line.upperBound - 1 : nil)
        guard let colon, colon > line.lowerBound, colon - line.lowerBound <= Self.longestSender else { return nil }
        return colon
    }
}
