/// The billing rules in force day by day: the base rules, then each recorded change from its first
/// day on (`chatbill bank rules CLIENT --from DATE`). A session takes the rules of the day its first
/// message falls on, so one running across the midnight a change starts at keeps the old rules.
public struct PolicyTimeline: Sendable {
    /// Rules that apply from a day (`YYYY-MM-DD`) on.
    public struct Change: Sendable {
        public let from: String
        public let policy: BillingPolicy

        public init(from: String, policy: BillingPolicy) {
            self.from = from
            self.policy = policy
        }
    }

    public let base: BillingPolicy
    /// In order of their first day.
    public let changes: [Change]

    public init(_ base: BillingPolicy, changes: [Change] = []) {
        self.base = base
        self.changes = changes.sorted { $0.from < $1.from }
    }

    /// The period `date` (`YYYY-MM-DD`) falls in: 0 for the base rules, `n` for the `n`th change.
    public func period(of date: String) -> Int {
        changes.lastIndex { $0.from <= date }.map { $0 + 1 } ?? 0
    }

    /// The rules of a period `period(of:)` returned.
    public func policy(ofPeriod period: Int) -> BillingPolicy {
        period == 0 ? base : changes[period - 1].policy
    }

    /// The rules in plain words, then what each change changes: `gap: 15m; … | from 2027-01-01:
    /// gap: 10m`.
    public var summary: String {
        var text = base.summary.map { "\($0.rule): \($0.value)" }.joined(separator: "; ")
        var previous = base.summary
        for change in changes {
            let rules = change.policy.summary
            let changed = rules.filter { rule in !previous.contains { $0 == rule } }
            text += " | from \(change.from): "
            text += changed.isEmpty ? "no change" : changed.map { "\($0.rule): \($0.value)" }.joined(separator: "; ")
            previous = rules
        }
        return text
    }
}
