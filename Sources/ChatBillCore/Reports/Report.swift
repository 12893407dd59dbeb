import Foundation

/// Everything a report states: what was read and how, who bills whom, by which rules (and where
/// each came from), and the bill.
public struct Report: Sendable {
    /// The exports billed together, in the order given; their files are numbered in this order.
    public let sources: [TranscriptSummary]
    /// The zone days are counted in, and why.
    public let zone: ZoneChoice
    /// For each source, the messages dropped because an earlier source already had them.
    public let duplicates: [Int]
    /// The client billed, when the rules came from a client of the config.
    public let client: String?
    public let provider: ProviderIdentity
    public let policy: BillingPolicy
    /// Where each rule's value came from (`gap` → `chatbill.toml:12`), by the rule names of
    /// `BillingPolicy.summary`; a rule not listed has its built-in default.
    public let origins: [String: String]
    public let bill: Bill
    /// Totals of the same sessions under other gap rules, to show the rule is not cherry-picked.
    public let whatIf: [WhatIf.Total]

    /// Sessionizes and bills `transcript` in its zone.
    public init(transcript: Transcript, provider: ProviderIdentity, policy: BillingPolicy) {
        self.init(sources: [transcript], provider: provider, policy: policy)
    }

    /// Merges `sources`, then sessionizes and bills them in the billing zone: the first zone that
    /// was chosen (by flag, config or the machine) rather than read from an export, else the first
    /// source's (a remote-control log in UTC never sets the day of a chat in Berlin).
    public init(
        sources: [Transcript], provider: ProviderIdentity, policy: BillingPolicy, period: ClosedRange<String>? = nil,
        client: String? = nil, origins: [String: String] = [:]
    ) {
        precondition(!sources.isEmpty, "a report on no export")
        let zoneChoice = sources.first(where: { $0.timeZone.source != .export })?.timeZone ?? sources[0].timeZone
        let zone = zoneChoice.timeZone
        let merged = MergedSources(sources, provider: provider)
        let senders = SenderTable()
        var pass = BillingPass(policy: policy, timeZone: zone, period: period, senders: senders)
        let sessionizer = Sessionizer(policy: policy, provider: provider)
        for input in sessionizer.inputs(from: merged.messages, sourceOfFile: merged.sourceOfFile, senders: senders) {
            pass.add(input)
        }
        let (bill, whatIf) = pass.finish()
        self.init(
            sources: sources.map(\.summary), zone: zoneChoice, duplicates: merged.duplicates, client: client,
            provider: provider, policy: policy, origins: origins, bill: bill, whatIf: whatIf)
    }

    public init(
        sources: [TranscriptSummary], zone: ZoneChoice? = nil, duplicates: [Int]? = nil, client: String? = nil,
        provider: ProviderIdentity, policy: BillingPolicy, origins: [String: String] = [:], bill: Bill,
        whatIf: [WhatIf.Total] = []
    ) {
        self.sources = sources
        self.zone = zone ?? sources[0].timeZone
        self.duplicates = duplicates ?? sources.map { _ in 0 }
        self.client = client
        self.provider = provider
        self.policy = policy
        self.origins = origins
        self.bill = bill
        self.whatIf = whatIf
    }

    /// The billing zone.
    public var timeZone: TimeZone { zone.timeZone }

    /// Every source's warnings and notes, source by source.
    public var diagnostics: [Diagnostic] { sources.flatMap(\.diagnostics) }

    public var warningCount: Int { sources.reduce(0) { $0 + $1.warningCount } }

    /// Every file of every source, numbered as sessions' `files` number them.
    public var files: [ExportFile] { sources.flatMap(\.files) }
}

/// A way of writing a report, chosen at run time with `--format`. Renderers write in pieces, so
/// a report of any length goes out without being held whole.
public protocol ReportRenderer: Sendable {
    /// Writes `report`, handing each piece of text to `output` in order.
    func write(_ report: Report, to output: (String) -> Void)

    /// Writes the reports on several clients, one after another, with what they add up to.
    func write(_ reports: [Report], to output: (String) -> Void)
}

extension ReportRenderer {
    /// The whole report as one string.
    public func render(_ report: Report) -> String {
        var text = ""
        write(report) { text += $0 }
        return text
    }

    /// The reports on several clients as one string.
    public func render(_ reports: [Report]) -> String {
        var text = ""
        write(reports) { text += $0 }
        return text
    }
}

/// The report formats `chatbill report --format` offers.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, json

    public var renderer: any ReportRenderer {
        switch self {
        case .table: TableReportRenderer()
        case .json: JSONReportRenderer()
        }
    }
}
