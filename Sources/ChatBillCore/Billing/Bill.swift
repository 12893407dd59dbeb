import Foundation

/// Sessions turned into billed time (and money, when the policy has a rate): per session, per day
/// in the billing zone, and in total, with rounding and minimums applied where the policy says.
/// Every step is its own number, so the billed column always sums to the total, and every amount
/// is whole minor units that sum exactly to the total amount.
public struct Bill: Sendable {
    public struct Line: Sendable, Hashable {
        public let session: Session
        /// The day (in the billing zone) the session's billable start falls on, `YYYY-MM-DD`.
        public let date: String
        public let rawSeconds: Int
        /// `rawSeconds` rounded when rounding is per session, then raised to the session minimum.
        public let billedSeconds: Int
        /// What the session minimum added to the rounded time.
        public let minimumSeconds: Int
        /// The session's billable time cut where the rate's multiplier changes; empty without a rate.
        public let parts: [Rate.Part]
        /// The line's price in minor units (its parts at their multipliers, what rounding and the
        /// minimum added at the base rate); nil without a rate.
        public let amount: Int?
    }

    public struct Day: Sendable, Hashable {
        public let date: String
        public let rawSeconds: Int
        /// What per-day rounding added (or took away); 0 for other scopes.
        public let roundingSeconds: Int
        /// What the day minimum added after rounding.
        public let minimumSeconds: Int
        /// Sum of the day's lines plus `roundingSeconds` and `minimumSeconds`.
        public let billedSeconds: Int
        public let sessions: Int
        public let unanswered: Int
        /// The day's lines' amounts plus the price of its rounding and minimum; nil without a rate.
        public let amount: Int?
    }

    /// One line per session, in session order.
    public let lines: BillLines
    /// Days in date order (empty for a bill kept only for its sums).
    public let days: [Day]
    /// Whether the lines' dates never go backwards (only a lead-in longer than the gap can make a
    /// session start on an earlier day than the unanswered session before it).
    public let linesAreInDateOrder: Bool
    public let rawSeconds: Int
    /// What per-invoice rounding added (or took away); 0 for other scopes.
    public let totalRoundingSeconds: Int
    public let billedSeconds: Int
    /// The price of `totalRoundingSeconds`; nil without a rate.
    public let totalRoundingAmount: Int?
    /// The sum of the days' amounts and `totalRoundingAmount`; nil without a rate.
    public let amount: Int?
    public let policy: BillingPolicy
    public let timeZone: TimeZone
    /// The days billed (`YYYY-MM-DD`, both ends included); nil for every day of the export.
    public let period: ClosedRange<String>?
    /// Sessions (billable or not) whose day falls outside `period`, left out of the bill.
    public let sessionsOutsidePeriod: Int

    public let billableSessions: Int
    public var unansweredSessions: Int { lines.count - billableSessions }

    /// The day dated `date` (`YYYY-MM-DD`), found by halving `days`, which are in date order.
    public func day(_ date: String) -> Day? {
        var range = days.startIndex..<days.endIndex
        while !range.isEmpty {
            let middle = range.lowerBound + range.count / 2
            if days[middle].date == date { return days[middle] }
            range = days[middle].date < date ? (middle + 1)..<range.upperBound : range.lowerBound..<middle
        }
        return nil
    }

    /// Bills `sessions` (in time order).
    public init(
        sessions: some Sequence<Session>, policy: BillingPolicy, timeZone: TimeZone,
        period: ClosedRange<String>? = nil
    ) {
        var builder = BillBuilder(policy: policy, timeZone: timeZone, period: period)
        for session in sessions { builder.add(session) }
        self = builder.finish()
    }

    fileprivate init(
        lines: BillLines, days: [Day], rawSeconds: Int, linesAreInDateOrder: Bool, totalRoundingSeconds: Int,
        billedSeconds: Int,
        totalRoundingAmount: Int?, amount: Int?, policy: BillingPolicy, timeZone: TimeZone,
        period: ClosedRange<String>?, sessionsOutsidePeriod: Int, billableSessions: Int
    ) {
        self.lines = lines
        self.days = days
        self.linesAreInDateOrder = linesAreInDateOrder
        self.rawSeconds = rawSeconds
        self.totalRoundingSeconds = totalRoundingSeconds
        self.billedSeconds = billedSeconds
        self.totalRoundingAmount = totalRoundingAmount
        self.amount = amount
        self.policy = policy
        self.timeZone = timeZone
        self.period = period
        self.sessionsOutsidePeriod = sessionsOutsidePeriod
        self.billableSessions = billableSessions
    }
}

