import Foundation

/// A wall-clock date and time without a zone, as most chat exports write them. Conversions use
/// integer days-from-civil arithmetic (proleptic Gregorian), never `DateFormatter`.
public struct CivilDateTime: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Whether the fields name a real calendar date and time of day.
    public var isValid: Bool {
        month >= 1 && month <= 12 && day >= 1 && day <= Self.daysIn(month: month, year: year)
            && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60
    }

    /// Seconds since 1970-01-01T00:00:00 of the same wall clock read as if it were UTC.
    public var secondsSinceEpochAsUTC: Int64 {
        Int64(Self.daysFromCivil(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The instant this wall clock names where it is `offset` seconds east of UTC.
    public func instant(atOffset offset: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(secondsSinceEpochAsUTC - Int64(offset)))
    }

    /// The wall clock `seconds` after 1970-01-01T00:00:00.
    public init(secondsSinceEpochAsUTC seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = Self.civilFromDays(Int(days))
        self.init(
            year: year, month: month, day: day,
            hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
    }

    /// Midnight of the day `dayNumber` days after 1970-01-01.
    init(dayNumber: Int) {
        let (year, month, day) = Self.civilFromDays(dayNumber)
        self.init(year: year, month: month, day: day)
    }

    /// Days from 1970-01-01 to this date.
    var dayNumber: Int { Self.daysFromCivil(year: year, month: month, day: day) }

    /// The day `days` after `date` (`YYYY-MM-DD`), or `date` itself when it is not one.
    public static func dayAfter(_ date: String, days: Int) -> String {
        guard let day = ContextDate.parseISODate(date) else { return date }
        return CivilDateTime(dayNumber: day.dayNumber + days).dateString
    }

    /// `YYYY-MM-DD`.
    public var dateString: String {
        var text = TextBuffer()
        text.append(date: self)
        return text.string
    }

    /// `HH:MM`.
    public var hourMinuteString: String {
        var text = TextBuffer()
        text.append(hourMinute: self)
        return text.string
    }

    /// `HH:MM:SS`.
    public var timeString: String { "\(hourMinuteString):\(Self.pad(second, 2))" }

    public static func < (lhs: CivilDateTime, rhs: CivilDateTime) -> Bool {
        lhs.secondsSinceEpochAsUTC < rhs.secondsSinceEpochAsUTC
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
