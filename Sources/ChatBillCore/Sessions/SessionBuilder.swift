import Foundation

/// Groups participant activity, given one at a time in time order, into sessions by the rules of
/// a `BillingPolicy`. Holds only the open session's bounds, so a chat of any length is grouped in
/// constant memory. A remote-control connection is provider activity that lasts: silence is
/// measured from the latest end of anything in the session.
struct SessionBuilder {
    let policy: BillingPolicy
    /// False for sessions wanted only for their totals: the silences bridged and the connections
    /// are not listed.
    let keepsReasons: Bool

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

    /// The session being built: the instants the rules need, and (when reasons are kept) the
    /// inputs the reasons cite. A class, so that adding a message changes it in place instead of
    /// copying it out of the optional and back.
    private final class Group {
        let firstInstant: Date
        let firstIsProvider: Bool
        /// When the activity that ends last so far ends.
        var latestEnd: Date
        var provider = ProviderActivity()
        var count = 1
        /// The earliest and latest place in the export, as (file, line).
        var from: (file: Int, line: Int)
        var through: (file: Int, line: Int)
        var sources: SourceSet
        /// The first input and the one that ends last, kept only with the reasons.
        let first: SessionInput?
        var latest: SessionInput?
        var silentWork: [SessionReasons.SilentWork] = []
        var connections: [SessionReasons.Connection] = []

        init(_ input: SessionInput, keepsReasons: Bool) {
            firstInstant = input.instant
            firstIsProvider = input.isProvider
            latestEnd = input.end
            from = (input.file, input.line)
            through = (input.file, max(input.line, input.lastLine))
            sources = SourceSet(input.source)
            first = keepsReasons ? input : nil
            latest = first
            note(input)
        }

        func add(_ input: SessionInput) {
            let end = input.end
            if end >= latestEnd {
                latestEnd = end
                if latest != nil { latest = input }
            }
            count += 1
            if (input.file, input.line) < from { from = (input.file, input.line) }
            if (input.file, input.lastLine) > through { through = (input.file, input.lastLine) }
            sources.insert(input.source)
            note(input)
        }

        private func note(_ input: SessionInput) {
            if input.isConnection, first != nil {
                connections.append(.init(reference: .init(input), seconds: input.seconds))
            }
            provider.note(input)
        }

        /// Adds a run of inputs at once (see `Run`).
        func absorb(_ run: Run) {
            latestEnd = max(latestEnd, run.latestEnd)
            count += run.count
            if run.from < from { from = run.from }
            if run.through > through { through = run.through }
            sources.formUnion(run.sources)
            provider.absorb(run.provider)
        }

        /// The reasons' reference to the first input (a placeholder when reasons are not kept).
        var openedBy: SessionReasons.Reference {
            first.map(SessionReasons.Reference.init) ?? .init(line: from.line, sender: "", instant: firstInstant)
        }

        var files: ClosedRange<Int> { from.file...through.file }
    }

    private var group: Group?
    private var previousBillableEnd: Date?

    init(policy: BillingPolicy, keepsReasons: Bool = true) {
        self.policy = policy
        self.keepsReasons = keepsReasons
    }

    /// Adds the next activity; returns the session it closed, if it opened a new one.
    mutating func add(_ input: SessionInput) -> Session? {
        // The open group is changed in place (`group!`), not copied out and back.
        guard group != nil else {
            group = Group(input, keepsReasons: keepsReasons)
            return nil
        }
        let silence = max(0, seconds(from: group!.latestEnd, to: input.instant))
        if silence <= policy.gapSeconds {
            group!.add(input)
        } else if let workGap = policy.workGapSeconds, input.isProvider, let own = group!.provider.latestEnd,
            seconds(from: own, to: input.instant) <= workGap
        {
            if let latest = group!.latest {
                group!.silentWork.append(.init(after: .init(latest), before: .init(input), seconds: silence))
            }
            group!.add(input)
        } else {
            let closed = close(group!, ending: .silence(next: .init(input), seconds: silence))
            group = Group(input, keepsReasons: keepsReasons)
            return closed
        }
        return nil
    }

    /// Inputs that each follow the one before closer than the builder's gap, summed up: added to
    /// an open session one by one, they would only extend it, so they can be added as one.
    struct Run {
        private(set) var count = 0
        private(set) var provider = ProviderActivity()
        private(set) var latestEnd: Date
        private(set) var from: (file: Int, line: Int)
        private(set) var through: (file: Int, line: Int)
        private(set) var sources = SourceSet()

        init(_ input: SessionInput) {
            latestEnd = input.end
            from = (input.file, input.line)
            through = (input.file, max(input.line, input.lastLine))
            add(input)
        }

        mutating func add(_ input: SessionInput) {
            count += 1
            latestEnd = max(latestEnd, input.end)
            if (input.file, input.line) < from { from = (input.file, input.line) }
            if (input.file, input.lastLine) > through { through = (input.file, input.lastLine) }
            sources.insert(input.source)
            provider.note(input)
        }
    }

    /// Adds `run` to the open session: every input of it follows the open session's latest end
    /// (or the input before it) by no more than the gap. Only without reasons, which would cite
    /// the inputs one by one.
    mutating func absorb(_ run: Run) {
        precondition(!keepsReasons && group != nil, "a run extends an open session, without reasons")
        group!.absorb(run)
    }

    /// Closes the last session at the end of the export.
    mutating func finish() -> Session? {
        defer { group = nil }
        return group.map { close($0, ending: .endOfExport) }
    }

    private mutating func close(_ group: Group, ending: SessionReasons.Ending) -> Session {
        let reasons = { (start: SessionReasons.Start) in
            SessionReasons(
                openedBy: group.openedBy, start: start, silentWork: group.silentWork,
                connections: group.connections, ending: ending)
        }
        guard group.provider.count > 0 else {
            return Session(
                isBillable: false, start: group.firstInstant, end: group.latestEnd, providerMessages: 0,
                clientMessages: group.count, firstLine: group.from.line, lastLine: group.through.line,
                files: group.files, sources: group.sources, reasons: reasons(.unanswered))
        }
        // Work starts at the lead-in before the provider's first message (never before the client
        // opened), or where a connection starts, whichever is earlier.
        var start = Date.distantFuture
        var startReason = SessionReasons.Start.leadIn
        if let message = group.provider.firstMessage {
            start = message.addingTimeInterval(-TimeInterval(policy.leadInSeconds))
            if !group.firstIsProvider, start < group.firstInstant {
                start = group.firstInstant
                startReason = .clientOpened
            }
        }
        if let connection = group.provider.firstConnection, connection < start {
            start = connection
            startReason = .remoteConnection
        }
        if let previousBillableEnd, start < previousBillableEnd {
            start = previousBillableEnd
            startReason = .previousSessionEnd
        }
        let end = max(start, group.latestEnd.addingTimeInterval(TimeInterval(policy.leadOutSeconds)))
        previousBillableEnd = end
        return Session(
            isBillable: true, start: start, end: end, providerMessages: group.provider.count,
            clientMessages: group.count - group.provider.count, firstLine: group.from.line,
            lastLine: group.through.line,
            files: group.files, sources: group.sources, reasons: reasons(startReason))
    }

    private func seconds(from earlier: Date, to later: Date) -> Int {
        Int((later.timeIntervalSince1970 - earlier.timeIntervalSince1970).rounded())
    }
}