/// Builds a `Bill` from sessions given one at a time, keeping only per-day sums in memory.
struct BillBuilder {
    let policy: BillingPolicy
    let timeZone: TimeZone
    let period: ClosedRange<String>?

    private struct DaySum {
        var raw = 0
        var billed = 0
        var sessions = 0
        var billable = 0
        var amount = 0
    }

    /// The lines, when kept; nil for a bill kept only for its sums, which counts them.
    private let lines: BillLines?
    private var countedLines = 0
    private var isKeepingLines: Bool { lines != nil }
    private var clock: ZoneClock
    /// Sums of the days still open, by local day number (days since 1970-01-01) in order, so
    /// that no date is formatted per session. A day is closed, and only its `Bill.Day` kept, once
    /// no later session can fall on it (see `closeDays(before:on:)`): a day or two are open at a time.
    private var open: [(day: Int, sum: DaySum)] = []
    /// Closed days in date order (only when keeping lines; a bill kept for its sums adds them up).
    private var days: [Bill.Day] = []
    private var closedBilled = 0
    private var closedAmount = 0
    private var rawTotal = 0
    private let periodDays: ClosedRange<Int>?
    private var lastDay: Int?
    /// The last day's `YYYY-MM-DD`, formatted once per day rather than per session.
    private var lastDate = ""
    private var inDateOrder = true
    private var billable = 0
    private var outsidePeriod = 0
    private var money = CumulativeRounding()

    /// `keepingLines: false` keeps only the sums (for totals under other rules).
    init(policy: BillingPolicy, timeZone: TimeZone, period: ClosedRange<String>? = nil, keepingLines: Bool = true) {
        self.policy = policy
        self.timeZone = timeZone
        self.period = period
        clock = ZoneClock(timeZone)
        lines = keepingLines ? BillLines() : nil
        periodDays = period.flatMap { period in
            guard let first = ContextDate.parseISODate(period.lowerBound),
                let last = ContextDate.parseISODate(period.upperBound)
            else { return nil }
            return first.dayNumber...last.dayNumber
        }
    }

    private var rounding: Rounding { policy.rounding }

    mutating func add(_ session: Session) {
        var parts: [Rate.Part] = []
        guard let priced = price(isBillable: session.isBillable, start: session.start, end: session.end, parts: &parts)
        else { return }
        guard let lines else {
            countedLines += 1
            return
        }
        lines.append(
            Bill.Line(
                session: session, date: lastDate, rawSeconds: priced.raw, billedSeconds: priced.billed,
                minimumSeconds: priced.minimum, parts: parts, amount: priced.amount))
    }

    /// Adds a session known only by its bounds, to a bill kept for its sums (`keepingLines: false`).
    mutating func add(isBillable: Bool, start: Date, end: Date) {
        precondition(!isKeepingLines, "a bill that keeps its lines is given sessions")
        var parts: [Rate.Part] = []
        if price(isBillable: isBillable, start: start, end: end, parts: &parts) != nil { countedLines += 1 }
    }

    /// What a session's line says besides its parts: its raw and billed time, what the minimum
    /// added, and its amount. (Numbers only, so that the what-if bills, which price a session for
    /// about every message, copy nothing that is counted.)
    private struct Priced {
        let raw: Int
        let billed: Int
        let minimum: Int
        let amount: Int?
    }

    /// Prices a session and adds it to its day's sums, setting `parts` to its time cut by rate
    /// (left empty without a rate); nil when its day is outside the period.
    private mutating func price(isBillable: Bool, start: Date, end: Date, parts: inout [Rate.Part]) -> Priced? {
        let day = clock.dayNumber(start)
        closeDays(before: start, on: day)
        if let periodDays, !periodDays.contains(day) {
            outsidePeriod += 1
            return nil
        }
        if let lastDay, day < lastDay { inDateOrder = false }
        if day != lastDay, isKeepingLines { lastDate = CivilDateTime(dayNumber: day).dateString }
        lastDay = day
        let raw = Session.rawSeconds(isBillable: isBillable, start: start, end: end)
        let rounded = rounding.scope == .session ? rounding.apply(raw) : raw
        let billed = isBillable ? max(rounded, policy.minimumSessionSeconds) : 0
        var amount: Int?
        if let rate = policy.rate {
            if isBillable { parts = rate.parts(from: start, to: end, clock: &clock) }
            let exact =
                parts.reduce(0) { $0 + rate.exactPrice(seconds: $1.seconds, percent: $1.percent) }
                + rate.exactPrice(seconds: billed - raw, percent: 100)
            amount = money.add(exact)
        }
        let index = openIndex(of: day)
        open[index].sum.raw += raw
        open[index].sum.billed += billed
        open[index].sum.sessions += 1
        open[index].sum.amount += amount ?? 0
        if isBillable {
            open[index].sum.billable += 1
            billable += 1
        }
        return Priced(raw: raw, billed: billed, minimum: billed - rounded, amount: amount)
    }

