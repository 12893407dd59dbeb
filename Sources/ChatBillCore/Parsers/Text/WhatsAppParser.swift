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

    /// The name the export gives the account it was made from (signal-export's `Me`), which
    /// names the provider when `--me` is not given; nil for WhatsApp, whose exports write the
    /// account's own name.
    public let ownAccountName: String?

    private let scanner: WhatsAppHeaderScanner
    private let bodyReader: WhatsAppBodyReader

    public init(vocabulary: WhatsAppVocabulary = .standard) {
        self.init(
            name: "whatsapp", displayName: "WhatsApp chat export (Android and iOS, .txt or .zip)",
            fileExtensions: ["txt", "zip"], vocabulary: vocabulary)
    }

    /// The same line grammar under another format's name (Signal exports write it too).
    init(
        name: String, displayName: String, fileExtensions: [String], vocabulary: WhatsAppVocabulary,
        ownAccountName: String? = nil
    ) {
        self.name = name
        self.displayName = displayName
        self.fileExtensions = fileExtensions
        self.ownAccountName = ownAccountName
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
        let named = probe.fileName.lowercased().contains("whatsapp") || probe.fileName == "_chat.txt"
        return Detection(
            confidence: min(100, survey.confidence + (named ? 10 : 0)),
            reason: "\(survey.headers) of the first \(survey.lines) lines are WhatsApp message headers")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let outcome = input.bytes.withUnsafeBufferPointer { buffer -> Result<Transcript, ChatBillError> in
            let block = BlockReader.Block(
                bytes: buffer, base: 0, lines: 0..<buffer.count, firstLineNumber: 1, isLast: true)
            var survey = WhatsAppSurvey()
            _ = self.survey(block, into: &survey)
            var reader: WhatsAppMessageReader
            switch messageReader(survey, file: input.displayName, options: options) {
            case .success(let made): reader = made
            case .failure(let error): return .failure(error)
            }
            var messages: [Message] = []
            messages.reserveCapacity(input.lines.lineCount)
            _ = reader.read(block) { read, bytes in
                // UTF-8, or Windows-1252 where a file saved again in a legacy encoding is not.
                var text = bytes.decodedText(read.body.text)
                if read.hasCarriageReturns { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
                messages.append(
                    Message(
                        instant: read.instant, timestampText: bytes.string(read.timestamp),
                        sender: read.body.sender.map(bytes.decodedText) ?? "", text: text, kind: read.body.kind,
                        isEdited: read.body.isEdited, location: InputLocation(line: read.line, column: 1),
                        lastLine: read.lastLine, byteRange: read.byteRange))
            }
            guard !messages.isEmpty else { return .failure(reader.noMessagesError) }
            return .success(
                Transcript(
                    input: input, parserName: name, messages: messages, diagnostics: reader.diagnostics,
                    timeZone: options.timeZone, dateOrder: reader.dateOrder,
                    accountSenders: ownAccount(among: messages.lazy.filter(\.kind.isParticipantActivity).map(\.sender)))
            )
        }
        return try outcome.get()
    }

    /// The first pass over one block: every header's shape and date evidence.
    private func survey(_ block: BlockReader.Block, into survey: inout WhatsAppSurvey) -> BlockReader.Progress {
        var lines = block.lineReader
        var headers = WhatsAppHeaderReader(scanner)
        while let line = lines.next() {
            if let header = headers.match(block.bytes, line: line.content) { survey.record(header, line: line.number) }
        }
        return BlockReader.Progress(keepFrom: .max, lastLine: lines.lastNumber)
    }

    /// The second pass, set up with what the first learnt.
    private func messageReader(
        _ survey: WhatsAppSurvey, file: String, options: ParseOptions
    ) -> Result<
        WhatsAppMessageReader, ChatBillError
    > {
        survey.dateOrders(file: file, forced: options).map { orders in
            WhatsAppMessageReader(
                file: file, parserName: name, scanner: scanner, bodyReader: bodyReader, orders: orders,
                shapes: survey.acceptedShapes, zone: options.timeZone)
        }
    }
}

