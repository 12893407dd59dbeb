import ArgumentParser
import ChatBillCore

/// Who is billed and by which rules: the config, the client, the rules as flags, the period.
/// Shared by `report`, `evidence` and `export`.
struct BillingOptions: ParsableArguments {
    @OptionGroup(title: "Billing rules") var rules: PolicyOptions
    @OptionGroup(title: "Period") var period: PeriodOptions

    @Option(help: "The config file. Default: ./chatbill.toml, else ~/.config/chatbill/chatbill.toml.")
    var config: String?

    @Option(help: "Bill every export by this client's rules (a client of the config, by key or name).")
    var client: String?

    /// The request these options and `read` make of `files`; `to` is `--to` where a command has it.
    func request(files: [String], read: ReadOptions, to: DateArgument? = nil) throws(ChatBillError) -> ReportRequest {
        let configPath = config ?? ChatBillConfig.defaultPath()
        return ReportRequest(
            paths: files,
            config: try configPath.map { path throws(ChatBillError) in try ChatBillConfig.load(path: path) },
            clientName: client, flags: try rules.settings(), providerNames: rules.providerNames,
            period: try period.period(to: to), options: try read.parseOptions())
    }

    /// The exports read whole and billed, one billing per client.
    func billings(
        files: [String], read: ReadOptions, to: DateArgument? = nil
    ) throws(ChatBillError)
        -> [ReportRun.Billing]
    {
        try ReportRun.billings(request(files: files, read: read, to: to)) { path, options throws(ChatBillError) in
            try read.load(path: path, options: options)
        }
    }
}