    /// Where the sums of `day` are in `open`, opening it in day order if need be (sessions come
    /// in time order, so nearly always the last).
    private mutating func openIndex(of day: Int) -> Int {
        var index = open.count
        while index > 0, open[index - 1].day > day { index -= 1 }
        if index > 0, open[index - 1].day == day { return index - 1 }
        open.insert((day, DaySum()), at: index)
        return index
    }

    /// Closes the open days no session from `start` (on local day `day`) on can fall on. Sessions
    /// come in time order, and a session starts at most the lead-in before its first message,
    /// which is later than every message of the sessions before it: so no later session starts
    /// before `start` minus the lead-in. A day more is kept open for safety.
    private mutating func closeDays(before start: Date, on day: Int) {
        guard let first = open.first else { return }
        // The day of `start` minus the lead-in is at most `day`: when no open day is before the
        // day before, none is closed, and the zone need not be asked (the case of nearly every
        // session).
        if policy.leadInSeconds >= 0, first.day >= day - 1 { return }
        let limit = clock.dayNumber(start.addingTimeInterval(-TimeInterval(policy.leadInSeconds))) - 1
        guard first.day < limit else { return }
        // Closed in place, then removed: a slice of the days kept while removing them would make
        // the removal copy the array.
        let closing = open.firstIndex { $0.day >= limit } ?? open.count
        for index in 0..<closing { close(open[index].day, open[index].sum) }
        open.removeFirst(closing)
    }

    private mutating func close(_ day: Int, _ sum: DaySum) {
        let rounded = rounding.scope == .day ? rounding.apply(sum.billed) : sum.billed
        let billed = sum.billable > 0 ? max(rounded, policy.minimumDaySeconds) : rounded
        let amount = policy.rate.map { rate in
            sum.amount + money.add(rate.exactPrice(seconds: billed - sum.billed, percent: 100))
        }
        closedBilled += billed
        closedAmount += amount ?? 0
        rawTotal += sum.raw
        guard isKeepingLines else { return }
        days.append(
            Bill.Day(
                date: CivilDateTime(dayNumber: day).dateString, rawSeconds: sum.raw,
                roundingSeconds: rounded - sum.billed, minimumSeconds: billed - rounded, billedSeconds: billed,
                sessions: sum.billable, unanswered: sum.sessions - sum.billable, amount: amount))
    }

    mutating func finish() -> Bill {
        lines?.finishWriting()
        let rate = policy.rate
        for (day, sum) in open { close(day, sum) }
        open.removeAll()
        let daysBilled = closedBilled
        let total = rounding.scope == .invoice ? rounding.apply(daysBilled) : daysBilled
        let totalRoundingAmount = rate.map { money.add($0.exactPrice(seconds: total - daysBilled, percent: 100)) }
        return Bill(
            lines: lines ?? BillLines(counted: countedLines), days: days, rawSeconds: rawTotal,
            linesAreInDateOrder: inDateOrder,
            totalRoundingSeconds: total - daysBilled, billedSeconds: total, totalRoundingAmount: totalRoundingAmount,
            amount: rate.map { _ in closedAmount + (totalRoundingAmount ?? 0) },
            policy: policy, timeZone: timeZone, period: period, sessionsOutsidePeriod: outsidePeriod,
            billableSessions: billable)
    }
}

/// Turns exact prices (numerators over `Rate.denominator`) into whole minor units, one after
/// another, so that the whole units handed out always sum to the running exact total rounded
/// half up: no line is more than one minor unit off, and the lines sum exactly to the total.
struct CumulativeRounding {
    private var exact = 0
    private var handedOut = 0

    mutating func add(_ numerator: Int) -> Int {
        exact += numerator
        let target = (exact + Rate.denominator / 2) / Rate.denominator
        defer { handedOut = target }
        return target - handedOut
    }
}
