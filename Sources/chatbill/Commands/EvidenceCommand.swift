import ArgumentParser
import ChatBillCore
import Foundation

/// `chatbill evidence`: the page to attach to an invoice.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Write the evidence for an invoice: every billed session with its messages, the totals, the hashes.",
        discussion: """
            The HTML page is self-contained and printable (A4 or Letter); Markdown and text carry \
            the same content. Every format embeds what `chatbill verify` needs to re-check the \
            page against the exports.
            """)

    @Argument(help: "The chat exports to bill (files, export folders or .zip), or - for standard input.")
    var files: [String]

    @OptionGroup var read: ReadOptions
    @OptionGroup var billing: BillingOptions
    @OptionGroup var periodEnd: PeriodEndOption

    @Option(help: "html (default), markdown, text, or pdf (the HTML page printed by headless Chromium; needs -o).")
    var format: EvidenceOutputFormat = .html

    @Option(help: "Paper size the HTML page prints on: a4 or letter.")
    var paper: Paper = .a4

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Also show the sessions nobody answered (they bill nothing).")
    var includeUnanswered = false

    @Flag(
        inversion: .prefixedNo,
        help: "Show only the messages of billed sessions (the default); --no-only-billed shows unanswered ones too.")
    var onlyBilled = true

    @Flag(help: "Mask phone numbers, e-mail addresses and account numbers in message text.")
    var redact = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one export") }
        if format == .pdf, output == nil { throw ValidationError("--format pdf writes a file: give -o evidence.pdf") }
    }

    func run() throws {
        do {
            try write()
        } catch {
            throw Terminal.fail(error)
        }
    }

    private func write() throws(ChatBillError) {
        let request = try billing.request(files: files, read: read, to: periodEnd.to)
        let evidence = Evidence(
            try ClientOptions.evidenceBilling(request, read: read), includeUnanswered: includeUnanswered || !onlyBilled,
            redact: redact)
        try EvidenceOutput.write(evidence, format: format, paper: paper, to: output)
    }
}
