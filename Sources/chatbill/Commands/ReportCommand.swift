import ArgumentParser
import ChatBillCore

/// `chatbill report`: sessions, days and the total billable time of an export.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the billable sessions, day totals and grand total of a chat export.")

    @OptionGroup var input: InputOptions
    @OptionGroup(title: "Billing rules") var rules: PolicyOptions

    @Option(help: "table (default) or json (the chatbill.report/1 contract).")
    var format: ReportFormat = .table

    @Flag(help: "Exit with status 1 when the export produced warnings.")
    var strict = false

    func run() throws {
        let report: Report
        do {
            if let streamed = try input.streamedReport(providerNames: rules.providerNames, policy: rules.policy) {
                report = streamed
            } else {
                let transcript = try input.load()
                let provider = try ProviderIdentity.resolve(names: rules.providerNames, for: transcript)
                report = Report(transcript: transcript, provider: provider, policy: rules.policy)
            }
        } catch {
            throw Terminal.fail(error)
        }
        var output = OutputBuffer()
        format.renderer.write(report) { output.write($0) }
        output.flush()
        if strict, report.summary.warningCount > 0 { throw ExitCode(1) }
    }
}

extension ReportFormat: ExpressibleByArgument {}
