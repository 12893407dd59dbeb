import Foundation

/// What the session rules look at in a session still open: when it started and who opened it,
/// when its activity ends so far, and what the provider did. The rules are here and only here:
/// whether the next activity extends the session, and where its billable time starts and ends.
/// `SessionBuilder` keeps one beside the places and reasons a bill line cites; the what-if totals
/// keep the parts of it that differ between their rules and share the rest (`WhatIf`).
struct OpenSession {
    /// The parts of a `BillingPolicy` the session rules read, copied out once: the whole policy
    /// (rates, rounding, holidays) is too large to hand to every step.
    struct Rules {
        let gapSeconds: Int
        let workGapSeconds: Int?
        let leadInSeconds: Int
        let leadOutSeconds: Int

        init(_ policy: BillingPolicy) {
            gapSeconds = policy.gapSeconds
            workGapSeconds = policy.workGapSeconds
            leadInSeconds = policy.leadInSeconds
            leadOutSeconds = policy.leadOutSeconds
        }
    }

    /// What the provider did in a session: how many messages, the first message, the start of the
    /// first connection, and when the provider's activity that ends last ends.
    struct ProviderActivity {
        private(set) var count = 0
        private(set) var firstMessage: Date?
        private(set) var firstConnection: Date?
        private(set) var latestEnd: Date?

        mutating func note(_ input: SessionInput) {
            guard input.isProvider else { return }
            count += 1
            if input.isConnection {
                if firstConnection == nil { firstConnection = input.instant }
            } else if firstMessage == nil {
                firstMessage = input.instant
            }
            if latestEnd.map({ input.end > $0 }) ?? true { latestEnd = input.end }
        }
    }

    let firstInstant: Date
    let firstIsProvider: Bool
    /// When the activity that ends last so far ends.
    private(set) var latestEnd: Date
    private(set) var provider = ProviderActivity()
    private(set) var count = 1

    init(_ input: SessionInput) {
        firstInstant = input.instant
        firstIsProvider = input.isProvider
        latestEnd = input.end
        provider.note(input)
    }

    mutating func add(_ input: SessionInput) {
        let end = input.end
        if end >= latestEnd { latestEnd = end }
        count += 1
        provider.note(input)
    }

    /// What the next activity does to the session under `rules`.
    enum Step {
        /// It follows the session's latest end within the gap.
        case extends
        /// It is the provider's, after a silence longer than the gap that ends within the work gap
        /// of the provider's own latest activity: the silence was work.
        case bridgesSilence(seconds: Int)
        /// It comes after a silence that ends the session.
        case closes(silenceSeconds: Int)
    }

    func step(_ input: SessionInput, rules: Rules) -> Step {
        Self.step(
            input, silence: max(0, Self.seconds(from: latestEnd, to: input.instant)),
            providerLatestEnd: provider.latestEnd, rules: rules)
    }

    /// What `input` does to a session whose activity ended `silence` seconds before it (never
    /// less than 0), and whose provider's activity ends at `providerLatestEnd` (nil when the
    /// provider took no part in it yet).
    @inline(__always)
    static func step(_ input: SessionInput, silence: Int, providerLatestEnd: Date?, rules policy: Rules) -> Step {
        if silence <= policy.gapSeconds { return .extends }
        if let workGap = policy.workGapSeconds, input.isProvider, let own = providerLatestEnd,
            Self.seconds(from: own, to: input.instant) <= workGap
        {
            return .bridgesSilence(seconds: silence)
        }
        return .closes(silenceSeconds: silence)
    }

    /// Where the session's billable time starts and ends, and why it starts there; nil when the
    /// provider took no part (an unanswered session). `previousBillableEnd` is the end of the
    /// billable session before it: sessions never overlap.
    func billable(
        rules: Rules, previousBillableEnd: Date?
    ) -> (start: Date, end: Date, reason: SessionReasons.Start)? {
        guard provider.count > 0 else { return nil }
        return Self.billable(
            firstInstant: firstInstant, firstIsProvider: firstIsProvider, providerFirstMessage: provider.firstMessage,
            providerFirstConnection: provider.firstConnection, latestEnd: latestEnd, rules: rules,
            previousBillableEnd: previousBillableEnd)
    }

    /// `billable(rules:previousBillableEnd:)` of a session in which the provider took part, from
    /// what it depends on.
    static func billable(
        firstInstant: Date, firstIsProvider: Bool, providerFirstMessage: Date?, providerFirstConnection: Date?,
        latestEnd: Date, rules policy: Rules, previousBillableEnd: Date?
    ) -> (start: Date, end: Date, reason: SessionReasons.Start) {
        // Work starts at the lead-in before the provider's first message (never before the client
        // opened), or where a connection starts, whichever is earlier.
        var start = Date.distantFuture
        var reason = SessionReasons.Start.leadIn
        if let message = providerFirstMessage {
            start = message.addingTimeInterval(-TimeInterval(policy.leadInSeconds))
            if !firstIsProvider, start < firstInstant {
                start = firstInstant
                reason = .clientOpened
            }
        }
        if let connection = providerFirstConnection, connection < start {
            start = connection
            reason = .remoteConnection
        }
        if let previousBillableEnd, start < previousBillableEnd {
            start = previousBillableEnd
            reason = .previousSessionEnd
        }
        let end = max(start, latestEnd.addingTimeInterval(TimeInterval(policy.leadOutSeconds)))
        return (start, end, reason)
    }

    /// Whole seconds from `earlier` to `later`, halves rounded away from zero (as `rounded()`
    /// does, without its library call: this runs several times per message).
    @inline(__always)
    static func seconds(from earlier: Date, to later: Date) -> Int {
        let difference = later.timeIntervalSince1970 - earlier.timeIntervalSince1970
        guard abs(difference) < 0x1p52 else { return Int(difference.rounded()) }
        let whole = Int(difference)  // toward zero
        let fraction = difference - Double(whole)
        return fraction >= 0.5 ? whole + 1 : fraction <= -0.5 ? whole - 1 : whole
    }
}
