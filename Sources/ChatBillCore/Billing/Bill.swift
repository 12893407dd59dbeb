import Foundation

/// Sessions turned into billed time: per session, per day in the billing zone, and in total,
/// with rounding applied where the policy says. Every rounding step is its own number, so the
/// billed column always sums to the total.
public struct Bill: Sendable {
    public struct Line: Sendable {
        public let session: Session
        /// The day (in the billing zone) the session's billable start falls on, `YYYY-MM-DD`.
        public let date: String
        public let rawSeconds: Int
        /// `rawSeconds` rounded when rounding is per session, else `rawSeconds`.
        public let billedSeconds: Int
    }

    public struct Day: Sendable {
        public let date: String
        public let rawSeconds: Int
        /// What per-day rounding added (or took away); 0 for other scopes.
        public let roundingSeconds: Int
        /// Sum of the day's lines plus `roundingSeconds`.
        public let billedSeconds: Int
        public let sessions: Int
        public let unanswered: Int
    }

    public let lines: [Line]
    public let days: [Day]
    public let rawSeconds: Int
    /// What per-total rounding added (or took away); 0 for other scopes.
    public let totalRoundingSeconds: Int
    public let billedSeconds: Int
    public let rounding: Rounding
    public let timeZone: TimeZone

    public let billableSessions: Int
    public var unansweredSessions: Int { lines.count - billableSessions }

    public init(sessions: [Session], rounding: Rounding, timeZone: TimeZone) {
        self.rounding = rounding
        self.timeZone = timeZone
        let lines = sessions.map { session -> Line in
            let raw = session.rawSeconds
            let billed = rounding.scope == .session ? rounding.apply(raw) : raw
            return Line(
                session: session, date: Self.localDate(session.start, in: timeZone), rawSeconds: raw,
                billedSeconds: billed)
        }
        self.lines = lines
        billableSessions = sessions.reduce(0) { $0 + ($1.isBillable ? 1 : 0) }
        var dayOrder: [String] = []
        var linesByDay: [String: [Line]] = [:]
        for line in lines {
            if linesByDay[line.date] == nil { dayOrder.append(line.date) }
            linesByDay[line.date, default: []].append(line)
        }
        days = dayOrder.sorted().map { date in
            let dayLines = linesByDay[date]!
            let raw = dayLines.reduce(0) { $0 + $1.rawSeconds }
            let linesBilled = dayLines.reduce(0) { $0 + $1.billedSeconds }
            let rounded = rounding.scope == .day ? rounding.apply(linesBilled) : linesBilled
            let billable = dayLines.filter(\.session.isBillable).count
            return Day(
                date: date, rawSeconds: raw, roundingSeconds: rounded - linesBilled, billedSeconds: rounded,
                sessions: billable, unanswered: dayLines.count - billable)
        }
        rawSeconds = lines.reduce(0) { $0 + $1.rawSeconds }
        let daysBilled = days.reduce(0) { $0 + $1.billedSeconds }
        let total = rounding.scope == .total ? rounding.apply(daysBilled) : daysBilled
        totalRoundingSeconds = total - daysBilled
        billedSeconds = total
    }

    /// `YYYY-MM-DD` of an instant in a zone.
    static func localDate(_ instant: Date, in zone: TimeZone) -> String {
        ISOTimestamp.local(instant, in: zone).dateString
    }
}