extension WhatsAppParser: StreamingTranscriptParser {
    /// Reads the file twice in blocks: the first pass surveys the headers, the second reads
    /// messages (and hashes the file), building a String only once per distinct sender.
    public func stream(
        path: String, options: ParseOptions, blockSize: Int,
        to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary {
        let file = try BlockReader(path: path, blockSize: blockSize)
        var survey = WhatsAppSurvey()
        let surveyed = try file.forEachBlock { self.survey($0, into: &survey) }
        var reader = try messageReader(survey, file: path, options: options).get()
        let (totals, senders) = try read(file, with: &reader, to: consume)
        guard totals.byteCount == surveyed.byteCount else {
            throw .unreadableInput(Diagnostic(.error, file: path, "changed while it was being read; read it again"))
        }
        return try summary(of: file, totals, reader, senders, options: options)
    }

    /// Reads the file once, with the header shapes and date order its first block shows, while
    /// surveying every header; nil when the whole file's survey reads headers otherwise (a shape
    /// or a day/month order that only shows later), or when the first block has no header or
    /// leaves the order open.
    public func streamInOnePass(
        path: String, options: ParseOptions, blockSize: Int,
        to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary? {
        let file = try BlockReader(path: path, blockSize: blockSize)
        let head = try InputFile.head(path: path, count: file.blockSize)
        let headIsWhole = head.count < file.blockSize
        var headSurvey = WhatsAppSurvey()
        head.withUnsafeBufferPointer { bytes in
            let end = headIsWhole ? bytes.count : (bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)
            let block = BlockReader.Block(
                bytes: bytes, base: 0, lines: 0..<end, firstLineNumber: 1, isLast: headIsWhole)
            _ = survey(block, into: &headSurvey)
        }
        guard headSurvey.hasHeaders, case .success(var reader) = messageReader(headSurvey, file: path, options: options)
        else { return nil }
        if !headIsWhole { reader.survey = WhatsAppSurvey() }
        let (totals, senders) = try read(file, with: &reader, to: consume)
        if let whole = reader.survey {
            guard whole.acceptedShapes == reader.shapes,
                case .success(let orders) = whole.dateOrders(file: path, forced: options), orders == reader.orders
            else { return nil }
        }
        return try summary(of: file, totals, reader, senders, options: options)
    }

    /// The pass that reads messages, handing each on; the file's totals (with its hash) and senders.
    private func read(
        _ file: BlockReader, with reader: inout WhatsAppMessageReader, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> (BlockReader.Totals, SenderTally) {
        var senders = SenderNames(readsLegacyText: true)
        var tally = SenderTally()
        let totals = try file.forEachBlock(hashing: true) { block in
            reader.read(block) { read, bytes in
                var sender = ""
                var senderID = -1
                if let range = read.body.sender {
                    senderID = senders.intern(bytes, range)
                    sender = senders.names[senderID]
                    if read.body.kind.isParticipantActivity { tally.add(id: senderID, name: sender) }
                }
                consume(
                    MessageEvent(
                        instant: read.instant, sender: sender, senderID: senderID, kind: read.body.kind,
                        line: read.line, lastLine: read.lastLine))
            }
        }
        return (totals, tally)
    }

    private func summary(
        of file: BlockReader, _ totals: BlockReader.Totals, _ reader: WhatsAppMessageReader, _ senders: SenderTally,
        options: ParseOptions
    ) throws(ChatBillError) -> TranscriptSummary {
        guard reader.messageCount > 0 else { throw reader.noMessagesError }
        return TranscriptSummary(
            file: file.exportFile(totals),
            parserName: name, messageCount: reader.messageCount, diagnostics: reader.diagnostics,
            timeZone: options.timeZone, dateOrder: reader.dateOrder, senders: senders.senders,
            accountSenders: ownAccount(among: senders.senders.map(\.name)))
    }

    /// The export's own account as a sender, when it wrote among `senders`.
    private func ownAccount(among senders: some Sequence<String>) -> [String] {
        guard let ownAccountName, senders.contains(ownAccountName) else { return [] }
        return [ownAccountName]
    }
}
