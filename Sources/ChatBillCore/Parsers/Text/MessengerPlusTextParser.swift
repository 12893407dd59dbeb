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
            var builder = LineTranscriptBuilder(
                bytes: bytes, file: file, zone: options.timeZone.timeZone,
                example: "a Messenger Plus! line ('[23:00:21] name: text')")
            var clock = options.date.map { DayClock(day: $0) }
            var firstDay = options.date.map { ContextDate(day: $0, source: .flag) }
            var inBanner = false
            for line in LineReader(bytes) {
                let content = bytes.trimmed(line.content)
                if Self.isBannerRule(bytes, content) {
                    builder.finish()
                    inBanner.toggle()
                    builder.headerLines.append(line.number)
                    continue
                }
                if inBanner {
                    builder.headerLines.append(line.number)
                    if options.date == nil, let day = MonthNames.date(in: bytes, content) {
                        if clock == nil { clock = DayClock(day: day) } else { clock!.set(day: day) }
                        firstDay = firstDay ?? ContextDate(day: day, source: .header(line: line.number))
                    }
                    continue
                }
                guard let (hour, minute, second, stampEnd) = Self.stamp(bytes, line.content) else {
                    builder.add(line)
                    continue
                }
                guard clock != nil else {
                    return .failure(
                        .needsChoice(
                            Diagnostic(
                                .error, file: file, at: InputLocation(line: line.number, column: 1),
                                "no session banner with a date before this line; pass --date YYYY-MM-DD")))
                }
                let civil = clock!.dateTime(hour: hour, minute: minute, second: second)
                let stamp = line.content.lowerBound..<stampEnd
                let rest = bytes.trimmed(stampEnd..<line.content.upperBound)
                if bytes.range(rest, hasPrefix: [0x2A, 0x20]) {  // `* name` then the status below
                    builder.begin(
                        line, at: civil, timestamp: stamp, sender: (rest.lowerBound + 2)..<rest.upperBound,
                        kind: .system, textStart: rest.lowerBound)
                } else if let colon = bytes.firstIndex(of: [0x3A, 0x20], in: rest)
                    ?? bytes.firstIndex(of: [0x3A], in: rest),
                    colon > rest.lowerBound, colon - rest.lowerBound <= Self.longestSender
                {
                    builder.begin(
                        line, at: civil, timestamp: stamp, sender: rest.lowerBound..<colon, kind: .text,
                        textStart: colon + 1)
                } else {
                    builder.begin(
                        line, at: civil, timestamp: stamp, sender: nil, kind: .system, textStart: rest.lowerBound)
                }
            }
            return builder.transcript(of: input, parser: name, zone: options.timeZone, contextDate: firstDay)
        }
        return try outcome.get()
    }
}
