import ArgumentParser
import ChatBillCore

/// `chatbill bank rules`: rules that apply to a client's time from a day on.
struct BankRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Change a client's billing rules from a day on.",
        discussion: """
            The rules given apply to the client's time from --from on, on top of the config's and of \
            earlier changes (flags given to `bank import` still win). Time already recorded keeps \
            the rules it was recorded with; the history lists the change. `bank undo` takes it back.
            """)

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The client.") var client: String
    @Option(help: "The first day the rules apply (YYYY-MM-DD).") var from: DateArgument
    @OptionGroup(title: "Billing rules") var rules: PolicyOptions

    func validate() throws {
        guard rules.providerNames.isEmpty else { throw ValidationError("--me is not a billing rule") }
        guard !rules.arguments.isEmpty else { throw ValidationError("give the rules that change, such as --gap 10m") }
    }

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in
            let day = from.day.dateString
            // The rules must resolve (a rate needs a currency…) before the ledger keeps them.
            _ = try rules.settings().resolve()
            let locked = try ledger.open().changeRules(client: client, from: day, arguments: rules.arguments)
            print("\(client): from \(day), \(rules.arguments.joined(separator: " "))")
            if let locked {
                print("time already recorded from \(day) through \(locked) keeps the rules it was recorded with")
            }
        }
    }
}
