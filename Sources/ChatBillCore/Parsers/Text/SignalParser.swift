/// Signal chats exported with signal-export (`chat.md`): `[2026-11-19 10:02:11] Name: text`,
/// quotes as `> …`, attachments as `[attachment](./media/…)`. The line grammar is the one
/// WhatsApp's iOS export uses, so this parser reads with the WhatsApp engine and Signal's words;
/// it claims files named `chat.md` and files whose stamps are all `[YYYY-MM-DD …]`.
public struct SignalParser: StreamingTranscriptParser {
    public var name: String { engine.name }
    public var displayName: String { engine.displayName }
    public var fileExtensions: [String] { engine.fileExtensions }

    public var ownAccountName: String? { engine.ownAccountName }

    /// signal-export names the exporting account `Me`: the provider unless `--me` says otherwise.
    private let engine = WhatsAppParser(
        name: "signal", displayName: "Signal chat export (signal-export chat.md)", fileExtensions: ["md", "txt"],
        vocabulary: .signal, ownAccountName: "Me")

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let survey = engine.surveyHead(probe)
        let named = probe.fileName == "chat.md"
        guard survey.headers > 0, named || survey.isoBracketed == survey.headers else {
            return .no("no signal-export message lines ('[2026-11-19 10:02:11] Name: text')")
        }
        return Detection(
            confidence: min(100, survey.confidence + 8 + (named ? 10 : 0)),
            reason: "\(survey.headers) of the first \(survey.lines) lines are signal-export message lines")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        try engine.parse(input, options: options)
    }

    public func stream(
        path: String, options: ParseOptions, blockSize: Int, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary {
        try engine.stream(path: path, options: options, blockSize: blockSize, to: consume)
    }
}
