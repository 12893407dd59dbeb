import ArgumentParser
import ChatBillCore

/// The export to read and how to read its timestamps; shared by every command that reads one.
struct InputOptions: ParsableArguments {
    @Argument(help: "The chat export to read, or - for standard input.")
    var file: String

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

    /// Reads and parses the export, printing its diagnostics to standard error.
    func load() throws(ChatBillError) -> Transcript {
        let input = try InputFile.read(path: file)
        let zone = try tz.map { name throws(ChatBillError) in try ZoneChoice.named(name, source: .flag) } ?? .machine
        let chosen = try ParserRegistry.standard.choose(for: input, named: parser)
        let transcript = try chosen.parse(
            input, options: ParseOptions(timeZone: zone, dateOrder: dateOrder?.order, date: date?.day))
        Terminal.report(transcript.diagnostics)
        return transcript
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
