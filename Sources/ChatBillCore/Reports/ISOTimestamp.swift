import Foundation

/// Instants written as ISO 8601 with the offset of a zone (`2024-12-01T10:00:00+01:00`), and as
/// wall-clock pieces for tables, without `DateFormatter`.
public enum ISOTimestamp {
    public static func format(_ instant: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let civil = local(instant, in: zone)
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        let offsetText = "\(sign)\(CivilDateTime.pad(magnitude / 3600, 2)):\(CivilDateTime.pad(magnitude / 60 % 60, 2))"
        return "\(civil.dateString)T\(civil.timeString)\(offsetText)"
    }

    /// The wall clock of an instant in a zone (fractions of a second dropped).
    public static func local(_ instant: Date, in zone: TimeZone) -> CivilDateTime {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down)) + Int64(zone.secondsFromGMT(for: instant))
        return CivilDateTime(secondsSinceEpochAsUTC: seconds)
    }
}
