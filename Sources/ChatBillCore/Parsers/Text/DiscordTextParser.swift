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
/// the report's zone. Each message's text runs until the next message header.
public struct DiscordTextParser: TranscriptParser {
    public let name = "discord-txt"
    public let displayName = "DiscordChatExporter plain text (.txt)"
    public let fileExtensions = ["txt"]

    private let scanner = WhatsAppHeaderScanner(vocabulary: .standard)
    private static let rule = Array("==============================".utf8)
    private static let pinned = Array(" (pinned)".utf8)
    private static let attachmentsBlock = Array("{Attachments}".utf8)

    public init() {}

    /// A message header: `[date time] Author`, nothing before the bracket.
    private func header(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> WhatsAppHeader? {
        guard !line.isEmpty, bytes[line.lowerBound] == 0x5B, let header = scanner.match(bytes, line: line),
            header.style == .iOS, header.bodyStart < line.upperBound
        else { return nil }
        return header
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
                if header(buffer, line.content) != nil { headers += 1 }
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
            switch survey.dateOrders(file: file, forced: options.dateOrder) {
            case .success(let found): orders = found
            case .failure(let error): return .failure(error)
            }
            var messages: [Message] = []
            var diagnostics: [Diagnostic] = []
            var headerLines: [Int] = []
            var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
            var pending: (header: WhatsAppHeader, civil: CivilDateTime, author: Range<Int>, lines: PendingMessage)?
            var inFrame = false  // between the rules of the preamble or the closing "Exported N message(s)"

            func finish() {
                guard let message = pending else { return }
                pending = nil
                let (instant, _) = resolver.instant(of: message.civil)
                let text = message.lines.text(bytes)
                let isAttachmentOnly = text.hasPrefix("{Attachments}")
                messages.append(
                    Message(
                        instant: instant,
                        timestampText: bytes.string(message.header.timestampStart..<message.header.timestampEnd),
                        sender: bytes.decodedText(message.author), text: text,
                        kind: isAttachmentOnly ? .attachment : .text, location: message.lines.location,
                        lastLine: message.lines.lastLine, byteRange: message.lines.byteRange))
            }

            for line in LineReader(bytes) {
                let content = bytes.trimmed(line.content)
                if bytes.range(content, hasPrefix: Self.rule) {
                    finish()
                    inFrame.toggle()
                    headerLines.append(line.number)
                    continue
                }
                if inFrame {
                    headerLines.append(line.number)
                    continue
                }
                if let header = header(bytes, line.content) {
                    guard let civil = header.civil(order: orders.order(of: header)) else {
                        diagnostics.append(
                            Diagnostic(
                                .warning, file: file, at: InputLocation(line: line.number, column: 1),
                                "'\(bytes.string(header.timestampStart..<header.timestampEnd))' is not a real date "
                                    + "read as \(orders.order(of: header).rawValue); the line is kept as text"))
                        pending?.lines.append(line)
                        continue
                    }
                    finish()
                    var author = bytes.trimmed(header.bodyStart..<line.content.upperBound)
                    if bytes.range(author, hasSuffix: Self.pinned) {
                        author = author.lowerBound..<(author.upperBound - Self.pinned.count)
                    }
                    pending = (header, civil, author, PendingMessage(line, textStart: nil))
                } else if pending != nil {
                    if content.isEmpty { pending!.lines.appendBlank(line) } else { pending!.lines.append(line) }
                } else if !content.isEmpty {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: InputLocation(line: line.number, column: 1),
                            "line before the first message is not a DiscordChatExporter message; it is not billed"))
                }
            }
            finish()
            guard !messages.isEmpty else {
                return .failure(
                    .unreadableInput(
                        Diagnostic(
                            .error, file: file, at: InputLocation(line: 1, column: 1),
                            "no message header ('[11/20/2026 9:02 AM] name') in this file")))
            }
            return .success(
                Transcript(
                    input: input, parserName: name, messages: messages, diagnostics: diagnostics,
                    timeZone: options.timeZone, dateOrder: orders.main, headerLines: headerLines))
        }
        return try outcome.get()
    }
}
