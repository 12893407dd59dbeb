import Foundation

/// Everything a report states: what was read and how, who bills, by which rules, and the bill.
public struct Report: Sendable {
    public let summary: TranscriptSummary
    public let provider: ProviderIdentity
    public let policy: BillingPolicy
    public let bill: Bill

    /// Sessionizes and bills `transcript` in its zone.
    public init(transcript: Transcript, provider: ProviderIdentity, policy: BillingPolicy) {
        let sessions = Sessionizer(policy: policy, provider: provider).sessions(from: transcript.messages)
        self.init(
            summary: transcript.summary, provider: provider, policy: policy,
            bill: Bill(sessions: sessions, rounding: policy.rounding, timeZone: transcript.timeZone.timeZone))
    }

    public init(summary: TranscriptSummary, provider: ProviderIdentity, policy: BillingPolicy, bill: Bill) {
        self.summary = summary
        self.provider = provider
        self.policy = policy
        self.bill = bill
    }

    public var timeZone: TimeZone { summary.timeZone.timeZone }
}

/// A way of writing a report, chosen at run time with `--format`. Renderers write in pieces, so
/// a report of any length goes out without being held whole.
public protocol ReportRenderer: Sendable {
    /// Writes `report`, handing each piece of text to `output` in order.
    func write(_ report: Report, to output: (String) -> Void)
}

extension ReportRenderer {
    /// The whole report as one string.
    public func render(_ report: Report) -> String {
        var text = ""
        write(report) { text += $0 }
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
