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

    /// The rules of each total, in order.
    private let policies: [BillingPolicy]
    /// The bill's own rules: a variant with exactly these takes the bill's total instead of
    /// sessionizing the chat again.
    private let billed: BillingPolicy
    private var variants: [SessionTotals]
    /// The smallest gap of the variants: inputs that follow one another closer than this extend
    /// every variant's open session, so they are summed up and added as one run.
    private let runGap: Int
    private var run: OpenSession.Run?
    /// The latest end of the inputs since the last one added one by one (that one included).
    private var runEnd: Date?

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
        self.policies = policies
        billed = policy
        let others = policies.filter { $0 != policy }
        variants = others.map { SessionTotals(policy: $0, timeZone: timeZone, period: period) }
        runGap = others.map(\.gapSeconds).min() ?? 0
    }

    mutating func add(_ input: SessionInput) {
        if let runEnd, OpenSession.seconds(from: runEnd, to: input.instant) <= runGap {
            if run == nil { run = OpenSession.Run(input) } else { run!.add(input) }
            self.runEnd = max(runEnd, input.end)
            return
        }
        addRun()
        for index in variants.indices { variants[index].add(input) }
        runEnd = input.end
    }

    /// Adds the run summed up so far to every variant.
    private mutating func addRun() {
        guard let run else { return }
        for index in variants.indices { variants[index].absorb(run) }
        self.run = nil
    }

    /// The totals, in the order of `gapMinutes` and then the work gap off; `bill` is the real
    /// bill, whose total stands for the variant with its own rules.
    mutating func finish(bill: Bill) -> [Total] {
        addRun()
        var others = variants.indices.map { variants[$0].finish() }.makeIterator()
        return policies.map { policy in
            let result = policy == billed ? bill : others.next()!
            return Total(
                gapSeconds: policy.gapSeconds, workGapSeconds: policy.workGapSeconds,
                billedSeconds: result.billedSeconds, sessions: result.billableSessions, amount: result.amount)
        }
    }
}
