import ArgumentParser

/// `chatbill`: chat exports in, billable time with evidence out. The root command only dispatches.
@main
struct ChatBill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chatbill",
        abstract: "Turn chat exports into billable time, with the transcript as evidence.",
        discussion: """
            Exit codes: 0 ok, 1 warnings under --strict (verify: a file differs), 64 bad usage or a choice to make \
            (provider, date order, client), 65 unreadable input, 78 a bad config file.
            """,
        version: "0.1.0",
        subcommands: [
            ReportCommand.self, EvidenceCommand.self, VerifyCommand.self, ExportCommand.self, BankCommand.self,
            ParseCommand.self,
            DetectCommand.self,
            FormatsCommand.self,
        ],
        defaultSubcommand: nil
    )
}
