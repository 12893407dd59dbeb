import Foundation

/// Everything a report states: what was read and how, who bills, by which rules, and the bill.
public struct Report: Sendable {
    public let transcript: Transcript
    public let provider: ProviderIdentity
    public let policy: BillingPolicy
    public let sessions: [Session]
    public let bill: Bill

    /// Sessionizes and bills `transcript` in its zone.
    public init(transcript: Transcript, provider: ProviderIdentity, policy: BillingPolicy) {
        self.transcript = transcript
        self.provider = provider
        self.policy = policy
        sessions = Sessionizer(policy: policy, provider: provider).sessions(from: transcript.messages)
        bill = Bill(sessions: sessions, rounding: policy.rounding, timeZone: transcript.timeZone.timeZone)
    }

    public var timeZone: TimeZone { transcript.timeZone.timeZone }
}

/// A way of writing a report, chosen at run time with `--format`.
public protocol ReportRenderer: Sendable {
    func render(_ report: Report) -> String
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
