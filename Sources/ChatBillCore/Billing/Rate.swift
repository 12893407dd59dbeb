import Foundation

/// An hourly rate with its surcharges by time of day and week, in the billing zone. Multipliers
/// are whole percentages (150 is ×1.5), so every amount stays an exact integer computation.
public struct Rate: Sendable, Hashable {
    /// Outside the working day on working days: before `dayStartMinute` or from `dayEndMinute`.
    public struct AfterHours: Sendable, Hashable {
        /// Minutes after midnight the working day starts (480 is 08:00).
        public var dayStartMinute: Int
        /// Minutes after midnight the working day ends (1080 is 18:00).
        public var dayEndMinute: Int
        public var percent: Int

        public init(dayStartMinute: Int, dayEndMinute: Int, percent: Int) {
            self.dayStartMinute = dayStartMinute
            self.dayEndMinute = dayEndMinute
            self.percent = percent
        }
    }

    /// Whole days billed at a multiplier: weekend days, and holidays given by date.
    public struct SpecialDays: Sendable, Hashable {
        /// ISO weekdays (1 is Monday, 7 is Sunday).
        public var weekdays: Set<Int>
        public var percent: Int

        public init(weekdays: Set<Int>, percent: Int) {
            self.weekdays = weekdays
            self.percent = percent
        }
    }

    public var minorUnitsPerHour: Int
    public var currency: Currency
    public var afterHours: AfterHours?
    public var weekend: SpecialDays?
    /// `YYYY-MM-DD` days billed at `holidayPercent`.
    public var holidays: Set<String>
    public var holidayPercent: Int

    public init(
        minorUnitsPerHour: Int, currency: Currency, afterHours: AfterHours? = nil, weekend: SpecialDays? = nil,
        holidays: Set<String> = [], holidayPercent: Int? = nil
    ) {
        self.minorUnitsPerHour = max(0, minorUnitsPerHour)
        self.currency = currency
        self.afterHours = afterHours
        self.weekend = weekend
        self.holidays = holidays
        self.holidayPercent = holidayPercent ?? weekend?.percent ?? 100
    }

    /// What a part of a session is priced as.
    public enum Band: String, Sendable, Hashable, CaseIterable {
        case regular
        case afterHours = "after-hours"
        case weekend
        case holiday
    }

    /// A stretch of a session within one band.
    public struct Part: Sendable, Hashable {
        public let start: Date
        public let end: Date
        public let band: Band
        public let percent: Int

        public var seconds: Int { max(0, Int((end.timeIntervalSince1970 - start.timeIntervalSince1970).rounded())) }
    }

    /// `start..<end` cut at every midnight and working-day boundary in the billing zone, each
    /// stretch with the band it falls in (the highest multiplier wins where two apply).
    func parts(from start: Date, to end: Date, clock: inout ZoneClock) -> [Part] {
        guard end > start else { return [] }
        var parts: [Part] = []
        var cursor = start
        while cursor < end {
            let local = clock.local(cursor)
            let (band, percent, boundaryMinute) = classify(local)
            let boundary = instant(of: local, atMinute: boundaryMinute, clock: &clock)
            let stop = boundary > cursor ? min(boundary, end) : end
            if let last = parts.last, last.band == band, last.percent == percent, last.end == cursor {
                parts[parts.count - 1] = Part(start: last.start, end: stop, band: band, percent: percent)
            } else {
                parts.append(Part(start: cursor, end: stop, band: band, percent: percent))
            }
            cursor = stop
        }
        return parts
    }

    /// The band of the wall clock `local`, and the minute of its day (up to 1440, midnight) at
    /// which its band may change.
    private func classify(_ local: CivilDateTime) -> (Band, Int, Int) {
        let minute = local.hour * 60 + local.minute
        var best: (band: Band, percent: Int) = (.regular, 100)
        if holidays.contains(local.dateString), holidayPercent > best.percent { best = (.holiday, holidayPercent) }
        if let weekend, weekend.weekdays.contains(local.isoWeekday), weekend.percent > best.percent {
            best = (.weekend, weekend.percent)
        }
        guard let afterHours else { return (best.band, best.percent, 1440) }
        let (outside, boundary) =
            minute < afterHours.dayStartMinute
            ? (true, afterHours.dayStartMinute)
            : minute < afterHours.dayEndMinute ? (false, afterHours.dayEndMinute) : (true, 1440)
        if outside, afterHours.percent > best.percent { best = (.afterHours, afterHours.percent) }
        return (best.band, best.percent, boundary)
    }

    /// The instant of `minute` after midnight on the day of `local` (1440: the next midnight).
    private func instant(of local: CivilDateTime, atMinute minute: Int, clock: inout ZoneClock) -> Date {
        var wall = CivilDateTime(year: local.year, month: local.month, day: local.day)
        let seconds = wall.secondsSinceEpochAsUTC + Int64(minute * 60)
        wall = CivilDateTime(secondsSinceEpochAsUTC: seconds)
        let guess = wall.instant(atOffset: clock.offset(at: wall.instant(atOffset: 0)))
        return wall.instant(atOffset: clock.offset(at: guess))
    }

    /// The exact price of `seconds` at `percent`, as a numerator over `Rate.denominator` minor units.
    func exactPrice(seconds: Int, percent: Int) -> Int { seconds * minorUnitsPerHour * percent }

    /// Prices are exact multiples of one minor unit divided by this (seconds per hour × 100 %).
    static let denominator = 360_000

    /// The rate and its surcharges in plain words.
    public var summary: String {
        var text = "\(currency.format(minorUnitsPerHour)) per hour"
        if let afterHours {
            text +=
                "; ×\(Self.multiplier(afterHours.percent)) before \(Self.clock(afterHours.dayStartMinute)) and from "
                + "\(Self.clock(afterHours.dayEndMinute)) on working days"
        }
        if let weekend {
            let names = weekend.weekdays.sorted().map { Self.weekdayNames[$0 - 1] }.joined(separator: ", ")
            text += "; ×\(Self.multiplier(weekend.percent)) on \(names)"
        }
        if !holidays.isEmpty {
            text +=
                "; ×\(Self.multiplier(holidayPercent)) on \(holidays.count) holiday\(holidays.count == 1 ? "" : "s")"
        }
        return text + "; sessions are split where the multiplier changes"
    }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `1.5` for 150, `2` for 200.
    static func multiplier(_ percent: Int) -> String {
        let whole = percent / 100
        var fraction = String(percent % 100)
        if fraction == "0" { return "\(whole)" }
        if fraction.count == 1 { fraction = "0" + fraction }
        if fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    static func clock(_ minute: Int) -> String {
        "\(CivilDateTime.pad(minute / 60, 2)):\(CivilDateTime.pad(minute % 60, 2))"
    }
}

extension CivilDateTime {
    /// The ISO weekday of the date: 1 is Monday, 7 is Sunday.
    var isoWeekday: Int {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        return ((days % 7 + 7) % 7 + 3) % 7 + 1
    }
}
