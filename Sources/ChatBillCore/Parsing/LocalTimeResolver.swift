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
    /// The last local day found within a day of a change, with the change near it when there is
    /// one only: then the offset of every instant the day's wall times can be is known without
    /// asking the zone again.
    private var changeDay: (day: Int64, change: Change?)?
    private typealias Change = (instant: Int64, before: Int, after: Int)
    private var previousInstant: Int64 = .min

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// The instant of `civil` in the zone, and how it was resolved.
    public mutating func instant(of civil: CivilDateTime) -> (instant: Date, resolution: Resolution) {
        let local = civil.secondsSinceEpochAsUTC
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        if !uniformDays.contains(day) {
            if changeDay?.day != day {
                if let stretch = uniformStretch(from: day) {
                    (uniformDays, uniformOffset) = stretch
                } else {
                    changeDay = (day, change(near: day))
                }
            }
            if let changeDay, changeDay.day == day {
                guard let change = changeDay.change else {
                    let zone = timeZone
                    return resolveAroundTransition(local) { Self.offset(of: zone, at: $0) }
                }
                return resolveAroundTransition(local) { $0 < change.instant ? change.before : change.after }
            }
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

    /// The one change of offset among the instants a wall time on local day `day` can be (from
    /// the day before it to the day after), with the offsets before and after it; nil when there
    /// is none, or more than one.
    private func change(near day: Int64) -> Change? {
        let from = Date(timeIntervalSince1970: TimeInterval((day - 1) * 86_400))
        let to = Date(timeIntervalSince1970: TimeInterval((day + 2) * 86_400))
        guard let change = timeZone.nextDaylightSavingTimeTransition(after: from), change < to,
            timeZone.nextDaylightSavingTimeTransition(after: change).map({ $0 >= to }) ?? true
        else { return nil }
        let instant = Int64(change.timeIntervalSince1970.rounded(.down))
        guard Double(instant) == change.timeIntervalSince1970 else { return nil }
        return (instant, timeZone.secondsFromGMT(for: from), timeZone.secondsFromGMT(for: change))
    }

    /// Resolves `local` with `offset`, the zone's offset at an instant near it.
    private mutating func resolveAroundTransition(
        _ local: Int64, offset: (Int64) -> Int
    ) -> (instant: Date, resolution: Resolution) {
        let offsetBefore = offset(local - 86_400)
        let offsetAfter = offset(local + 86_400)
        /// The instant `local` is with offset `candidate`, if the zone has that offset then.
        func instant(with candidate: Int) -> Int64? {
            let instant = local - Int64(candidate)
            return Int64(offset(instant)) == local - instant ? instant : nil
        }
        let earlier = instant(with: offsetBefore)
        let later = offsetAfter == offsetBefore ? nil : instant(with: offsetAfter)
        let instant: Int64
        let resolution: Resolution
        switch (earlier, later) {
        case (nil, nil):
            instant = local - Int64(offsetBefore)
            resolution = .nonexistent
        case (let only?, nil), (nil, let only?):
            instant = only
            resolution = .unique
        case (let one?, let other?):
            let (first, second) = (min(one, other), max(one, other))
            if first < previousInstant, second >= previousInstant {
                instant = second
                resolution = .repeatedTookLater
            } else {
                instant = first
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

    private static func offset(of zone: TimeZone, at instant: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }
}
