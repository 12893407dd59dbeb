import ArgumentParser
import ChatBillCore
import Foundation

/// `chatbill bank`: the hours bank and the time log, kept in a SQLite ledger.
struct BankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank",
        abstract: "Keep prepaid hours and unbilled time per client in a ledger, across exports.",
        discussion: """
            The ledger is one SQLite file: --ledger PATH, else $CHATBILL_LEDGER, else \
            ~/.local/share/chatbill/ledger.sqlite. Every command is one transaction.
            """,
        subcommands: [
            BankClientCommand.self, BankDepositCommand.self, BankImportCommand.self, BankStatusCommand.self,
            BankHistoryCommand.self, BankDueCommand.self, BankInvoiceCommand.self, BankRulesCommand.self,
            BankUndoCommand.self,
            BankExportCommand.self, BankImportLedgerCommand.self,
        ])
}

/// `--ledger`, shared by every `bank` command.
struct LedgerOptions: ParsableArguments {
    @Option(help: "The ledger file. Default: $CHATBILL_LEDGER, else ~/.local/share/chatbill/ledger.sqlite.")
    var ledger: String?

    func open() throws(ChatBillError) -> Ledger {
        try Ledger(path: ledger ?? Ledger.defaultPath())
    }
}

/// Runs a ledger command, turning its errors into diagnostics and exit codes.
func ledgerCommand(_ body: () throws(ChatBillError) -> Void) throws {
    do {
        try body()
    } catch {
        throw Terminal.fail(error)
    }
}

/// Today in the machine's zone, `YYYY-MM-DD`: what `--date` and `--through` default to.
func today() -> String {
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    return CivilDateTime(year: parts.year!, month: parts.month!, day: parts.day!).dateString
}

struct BankClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "Add a client to the ledger.", subcommands: [BankClientAddCommand.self])
}

struct BankClientAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a client.")

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The key other commands name the client by (acme).") var key: String
    @Option(help: "The client's name. Default: the key.") var name: String?
    @Option(help: "Unbilled time at which an invoice is due (2h).") var threshold: DurationArgument?
    @Option(help: "Hourly rate for logged time, in the currency's units (90, 92.50).") var rate: String?
    @Option(help: "ISO 4217 currency of the rate.") var currency: String?

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in
            var code: Currency?
            var minor: Int?
            if let rate {
                guard let currency = currency.flatMap(Currency.init(code:)), let units = currency.minorUnits(rate)
                else {
                    throw .needsChoice(
                        Diagnostic(.error, file: "--rate", "'\(rate)' needs --currency and an amount like 90 or 92.50"))
                }
                code = currency
                minor = units
            }
            try ledger.open().addClient(
                key: key, name: name, thresholdSeconds: threshold?.seconds, rateMinor: minor, currency: code)
            print("added client \(key)")
        }
    }
}

struct BankDepositCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deposit", abstract: "Record a prepaid block of hours.")

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The client.") var client: String
    @Argument(help: "The hours bought (10h, 90m).") var amount: DurationArgument
    @Option(help: "What the block cost, in the currency's units.") var price: String?
    @Option(help: "ISO 4217 currency of the price.") var currency: String?
    @Option(help: "The last day the block can be used (YYYY-MM-DD).") var expires: DateArgument?
    @Option(help: "The day the block was bought (YYYY-MM-DD). Default: today.") var date: DateArgument?
    @Option(help: "A note for the history.") var note: String?

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in
            let code = currency.flatMap(Currency.init(code:))
            let minor = try price.map { price throws(ChatBillError) in
                guard let code, let units = code.minorUnits(price) else {
                    throw .needsChoice(Diagnostic(.error, file: "--price", "'\(price)' needs --currency and an amount"))
                }
                return units
            }
            try ledger.open().deposit(
                client: client, seconds: amount.seconds, date: date?.day.dateString ?? today(),
                expires: expires?.day.dateString, priceMinor: minor, currency: code, note: note)
            print("deposited \(DurationText.format(seconds: amount.seconds)) for \(client)")
        }
    }
}

