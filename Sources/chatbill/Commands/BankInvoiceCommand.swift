import ArgumentParser
import ChatBillCore
import Foundation

/// `chatbill bank invoice`: invoice a client's logged time, lock it, and write what the invoice
/// needs attached.
struct BankInvoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice",
        abstract: "Invoice a client's logged time, lock it, and write its evidence and time entries.",
        discussion: """
            The evidence shows every session the invoiced time falls in, verbatim, with the \
            invoice's totals; the time entries are one per stretch of invoiced time. Both cite the \
            exports the time was imported from (give the exports when they have moved). If either \
            cannot be written, nothing is invoiced. --number N writes invoice N's again.
            """)

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The client.") var client: String
    @Argument(help: "The exports to cite. Default: those the ledger imported the time from.")
    var exports: [String] = []

    @Option(help: "Invoice time logged up to and including this day (YYYY-MM-DD). Default: today.")
    var through: DateArgument?

    @Option(help: "Invoice nothing: write the evidence and entries of the client's invoice N again.")
    var number: Int64?

    @Option(help: "Write the evidence to this file: .html, .md, .txt, or .pdf (printed by headless Chromium).")
    var evidence: String?

    @Option(help: "Paper size the evidence prints on: a4 or letter.")
    var paper: Paper = .a4

    @Flag(help: "Mask phone numbers, e-mail addresses and account numbers in the evidence.")
    var redact = false

    @Option(help: "Write the invoice's time entries to this file, in the format --to names.")
    var entries: String?

    @Option(help: "harvest, toggl, clockify, kimai, iif (QuickBooks Desktop), timeclock (hledger) or ics.")
    var to: TimeEntryFormat?

    @OptionGroup(title: "Booking") var booking: BookingOptions
    @OptionGroup var read: ReadOptions
    @OptionGroup(title: "Billing rules") var rules: PolicyOptions
    @OptionGroup var who: ClientOptions

    func validate() throws {
        if let evidence, EvidenceOutput.format(of: evidence) == nil {
            throw ValidationError("--evidence needs a file ending in .html, .md, .txt or .pdf")
        }
        guard (entries == nil) == (to == nil) else { throw ValidationError("--entries and --to go together") }
        if let to { try booking.check(to) }
        if number != nil, through != nil {
            throw ValidationError("--number writes an invoice made before: no --through")
        }
        if number != nil, evidence == nil, entries == nil {
            throw ValidationError("--number writes an invoice's --evidence or --entries: give one")
        }
    }

    func run() throws {
        try ledgerCommand { () throws(ChatBillError) in
            let ledger = try ledger.open()
            if let number {
                try write(try ledger.invoice(client: client, number: number))
                return
            }
            let invoice = try ledger.invoice(client: client, through: through?.day.dateString ?? today()) {
                invoice throws(ChatBillError) in try write(invoice)
            }
            print(
                "invoiced \(DurationText.format(seconds: invoice.seconds)) of \(client) through \(invoice.through)"
                    + BankText.money(invoice.amountMinor, invoice.currency) + " (invoice \(invoice.number))")
        }
    }

    /// Writes the evidence and the entries asked for; returns what the history keeps of them
    /// (`evidence /path/acme-1.html sha256 …`).
    @discardableResult
    private func write(_ invoice: Ledger.Invoice) throws(ChatBillError) -> [String] {
        guard evidence != nil || entries != nil else { return [] }
        let request = try who.request(
            files: exports.isEmpty ? try recordedExports(invoice) : exports, read: read, rules: rules, period: nil)
        let page = Evidence(try ClientOptions.evidenceBilling(request, read: read), redact: redact, invoice: invoice)
        if !page.uncited.isEmpty {
            Terminal.report([
                Diagnostic(
                    .warning, file: request.paths[0],
                    "\(page.uncited.count) of the invoice's \(invoice.spans.count) stretches of time have no message in "
                        + "these exports; the evidence lists them")
            ])
        }
        var references: [String] = []
        func reference(_ kind: String, _ path: String) {
            let written = FileManager.default.contents(atPath: path).map { ExportFile.sha256(of: Array($0)) } ?? "?"
            let absolute = URL(filePath: path, relativeTo: URL(filePath: FileManager.default.currentDirectoryPath))
            references.append("\(kind) \(absolute.standardizedFileURL.path) (sha256 \(written))")
            print("wrote the \(kind) of invoice \(invoice.number) to \(path)")
        }
        if let evidence {
            try EvidenceOutput.write(page, format: EvidenceOutput.format(of: evidence)!, paper: paper, to: evidence)
            reference("evidence", evidence)
        }
        if let entries, let to {
            let batch = TimeEntryFormat.Batch(
                entries: TimeEntry.entries(ofInvoice: page), booking: booking.booking(for: page.report),
                zone: page.report.timeZone)
            guard FileManager.default.createFile(atPath: entries, contents: Data(to.write([batch]).utf8)) else {
                throw .unreadableInput(Diagnostic(.error, file: entries, "cannot write the file"))
            }
            reference("time entries", entries)
        }
        return references
    }

    /// The exports the ledger imported the invoice's time from; a warning for one that changed
    /// since (the evidence cites it as it is now).
    private func recordedExports(_ invoice: Ledger.Invoice) throws(ChatBillError) -> [String] {
        guard !invoice.exports.isEmpty else {
            throw .needsChoice(
                Diagnostic(
                    .error, file: ledger.ledger ?? Ledger.defaultPath(),
                    "the ledger has no record of the exports of invoice \(invoice.number) (imported by an older "
                        + "chatbill); give them: chatbill bank invoice \(client) EXPORT…"))
        }
        for export in invoice.exports {
            guard export.path != "-", let data = FileManager.default.contents(atPath: export.path) else {
                throw .unreadableInput(
                    Diagnostic(
                        .error, file: export.path,
                        (export.path == "-" ? "was read from standard input" : "is no longer there")
                            + "; give the exports to cite: chatbill bank invoice \(client) EXPORT…"))
            }
            if ExportFile.sha256(of: Array(data)) != export.sha256 {
                Terminal.report([
                    Diagnostic(
                        .warning, file: export.path,
                        "changed since it was imported (sha256 \(export.sha256.prefix(16))… then); the evidence cites "
                            + "it as it is now")
                ])
            }
        }
        return invoice.exports.map(\.path)
    }
}
