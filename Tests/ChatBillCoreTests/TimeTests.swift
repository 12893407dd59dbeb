import Foundation
import Testing

@testable import ChatBillCore

@Suite("Time: civil dates, zones, DST")
struct TimeTests {
    @Test func daysFromCivilRoundTripsAcrossCenturies() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let days = Int.random(in: -800_000...800_000, using: &generator)
            let (year, month, day) = CivilDateTime.civilFromDays(days)
            #expect(CivilDateTime.daysFromCivil(year: year, month: month, day: day) == days)
        }
        #expect(CivilDateTime.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDateTime.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
    }

    @Test func invalidDatesAreRecognised() {
        #expect(CivilDateTime(year: 2024, month: 2, day: 29).isValid)
        #expect(!CivilDateTime(year: 2023, month: 2, day: 29).isValid)
        #expect(!CivilDateTime(year: 2024, month: 13, day: 1).isValid)
        #expect(!CivilDateTime(year: 2024, month: 4, day: 31).isValid)
    }

    @Test func wallClockBecomesTheRightInstantInBerlinSummerAndWinter() {
        var resolver = LocalTimeResolver(timeZone: Fixtures.berlin.timeZone)
        let winter = resolver.instant(of: CivilDateTime(year: 2026, month: 1, day: 10, hour: 12))
        #expect(ISOTimestamp.format(winter.instant, in: TimeZone(identifier: "UTC")!) == "2026-01-10T11:00:00+00:00")
        let summer = resolver.instant(of: CivilDateTime(year: 2026, month: 7, day: 10, hour: 12))
        #expect(ISOTimestamp.format(summer.instant, in: Fixtures.berlin.timeZone) == "2026-07-10T12:00:00+02:00")
    }

    /// Every wall time read as unique is the instant whose offset in the zone gives that wall
    /// time, walking years forward and backward across every change of zones north and south,
    /// with half-hour changes and none.
    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata"])
    func everyUniqueWallTimeGivesItsOwnOffset(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let start = CivilDateTime(year: 2023, month: 1, day: 1).dayNumber
        let days = Array(start..<(start + 3 * 366))
        for order in [days, days.reversed()] {
            var resolver = LocalTimeResolver(timeZone: timeZone)
            for day in order {
                for hour in [0, 1, 2, 3, 12, 23] {
                    var civil = CivilDateTime(dayNumber: day)
                    civil.hour = hour
                    civil.minute = 30
                    let (instant, resolution) = resolver.instant(of: civil)
                    guard resolution == .unique else { continue }
                    let offset = timeZone.secondsFromGMT(for: instant)
                    #expect(
                        Int64(instant.timeIntervalSince1970) + Int64(offset) == civil.secondsSinceEpochAsUTC,
                        "\(zone) \(civil)")
                }
            }
        }
    }

    /// Near every change of offset (summer time, half-hour summer time, a skipped day, changes of
    /// standard time), in file order and against it, the resolver reads each wall time as asking
    /// the zone about every one of them would.
    @Test(arguments: [
        "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "Europe/Moscow",
        "America/Sao_Paulo",
    ])
    func wallTimesNearChangesReadAsTheZoneSays(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        func offset(_ instant: Int64) -> Int64 {
            Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
        }
        /// The instant of `local`, asking the zone each time, as the resolver is documented to.
        func expected(_ local: Int64, after previous: Int64) -> (Int64, LocalTimeResolver.Resolution) {
            let before = offset(local - 86_400)
            let candidates = Set([before, offset(local + 86_400)]).map { local - $0 }.filter {
                offset($0) == local - $0
            }.sorted()
            switch candidates.count {
            case 0: return (local - before, .nonexistent)
            case 1: return (candidates[0], .unique)
            default:
                return candidates[0] < previous && candidates[1] >= previous
                    ? (candidates[1], .repeatedTookLater) : (candidates[0], .repeatedTookEarlier)
            }
        }
        var days: [Int64] = []
        var change = Date(timeIntervalSince1970: 1_262_304_000)  // 2010-01-01
        while let next = timeZone.nextDaylightSavingTimeTransition(after: change), next.timeIntervalSince1970 < 1.6e9 {
            let day = Int64(next.timeIntervalSince1970) / 86_400
            days += (day - 3)...(day + 3)
            change = next
        }
        #expect(days.count > 20)
        for order in [days, days.reversed()] {
            var resolver = LocalTimeResolver(timeZone: timeZone)
            var previous = Int64.min
            for day in order {
                for minute in stride(from: 0, to: 24 * 60, by: 10) {
                    let local = day * 86_400 + Int64(minute) * 60
                    let (instant, resolution) = resolver.instant(
                        of: CivilDateTime(secondsSinceEpochAsUTC: local))
                    let (expectedInstant, expectedResolution) = expected(local, after: previous)
                    #expect(
                        Int64(instant.timeIntervalSince1970) == expectedInstant && resolution == expectedResolution,
                        "\(zone) \(CivilDateTime(secondsSinceEpochAsUTC: local))")
                    previous = Int64(instant.timeIntervalSince1970)
                }
            }
        }
    }

    /// The sessionizer's whole seconds between two instants round as `rounded()` does, halves
    /// away from zero.
    @Test func secondsBetweenInstantsRoundAsRoundedDoes() {
        var generator = SeededGenerator(seed: 9)
        var differences: [Double] = [
            0, 0.5, -0.5, 1.5, -1.5, 0.49999999999999994, -0.49999999999999994, 2.5, 1e15 + 0.5,
        ]
        for _ in 0..<10_000 {
            let whole = Double(Int.random(in: -10_000_000...10_000_000, using: &generator))
            let part = [0, 0.25, 0.5, 0.75, Double.random(in: 0..<1, using: &generator)].randomElement(
                using: &generator)!
            differences.append(whole + part)
        }
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        for difference in differences {
            let later = Date(timeIntervalSince1970: base.timeIntervalSince1970 + difference)
            let expected = Int((later.timeIntervalSince1970 - base.timeIntervalSince1970).rounded())
            #expect(OpenSession.seconds(from: base, to: later) == expected, "\(difference)")
        }
    }

    @Test func theSkippedSpringHourIsReportedAndReadWithTheOffsetBefore() {
        var resolver = LocalTimeResolver(timeZone: Fixtures.berlin.timeZone)
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 02:30 never happens.
        let skipped = resolver.instant(of: CivilDateTime(year: 2026, month: 3, day: 29, hour: 2, minute: 30))
        #expect(skipped.resolution == .nonexistent)
        #expect(ISOTimestamp.format(skipped.instant, in: TimeZone(identifier: "UTC")!) == "2026-03-29T01:30:00+00:00")
        let after = resolver.instant(of: CivilDateTime(year: 2026, month: 3, day: 29, hour: 3, minute: 10))
        #expect(after.resolution == .unique)
        #expect(ISOTimestamp.format(after.instant, in: TimeZone(identifier: "UTC")!) == "2026-03-29T01:10:00+00:00")
    }

    @Test func theRepeatedAutumnHourIsResolvedByFileOrder() {
        var resolver = LocalTimeResolver(timeZone: Fixtures.berlin.timeZone)
        let utc = TimeZone(identifier: "UTC")!
        // 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:00–02:59 happens twice.
        let times = [(1, 50), (2, 20), (2, 50), (2, 10), (2, 40), (3, 5)].map {
            resolver.instant(of: CivilDateTime(year: 2026, month: 10, day: 25, hour: $0.0, minute: $0.1))
        }
        #expect(
            times.map { ISOTimestamp.format($0.instant, in: utc) } == [
                "2026-10-24T23:50:00+00:00", "2026-10-25T00:20:00+00:00", "2026-10-25T00:50:00+00:00",
                "2026-10-25T01:10:00+00:00", "2026-10-25T01:40:00+00:00", "2026-10-25T02:05:00+00:00",
            ])
        #expect(times[3].resolution == .repeatedTookLater)
        #expect(ISOTimestamp.format(times[1].instant, in: Fixtures.berlin.timeZone) == "2026-10-25T02:20:00+02:00")
        #expect(ISOTimestamp.format(times[3].instant, in: Fixtures.berlin.timeZone) == "2026-10-25T02:10:00+01:00")
    }
}
