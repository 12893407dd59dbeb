import ArgumentParser
import ChatBillCore

/// The export a command reads, and how.
struct InputOptions: ParsableArguments {
    @Argument(help: "The chat export to read (a file, an export folder or .zip), or - for standard input.")
    var file: String

    @OptionGroup var read: ReadOptions

    /// Reads and parses the export, printing its diagnostics to standard error.
    func load() throws(ChatBillError) -> Transcript {
        let transcript = try read.load(path: file, options: read.parseOptions())
        Terminal.report(transcript.diagnostics)
        return transcript
    }
}

/// How to read exports and their timestamps; shared by every command that reads one.
struct ReadOptions: ParsableArguments {
    @Option(help: "Read the file with this parser instead of detecting one (see `chatbill formats`).")
    var parser: String?

    @Option(
        help: ArgumentHelp(
            "Time zone of the export's timestamps and of billing days, as an IANA name (Europe/Berlin).",
            discussion: "Default: the machine's zone. The report says which zone was used and why."))
    var tz: String?

    @Option(help: "Day/month order of numeric dates: dmy, mdy or ymd. Default: inferred from the whole file.")
    var dateOrder: DateOrderArgument?

    @Option(
        help: ArgumentHelp(
            "The day of an export whose lines carry only times (Zoom), as YYYY-MM-DD.",
            discussion: "Default: the meeting folder's name, else the file's modification day."))
    var date: DateArgument?

    @Option(
        name: [.customLong("chat"), .customLong("channel")],
        help: ArgumentHelp(
            "The conversation to read from an export that holds several (its participants, name or channel)."))
    var chat: String?

    @Option(
        help: ArgumentHelp(
            "For CSV: what each column holds, in order (time, date, sender, text; anything else is skipped).",
            discussion: "Default: read from the header row.", valueName: "names"))
    var columns: String?

    @Option(
        help: ArgumentHelp(
            "For CSV: the timestamp layout, e.g. \"DD.MM.YYYY HH:mm\" or \"M/D/YY h:mm A\".",
            discussion:
                "Tokens: YYYY YY MMM (Nov) MM M DD D HH H hh h mm ss SSS A Z. Default: ISO 8601, epoch seconds or "
                + "DiscordChatExporter 2's 20-Nov-18 09:02 AM.",
            valueName: "layout"))
    var timeFormat: String?

    /// Reads and parses the export at `file` (its diagnostics are the caller's to print).
    func load(path file: String, options: ParseOptions) throws(ChatBillError) -> Transcript {
        if let folder = try ExportFolder.open(path: file) {
            if let (reader, members) = ParserRegistry.standard.folderParser(for: folder, named: parser) {
                return try reader.parse(folder.read(members), options: options)
            }
            guard folder.isArchive else {
                throw .unreadableInput(
                    Diagnostic(
                        .error, file: file,
                        "is a folder that no format chatbill reads is laid out like; give the export file inside it "
                            + "(`chatbill formats` lists what chatbill reads)"))
            }
        }
        let input = try InputFile.read(path: file)
        let chosen = try ParserRegistry.standard.choose(for: input, named: parser)
        return try chosen.parse(input, options: options)
    }

    /// The report on the export made while it streams past, for a file (or an export folder)
    /// whose format can be read that way; nil when the export has to be read whole (standard
    /// input, an archive, a format without a streaming parser, or a file `StreamedReport` cannot
    /// order in one pass).
    func streamedReport(_ plan: ReportRun.StreamPlan) throws(ChatBillError) -> Report? {
        let file = plan.path
        guard file != "-" else { return nil }
        if let folder = ExportFolder.folder(at: file) {
            guard let (reader, members) = ParserRegistry.standard.folderParser(for: folder, named: parser),
                let streaming = reader as? any StreamingFolderParser
            else { return nil }
            return try StreamedReport.make(
                folder: folder, members: members, parser: streaming, options: plan.options,
                providerNames: plan.providerNames, policy: plan.policy, period: plan.period, client: plan.client,
                origins: plan.origins, providerSource: plan.providerSource)
        }
        let head = try InputFile.head(path: file)
        guard !ZipChatArchive.isArchive(head) else { return nil }
        let probe = DetectionProbe(fileName: ExportFile.fileName(of: file), head: head[...])
        guard
            let chosen = try ParserRegistry.standard.choose(for: probe, file: file, named: parser)
                as? any StreamingTranscriptParser
        else { return nil }
        return try StreamedReport.make(
            path: file, parser: chosen, options: plan.options, providerNames: plan.providerNames, policy: plan.policy,
            period: plan.period, client: plan.client, origins: plan.origins, providerSource: plan.providerSource)
    }

    /// How to read the export's timestamps and which part of it, from the flags.
    func parseOptions() throws(ChatBillError) -> ParseOptions {
        let zone = try tz.map { name throws(ChatBillError) in try ZoneChoice.named(name, source: .flag) } ?? .machine
        var layout: TimestampLayout?
        if let timeFormat {
            guard let parsed = TimestampLayout(timeFormat) else {
                throw .needsChoice(
                    Diagnostic(
                        .error, file: "--time-format",
                        "'\(timeFormat)' needs at least a year, month, day, hour and minute (YYYY MM DD HH mm)"))
            }
            layout = parsed
        }
        let csv = CSVParser.Options(
            columns: columns.map { $0.split(separator: ",").map { CSVParser.Column(name: String($0)) } },
            timeLayout: layout)
        return ParseOptions(timeZone: zone, dateOrder: dateOrder?.order, date: date?.day, csv: csv, chat: chat)
    }
}

/// `--date-order` values.
struct DateOrderArgument: ExpressibleByArgument {
    let order: DateOrder

    init?(argument: String) {
        guard let order = DateOrder(argument: argument) else { return nil }
        self.order = order
    }

    static var allValueStrings: [String] { DateOrder.allCases.map(\.rawValue) }
}

/// `--date` values: `YYYY-MM-DD`.
struct DateArgument: ExpressibleByArgument {
    let day: CivilDateTime

    init?(argument: String) {
        guard let day = ContextDate.parseISODate(argument) else { return nil }
        self.day = day
    }
}
