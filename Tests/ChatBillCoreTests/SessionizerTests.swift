import Foundation
import Testing

@testable import ChatBillCore

@Suite("Sessions and billing rules")
struct SessionizerTests {
    let provider = ProviderIdentity(names: ["P"])
    let utc = TimeZone(identifier: "UTC")!

    func sessions(_ messages: [Message], policy: BillingPolicy = BillingPolicy()) -> [Session] {
        Sessionizer(policy: policy, provider: provider).sessions(from: messages)
    }

    func clock(_ date: Date) -> String { ISOTimestamp.local(date, in: utc).hourMinuteString }

    /// DESIGN.md's worked example, exactly.
    @Test func theWorkedExample() {
        let messages = Chat.messages([
            ("09:02", "C"), ("09:10", "P"), ("09:12", "C"), ("09:13", "P"), ("09:31", "P"), ("09:33", "C"),
            ("11:47", "C"), ("11:52", "P"), ("12:30", "P"), ("12:31", "C"), ("16:05", "C"),
        ])
        let found = sessions(messages)
        #expect(found.count == 3)
        #expect(found.map { "\(clock($0.start))-\(clock($0.end))" } == ["09:08-09:33", "11:50-12:31", "16:05-16:05"])
        #expect(found.map(\.rawSeconds) == [25 * 60, 41 * 60, 0])
        #expect(found.map(\.isBillable) == [true, true, false])
        #expect(
            found[0].reasons.silentWork.map { ($0.after.line, $0.before.line, $0.seconds) }.first! == (4, 5, 18 * 60))
        #expect(found[1].reasons.silentWork.map(\.seconds) == [38 * 60])
        #expect(found[0].reasons.start == .leadIn)
        #expect(
            found[0].reasons.ending
                == .silence(next: found[1].reasons.openedBy, seconds: (11 * 60 + 47 - 9 * 60 - 33) * 60))
        #expect(found[2].reasons.ending == .endOfExport)
        let bill = Bill(sessions: found, policy: BillingPolicy(), timeZone: utc)
        #expect(bill.rawSeconds == 66 * 60)
        #expect(bill.billedSeconds == 75 * 60)
        #expect(bill.days.map(\.roundingSeconds) == [9 * 60])
        #expect(bill.unansweredSessions == 1)
    }

    @Test func theLeadInNeverStartsBeforeTheClientOpened() {
        let found = sessions(Chat.messages([("09:00", "C"), ("09:01", "P")]))
        #expect(clock(found[0].start) == "09:00")
        #expect(found[0].reasons.start == .clientOpened)
    }

    @Test func aSilenceTheClientEndsAlwaysEndsTheSession() {
        let found = sessions(Chat.messages([("09:00", "P"), ("09:20", "C")]))
        #expect(found.count == 2)
        #expect(!found[1].isBillable)
    }

    @Test func silentWorkNeedsTheProvidersOwnMessageWithinTheWorkGap() {
        // 09:00 P, 09:50 C is a new (client) session; 10:10 P ends a 20-minute silence, and the
        // provider's own previous message in that session does not exist: no bridge.
        let found = sessions(Chat.messages([("09:00", "P"), ("09:50", "C"), ("10:10", "P")]))
        #expect(found.count == 3)
        let offFound = sessions(
            Chat.messages([("09:00", "P"), ("09:20", "P")]), policy: BillingPolicy(workGapSeconds: nil))
        #expect(offFound.count == 2)
        let longSilence = sessions(Chat.messages([("09:00", "P"), ("10:01", "P")]))
        #expect(longSilence.count == 2)
    }

    @Test func systemLinesNeitherOpenNorExtendSessions() {
        var messages = Chat.messages([("09:00", "P"), ("09:10", "X"), ("09:20", "C")])
        messages[1].kind = .system
        let found = sessions(messages)
        #expect(found.map(\.messageCount) == [1, 1])
        #expect(found.map(\.lines) == [1...1, 3...3])
    }

    @Test func leadOutExtendsTheEnd() {
        let found = sessions(
            Chat.messages([("09:00", "P"), ("09:05", "C")]), policy: BillingPolicy(leadOutSeconds: 180))
        #expect(clock(found[0].end) == "09:08")
        #expect(found[0].rawSeconds == 10 * 60)
    }

    @Test func outOfOrderLinesAreSessionizedInTimeOrder() {
        let found = sessions(Chat.messages([("09:00", "P"), ("09:30", "C"), ("09:05", "C")]))
        #expect(found.map(\.messageCount) == [2, 1])
        #expect(found.map(\.lines) == [1...3, 2...2])
    }

    @Test(arguments: [
        // Sessions of 25m and 41m and an unanswered one, in 15-minute increments.
        (Rounding.Mode.up, Rounding.Scope.session, [1800, 2700, 0], 4500),
        (.nearest, .session, [1800, 2700, 0], 4500),
        (.down, .session, [900, 1800, 0], 2700),
        (.up, .day, [1500, 2460, 0], 4500),
        (.up, .invoice, [1500, 2460, 0], 4500),
        (.nearest, .day, [1500, 2460, 0], 3600),
        (.down, .day, [1500, 2460, 0], 3600),
    ])
    func roundingModesAndScopes(mode: Rounding.Mode, scope: Rounding.Scope, lines: [Int], total: Int) {
        let found = sessions(
            Chat.messages([
                ("09:02", "C"), ("09:10", "P"), ("09:12", "C"), ("09:13", "P"), ("09:31", "P"), ("09:33", "C"),
                ("11:47", "C"), ("11:52", "P"), ("12:30", "P"), ("12:31", "C"), ("16:05", "C"),
            ]))
        let bill = Bill(
            sessions: found, policy: BillingPolicy(rounding: Rounding(incrementSeconds: 900, mode: mode, scope: scope)),
            timeZone: utc)
        #expect(bill.lines.map(\.billedSeconds) == lines)
        #expect(bill.billedSeconds == total)
        #expect(
            bill.lines.reduce(0) { $0 + $1.billedSeconds } + bill.days.reduce(0) { $0 + $1.roundingSeconds }
                + bill.totalRoundingSeconds == bill.billedSeconds)
    }

    @Test func daysAreCountedInTheBillingZone() {
        // 23:30 UTC is already the next day in Berlin.
        let found = sessions(Chat.messages([("23:30", "P"), ("23:40", "C")]))
        let berlin = Bill(sessions: found, policy: BillingPolicy(), timeZone: Fixtures.berlin.timeZone)
        let london = Bill(sessions: found, policy: BillingPolicy(), timeZone: utc)
        #expect(berlin.days.map(\.date) == ["2026-10-15"])
        #expect(london.days.map(\.date) == ["2026-10-14"])
    }

    /// A chat read in Europe/Berlin across both DST changes of 2026: every session keeps its real
    /// length, although the wall clock jumps.
    @Test(arguments: [
        ("29/03/2026, 01:50 - C: up?\n29/03/2026, 01:55 - P: yes\n29/03/2026, 03:05 - C: still broken\n", 12 * 60, 1),
        ("25/10/2026, 02:50 - C: up?\n25/10/2026, 02:55 - P: yes\n25/10/2026, 02:05 - C: thanks\n", 12 * 60, 1),
    ])
    func sessionsAcrossDSTChangesHaveTheirRealLength(text: String, rawSeconds: Int, sessionCount: Int) throws {
        let transcript = try WhatsAppParser().parse(
            InputFile(displayName: "dst.txt", bytes: Array(text.utf8)), options: ParseOptions(timeZone: Fixtures.berlin)
        )
        let found = Sessionizer(policy: BillingPolicy(), provider: provider).sessions(from: transcript.messages)
        #expect(found.count == sessionCount)
        #expect(found.first?.rawSeconds == rawSeconds)
    }

    // MARK: - Properties

    /// Random chats: a few senders, silences from seconds to hours, some system lines.
    static func randomChat(seed: UInt64) -> [Message] {
        var generator = SeededGenerator(seed: seed)
        var time = 1_790_000_000.0
        return (0..<Int.random(in: 1...60, using: &generator)).map { index in
            time += Double(
                Int.random(in: 0...3, using: &generator) == 0
                    ? Int.random(in: 0...14_400, using: &generator)
                    : Int.random(in: 0...900, using: &generator))
            let sender = ["P", "C", "C2"].randomElement(using: &generator)!
            let kind: MessageKind = Int.random(in: 0...9, using: &generator) == 0 ? .system : .text
            return Chat.message(Date(timeIntervalSince1970: time), sender, line: index + 1, kind: kind)
        }
    }

    static func randomPolicy(seed: UInt64) -> BillingPolicy {
        var generator = SeededGenerator(seed: seed ^ 0xABCDEF)
        let gap = Int.random(in: 60...3600, using: &generator)
        return BillingPolicy(
            gapSeconds: gap,
            workGapSeconds: Bool.random(using: &generator) ? nil : gap + Int.random(in: 0...7200, using: &generator),
            leadInSeconds: Int.random(in: 0...600, using: &generator),
            leadOutSeconds: Int.random(in: 0...600, using: &generator),
            rounding: Rounding(
                incrementSeconds: [0, 60, 360, 900, 1800].randomElement(using: &generator)!,
                mode: Rounding.Mode.allCases.randomElement(using: &generator)!,
                scope: Rounding.Scope.allCases.randomElement(using: &generator)!))
    }

    @Test func roundingUpNeverBillsLessThanRawAndDownNeverMore() {
        for seed in UInt64(0)..<300 {
            let chat = Self.randomChat(seed: seed)
            var policy = Self.randomPolicy(seed: seed)
            let found = sessions(chat, policy: policy)
            for mode in Rounding.Mode.allCases {
                policy.rounding.mode = mode
                let bill = Bill(sessions: found, policy: policy, timeZone: utc)
                switch mode {
                case .up: #expect(bill.billedSeconds >= bill.rawSeconds, "seed \(seed)")
                case .down: #expect(bill.billedSeconds <= bill.rawSeconds, "seed \(seed)")
                case .nearest: break
                }
            }
        }
    }

    @Test func aLargerGapNeverGivesFewerBillableMinutes() {
        for seed in UInt64(0)..<300 {
            let chat = Self.randomChat(seed: seed)
            var policy = Self.randomPolicy(seed: seed)
            policy.workGapSeconds = nil
            policy.leadOutSeconds = 0
            let small = sessions(chat, policy: policy).reduce(0) { $0 + $1.rawSeconds }
            policy.gapSeconds += 600
            let large = sessions(chat, policy: policy).reduce(0) { $0 + $1.rawSeconds }
            #expect(large >= small, "seed \(seed)")
        }
    }

    @Test func sessionsNeverOverlap() {
        for seed in UInt64(0)..<300 {
            let found = sessions(Self.randomChat(seed: seed), policy: Self.randomPolicy(seed: seed)).filter(
                \.isBillable)
            for (earlier, later) in zip(found, found.dropFirst()) {
                #expect(earlier.end <= later.start, "seed \(seed)")
            }
            for session in found { #expect(session.start <= session.end, "seed \(seed)") }
        }
    }

    @Test func everyParticipantMessageBelongsToExactlyOneSession() {
        for seed in UInt64(0)..<300 {
            let chat = Self.randomChat(seed: seed)
            let found = sessions(chat, policy: Self.randomPolicy(seed: seed))
            // A session's messages are the next `messageCount` participant messages in time order.
            var remaining = chat.enumerated().filter { $0.element.kind != .system }
                .sorted { ($0.element.instant, $0.offset) < ($1.element.instant, $1.offset) }.map(\.element)[...]
            for session in found {
                let own = remaining.prefix(session.messageCount)
                remaining = remaining.dropFirst(session.messageCount)
                #expect(own.count == session.messageCount, "seed \(seed)")
                #expect(own.first?.location.line == session.reasons.openedBy.line, "seed \(seed)")
                let lines = own.map(\.location.line)
                #expect(lines.min() == session.lines.lowerBound, "seed \(seed)")
                #expect(own.map(\.lastLine).max() == session.lines.upperBound, "seed \(seed)")
            }
            #expect(remaining.isEmpty, "seed \(seed)")
        }
    }
}
