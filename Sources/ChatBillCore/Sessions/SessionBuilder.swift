import Foundation

/// Groups participant activity, given one at a time in time order, into sessions by the rules of
/// a `BillingPolicy`. Holds only the open session's bounds, so a chat of any length is grouped in
/// constant memory. A remote-control connection is provider activity that lasts: silence is
/// measured from the latest end of anything in the session.
struct SessionBuilder {
    let policy: BillingPolicy

    /// The session being built.
    private struct Group {
        let first: SessionInput
        /// The activity that ends last so far.
        var latest: SessionInput
        var firstProvider: SessionInput?
        /// The provider's activity that ends last so far.
        var latestProvider: SessionInput?
        var count = 1
        var providerCount = 0
        /// The earliest and latest place in the export, as (file, line).
        var from: (file: Int, line: Int)
        var through: (file: Int, line: Int)
        var sources: SourceSet
        var silentWork: [SessionReasons.SilentWork] = []
        var connections: [SessionReasons.Connection] = []

        init(_ input: SessionInput) {
            first = input
            latest = input
            from = (input.file, input.line)
            through = (input.file, max(input.line, input.lastLine))
            sources = SourceSet(input.source)
            note(input)
        }

        mutating func add(_ input: SessionInput) {
            if input.end > latest.end { latest = input }
            count += 1
            if (input.file, input.line) < from { from = (input.file, input.line) }
            if (input.file, input.lastLine) > through { through = (input.file, input.lastLine) }
            sources.insert(input.source)
            note(input)
        }

        private mutating func note(_ input: SessionInput) {
            if input.isConnection {
                connections.append(.init(reference: .init(input), seconds: input.seconds))
            }
            guard input.isProvider else { return }
            providerCount += 1
            if firstProvider == nil { firstProvider = input }
            if latestProvider == nil || input.end > latestProvider!.end { latestProvider = input }
        }

        var files: ClosedRange<Int> { from.file...through.file }
    }

    private var group: Group?
    private var previousBillableEnd: Date?

    init(policy: BillingPolicy) {
        self.policy = policy
    }

    /// Adds the next activity; returns the session it closed, if it opened a new one.
    mutating func add(_ input: SessionInput) -> Session? {
        // The open group is changed in place (`group!`), not copied out and back.
        guard group != nil else {
            group = Group(input)
            return nil
        }
        let silence = max(0, seconds(from: group!.latest.end, to: input.instant))
        if silence <= policy.gapSeconds {
            group!.add(input)
        } else if let workGap = policy.workGapSeconds, input.isProvider, let own = group!.latestProvider,
            seconds(from: own.end, to: input.instant) <= workGap
        {
            group!.silentWork.append(.init(after: .init(group!.latest), before: .init(input), seconds: silence))
            group!.add(input)
        } else {
            let closed = close(group!, ending: .silence(next: .init(input), seconds: silence))
            group = Group(input)
            return closed
        }
        return nil
    }

    /// Closes the last session at the end of the export.
    mutating func finish() -> Session? {
        defer { group = nil }
        return group.map { close($0, ending: .endOfExport) }
    }

    private mutating func close(_ group: Group, ending: SessionReasons.Ending) -> Session {
        let reasons = { (start: SessionReasons.Start) in
            SessionReasons(
                openedBy: .init(group.first), start: start, silentWork: group.silentWork,
                connections: group.connections, ending: ending)
        }
        guard let firstProvider = group.firstProvider else {
            return Session(
                isBillable: false, start: group.first.instant, end: group.latest.end, providerMessages: 0,
                clientMessages: group.count, firstLine: group.from.line, lastLine: group.through.line,
                files: group.files, sources: group.sources, reasons: reasons(.unanswered))
        }
        var start: Date
        var startReason: SessionReasons.Start
        if firstProvider.isConnection {
            start = firstProvider.instant
            startReason = .remoteConnection
        } else {
            start = firstProvider.instant.addingTimeInterval(-TimeInterval(policy.leadInSeconds))
            startReason = .leadIn
            if !group.first.isProvider, start < group.first.instant {
                start = group.first.instant
                startReason = .clientOpened
            }
        }
        if let previousBillableEnd, start < previousBillableEnd {
            start = previousBillableEnd
            startReason = .previousSessionEnd
        }
        let end = max(start, group.latest.end.addingTimeInterval(TimeInterval(policy.leadOutSeconds)))
        previousBillableEnd = end
        return Session(
            isBillable: true, start: start, end: end, providerMessages: group.providerCount,
            clientMessages: group.count - group.providerCount, firstLine: group.from.line, lastLine: group.through.line,
            files: group.files, sources: group.sources, reasons: reasons(startReason))
    }

    private func seconds(from earlier: Date, to later: Date) -> Int {
        Int((later.timeIntervalSince1970 - earlier.timeIntervalSince1970).rounded())
    }
}
