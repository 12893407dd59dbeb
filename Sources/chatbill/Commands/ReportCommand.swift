import ArgumentParser
import ChatBillCore

/// `chatbill report`: sessions, days and the total billable time of one or more exports, per
/// client when the config has clients.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the billable sessions, day totals and grand total of chat exports.",
        discussion: """
            Several exports are billed together: the same chat exported twice, chats on several \
            platforms, and TeamViewer or AnyDesk logs as evidence of remote work. A message two \
            exports share is billed once. With clients in the config, each export is billed by the \
            rules of the client it is with (their `match` names one of its senders).
            """)

    @Argument(help: "The chat exports to read (files, export folders or .zip), or - for standard input.")
    var files: [String]

    @OptionGroup var read: ReadOptions
    @OptionGroup var billing: BillingOptions
    @OptionGroup var periodEnd: PeriodEndOption

    @Option(help: "table (default) or json (the chatbill.report/1 contract).")
    var format: ReportFormat = .table

    @Flag(help: "Exit with status 1 when the exports produced warnings.")
    var strict = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one export to report on") }
    }

    func run() throws {
        let reports: [Report]
        do {
            reports = try makeReports()
        } catch {
            throw Terminal.fail(error)
        }
        for report in reports { Terminal.report(report.diagnostics) }
        var output = OutputBuffer()
        if reports.count == 1 {
            format.renderer.write(reports[0]) { output.write($0) }
        } else {
            format.renderer.write(reports) { output.write($0) }
        }
        output.flush()
        if strict, reports.contains(where: { $0.warningCount > 0 }) { throw ExitCode(1) }
    }

    private func makeReports() throws(ChatBillError) -> [Report] {
        let request = try billing.request(files: files, read: read, to: periodEnd.to)
        // One export of one client streams past without being held whole, where its format allows.
        if let plan = try ReportRun.streamPlan(request), let streamed = try read.streamedReport(plan) {
            return [streamed]
        }
        return try ReportRun.reports(request) { path, options throws(ChatBillError) in
            try read.load(path: path, options: options)
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
