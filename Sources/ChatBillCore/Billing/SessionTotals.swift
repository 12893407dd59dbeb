import Foundation

/// Activity grouped into sessions by one policy and added straight to a bill kept for its sums:
/// how the what-if totals sessionize, building no `Session` and keeping no places or reasons.
/// The rules are `OpenSession`'s, the same the real bill's sessions follow.
struct SessionTotals {
    private let rules: OpenSession.Rules
    private var open: OpenSession?
    private var previousBillableEnd: Date?
    private var bill: BillBuilder

    init(policy: BillingPolicy, timeZone: TimeZone, period: ClosedRange<String>?) {
        rules = OpenSession.Rules(policy)
        bill = BillBuilder(policy: policy, timeZone: timeZone, period: period, keepingLines: false)
    }

    mutating func add(_ input: SessionInput) {
        guard open != nil else {
            open = OpenSession(input)
            return
        }
        if case .closes = open!.step(input, rules: rules) {
            close(open!)
            open = OpenSession(input)
        } else {
            open!.add(input)
        }
    }

    /// Adds a run that extends the open session (see `OpenSession.Run`).
    mutating func absorb(_ run: OpenSession.Run) {
        precondition(open != nil, "a run extends an open session")
        open!.absorb(run)
    }

    /// The bill of every session, the last one closed at the end of the export.
    mutating func finish() -> Bill {
        if let open { close(open) }
        open = nil
        return bill.finish()
    }

    private mutating func close(_ session: OpenSession) {
        if let billable = session.billable(rules: rules, previousBillableEnd: previousBillableEnd) {
            previousBillableEnd = billable.end
            bill.add(isBillable: true, start: billable.start, end: billable.end)
        } else {
            bill.add(isBillable: false, start: session.firstInstant, end: session.latestEnd)
        }
    }
}
