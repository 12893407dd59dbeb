import Foundation

/// Turns wall-clock times of one zone into instants, fast and right across DST changes.
///
/// Most days have a single UTC offset all day; those are cached per local day, so reading a file
/// asks the zone database about once per day in it. On a day with a transition:
/// - a wall time that happens twice (the autumn hour) is resolved by file order: the earlier
///   instant, unless that would put the message before the one read just before it;
/// - a wall time that never happens (the spring hour) is read with the offset before the change
///   and reported, so the user can check that line.
public struct LocalTimeResolver {
    public enum Resolution: Equatable, Sendable {
        case unique
        /// The wall time happens twice; the later instant was taken to keep file order.
        case repeatedTookLater
        case repeatedTookEarlier
        /// The wall time does not exist in the zone (skipped by a DST change).
        case nonexistent
    }

    public let timeZone: TimeZone
    /// The local days last found to have one offset all day, with no change within a day either
    /// side: the stretch up to the zone's next change, so that the zone database is asked about
    /// twice a year of chat rather than once a day.
    private var uniformDays: Range<Int64> = 0..<0
    private var uniformOffset = 0
    private var previousInstant: Int64 = .min

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The instant of `civil` in the zone, and how it was resolved.
    public mutating func instant(of civil: CivilDateTime) -> (instant: Date, resolution: Resolution) {
        let local = civil.secondsSinceEpochAsUTC
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        if !uniformDays.contains(day) {
            guard let stretch = uniformStretch(from: day) else { return resolveAroundTransition(local) }
            (uniformDays, uniformOffset) = stretch
        }
        let instant = local - Int64(uniformOffset)
        previousInstant = instant
        return (Date(timeIntervalSince1970: TimeInterval(instant)), .unique)
    }

    /// The local days from `day` on that have the offset `day` has all day, none of them within a
    /// day of a change; nil when `day` itself is within a day of one.
    private func uniformStretch(from day: Int64) -> (days: Range<Int64>, offset: Int)? {
        let from = Date(timeIntervalSince1970: TimeInterval((day - 1) * 86_400))
        let to = Date(timeIntervalSince1970: TimeInterval((day + 2) * 86_400))
        let offset = timeZone.secondsFromGMT(for: from)
        guard let change = timeZone.nextDaylightSavingTimeTransition(after: from) else {
            return offset == timeZone.secondsFromGMT(for: to) ? (day..<Int64.max, offset) : nil
        }
        guard change > to, offset == timeZone.secondsFromGMT(for: to) else { return nil }
        // Day d keeps the offset while (d + 2) days after the epoch come before the change.
        let changeDay = Int64((change.timeIntervalSince1970 / 86_400).rounded(.down))
        return (day..<max(day + 1, changeDay - 2), offset)
    }

    private mutating func resolveAroundTransition(_ local: Int64) -> (instant: Date, resolution: Resolution) {
        let offsetBefore = offset(at: local - 86_400)
        let offsetAfter = offset(at: local + 86_400)
        let candidates = Set([offsetBefore, offsetAfter])
            .map { local - Int64($0) }
            .filter { Int64(offset(at: $0)) == local - $0 }
            .sorted()
        let instant: Int64
        let resolution: Resolution
        switch candidates.count {
        case 0:
            instant = local - Int64(offsetBefore)
            resolution = .nonexistent
        case 1:
            instant = candidates[0]
            resolution = .unique
        default:
            if candidates[0] < previousInstant, candidates[1] >= previousInstant {
                instant = candidates[1]
                resolution = .repeatedTookLater
            } else {
                instant = candidates[0]
                resolution = .repeatedTookEarlier
            }
        }
        previousInstant = instant
        return (Date(timeIntervalSince1970: TimeInterval(instant)), resolution)
    }

    /// The warning for a message whose wall time the zone skips (`wallClock` as the export wrote it).
    func skippedTimeWarning(file: String, line: Int, wallClock: String) -> Diagnostic {
        Diagnostic(
            .warning, file: file, at: InputLocation(line: line, column: 1),
            "'\(wallClock)' does not exist in \(timeZone.identifier) (the clocks skip it); read with the offset "
                + "before the change")
    }

    private func offset(at instant: Int64) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }
}
