import Foundation

/// WhatsApp's "Export chat" text file, from Android (`31/12/24, 21:05 - Alice: hi`) and iOS
/// (`[31/12/24, 21:05:33] Alice: hi`), with 12- and 24-hour clocks.
///
/// The parser reads bytes in two passes: the first surveys every header to infer the day/month
/// order for the whole file (skipped when `--date-order` is given), the second builds messages.
/// A line whose whole prefix is not a header continues the previous message, so multi-line
/// messages and pasted dates stay inside the message they belong to.
public struct WhatsAppParser: TranscriptParser {
    public let name: String
    public let displayName: String
    public let fileExtensions: [String]

    private let scanner: WhatsAppHeaderScanner
    private let bodyReader: WhatsAppBodyReader

    public init(vocabulary: WhatsAppVocabulary = .standard) {
        self.init(
            name: "whatsapp", displayName: "WhatsApp chat export (Android and iOS, .txt or .zip)",
            fileExtensions: ["txt", "zip"], vocabulary: vocabulary)
    }

    /// The same line grammar under another format's name (Signal exports write it too).
    init(name: String, displayName: String, fileExtensions: [String], vocabulary: WhatsAppVocabulary) {
        self.name = name
        self.displayName = displayName
        self.fileExtensions = fileExtensions
        scanner = WhatsAppHeaderScanner(vocabulary: vocabulary)
        bodyReader = WhatsAppBodyReader(vocabulary: vocabulary)
    }

    /// What the first lines of an input say about this grammar.
    struct HeadSurvey {
        var lines = 0
        var headers = 0
        var firstIsHeader = false
        /// Headers written `[2019-12-24 12:23:45]`: bracketed, year first, with dashes.
        var isoBracketed = 0
        var confidence: Int { min(100, 30 + 60 * headers / max(lines, 1) + (firstIsHeader ? 5 : 0)) }
    }

    func surveyHead(_ probe: DetectionProbe) -> HeadSurvey {
        Array(probe.head).withUnsafeBufferPointer { buffer in
            var survey = HeadSurvey()
            for line in LineReader(buffer).prefix(50) where !buffer.trimmed(line.content).isEmpty {
                let header = scanner.match(buffer, line: line.content)
                if survey.lines == 0 { survey.firstIsHeader = header != nil }
                survey.lines += 1
                guard let header else { continue }
                survey.headers += 1
                if header.style == .iOS, header.isYearFirst, header.dateSeparator == 0x2D { survey.isoBracketed += 1 }
            }
            return survey
        }
    }

    public func detect(_ probe: DetectionProbe) -> Detection {
        let survey = surveyHead(probe)
        guard survey.headers > 0 else { return .no("no line starts with a WhatsApp date and time") }
        let named = probe.fileName.hasPrefix("WhatsApp Chat") || probe.fileName == "_chat.txt"
        return Detection(
            confidence: min(100, survey.confidence + (named ? 10 : 0)),
            reason: "\(survey.headers) of the first \(survey.lines) lines are WhatsApp message headers")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let outcome = input.bytes.withUnsafeBufferPointer { buffer -> Result<Transcript, ChatBillError> in
            var survey = WhatsAppSurvey()
            for line in LineReader(buffer) {
                if let header = scanner.match(buffer, line: line.content) { survey.record(header, line: line.number) }
            }
            switch survey.dateOrders(file: input.displayName, forced: options.dateOrder) {
            case .success(let orders):
                return readMessages(
                    buffer, input: input, orders: orders, shapes: survey.acceptedShapes, zone: options.timeZone)
            case .failure(let error): return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// A message whose header has been read and whose continuation lines are still coming.
    private struct OpenMessage {
        let header: WhatsAppHeader
        let civil: CivilDateTime
        let line: Int
        let lineStart: Int
        let headerLineEnd: Int
        var end: Int
        var lastLine: Int
        var hasCarriageReturns: Bool
    }

    private func readMessages(
        _ bytes: UnsafeBufferPointer<UInt8>, input: InputFile, orders: WhatsAppSurvey.DateOrders, shapes: Set<UInt32>,
        zone: ZoneChoice
    ) -> Result<Transcript, ChatBillError> {
        let file = input.displayName
        var messages: [Message] = []
        messages.reserveCapacity(input.lines.lineCount)
        var diagnostics: [Diagnostic] = []
        var resolver = LocalTimeResolver(timeZone: zone.timeZone)
        var pending: OpenMessage?
        var strayLines = StrayLines(
            file: file, message: "line before the first message does not start like a message; it is not billed")

        func finish(_ message: OpenMessage) {
            let (instant, resolution) = resolver.instant(of: message.civil)
            let timestampText = bytes.string(message.header.timestampStart..<message.header.timestampEnd)
            if resolution == .nonexistent {
                diagnostics.append(
                    resolver.skippedTimeWarning(file: file, line: message.line, wallClock: timestampText))
            }
            let body = bodyReader.read(
                bytes, style: message.header.style, start: message.header.bodyStart,
                firstLineEnd: message.headerLineEnd, end: message.end)
            var text = bytes.string(body.text)
            if message.hasCarriageReturns { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
            messages.append(
                Message(
                    instant: instant, timestampText: timestampText, sender: body.sender.map(bytes.string) ?? "",
                    text: text, kind: body.kind, isEdited: body.isEdited,
                    location: InputLocation(line: message.line, column: 1), lastLine: message.lastLine,
                    byteRange: message.lineStart..<message.end))
        }

        for line in LineReader(bytes) {
            if let header = scanner.match(bytes, line: line.content) {
                if !shapes.contains(header.shape) {
                    diagnostics.append(
                        Diagnostic(
                            .note, file: file, at: InputLocation(line: line.number, column: 1),
                            "looks like a message header but is written unlike the rest of the file; "
                                + "kept as text of the message before it"))
                } else if let civil = header.civil(order: orders.order(of: header)) {
                    if let previous = pending { finish(previous) }
                    pending = OpenMessage(
                        header: header, civil: civil, line: line.number, lineStart: line.content.lowerBound,
                        headerLineEnd: line.content.upperBound, end: line.content.upperBound, lastLine: line.number,
                        hasCarriageReturns: false)
                    continue
                } else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: InputLocation(line: line.number, column: 1),
                            "'\(bytes.string(header.timestampStart..<header.timestampEnd))' is not a real date and "
                                + "time read as \(orders.order(of: header).rawValue); the line is kept as text of the message "
                                + "before it"))
                }
            }
            if var current = pending {
                current.end = line.content.upperBound
                current.lastLine = line.number
                current.hasCarriageReturns = current.hasCarriageReturns || line.hadCarriageReturn
                pending = current
            } else if !bytes.trimmed(line.content).isEmpty, let warning = strayLines.add(line: line.number) {
                diagnostics.append(warning)
            }
        }
        if let last = pending { finish(last) }
        if let summary = strayLines.summary { diagnostics.append(summary) }
        guard !messages.isEmpty else {
            return .failure(
                .unreadableInput(
                    Diagnostic(
                        .error, file: file, at: InputLocation(line: 1, column: 1),
                        "no line of this file starts like a \(name) message ('31/12/24, 21:05 - Name: text' "
                            + "or '[31/12/24, 21:05:33] Name: text')")))
        }
        return .success(
            Transcript(
                input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: zone,
                dateOrder: orders.main))
    }
}
