import Foundation
import Testing

@testable import ChatBillCore

@Suite("Billing rules: minimums, grace, rates, periods")
struct BillingRulesTests {
    let utc = TimeZone(identifier: "UTC")!
    let berlin = TimeZone(identifier: "Europe/Berlin")!
    let provider = ProviderIdentity(names: ["P"])
    let euro = Currency(code: "EUR")!

    func bill(
        _ items: [(String, String)], day: CivilDateTime = Chat.day, policy: BillingPolicy, zone: TimeZone? = nil
    )
        -> Bill
    {
        let sessions = Sessionizer(policy: policy, provider: provider).sessions(from: Chat.messages(items, day: day))
        return Bill(sessions: sessions, policy: policy, timeZone: zone ?? utc)
    }

    @Test(arguments: [
        // 15m increments, 2m grace: a remainder up to 2m is dropped, a larger one rounds up.
        (62 * 60, 60 * 60), (63 * 60, 75 * 60), (60 * 60, 60 * 60), (2 * 60, 0), (121, 15 * 60),
    ])
    func graceRoundsUpOnlyPastIt(seconds: Int, rounded: Int) {
        let rounding = Rounding(incrementSeconds: 900, mode: .up, scope: .session, graceSeconds: 120)
        #expect(rounding.apply(seconds) == rounded)
    }

    @Test func scopesAreReadByNameAndTotalMeansInvoice() {
        #expect(Rounding.Scope(name: "invoice") == .invoice)
        #expect(Rounding.Scope(name: "total") == .invoice)
        #expect(Rounding.Scope(name: "week") == nil)
    }

    /// Sessions of 5m and 41m and an unanswered one; minimums of 15m per session and 1h per day.
    @Test func minimumsPerSessionAndPerDay() {
        let policy = BillingPolicy(
            workGapSeconds: nil, leadInSeconds: 0, rounding: Rounding(incrementSeconds: 0),
            minimumSessionSeconds: 15 * 60, minimumDaySeconds: 60 * 60)
        let result = bill(
            [
                ("09:00", "C"), ("09:02", "P"), ("09:07", "P"), ("11:50", "P"), ("12:05", "C"), ("12:20", "P"),
                ("12:31", "C"), ("16:00", "C"),
            ],
            policy: policy)
        #expect(result.lines.map(\.rawSeconds) == [5 * 60, 41 * 60, 0])
        #expect(result.lines.map(\.billedSeconds) == [15 * 60, 41 * 60, 0])
        #expect(result.lines.map(\.minimumSeconds) == [10 * 60, 0, 0])
        #expect(result.days.map(\.minimumSeconds) == [4 * 60])
        #expect(result.billedSeconds == 60 * 60)
        // An unanswered session bills nothing, however high the minimums.
        let unanswered = bill([("16:00", "C")], policy: policy)
        #expect(unanswered.billedSeconds == 0)
    }

    @Test func invoiceRoundingRoundsTheWholePeriodOnce() {
        let policy = BillingPolicy(
            workGapSeconds: nil, leadInSeconds: 0,
            rounding: Rounding(incrementSeconds: 3600, mode: .up, scope: .invoice))
        let result = bill(
            [("09:00", "P"), ("09:10", "C"), ("14:00", "P"), ("14:10", "C"), ("14:20", "P")], policy: policy)
        #expect(result.days.map(\.roundingSeconds) == [0])
        #expect(result.rawSeconds == 30 * 60)
        #expect(result.totalRoundingSeconds == 30 * 60)
        #expect(result.billedSeconds == 3600)
    }

    @Test func currenciesKeepMoneyInMinorUnits() {
        #expect(euro.minorUnits("90") == 9000)
        #expect(euro.minorUnits("92.5") == 9250)
        #expect(euro.minorUnits("92.505") == nil)
        #expect(euro.minorUnits("-1") == nil)
        #expect(euro.minorUnits("1e3") == nil)
        #expect(euro.format(123_456) == "1234.56 EUR")
        #expect(euro.format(-1) == "-0.01 EUR")
        let yen = Currency(code: "jpy")!
        #expect(yen.minorDigits == 0)
        #expect(yen.minorUnits("9000") == 9000)
        #expect(yen.minorUnits("9000.5") == nil)
        #expect(yen.format(9000) == "9000 JPY")
        #expect(Currency(code: "KWD")!.format(1500) == "1.500 KWD")
        #expect(Currency(code: "EURO") == nil)
    }

