import Foundation

/// Groups messages into sessions by the rules of a `BillingPolicy`. A pure function of its input:
/// the same messages and rules always give the same sessions.
public struct Sessionizer: Sendable {
    public let policy: BillingPolicy
    public let provider: ProviderIdentity

    public init(policy: BillingPolicy, provider: ProviderIdentity) {
        self.policy = policy
        self.provider = provider
    }

    /// The sessions of `messages` in time order. System lines are ignored; messages are taken in
    /// time order, and in file order where times are equal.
    public func sessions(from messages: [Message]) -> [Session] {
        var order = messages.indices.filter { messages[$0].kind.isParticipantActivity }
        let isSorted = zip(order, order.dropFirst()).allSatisfy { messages[$0.0].instant <= messages[$0.1].instant }
        if !isSorted { order.sort { (messages[$0].instant, $0) < (messages[$1].instant, $1) } }
        let ordered = order.lazy.map { messages[$0] }
        var isProviderBySender: [String: Bool] = [:]
        func isProvider(_ message: Message) -> Bool {
            if let known = isProviderBySender[message.sender] { return known }
            let answer = provider.isProvider(message.sender)
            isProviderBySender[message.sender] = answer
            return answer
        }

        var sessions: [Session] = []
        var previousBillableEnd: Date?
        var group: [Message] = []
        var silentWork: [SessionReasons.SilentWork] = []
        var lastProviderMessage: Message?

        func close(ending: SessionReasons.Ending) {
            guard !group.isEmpty else { return }
            let session = makeSession(
                group, silentWork: silentWork, ending: ending, previousBillableEnd: previousBillableEnd,
                isProvider: isProvider)
            if session.isBillable { previousBillableEnd = session.end }
            sessions.append(session)
            group = []
            silentWork = []
            lastProviderMessage = nil
        }

        for message in ordered {
            if let last = group.last {
                let silence = seconds(from: last.instant, to: message.instant)
                if silence > policy.gapSeconds {
                    if let workGap = policy.workGapSeconds, isProvider(message), let ownPrevious = lastProviderMessage,
                        seconds(from: ownPrevious.instant, to: message.instant) <= workGap
                    {
                        silentWork.append(.init(after: .init(last), before: .init(message)))
                    } else {
                        close(ending: .silence(next: .init(message), seconds: silence))
                    }
                }
            }
            group.append(message)
            if isProvider(message) { lastProviderMessage = message }
        }
        close(ending: .endOfExport)
        return sessions
    }

    private func makeSession(
        _ messages: [Message], silentWork: [SessionReasons.SilentWork], ending: SessionReasons.Ending,
        previousBillableEnd: Date?, isProvider: (Message) -> Bool
    ) -> Session {
        let first = messages[0]
        let providerCount = messages.lazy.filter(isProvider).count
        let last = messages[messages.count - 1]
        guard let firstProvider = messages.first(where: isProvider) else {
            return Session(
                messages: messages, isBillable: false, start: first.instant, end: last.instant,
                providerMessages: 0, clientMessages: messages.count,
                reasons: SessionReasons(
                    openedBy: .init(first), start: .unanswered, silentWork: silentWork, ending: ending))
        }
        var start = firstProvider.instant.addingTimeInterval(-TimeInterval(policy.leadInSeconds))
        var startReason = SessionReasons.Start.leadIn
        if !isProvider(first), start < first.instant {
            start = first.instant
            startReason = .clientOpened
        }
        if let previousBillableEnd, start < previousBillableEnd {
            start = previousBillableEnd
            startReason = .previousSessionEnd
        }
        let end = max(start, last.instant.addingTimeInterval(TimeInterval(policy.leadOutSeconds)))
        return Session(
            messages: messages, isBillable: true, start: start, end: end, providerMessages: providerCount,
            clientMessages: messages.count - providerCount,
            reasons: SessionReasons(openedBy: .init(first), start: startReason, silentWork: silentWork, ending: ending))
    }

    private func seconds(from earlier: Date, to later: Date) -> Int {
        Int((later.timeIntervalSince1970 - earlier.timeIntervalSince1970).rounded())
    }
}