struct BankImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record the messages of chat exports and the billable time they add.",
        discussion:
            "Importing the same export twice, or a newer one that contains an older one, adds only time not seen before."
    )

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The client.") var client: String
    @Argument(help: "The chat exports.") var files: [String]
    @OptionGroup var read: ReadOptions
    @OptionGroup var billing: BillingOptions

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in
            let ledger = try ledger.open()
            let request = try billing.request(files: files, read: read)
            let changes = try ledger.ruleChanges(client: client)
            var added = 0
            var known = 0
            var prepaid = 0
            var logged = 0
            for billing in try ClientOptions.billings(request, read: read) {
                for source in billing.sources { Terminal.report(source.diagnostics) }
                let result = try ledger.importChat(
                    client: client, sources: billing.sources, provider: billing.provider,
                    rules: try Self.rules(for: billing, request, changes: changes), zone: billing.report.timeZone)
                added += result.messagesAdded
                known += result.messagesAlreadyKnown
                prepaid += result.prepaidSeconds
                logged += result.loggedSeconds
            }
            print(
                "\(client): \(added) new messages (\(known) already in the ledger); drew \(DurationText.format(seconds: prepaid)) "
                    + "prepaid, logged \(DurationText.format(seconds: logged))")
        }
    }
}

extension BankImportCommand {
    /// The rules for `billing`'s time: the config's and the flags' (`billing.policy`), and from
    /// each day the ledger recorded a change on, those with the change's rules on top (the flags
    /// still win: what is typed now is meant now).
    static func rules(
        for billing: ReportRun.Billing, _ request: ReportRequest, changes: [Ledger.RuleChange]
    ) throws(ChatBillError) -> PolicyTimeline {
        let client = billing.client.flatMap { request.config?.client(named: $0) }
        var layered = RuleSettings()
        var dated: [PolicyTimeline.Change] = []
        for change in changes {
            layered = layered.overridden(
                by: try PolicyOptions.settings(of: change.arguments, place: "bank rules from \(change.from)"))
            var changed = request
            changed.flags = layered.overridden(by: request.flags)
            dated.removeAll { $0.from == change.from }
            dated.append(.init(from: change.from, policy: try ReportRun.rules(for: client, changed).policy))
        }
        return PolicyTimeline(billing.policy, changes: dated)
    }
}

struct BankStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Prepaid, used, remaining, expiring and unbilled time per client.")

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "One client; default: every client.") var client: String?
    @Option(help: "Warn when remaining prepaid time is below this (2h) or this share (20%).") var warnBelow: String?
    @Option(help: "Count as expiring soon what expires within this many days.") var expiringWithin = 30

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in
            let day = today()
            for status in try ledger.open().status(client: client) {
                print(BankText.status(status, today: day, warnBelow: warnBelow, expiringWithin: expiringWithin))
            }
        }
    }
}

struct BankHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every deposit, import and invoice of a client.")

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The client.") var client: String

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in
            for line in try ledger.open().history(client: client) {
                print("\(line.when)  \(line.kind.padded(to: 8))\(line.text)")
            }
        }
    }
}

struct BankDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due", abstract: "The clients whose unbilled time has reached their invoicing threshold.")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in
            let due = try ledger.open().status().filter(\.isDue)
            if due.isEmpty { print("no invoice is due") }
            for status in due {
                print(
                    "\(status.key): \(DurationText.format(seconds: status.unbilledSeconds)) unbilled "
                        + "(threshold \(DurationText.format(seconds: status.thresholdSeconds ?? 0)))"
                        + BankText.money(status.unbilledAmount, status.currency))
            }
        }
    }
}

struct BankUndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Take back the last import, invoice, rule change or deposit.")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in print("undid \(try ledger.open().undo())") }
    }
}

struct BankExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the whole ledger as JSON.")

    @OptionGroup var ledger: LedgerOptions
    @Option(name: [.short, .long], help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in
            let data = try ledger.open().exportJSON()
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: data) else {
                    throw .unreadableInput(Diagnostic(.error, file: output, "cannot write the file"))
                }
            } else {
                FileHandle.standardOutput.write(data)
                print()
            }
        }
    }
}

struct BankImportLedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-ledger", abstract: "Restore a ledger `bank export` wrote, into an empty ledger.")

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The JSON file.") var file: String

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .unreadableInput(Diagnostic(.error, file: file, "cannot read the file"))
            }
            try ledger.open().importJSON(data, from: file)
            print("restored the ledger from \(file)")
        }
    }
}