    var surcharged: Rate {
        Rate(
            minorUnitsPerHour: 9000, currency: euro,
            afterHours: Rate.AfterHours(dayStartMinute: 8 * 60, dayEndMinute: 18 * 60, percent: 150),
            weekend: Rate.SpecialDays(weekdays: [6, 7], percent: 200), holidays: ["2026-12-24"], holidayPercent: 250)
    }

    func parts(_ from: String, _ to: String, zone: TimeZone) -> [String] {
        func instant(_ text: String) -> Date {
            let (civil, _) = TimestampLayout.readISO(text)!
            var clock = ZoneClock(zone)
            let guess = civil.instant(atOffset: clock.offset(at: civil.instant(atOffset: 0)))
            return civil.instant(atOffset: clock.offset(at: guess))
        }
        var clock = ZoneClock(zone)
        return surcharged.parts(from: instant(from), to: instant(to), clock: &clock).map {
            "\($0.band.rawValue) \($0.seconds / 60)m \($0.percent)"
        }
    }

    @Test func sessionsAreSplitWhereTheMultiplierChanges() {
        // Tuesday evening into the night and the next working day.
        #expect(
            parts("2026-11-10T17:30:00", "2026-11-11T08:30:00", zone: berlin) == [
                "regular 30m 100", "after-hours 840m 150", "regular 30m 100",
            ])
        // Friday evening into Saturday: after-hours, then the weekend from midnight.
        #expect(
            parts("2026-11-13T17:00:00", "2026-11-14T01:00:00", zone: berlin) == [
                "regular 60m 100", "after-hours 360m 150", "weekend 60m 200",
            ])
        // A holiday on a Thursday beats after-hours.
        #expect(parts("2026-12-24T07:00:00", "2026-12-24T09:00:00", zone: berlin) == ["holiday 120m 250"])
        // The night the clocks go back lasts an hour longer.
        #expect(
            parts("2026-10-24T23:00:00", "2026-10-25T03:00:00", zone: berlin) == [
                "weekend 300m 200"
            ])
    }

    @Test func amountsAreExactAndPricedByBand() {
        let policy = BillingPolicy(
            workGapSeconds: nil, leadInSeconds: 0, rounding: Rounding(incrementSeconds: 0), rate: surcharged)
        // Wednesday 2026-11-11 in UTC: 17:30-18:20 is 30m regular and 20m after-hours.
        let result = bill(
            [("17:30", "P"), ("17:45", "C"), ("18:00", "P"), ("18:10", "C"), ("18:20", "P")],
            day: CivilDateTime(year: 2026, month: 11, day: 11), policy: policy)
        let line = try! #require(result.lines.first { _ in true })
        #expect(line.parts.map(\.seconds) == [30 * 60, 20 * 60])
        #expect(line.amount == 4500 + 4500)
        #expect(result.amount == 9000)
    }

    @Test func cumulativeRoundingSumsExactlyToTheRoundedTotal() {
        var rounding = CumulativeRounding()
        // Three thirds of a cent each: 0, 1, 0 cents (the running total rounds 0.33, 0.67, 1.00).
        let third = Rate.denominator / 3
        let handedOut = (0..<3).map { _ in rounding.add(third) }
        #expect(handedOut == [0, 1, 0])
    }

    @Test func monthsAndISOWeeks() {
        #expect(BillingPeriod.month("2026-11") == "2026-11-01"..."2026-11-30")
        #expect(BillingPeriod.month("2028-02") == "2028-02-01"..."2028-02-29")
        #expect(BillingPeriod.month("2026-13") == nil)
        #expect(BillingPeriod.isoWeek("2026-W48") == "2026-11-23"..."2026-11-29")
        #expect(BillingPeriod.isoWeek("2026-W01") == "2025-12-29"..."2026-01-04")
        #expect(BillingPeriod.isoWeek("2026-W53") == "2026-12-28"..."2027-01-03")
        #expect(BillingPeriod.isoWeek("2025-W53") == nil)
    }

    @Test func aPeriodLeavesOutSessionsOfOtherDaysWithoutCuttingAny() {
        let policy = BillingPolicy(workGapSeconds: nil, leadInSeconds: 0, rounding: Rounding(incrementSeconds: 0))
        let messages =
            Chat.messages([("23:50", "P"), ("23:59", "C")], day: CivilDateTime(year: 2026, month: 10, day: 31))
            + Chat.messages([("00:05", "P"), ("00:20", "C")], day: CivilDateTime(year: 2026, month: 11, day: 1))
        let sessions = Sessionizer(policy: policy, provider: provider).sessions(from: messages)
        #expect(sessions.count == 1)
        let october = Bill(sessions: sessions, policy: policy, timeZone: utc, period: BillingPeriod.month("2026-10"))
        let november = Bill(sessions: sessions, policy: policy, timeZone: utc, period: BillingPeriod.month("2026-11"))
        #expect(october.billedSeconds == 30 * 60)
        #expect(november.billedSeconds == 0)
        #expect(november.sessionsOutsidePeriod == 1)
    }

    // MARK: - Properties

    static func randomRate(seed: UInt64) -> Rate {
        var generator = SeededGenerator(seed: seed ^ 0x5EED)
        return Rate(
            minorUnitsPerHour: Int.random(in: 1...50_000, using: &generator), currency: Currency(code: "EUR")!,
            afterHours: Rate.AfterHours(
                dayStartMinute: Int.random(in: 0...600, using: &generator),
                dayEndMinute: Int.random(in: 601...1440, using: &generator),
                percent: Int.random(in: 100...300, using: &generator)),
            weekend: Rate.SpecialDays(weekdays: [6, 7], percent: Int.random(in: 100...300, using: &generator)),
            holidays: ["2026-11-03"], holidayPercent: 225)
    }

    @Test func lineAmountsAlwaysSumToTheTotalAndPartsToTheSession() {
        for seed in UInt64(0)..<300 {
            var policy = SessionizerTests.randomPolicy(seed: seed)
            policy.rate = Self.randomRate(seed: seed)
            policy.minimumSessionSeconds = seed % 3 == 0 ? 600 : 0
            policy.minimumDaySeconds = seed % 5 == 0 ? 3600 : 0
            let sessions = randomSessions(seed: seed, policy: policy)
            let result = Bill(sessions: sessions, policy: policy, timeZone: berlin)
            let lines = Array(result.lines)
            let dayAmounts = result.days.reduce(0) { $0 + $1.amount! }
            #expect(dayAmounts + result.totalRoundingAmount! == result.amount!, "seed \(seed)")
            for line in lines {
                #expect(line.parts.reduce(0) { $0 + $1.seconds } == line.rawSeconds, "seed \(seed)")
                #expect(zip(line.parts, line.parts.dropFirst()).allSatisfy { $0.end == $1.start }, "seed \(seed)")
            }
            // The amounts handed out are the exact price rounded once, never drifting.
            let exact = lines.reduce(0) { sum, line in
                sum + line.parts.reduce(0) { $0 + policy.rate!.exactPrice(seconds: $1.seconds, percent: $1.percent) }
                    + policy.rate!.exactPrice(seconds: line.billedSeconds - line.rawSeconds, percent: 100)
            }
            let adjustments = result.billedSeconds - lines.reduce(0) { $0 + $1.billedSeconds }
            let total = exact + policy.rate!.exactPrice(seconds: adjustments, percent: 100)
            #expect(result.amount! == (total + Rate.denominator / 2) / Rate.denominator, "seed \(seed)")
        }
    }

    /// The sessions of the random chat of `seed` under `policy`.
    func randomSessions(seed: UInt64, policy: BillingPolicy) -> [Session] {
        Sessionizer(policy: policy, provider: provider).sessions(from: SessionizerTests.randomChat(seed: seed))
    }

    @Test func splittingAtBoundariesNeverChangesTheMinutes() {
        for seed in UInt64(0)..<300 {
            var policy = SessionizerTests.randomPolicy(seed: seed)
            let sessions = randomSessions(seed: seed, policy: policy)
            let plain = Bill(sessions: sessions, policy: policy, timeZone: berlin)
            policy.rate = Self.randomRate(seed: seed)
            let priced = Bill(sessions: sessions, policy: policy, timeZone: berlin)
            #expect(priced.rawSeconds == plain.rawSeconds, "seed \(seed)")
            #expect(priced.billedSeconds == plain.billedSeconds, "seed \(seed)")
            #expect(Array(priced.lines).map(\.billedSeconds) == Array(plain.lines).map(\.billedSeconds), "seed \(seed)")
        }
    }

    /// A bill finds each of its days by date, and no other.
    @Test func aBillFindsItsDaysByDate() {
        for seed in UInt64(0)..<50 {
            let policy = SessionizerTests.randomPolicy(seed: seed)
            let sessions = randomSessions(seed: seed, policy: policy)
            let bill = Bill(sessions: sessions, policy: policy, timeZone: berlin)
            #expect(bill.days.map(\.date) == bill.days.map(\.date).sorted(), "seed \(seed)")
            for day in bill.days { #expect(bill.day(day.date) == day, "seed \(seed)") }
            #expect(bill.day("1999-12-31") == nil)
            #expect(bill.day("2999-01-01") == nil)
        }
    }

    /// Every what-if total is the bill the chat would get under that variant of the rules, billed
    /// on its own (the variant with the bill's own rules is the bill); in half the chats, remote
    /// connections that outlast the messages after them come in between.
    @Test func eachWhatIfTotalIsTheBillUnderThoseRules() {
        for seed in UInt64(0)..<400 {
            var policy = SessionizerTests.randomPolicy(seed: seed)
            var generator = SeededGenerator(seed: seed)
            if Bool.random(using: &generator) {
                policy.gapSeconds = WhatIf.gapMinutes.randomElement(using: &generator)! * 60
                if let workGap = policy.workGapSeconds { policy.workGapSeconds = max(workGap, policy.gapSeconds) }
            }
            policy.rate = Self.randomRate(seed: seed)
            var chat = SessionizerTests.randomChat(seed: seed)
            if seed % 2 == 1 {
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    var connection = Chat.message(
                        chat.randomElement(using: &generator)!.instant.addingTimeInterval(
                            Double(Int.random(in: -3600...3600, using: &generator))), "PC-01", line: chat.count + 1,
                        kind: .remote)
                    connection.seconds = Int.random(in: 60...7200, using: &generator)
                    chat.append(connection)
                }
                chat.sort { $0.instant < $1.instant }
            }
            let transcript = Transcript(
                input: InputFile(displayName: "chat.txt", bytes: []), parserName: "test", messages: chat,
                diagnostics: [], timeZone: ZoneChoice(utc, source: .flag))
            let report = Report(transcript: transcript, provider: provider, policy: policy)
            #expect(report.whatIf.count == WhatIf.gapMinutes.count + 1)
            #expect(report.whatIf.last?.workGapSeconds == nil)
            for total in report.whatIf {
                var variant = policy
                variant.gapSeconds = total.gapSeconds
                variant.workGapSeconds = total.workGapSeconds
                let sessions = Sessionizer(policy: variant, provider: provider).sessions(from: chat)
                let bill = Bill(sessions: sessions, policy: variant, timeZone: utc)
                #expect(total.billedSeconds == bill.billedSeconds, "seed \(seed), gap \(total.gapSeconds)")
                #expect(total.amount == bill.amount, "seed \(seed), gap \(total.gapSeconds)")
                #expect(total.sessions == bill.billableSessions, "seed \(seed), gap \(total.gapSeconds)")
            }
        }
    }

    /// Billing month by month adds up to billing everything at once, when nothing is rounded
    /// across days: a period selects whole days and never cuts a session.
    @Test func monthsAddUpToTheWhole() {
        for seed in UInt64(0)..<200 {
            var policy = SessionizerTests.randomPolicy(seed: seed)
            if policy.rounding.scope == .invoice { policy.rounding.scope = .day }
            policy.rate = Self.randomRate(seed: seed)
            let sessions = randomSessions(seed: seed, policy: policy)
            let whole = Bill(sessions: sessions, policy: policy, timeZone: berlin)
            let months = Set(whole.days.map { String($0.date.prefix(7)) }).sorted()
            let parts = months.map {
                Bill(sessions: sessions, policy: policy, timeZone: berlin, period: BillingPeriod.month($0)!)
            }
            #expect(parts.reduce(0) { $0 + $1.billedSeconds } == whole.billedSeconds, "seed \(seed)")
            #expect(parts.reduce(0) { $0 + $1.lines.count } == whole.lines.count, "seed \(seed)")
            let exact = parts.reduce(0) { $0 + $1.amount! }
            #expect(abs(exact - whole.amount!) <= parts.count, "seed \(seed)")
        }
    }

    /// A remote-control connection is the provider's work: adding one never bills less.
    @Test func aConnectionNeverBillsLess() {
        for seed in UInt64(0)..<200 {
            let policy = SessionizerTests.randomPolicy(seed: seed)
            let chat = SessionizerTests.randomChat(seed: seed)
            var generator = SeededGenerator(seed: seed ^ 0xC0)
            var connection = Chat.message(
                chat.randomElement(using: &generator)!.instant.addingTimeInterval(
                    Double(Int.random(in: -3600...3600, using: &generator))), "PC-01", line: chat.count + 1,
                kind: .remote)
            connection.seconds = Int.random(in: 60...7200, using: &generator)
            let without = Sessionizer(policy: policy, provider: provider).sessions(from: chat)
            let with = Sessionizer(policy: policy, provider: provider).sessions(from: chat + [connection])
            #expect(
                with.reduce(0) { $0 + $1.rawSeconds } >= without.reduce(0) { $0 + $1.rawSeconds },
                "seed \(seed)")
            #expect(with.contains { $0.reasons.connections.count == 1 }, "seed \(seed)")
        }
    }
}
