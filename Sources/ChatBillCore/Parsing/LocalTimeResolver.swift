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
    private var uniformOffsetByDay: [Int64: Int] = [:]
    /// The last day looked up, since consecutive messages are mostly on the same day.
    private var lastDay: (day: Int64, offset: Int)?
    private var previousInstant: Int64 = .min

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The instant of `civil` in the zone, and how it was resolved.
    public mutating func instant(of civil: CivilDateTime) -> (instant: Date, resolution: Resolution) {
        let local = civil.secondsSinceEpochAsUTC
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let offset: Int
        if let last = lastDay, last.day == day {
            offset = last.offset
        } else if let cached = uniformOffsetByDay[day] {
            offset = cached
            lastDay = (day, cached)
        } else if let uniform = uniformOffset(localDay: day) {
            uniformOffsetByDay[day] = uniform
            lastDay = (day, uniform)
            offset = uniform
        } else {
            return resolveAroundTransition(local)
        }
        let instant = local - Int64(offset)
        previousInstant = instant
        return (Date(timeIntervalSince1970: TimeInterval(instant)), .unique)
    }

    /// The offset of a local day when no transition happens within a day either side of it.
    private func uniformOffset(localDay day: Int64) -> Int? {
        let from = Date(timeIntervalSince1970: TimeInterval((day - 1) * 86_400))
        let to = Date(timeIntervalSince1970: TimeInterval((day + 2) * 86_400))
        if let transition = timeZone.nextDaylightSavingTimeTransition(after: from), transition <= to {
            return nil
        }
        let before = timeZone.secondsFromGMT(for: from)
        return before == timeZone.secondsFromGMT(for: to) ? before : nil
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
