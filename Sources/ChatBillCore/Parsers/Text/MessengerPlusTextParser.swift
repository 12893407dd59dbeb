/// Messenger Plus! text logs of MSN / Windows Live Messenger, usually Windows-1252, with a
/// banner per session in the user's language and only times on the lines:
///
///     .--------------------------------------------------------------------.
///     | Début de la session : 26 décembre 2003                             |
///     | Participants :                                                     |
///     |    dana (dana@hotmail.com)                                         |
///     .--------------------------------------------------------------------.
///     [23:00:21] dana: test
///     [23:00:32] * dana
///                est maintenant Absent(e)
///
/// The banner's date starts the session's day; a time earlier than the one before moves to the
/// next day. `* name` lines with the status on the next line are system lines.
public struct MessengerPlusTextParser: TranscriptParser {
    public let name = "msn-plus-txt"
    public let displayName = "Messenger Plus! text logs (MSN / Windows Live Messenger)"
    public let fileExtensions = ["txt"]

    private static let longestSender = 100

    public init() {}

    private static func isBannerRule(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        line.count >= 20 && bytes[line.lowerBound] == 0x2E && bytes[line.lowerBound + 1] == 0x2D
            && bytes[line.upperBound - 1] == 0x2E
    }

    /// `[23:00:21]` at the start of a line, and where it ends.
    private static func stamp(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> (Int, Int, Int, Int)? {
        var cursor = TextCursor(bytes, line)
        guard cursor.consume(0x5B), let (hour, _) = cursor.number(maxDigits: 2), cursor.consume(0x3A),
            let (minute, minuteDigits) = cursor.number(maxDigits: 2), minuteDigits == 2
        else { return nil }
        var second = 0
        if cursor.consume(0x3A) {
            guard let (value, digits) = cursor.number(maxDigits: 2), digits == 2 else { return nil }
            second = value
        }
        guard cursor.consume(0x5D), hour < 24, minute < 60, second < 60 else { return nil }
        return (hour, minute, second, cursor.position)
    }

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = Array(probe.head)
        let (banner, stamped) = head.withUnsafeBufferPointer { buffer in
            var banner = false
            var stamped = 0
            for line in LineReader(buffer).prefix(40) {
                if line.number == 1 { banner = Self.isBannerRule(buffer, buffer.trimmed(line.content)) }
                if Self.stamp(buffer, line.content) != nil { stamped += 1 }
            }
            return (banner, stamped)
        }
        guard banner else { return .no("no Messenger Plus! session banner") }
        return Detection(confidence: stamped > 0 ? 95 : 60, reason: "Messenger Plus! session banner")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let outcome = input.bytes.withUnsafeBufferPointer { bytes -> Result<Transcript, ChatBillError> in
            var messages: [Message] = []
            var diagnostics: [Diagnostic] = []
            var headerLines: [Int] = []
            var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
            var clock = options.date.map { DayClock(day: $0) }
            var firstDay: ContextDate? = options.date.map { ContextDate(day: $0, source: .flag) }
            var inBanner = false
            var pending:
                (civil: CivilDateTime, stampEnd: Int, sender: Range<Int>?, kind: MessageKind, lines: PendingMessage)?

            func finish() {
                guard let message = pending else { return }
                pending = nil
                let (instant, _) = resolver.instant(of: message.civil)
                messages.append(
                    Message(
                        instant: instant, timestampText: bytes.string(message.lines.lineStart..<message.stampEnd),
                        sender: message.sender.map(bytes.decodedText) ?? "", text: message.lines.text(bytes),
                        kind: message.kind, location: message.lines.location, lastLine: message.lines.lastLine,
                        byteRange: message.lines.byteRange))
            }

            for line in LineReader(bytes) {
                let content = bytes.trimmed(line.content)
                if Self.isBannerRule(bytes, content) {
                    finish()
                    inBanner.toggle()
                    headerLines.append(line.number)
                    continue
                }
                if inBanner {
                    headerLines.append(line.number)
                    if options.date == nil, let day = MonthNames.date(in: bytes, content) {
                        if clock == nil { clock = DayClock(day: day) } else { clock!.set(day: day) }
                        if firstDay == nil { firstDay = ContextDate(day: day, source: .header(line: line.number)) }
                    }
                    continue
                }
                if let (hour, minute, second, stampEnd) = Self.stamp(bytes, line.content) {
                    finish()
                    guard clock != nil else {
                        return .failure(
                            .needsChoice(
                                Diagnostic(
                                    .error, file: file, at: InputLocation(line: line.number, column: 1),
                                    "no session banner with a date before this line; pass --date YYYY-MM-DD")))
                    }
                    let civil = clock!.dateTime(hour: hour, minute: minute, second: second)
                    let rest = bytes.trimmed(stampEnd..<line.content.upperBound)
                    if bytes.range(rest, hasPrefix: [0x2A, 0x20]) {  // `* name` then the status below
                        let name = (rest.lowerBound + 2)..<rest.upperBound
                        pending = (civil, stampEnd, name, .system, PendingMessage(line, textStart: rest.lowerBound))
                    } else if let colon = bytes.firstIndex(of: [0x3A, 0x20], in: rest)
                        ?? bytes.firstIndex(of: [0x3A], in: rest),
                        colon > rest.lowerBound, colon - rest.lowerBound <= Self.longestSender
                    {
                        pending = (
                            civil, stampEnd, rest.lowerBound..<colon, .text, PendingMessage(line, textStart: colon + 1)
                        )
                    } else {
                        pending = (civil, stampEnd, nil, .system, PendingMessage(line, textStart: rest.lowerBound))
                    }
                } else if pending != nil {
                    if content.isEmpty { pending!.lines.appendBlank(line) } else { pending!.lines.append(line) }
                } else if !content.isEmpty {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: InputLocation(line: line.number, column: 1),
                            "line outside any Messenger Plus! session; it is not billed"))
                }
            }
            finish()
            guard !messages.isEmpty else {
                return .failure(
                    .unreadableInput(
                        Diagnostic(
                            .error, file: file, at: InputLocation(line: 1, column: 1),
                            "no message line ('[23:00:21] name: text') in this Messenger Plus! log")))
            }
            return .success(
                Transcript(
                    input: input, parserName: name, messages: messages, diagnostics: diagnostics,
                    timeZone: options.timeZone, contextDate: firstDay, headerLines: headerLines))
        }
        return try outcome.get()
    }
}
