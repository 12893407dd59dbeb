import Foundation

/// The same activity billed under other gap rules (DESIGN.md: gaps of 5, 10, 15, 30 and 60
/// minutes, and with the work gap off), every other rule unchanged, so a client can see the gap
/// in the bill is not the one that happens to bill most. Fed the same inputs as the real bill;
/// keeps only sums.
public struct WhatIf {
    public struct Total: Sendable, Hashable {
        public let gapSeconds: Int
        public let workGapSeconds: Int?
        public let billedSeconds: Int
        public let sessions: Int
        /// nil without a rate.
        public let amount: Int?
    }

    /// The gaps shown, in minutes.
    public static let gapMinutes = [5, 10, 15, 30, 60]

    private var sessions: [SessionBuilder]
    private var bills: [BillBuilder]

    init(policy: BillingPolicy, timeZone: TimeZone, period: ClosedRange<String>?) {
        var policies = Self.gapMinutes.map { minutes in
            var variant = policy
            variant.gapSeconds = minutes * 60
            if let workGap = variant.workGapSeconds { variant.workGapSeconds = max(workGap, variant.gapSeconds) }
            return variant
        }
        var workGapOff = policy
        workGapOff.workGapSeconds = nil
        policies.append(workGapOff)
        sessions = policies.map { SessionBuilder(policy: $0, keepsReasons: false) }
        bills = policies.map { BillBuilder(policy: $0, timeZone: timeZone, period: period, keepingLines: false) }
    }

    mutating func add(_ input: SessionInput) {
        for index in sessions.indices {
            if let closed = sessions[index].add(input) { bills[index].add(closed) }
        }
    }

    mutating func finish() -> [Total] {
        sessions.indices.map { index in
            if let last = sessions[index].finish() { bills[index].add(last) }
            let bill = bills[index].finish()
            return Total(
                gapSeconds: bill.policy.gapSeconds, workGapSeconds: bill.policy.workGapSeconds,
                billedSeconds: bill.billedSeconds, sessions: bill.billableSessions, amount: bill.amount)
        }
    }
}
