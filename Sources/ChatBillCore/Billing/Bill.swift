import Foundation

/// Sessions turned into billed time: per session, per day in the billing zone, and in total,
/// with rounding applied where the policy says. Every rounding step is its own number, so the
/// billed column always sums to the total.
public struct Bill: Sendable {
    public struct Line: Sendable, Hashable {
        public let session: Session
        /// The day (in the billing zone) the session's billable start falls on, `YYYY-MM-DD`.
        public let date: String
        public let rawSeconds: Int
        /// `rawSeconds` rounded when rounding is per session, else `rawSeconds`.
        public let billedSeconds: Int
    }

    public struct Day: Sendable, Hashable {
        public let date: String
        public let rawSeconds: Int
        /// What per-day rounding added (or took away); 0 for other scopes.
        public let roundingSeconds: Int
        /// Sum of the day's lines plus `roundingSeconds`.
        public let billedSeconds: Int
        public let sessions: Int
        public let unanswered: Int
    }

    /// One line per session, in session order.
    public let lines: BillLines
    /// Days in date order.
    public let days: [Day]
    /// Whether the lines' dates never go backwards (only a lead-in longer than the gap can make a
    /// session start on an earlier day than the unanswered session before it).
    public let linesAreInDateOrder: Bool
    public let rawSeconds: Int
    /// What per-total rounding added (or took away); 0 for other scopes.
    public let totalRoundingSeconds: Int
    public let billedSeconds: Int
    public let rounding: Rounding
    public let timeZone: TimeZone

    public let billableSessions: Int
    public var unansweredSessions: Int { lines.count - billableSessions }

    /// Bills `sessions` (in time order).
    public init(sessions: some Sequence<Session>, rounding: Rounding, timeZone: TimeZone) {
        var builder = BillBuilder(rounding: rounding, timeZone: timeZone)
        for session in sessions { builder.add(session) }
        self = builder.finish()
    }

    init(
        lines: BillLines, days: [Day], linesAreInDateOrder: Bool, rawSeconds: Int, totalRoundingSeconds: Int,
        billedSeconds: Int, rounding: Rounding, timeZone: TimeZone, billableSessions: Int
    ) {
        self.lines = lines
        self.days = days
        self.linesAreInDateOrder = linesAreInDateOrder
        self.rawSeconds = rawSeconds
        self.totalRoundingSeconds = totalRoundingSeconds
        self.billedSeconds = billedSeconds
        self.rounding = rounding
        self.timeZone = timeZone
        self.billableSessions = billableSessions
    }

    /// The sum of the lines' billed seconds, before day and total rounding.
    public var linesBilledSeconds: Int { days.reduce(0) { $0 + $1.billedSeconds - $1.roundingSeconds } }
}

/// Builds a `Bill` from sessions given one at a time, keeping only per-day sums in memory.
struct BillBuilder {
    let rounding: Rounding
    let timeZone: TimeZone

    private struct DaySum {
        var raw = 0
        var billed = 0
        var sessions = 0
        var billable = 0
    }

    private let lines = BillLines()
    private var clock: ZoneClock
    private var sums: [String: DaySum] = [:]
    private var lastDate: String?
    private var inDateOrder = true
    private var billable = 0

    init(rounding: Rounding, timeZone: TimeZone) {
        self.rounding = rounding
        self.timeZone = timeZone
        clock = ZoneClock(timeZone)
    }

    mutating func add(_ session: Session) {
        let raw = session.rawSeconds
        let billed = rounding.scope == .session ? rounding.apply(raw) : raw
        let date = clock.local(session.start).dateString
        lines.append(Bill.Line(session: session, date: date, rawSeconds: raw, billedSeconds: billed))
        if let lastDate, date < lastDate { inDateOrder = false }
        lastDate = date
        sums[date, default: DaySum()].raw += raw
        sums[date]!.billed += billed
        sums[date]!.sessions += 1
        if session.isBillable {
            sums[date]!.billable += 1
            billable += 1
        }
    }

    func finish() -> Bill {
        lines.finishWriting()
        let days = sums.keys.sorted().map { date in
            let sum = sums[date]!
            let rounded = rounding.scope == .day ? rounding.apply(sum.billed) : sum.billed
            return Bill.Day(
                date: date, rawSeconds: sum.raw, roundingSeconds: rounded - sum.billed, billedSeconds: rounded,
                sessions: sum.billable, unanswered: sum.sessions - sum.billable)
        }
        let daysBilled = days.reduce(0) { $0 + $1.billedSeconds }
        let total = rounding.scope == .total ? rounding.apply(daysBilled) : daysBilled
        return Bill(
            lines: lines, days: days, linesAreInDateOrder: inDateOrder,
            rawSeconds: days.reduce(0) { $0 + $1.rawSeconds },
            totalRoundingSeconds: total - daysBilled, billedSeconds: total, rounding: rounding, timeZone: timeZone,
            billableSessions: billable)
    }
}
