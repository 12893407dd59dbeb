/// A reader for one export format. Parsers are chosen at run time (by detection or `--parser`),
/// so the protocol has no associated types; every parser is listed in `ParserRegistry` and runs
/// the shared conformance test.
public protocol TranscriptParser: Sendable {
    /// The name used with `--parser` and printed in reports (`whatsapp`).
    var name: String { get }
    /// What a person calls the format (`WhatsApp chat export (.txt)`).
    var displayName: String { get }
    /// File name endings the format usually has, without the dot.
    var fileExtensions: [String] { get }

    /// How sure the parser is that it can read this input, from its first bytes and its name.
    /// Must be cheap: it may only look at `probe.head`.
    func detect(_ probe: DetectionProbe) -> Detection

    /// Reads the whole input. Recoverable problems become diagnostics in the transcript; only a
    /// problem that leaves nothing sensible to report throws.
    func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript
}

/// Choices that affect how wall-clock timestamps are read.
public struct ParseOptions: Sendable, Hashable {
    /// The zone for exports whose timestamps have none.
    public var timeZone: ZoneChoice
    /// Forces the day/month order instead of inferring it.
    public var dateOrder: DateOrder?
    /// Who chose `dateOrder`: `--date-order`, or a client's config.
    public var dateOrderSource: DateOrderChoice.Source = .flag
    /// The day of exports whose lines carry only a time (`--date`).
    public var date: CivilDateTime?
    /// Which column is what, and the timestamp layout, for CSV files.
    public var csv: CSVParser.Options
    /// Which conversation to read from an export that holds several (`--chat`).
    public var chat: String?

    public init(
        timeZone: ZoneChoice = .machine, dateOrder: DateOrder? = nil, date: CivilDateTime? = nil,
        csv: CSVParser.Options = CSVParser.Options(), chat: String? = nil
    ) {
        self.timeZone = timeZone
        self.dateOrder = dateOrder
        self.date = date
        self.csv = csv
        self.chat = chat
    }
}
