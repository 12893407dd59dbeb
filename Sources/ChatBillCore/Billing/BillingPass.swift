import Foundation

/// One pass of participant activity, in time order, through the sessionizer into the bill and
/// the what-if totals: what a report does with a transcript held whole and with one streaming past.
struct BillingPass {
    private var sessions: SessionBuilder
    private var bill: BillBuilder
    private var whatIf: WhatIf

    /// The names the inputs' senders index.
    var senders: SenderTable { sessions.senders }

    /// `senders` names the senders the inputs index.
    init(policy: BillingPolicy, timeZone: TimeZone, period: ClosedRange<String>?, senders: SenderTable) {
        sessions = SessionBuilder(policy: policy, senders: senders)
        bill = BillBuilder(policy: policy, timeZone: timeZone, period: period)
        whatIf = WhatIf(policy: policy, timeZone: timeZone, period: period)
    }

    mutating func add(_ input: SessionInput) {
        if sessions.add(input) { bill.add(sessions.takeClosed()) }
        whatIf.add(input)
    }

    mutating func finish() -> (bill: Bill, whatIf: [WhatIf.Total]) {
        if let last = sessions.finish() { bill.add(last) }
        let finished = bill.finish()
        return (finished, whatIf.finish(bill: finished))
    }
}
