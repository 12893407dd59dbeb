/// DiscordChatExporter's plain-text export:
///
///     ==============================================================
///     Guild: Acme IT
///     Channel: Support / printers
///     ==============================================================
///
///     [11/20/2026 9:02 AM] dana.fischer
///     The label printer prints blank pages
///
///     {Attachments}
///     https://cdn.discordapp.com/attachments/…/label.jpg
///
/// Dates are the exporting machine's short date and time (`11/20/2026 9:02 AM`, `20.11.2026
/// 09:02`), so the day/month order is inferred from the whole file as for WhatsApp, and read in
/// the report's zone; or, in exports of DiscordChatExporter 2 (its default `dd-MMM-yy hh:mm tt`),
/// `[20-Nov-26 09:02 AM]`, with the month by its English name. Each message's text runs until the
/// next message header.
public struct DiscordTextParser: TranscriptParser {
    public let name = "discord-txt"
    public let displayName = "DiscordChatExporter plain text (.txt)"
    public let fileExtensions = ["txt"]

    private let scanner = WhatsAppHeaderScanner(vocabulary: .standard)
    private static let rule = Array("==============================".utf8)
    private static let pinned = Array(" (pinned)".utf8)

    public init() {}

    /// A message header: `[date time] Author`, nothing before the bracket.
    private func header(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> WhatsAppHeader? {
        guard !line.isEmpty, bytes[line.lowerBound] == 0x5B, let header = scanner.match(bytes, line: line),
            header.style == .iOS, header.bodyStart < line.upperBound
        else { return nil }
        return header
    }

    /// A header as DiscordChatExporter 2 wrote it by default, `[20-Nov-26 09:02 AM] Author`: its
    /// date (nil when it names no real day), the timestamp and where the author starts.
    private func legacyHeader(
        _ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>
    ) -> (civil: CivilDateTime?, timestamp: Range<Int>, bodyStart: Int)? {
        // `20-Nov-26 09:02 AM` is 18 bytes.
        let stamp = (line.lowerBound + 1)..<(line.lowerBound + 19)
        guard line.count > 21, bytes[line.lowerBound] == 0x5B, bytes[stamp.upperBound] == 0x5D,
            bytes[stamp.upperBound + 1] == 0x20,
            let (civil, _) = TimestampLayout.discordChatExporter2.read(bytes, stamp, validated: false)
        else { return nil }
        return (civil.isValid ? civil : nil, stamp, stamp.upperBound + 2)
    }

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = Array(probe.head)
        let (preamble, headers) = head.withUnsafeBufferPointer { buffer in
            var preamble = false
            var headers = 0
            for line in LineReader(buffer).prefix(60) {
                if line.number == 1, buffer.range(buffer.trimmed(line.content), hasPrefix: Self.rule) {
                    preamble = true
                }
                if line.number == 2, !buffer.range(line.content, hasPrefix: Array("Guild: ".utf8)) { preamble = false }
                if header(buffer, line.content) != nil || legacyHeader(buffer, line.content) != nil { headers += 1 }
            }
            return (preamble, headers)
        }
        guard preamble else { return .no("no DiscordChatExporter preamble ('Guild: …' between rules)") }
        return Detection(
            confidence: headers > 0 ? 98 : 70, reason: "DiscordChatExporter preamble and \(headers) message headers")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let outcome = input.bytes.withUnsafeBufferPointer { bytes -> Result<Transcript, ChatBillError> in
            var survey = WhatsAppSurvey()
            for line in LineReader(bytes) {
                if let header = header(bytes, line.content) { survey.record(header, line: line.number) }
            }
            let orders: WhatsAppSurvey.DateOrders
            switch survey.dateOrders(file: file, forced: options) {
            case .success(let found): orders = found
            case .failure(let error): return .failure(error)
            }
            var builder = LineTranscriptBuilder(
                bytes: bytes, file: file, zone: options.timeZone.timeZone,
                example: "a DiscordChatExporter message ('[11/20/2026 9:02 AM] name')")
            /// Starts a message whose author follows its header from `bodyStart` on.
            func begin(_ line: LineReader.Line, _ civil: CivilDateTime, _ timestamp: Range<Int>, bodyStart: Int) {
                var author = bytes.trimmed(bodyStart..<line.content.upperBound)
                if bytes.range(author, hasSuffix: Self.pinned) {
                    author = author.lowerBound..<(author.upperBound - Self.pinned.count)
                }
                builder.begin(line, at: civil, timestamp: timestamp, sender: author, kind: .text, textStart: nil)
            }
            var inFrame = false  // between the rules of the preamble or of the closing "Exported N message(s)"
            for line in LineReader(bytes) {
                if bytes.range(bytes.trimmed(line.content), hasPrefix: Self.rule) {
                    builder.finish()
                    inFrame.toggle()
                    builder.headerLines.append(line.number)
                    continue
                }
                if inFrame {
                    builder.headerLines.append(line.number)
                    continue
                }
                if let legacy = legacyHeader(bytes, line.content) {
                    guard let civil = legacy.civil else {
                        builder.warn(
                            line,
                            "'\(bytes.string(legacy.timestamp))' is not a real date and time; the line is kept as text")
                        builder.add(line)
                        continue
                    }
                    begin(line, civil, legacy.timestamp, bodyStart: legacy.bodyStart)
                    continue
                }
                guard let header = header(bytes, line.content) else {
                    builder.add(line)
                    continue
                }
                guard let civil = header.civil(order: orders.order(of: header)) else {
                    builder.warn(
                        line,
                        "'\(bytes.string(header.timestampStart..<header.timestampEnd))' is not a real date read as "
                            + "\(orders.order(of: header).rawValue); the line is kept as text")
                    builder.add(line)
                    continue
                }
                begin(line, civil, header.timestampStart..<header.timestampEnd, bodyStart: header.bodyStart)
            }
            // A message of nothing but attachments is an attachment.
            return builder.transcript(of: input, parser: name, zone: options.timeZone, dateOrder: orders.main).map {
                var transcript = $0
                for index in transcript.messages.indices
                where transcript.messages[index].text.hasPrefix("{Attachments}") {
                    transcript.messages[index].kind = .attachment
                }
                return transcript
            }
        }
        return try outcome.get()
    }
}
