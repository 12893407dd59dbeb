import Foundation

/// What the session rules look at in a session still open: when it started and who opened it,
/// when its activity ends so far, and what the provider did. The rules are here and only here:
/// whether the next activity extends the session, and where its billable time starts and ends.
/// `SessionBuilder` keeps one beside the places and reasons a bill line cites; `SessionTotals`
/// keeps only this.
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

    /// What the provider did in a session or a run: how many messages, the first message, the
    /// start of the first connection, and when the provider's activity that ends last ends.
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

        /// Adds what came after (a run of inputs).
        mutating func absorb(_ later: ProviderActivity) {
            count += later.count
            if firstMessage == nil { firstMessage = later.firstMessage }
            if firstConnection == nil { firstConnection = later.firstConnection }
            if let end = later.latestEnd, latestEnd.map({ end > $0 }) ?? true { latestEnd = end }
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

    /// Inputs that each follow the one before closer than the gap, summed up: added to an open
    /// session one by one, they would only extend it, so they can be added as one.
    struct Run {
        private(set) var count = 0
        private(set) var provider = ProviderActivity()
        private(set) var latestEnd: Date

        init(_ input: SessionInput) {
            latestEnd = input.end
            add(input)
        }

        mutating func add(_ input: SessionInput) {
            count += 1
            latestEnd = max(latestEnd, input.end)
            provider.note(input)
        }
    }

    /// Adds `run`: every input of it follows the session's latest end (or the input before it)
    /// by no more than the gap.
    mutating func absorb(_ run: Run) {
        latestEnd = max(latestEnd, run.latestEnd)
        count += run.count
        provider.absorb(run.provider)
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

    func step(_ input: SessionInput, rules policy: Rules) -> Step {
        let silence = max(0, Self.seconds(from: latestEnd, to: input.instant))
        if silence <= policy.gapSeconds { return .extends }
        if let workGap = policy.workGapSeconds, input.isProvider, let own = provider.latestEnd,
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
        rules policy: Rules, previousBillableEnd: Date?
    ) -> (start: Date, end: Date, reason: SessionReasons.Start)? {
        guard provider.count > 0 else { return nil }
        // Work starts at the lead-in before the provider's first message (never before the client
        // opened), or where a connection starts, whichever is earlier.
        var start = Date.distantFuture
        var reason = SessionReasons.Start.leadIn
        if let message = provider.firstMessage {
            start = message.addingTimeInterval(-TimeInterval(policy.leadInSeconds))
            if !firstIsProvider, start < firstInstant {
                start = firstInstant
                reason = .clientOpened
            }
        }
        if let connection = provider.firstConnection, connection < start {
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
