import Foundation

/// The same activity billed under other gap rules (DESIGN.md: gaps of 5, 10, 15, 30 and 60
/// minutes, and with the work gap off), every other rule unchanged, so a client can see the gap
/// in the bill is not the one that happens to bill most. Fed the same inputs as the real bill;
/// keeps only sums.
///
/// The variants sessionize together. Whatever its rules, a session still open ends when the
/// latest activity so far ends (a session only closes before an input that starts after every
/// activity before it has ended), and its provider's activity ends when the provider's latest
/// activity so far ends, if the provider took part in it: so the silence before an input, and
/// the provider's latest end, are worked out once for all variants, and a variant keeps only how
/// its open session began.
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

    /// One variant of the rules: how its open session began and the bill of those it closed.
    private struct Variant {
        let rules: OpenSession.Rules
        var bill: BillBuilder
        var previousBillableEnd: Date?
        /// The number of the input that opened the open session.
        var firstNumber = 0
        var firstInstant = Date.distantPast
        var firstIsProvider = false
        var providerFirstMessage: Date?
        var providerFirstConnection: Date?

        init(policy: BillingPolicy, timeZone: TimeZone, period: ClosedRange<String>?) {
            rules = OpenSession.Rules(policy)
            bill = BillBuilder(policy: policy, timeZone: timeZone, period: period, keepingLines: false)
        }

        mutating func open(_ input: SessionInput, number: Int) {
            firstNumber = number
            firstInstant = input.instant
            firstIsProvider = input.isProvider
            providerFirstMessage = nil
            providerFirstConnection = nil
            note(input)
        }

        /// Notes an input of the open session.
        @inline(__always)
        mutating func note(_ input: SessionInput) {
            guard input.isProvider else { return }
            if input.isConnection {
                if providerFirstConnection == nil { providerFirstConnection = input.instant }
            } else if providerFirstMessage == nil {
                providerFirstMessage = input.instant
            }
        }

        /// Closes the open session, whose activity ends at `latestEnd`; `providerTookPart` says
        /// whether any of its inputs was the provider's.
        mutating func close(latestEnd: Date, providerTookPart: Bool) {
            guard providerTookPart else {
                bill.add(isBillable: false, start: firstInstant, end: latestEnd)
                return
            }
            let billable = OpenSession.billable(
                firstInstant: firstInstant, firstIsProvider: firstIsProvider,
                providerFirstMessage: providerFirstMessage, providerFirstConnection: providerFirstConnection,
                latestEnd: latestEnd, rules: rules, previousBillableEnd: previousBillableEnd)
            previousBillableEnd = billable.end
            bill.add(isBillable: true, start: billable.start, end: billable.end)
        }
    }

    /// The rules of each total, in order.
    private let policies: [BillingPolicy]
    /// The bill's own rules: a variant with exactly these takes the bill's total instead of
    /// sessionizing the chat again.
    private let billed: BillingPolicy
    private var variants: [Variant]
    /// The shortest gap of the variants: a silence no longer extends every variant's session (as
    /// most messages within a conversation do), so only the provider's inputs need noting.
    private let shortestGap: Int
    /// How many inputs were added.
    private var count = 0
    /// When the activity that ends last so far ends; nil before the first input.
    private var latestEnd: Date?
    /// When the provider's activity that ends last so far ends, and the number of the provider's
    /// last input (-1 before any).
    private var providerLatestEnd: Date?
    private var providerLastNumber = -1

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
        variants = policies.filter { $0 != policy }.map { Variant(policy: $0, timeZone: timeZone, period: period) }
        shortestGap = variants.map(\.rules.gapSeconds).min() ?? 0
    }

    mutating func add(_ input: SessionInput) {
        let number = count
        count += 1
        if let latestEnd {
            let silence = max(0, OpenSession.seconds(from: latestEnd, to: input.instant))
            if silence <= shortestGap {
                if input.isProvider { for index in variants.indices { variants[index].note(input) } }
            } else {
                for index in variants.indices {
                    // The provider's activity in the open session ends when the provider's latest
                    // activity ends, if the provider took part in it.
                    let providerTookPart = providerLastNumber >= variants[index].firstNumber
                    let step = OpenSession.step(
                        input, silence: silence, providerLatestEnd: providerTookPart ? providerLatestEnd : nil,
                        rules: variants[index].rules)
                    if case .closes = step {
                        variants[index].close(latestEnd: latestEnd, providerTookPart: providerTookPart)
                        variants[index].open(input, number: number)
                    } else {
                        variants[index].note(input)
                    }
                }
            }
        } else {
            for index in variants.indices { variants[index].open(input, number: number) }
        }
        let end = input.end
        if latestEnd.map({ end > $0 }) ?? true { latestEnd = end }
        if input.isProvider {
            providerLastNumber = number
            if providerLatestEnd.map({ end > $0 }) ?? true { providerLatestEnd = end }
        }
    }

    /// The totals, in the order of `gapMinutes` and then the work gap off; `bill` is the real
    /// bill, whose total stands for the variant with its own rules.
    mutating func finish(bill: Bill) -> [Total] {
        if let latestEnd {
            for index in variants.indices {
                variants[index].close(
                    latestEnd: latestEnd, providerTookPart: providerLastNumber >= variants[index].firstNumber)
            }
        }
        var others = variants.indices.map { variants[$0].bill.finish() }.makeIterator()
        return policies.map { policy in
            let result = policy == billed ? bill : others.next()!
            return Total(
                gapSeconds: policy.gapSeconds, workGapSeconds: policy.workGapSeconds,
                billedSeconds: result.billedSeconds, sessions: result.billableSessions, amount: result.amount)
        }
    }
}
