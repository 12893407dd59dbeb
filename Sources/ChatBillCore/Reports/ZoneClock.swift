import Foundation

/// The wall clock of instants in one zone, asking the zone database once per stretch between two
/// offset changes instead of once per instant (reports turn every session's bounds into local
/// times, and the zone database is slow to ask).
struct ZoneClock {
    let zone: TimeZone
    private var validFrom = Double.infinity
    private var validUntil = -Double.infinity
    private var offset = 0

    init(_ zone: TimeZone) {
        self.zone = zone
    }

    /// Seconds east of UTC at `instant`.
    mutating func offset(at instant: Date) -> Int {
        let seconds = instant.timeIntervalSince1970
        if seconds >= validFrom, seconds < validUntil { return offset }
        offset = zone.secondsFromGMT(for: instant)
        validFrom = seconds
        validUntil = zone.nextDaylightSavingTimeTransition(after: instant)?.timeIntervalSince1970 ?? .infinity
        return offset
    }

    /// The local day `instant` falls on, as days since 1970-01-01 (cheaper than `local(_:)` when
    /// only the day matters).
    mutating func dayNumber(_ instant: Date) -> Int {
        let seconds = Self.wholeSeconds(instant) + offset(at: instant)
        return seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }

    /// The wall clock at `instant` (fractions of a second dropped).
    mutating func local(_ instant: Date) -> CivilDateTime {
        let offset = offset(at: instant)
        return CivilDateTime(secondsSinceEpochAsUTC: Int64(Self.wholeSeconds(instant) + offset))
    }

    /// `09:03-09:52` (with `dash` between); across a change of the zone's offset (the clocks
    /// going back or forward within the span), each end with its offset, so that a span such as
    /// `02:53 (UTC+02:00)-02:07 (UTC+01:00)` reads as the 14 minutes it is.
    mutating func span(_ start: Date, _ end: Date, dash: String = "-") -> String {
        let from = local(start).hourMinuteString
        let to = local(end).hourMinuteString
        guard crossesOffsetChange(start, end) else { return from + dash + to }
        return "\(from) (UTC\(ISOTimestamp.offsetText(offset(at: start))))\(dash)"
            + "\(to) (UTC\(ISOTimestamp.offsetText(offset(at: end))))"
    }

    /// Whether the zone's offset at `end` is not its offset at `start`.
    mutating func crossesOffsetChange(_ start: Date, _ end: Date) -> Bool {
        offset(at: start) != offset(at: end)
    }

    /// The whole seconds since 1970 at or before `instant` (`rounded(.down)` without its library
    /// call: a bill asks this for every session).
    private static func wholeSeconds(_ instant: Date) -> Int {
        let seconds = instant.timeIntervalSince1970
        guard abs(seconds) < 0x1p52 else { return Int(seconds.rounded(.down)) }
        let whole = Int(seconds)  // toward zero
        return Double(whole) > seconds ? whole - 1 : whole
    }
}
