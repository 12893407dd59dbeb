import Foundation

/// Instants written as ISO 8601 with the offset of a zone (`2024-12-01T10:00:00+01:00`), and as
/// wall-clock pieces for tables, without `DateFormatter`.
public enum ISOTimestamp {
    public static func format(_ instant: Date, in zone: TimeZone) -> String {
        var clock = ZoneClock(zone)
        return format(instant, clock: &clock)
    }

    /// `format` with a clock that remembers the zone's offset between calls.
    static func format(_ instant: Date, clock: inout ZoneClock) -> String {
        let civil = clock.local(instant)
        return "\(civil.dateString)T\(civil.timeString)\(offsetText(clock.offset(at: instant)))"
    }

    /// `+01:00`, `-05:30`: an offset east of UTC, in seconds.
    static func offsetText(_ offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return "\(sign)\(CivilDateTime.pad(magnitude / 3600, 2)):\(CivilDateTime.pad(magnitude / 60 % 60, 2))"
    }

    /// The wall clock of an instant in a zone (fractions of a second dropped).
    public static func local(_ instant: Date, in zone: TimeZone) -> CivilDateTime {
        var clock = ZoneClock(zone)
        return clock.local(instant)
    }
}
