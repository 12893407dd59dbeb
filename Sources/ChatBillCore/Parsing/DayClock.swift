/// Full wall-clock times for exports whose lines carry only a time of day (Zoom, Pidgin, most IRC
/// logs): it starts on a known day, moves to the next day whenever a time is earlier than the
/// one before it (the chat went past midnight), and jumps to any day a header names.
struct DayClock {
    private(set) var day: CivilDateTime
    private var previousSecondOfDay = -1

    init(day: CivilDateTime) {
        self.day = CivilDateTime(year: day.year, month: day.month, day: day.day)
    }

    /// A header named the day the following lines are on.
    mutating func set(day: CivilDateTime) {
        self.day = CivilDateTime(year: day.year, month: day.month, day: day.day)
        previousSecondOfDay = -1
    }

    /// The date-time of the next line's time of day.
    mutating func dateTime(hour: Int, minute: Int, second: Int) -> CivilDateTime {
        let secondOfDay = hour * 3600 + minute * 60 + second
        if secondOfDay < previousSecondOfDay {
            day = CivilDateTime(secondsSinceEpochAsUTC: day.secondsSinceEpochAsUTC + 86_400)
        }
        previousSecondOfDay = secondOfDay
        return CivilDateTime(secondsSinceEpochAsUTC: day.secondsSinceEpochAsUTC + Int64(secondOfDay))
    }
}
