/// Every parser chatbill has, and the choice of one for an input.
public struct ParserRegistry: Sendable {
    /// The parsers in the order `chatbill formats` lists them.
    public let parsers: [any TranscriptParser]

    public init(parsers: [any TranscriptParser]) {
        self.parsers = parsers
    }

    /// All built-in parsers.
    public static let standard = ParserRegistry(parsers: [
        WhatsAppParser(),
        ZoomParser(),
        IRCParser(),
        PidginTextParser(),
        IMessageTextParser(),
        SignalParser(),
        DiscordTextParser(),
        MessengerPlusTextParser(),
        PidginHTMLParser(),
        MessengerPlusHTMLParser(),
        IMessageHTMLParser(),
        VKHTMLParser(),
        TelegramHTMLParser(),
        FacebookHTMLParser(),
        DiscordHTMLParser(),
        MessengerHTMLParser(),
        TelegramJSONParser(),
        DiscordJSONParser(),
        FacebookJSONParser(),
        HangoutsParser(),
        GoogleChatParser(),
        MattermostParser(),
        TeamsParser(),
        SkypeParser(),
        SlackParser(),
        SkypeMainDBParser(),
        AdiumParser(),
        EmpathyParser(),
        WindowsLiveMessengerParser(),
        KopeteParser(),
        TrillianParser(),
        XMPPArchiveParser(),
        TeamViewerParser(),
        AnyDeskParser(),
        CSVParser(),
    ])

    /// The parser named `name` (as in `--parser`).
    public func parser(named name: String) -> (any TranscriptParser)? {
        parsers.first { $0.name == name.lowercased() }
    }

    /// Every parser's answer for this input, most confident first.
    public func rank(_ input: InputFile) -> [(parser: any TranscriptParser, detection: Detection)] {
        rank(DetectionProbe(input))
    }

    /// Every parser's answer for what a probe shows, most confident first.
    public func rank(_ probe: DetectionProbe) -> [(parser: any TranscriptParser, detection: Detection)] {
        parsers.map { ($0, $0.detect(probe)) }.sorted { $0.detection > $1.detection }
    }

    /// The parser to read `input` with: `named` when given, else the most confident one.
    ///
    /// - Throws: `ChatBillError.unreadableInput` for an empty input or one no parser recognises,
    ///   and `ChatBillError.needsChoice` for an unknown `--parser` name.
    public func choose(for input: InputFile, named: String? = nil) throws(ChatBillError) -> any TranscriptParser {
        try choose(for: DetectionProbe(input), file: input.displayName, named: named)
    }

    /// The parser to read a file with, from its name and first bytes: `named` when given, else
    /// the most confident one.
    public func choose(
        for probe: DetectionProbe, file: String, named: String? = nil
    ) throws(ChatBillError)
        -> any TranscriptParser
    {
        if let named {
            guard let parser = parser(named: named) else {
                let names = parsers.map(\.name).joined(separator: ", ")
                throw .needsChoice(
                    Diagnostic(.error, file: "--parser", "unknown format '\(named)'; known formats: \(names)"))
            }
            return parser
        }
        guard let best = rank(probe).first, best.detection.confidence > 0 else {
            throw Self.unrecognised(head: probe.head, file: file)
        }
        return best.parser
    }

    /// The error for a file no parser recognises: it is empty, it is UTF-16 text (a text editor's
    /// "Unicode"; the plain-text formats are read as UTF-8 or a legacy 8-bit encoding), or it is
    /// nothing chatbill reads.
    public static func unrecognised(head: ArraySlice<UInt8>, file: String) -> ChatBillError {
        guard !head.isEmpty else { return .unreadableInput(Diagnostic(.error, file: file, "the file is empty")) }
        let start = InputLocation(line: 1, column: 1)
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            return .unreadableInput(
                Diagnostic(
                    .error, file: file, at: start,
                    "no parser recognises this file: it is UTF-16 text (it starts with a UTF-16 byte-order mark), "
                        + "which a text editor writes when it saves as \"Unicode\"; save it as UTF-8, or use the "
                        + "export as the app wrote it"))
        }
        return .unreadableInput(
            Diagnostic(
                .error, file: file, at: start,
                "no parser recognises this file; `chatbill formats` lists what chatbill reads, "
                    + "and --parser NAME forces one"))
    }
}
