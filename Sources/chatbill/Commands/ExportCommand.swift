import ArgumentParser
import ChatBillCore
import Foundation

/// `chatbill export --to`: time entries for an invoicing or time-tracking tool.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write the billed sessions as time entries for Harvest, Toggl, Clockify, Kimai, QuickBooks, hledger or a calendar.",
        discussion: """
            One entry per billed session (or per day with --per day), with billed hours, and notes \
            that cite the export's lines and SHA-256. CSV cells a spreadsheet would run as formulas \
            are neutralised. iCalendar events keep the same UID on every export of the same work, \
            so a calendar updates them instead of adding copies.
            """)

    @Argument(help: "The chat exports to bill (files, export folders or .zip), or - for standard input.")
    var files: [String]

    @OptionGroup var read: ReadOptions
    @OptionGroup var billing: BillingOptions

    @Option(help: "harvest, toggl, clockify, kimai, iif (QuickBooks Desktop), timeclock (hledger) or ics.")
    var to: TimeEntryFormat

    @Option(help: "One entry per session or per day.")
    var per: TimeEntry.Grouping = .session

    @OptionGroup(title: "Booking") var booking: BookingOptions

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one export") }
        try booking.check(to)
    }

    func run() throws {
        let text: String
        do {
            text = try write()
        } catch {
            throw Terminal.fail(error)
        }
        guard let output else {
            var buffer = OutputBuffer()
            buffer.write(text)
            buffer.flush()
            return
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
            throw Terminal.fail(.unreadableInput(Diagnostic(.error, file: output, "cannot write the file")))
        }
    }

    /// The entries of every client's billing, in one file.
    private func write() throws(ChatBillError) -> String {
        var batches: [TimeEntryFormat.Batch] = []
        for billing in try billing.billings(files: files, read: read) {
            for source in billing.sources { Terminal.report(source.diagnostics) }
            batches.append(
                TimeEntryFormat.Batch(
                    entries: TimeEntry.entries(of: billing.report, per: per),
                    booking: booking.booking(for: billing.report),
                    zone: billing.report.timeZone))
        }
        return to.write(batches)
    }
}

extension TimeEntryFormat: ExpressibleByArgument {}
extension TimeEntry.Grouping: ExpressibleByArgument {}
