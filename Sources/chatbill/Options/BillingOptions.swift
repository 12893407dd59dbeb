import ArgumentParser
import ChatBillCore

/// Who is billed and by which rules: the config, the client, the rules as flags, the period.
/// Shared by `report`, `evidence`, `export` and `bank import`.
struct BillingOptions: ParsableArguments {
    @OptionGroup(title: "Billing rules") var rules: PolicyOptions
    @OptionGroup(title: "Period") var period: PeriodOptions
    @OptionGroup var who: ClientOptions

    /// The request these options and `read` make of `files`; `to` is `--to` where a command has it.
    func request(files: [String], read: ReadOptions, to: DateArgument? = nil) throws(ChatBillError) -> ReportRequest {
        try who.request(files: files, read: read, rules: rules, period: try period.period(to: to))
    }

    /// The exports read whole and billed, one billing per client.
    func billings(
        files: [String], read: ReadOptions, to: DateArgument? = nil
    ) throws(ChatBillError)
        -> [ReportRun.Billing]
    {
        try ClientOptions.billings(request(files: files, read: read, to: to), read: read)
    }
}
