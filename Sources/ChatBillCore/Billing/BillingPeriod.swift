/// Periods as ranges of `YYYY-MM-DD` days (both ends included), as `Bill` filters sessions by
/// their day.
public enum BillingPeriod {
    /// The days of `2026-11`.
    public static func month(_ text: String) -> ClosedRange<String>? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        let first = CivilDateTime(year: year, month: month, day: 1)
        let last = CivilDateTime(year: year, month: month, day: CivilDateTime.daysIn(month: month, year: year))
        return first.dateString...last.dateString
    }

    /// Monday to Sunday of ISO week `2026-W48` (week 1 holds the year's first Thursday).
    public static func isoWeek(_ text: String) -> ClosedRange<String>? {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].hasPrefix("W"),
            let week = Int(parts[1].dropFirst()), (1...53).contains(week)
        else { return nil }
        let january4 = CivilDateTime(year: year, month: 1, day: 4)
        let mondayOfWeek1 = CivilDateTime.daysFromCivil(year: year, month: 1, day: 4) - (january4.isoWeekday - 1)
        let monday = mondayOfWeek1 + (week - 1) * 7
        if week == 53 {
            // Only years whose next year's week 1 starts later have a week 53.
            let next = CivilDateTime(year: year + 1, month: 1, day: 4)
            let nextWeek1 = CivilDateTime.daysFromCivil(year: year + 1, month: 1, day: 4) - (next.isoWeekday - 1)
            guard monday < nextWeek1 else { return nil }
        }
        func day(_ days: Int) -> String {
            let (y, m, d) = CivilDateTime.civilFromDays(days)
            return CivilDateTime(year: y, month: m, day: d).dateString
        }
        return day(monday)...day(monday + 6)
    }
}
