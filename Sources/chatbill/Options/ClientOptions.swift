import ArgumentParser
import ChatBillCore

/// Which config, and which of its clients: what `bank invoice` needs of the billing options.
struct ClientOptions: ParsableArguments {
    @Option(help: "The config file. Default: ./chatbill.toml, else ~/.config/chatbill/chatbill.toml.")
    var config: String?

    @Option(help: "Bill every export by this client's rules (a client of the config, by key or name).")
    var client: String?

    /// The request for `files` by these options, `rules` and `period`.
    func request(
        files: [String], read: ReadOptions, rules: PolicyOptions, period: Setting<ClosedRange<String>>?
    ) throws(ChatBillError) -> ReportRequest {
        let configPath = config ?? ChatBillConfig.defaultPath()
        return ReportRequest(
            paths: files,
            config: try configPath.map { path throws(ChatBillError) in try ChatBillConfig.load(path: path) },
            clientName: client, flags: try rules.settings(), providerNames: rules.providerNames, period: period,
            options: try read.parseOptions())
    }

    /// The billings of `request`, one per client.
    static func billings(_ request: ReportRequest, read: ReadOptions) throws(ChatBillError) -> [ReportRun.Billing] {
        try ReportRun.billings(request) { path, options throws(ChatBillError) in
            try read.load(path: path, options: options)
        }
    }

    /// The billing of the one client evidence is made for, its exports' diagnostics reported.
    ///
    /// - Throws: `ChatBillError.needsChoice` when the exports are with several clients.
    static func evidenceBilling(_ request: ReportRequest, read: ReadOptions) throws(ChatBillError) -> ReportRun.Billing
    {
        let billings = try billings(request, read: read)
        guard billings.count == 1 else {
            throw .needsChoice(
                Diagnostic(
                    .error, file: request.paths[0],
                    "the exports are with several clients (\(billings.compactMap(\.client).joined(separator: ", "))); "
                        + "evidence is per invoice: pass --client NAME"))
        }
        for source in billings[0].sources { Terminal.report(source.diagnostics) }
        return billings[0]
    }
}
