import Foundation

/// Groups participant messages, given one at a time in time order, into sessions by the rules of
/// a `BillingPolicy`. Holds only the open session's bounds, so a chat of any length is grouped in
/// constant memory.
struct SessionBuilder {
    let policy: BillingPolicy

    /// The session being built.
    private struct Group {
        let first: SessionInput
        var last: SessionInput
        var firstProvider: SessionInput?
        var lastProvider: SessionInput?
        var count = 1
        var providerCount = 0
        /// The earliest and latest place in the export, as (file, line).
        var from: (file: Int, line: Int)
        var through: (file: Int, line: Int)
        var silentWork: [SessionReasons.SilentWork] = []

        init(_ input: SessionInput) {
            first = input
            last = input
            from = (input.file, input.line)
            through = (input.file, max(input.line, input.lastLine))
        }

        mutating func add(_ input: SessionInput) {
            last = input
            count += 1
            if (input.file, input.line) < from { from = (input.file, input.line) }
            if (input.file, input.lastLine) > through { through = (input.file, input.lastLine) }
        }

        var files: ClosedRange<Int> { from.file...through.file }
    }

    private var group: Group?
    private var previousBillableEnd: Date?

    init(policy: BillingPolicy) {
        self.policy = policy
    }

    /// Adds the next message; returns the session it closed, if it opened a new one.
    mutating func add(_ input: SessionInput) -> Session? {
        var closed: Session?
        // The open group is changed in place (`group!`), not copied out and back.
        if group == nil {
            group = Group(input)
        } else {
            let silence = seconds(from: group!.last.instant, to: input.instant)
            if silence <= policy.gapSeconds {
                group!.add(input)
            } else if let workGap = policy.workGapSeconds, input.isProvider, let own = group!.lastProvider,
                seconds(from: own.instant, to: input.instant) <= workGap
            {
                group!.silentWork.append(.init(after: .init(group!.last), before: .init(input)))
                group!.add(input)
            } else {
                closed = close(group!, ending: .silence(next: .init(input), seconds: silence))
                group = Group(input)
            }
        }
        if input.isProvider {
            group!.providerCount += 1
            group!.lastProvider = input
            if group!.firstProvider == nil { group!.firstProvider = input }
        }
        return closed
    }

    /// Closes the last session at the end of the export.
    mutating func finish() -> Session? {
        defer { group = nil }
        return group.map { close($0, ending: .endOfExport) }
    }

    private mutating func close(_ group: Group, ending: SessionReasons.Ending) -> Session {
        let reasons = { (start: SessionReasons.Start) in
            SessionReasons(openedBy: .init(group.first), start: start, silentWork: group.silentWork, ending: ending)
        }
        guard let firstProvider = group.firstProvider else {
            return Session(
                isBillable: false, start: group.first.instant, end: group.last.instant, providerMessages: 0,
                clientMessages: group.count, firstLine: group.from.line, lastLine: group.through.line,
                files: group.files, reasons: reasons(.unanswered))
        }
        var start = firstProvider.instant.addingTimeInterval(-TimeInterval(policy.leadInSeconds))
        var startReason = SessionReasons.Start.leadIn
        if !group.first.isProvider, start < group.first.instant {
            start = group.first.instant
            startReason = .clientOpened
        }
        if let previousBillableEnd, start < previousBillableEnd {
            start = previousBillableEnd
            startReason = .previousSessionEnd
        }
        let end = max(start, group.last.instant.addingTimeInterval(TimeInterval(policy.leadOutSeconds)))
        previousBillableEnd = end
        return Session(
            isBillable: true, start: start, end: end, providerMessages: group.providerCount,
            clientMessages: group.count - group.providerCount, firstLine: group.from.line, lastLine: group.through.line,
            files: group.files,
            reasons: reasons(startReason))
    }

    private func seconds(from earlier: Date, to later: Date) -> Int {
        Int((later.timeIntervalSince1970 - earlier.timeIntervalSince1970).rounded())
    }
}
