import Foundation

/// Groups participant activity, given one at a time in time order, into sessions by the rules of
/// a `BillingPolicy`. Holds only the open session's bounds, so a chat of any length is grouped in
/// constant memory. A remote-control connection is provider activity that lasts: silence is
/// measured from the latest end of anything in the session.
struct SessionBuilder {
    private let rules: OpenSession.Rules
    /// The names the inputs' senders index.
    let senders: SenderTable
    /// False for sessions wanted only for their totals: the silences bridged and the connections
    /// are not listed.
    let keepsReasons: Bool

    /// The session being built: the rules' view of it, and (when reasons are kept) the inputs the
    /// reasons cite. A class, so that adding a message changes it in place instead of copying it
    /// out of the optional and back. Used by one builder on one thread: the checks Swift makes
    /// that no two accesses to a class's stored property overlap (several per message) are left
    /// out.
    private final class Group {
        @exclusivity(unchecked) var session: OpenSession
        /// The earliest and latest place in the export, as (file, line).
        @exclusivity(unchecked) var from: (file: Int, line: Int)
        @exclusivity(unchecked) var through: (file: Int, line: Int)
        @exclusivity(unchecked) var sources: SourceSet
        /// The first input and the one that ends last, kept only with the reasons.
        let first: SessionInput?
        @exclusivity(unchecked) var latest: SessionInput?
        @exclusivity(unchecked) var silentWork: [SessionReasons.SilentWork] = []
        @exclusivity(unchecked) var connections: [SessionReasons.Connection] = []

        init(_ input: SessionInput, keepsReasons: Bool, senders: SenderTable) {
            session = OpenSession(input)
            from = (input.file, input.line)
            through = (input.file, max(input.line, input.lastLine))
            sources = SourceSet(input.source)
            first = keepsReasons ? input : nil
            latest = first
            noteConnection(input, senders: senders)
        }

        func add(_ input: SessionInput, senders: SenderTable) {
            if input.end >= session.latestEnd, latest != nil { latest = input }
            session.add(input)
            if (input.file, input.line) < from { from = (input.file, input.line) }
            if (input.file, input.lastLine) > through { through = (input.file, input.lastLine) }
            sources.insert(input.source)
            noteConnection(input, senders: senders)
        }

        private func noteConnection(_ input: SessionInput, senders: SenderTable) {
            if input.isConnection, first != nil {
                connections.append(.init(reference: .init(input, senders: senders), seconds: input.seconds))
            }
        }

        /// The reasons' reference to the first input (a placeholder when reasons are not kept).
        func openedBy(_ senders: SenderTable) -> SessionReasons.Reference {
            first.map { .init($0, senders: senders) }
                ?? .init(line: from.line, sender: "", instant: session.firstInstant)
        }

        var files: ClosedRange<Int> { from.file...through.file }
    }

    private var group: Group?
    private var previousBillableEnd: Date?
    /// The session the last `add` closed, until it is taken.
    private var closed: Session?

    init(policy: BillingPolicy, senders: SenderTable, keepsReasons: Bool = true) {
        rules = OpenSession.Rules(policy)
        self.senders = senders
        self.keepsReasons = keepsReasons
    }

    /// Adds the next activity; true when it opened a new session, closing the one before, which
    /// `takeClosed()` then hands out. (Not the closed session as an optional result: most inputs
    /// close nothing, and a result that large is copied out of every call.)
    mutating func add(_ input: SessionInput) -> Bool {
        // The open group is changed in place (`group!`), not copied out and back.
        guard group != nil else {
            group = Group(input, keepsReasons: keepsReasons, senders: senders)
            return false
        }
        switch group!.session.step(input, rules: rules) {
        case .extends:
            group!.add(input, senders: senders)
        case .bridgesSilence(let silence):
            if let latest = group!.latest {
                group!.silentWork.append(
                    .init(
                        after: .init(latest, senders: senders), before: .init(input, senders: senders),
                        seconds: silence))
            }
            group!.add(input, senders: senders)
        case .closes(let silence):
            closed = close(group!, ending: .silence(next: .init(input, senders: senders), seconds: silence))
            group = Group(input, keepsReasons: keepsReasons, senders: senders)
            return true
        }
        return false
    }

    /// The session the last `add` that returned true closed.
    mutating func takeClosed() -> Session {
        defer { closed = nil }
        return closed!
    }

    /// Closes the last session at the end of the export.
    mutating func finish() -> Session? {
        defer { group = nil }
        return group.map { close($0, ending: .endOfExport) }
    }

    private mutating func close(_ group: Group, ending: SessionReasons.Ending) -> Session {
        let open = group.session
        let billable = open.billable(rules: rules, previousBillableEnd: previousBillableEnd)
        if let billable { previousBillableEnd = billable.end }
        return Session(
            isBillable: billable != nil, start: billable?.start ?? open.firstInstant,
            end: billable?.end ?? open.latestEnd, providerMessages: open.provider.count,
            clientMessages: open.count - open.provider.count, firstLine: group.from.line,
            lastLine: group.through.line, files: group.files, sources: group.sources,
            reasons: SessionReasons(
                openedBy: group.openedBy(senders), start: billable?.reason ?? .unanswered, silentWork: group.silentWork,
                connections: group.connections, ending: ending))
    }
}
