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
    /// time order, and in file order where times are equal. A remote connection is always the
    /// provider's. `sourceOfFile` says which source each file of a merged transcript came from.
    public func sessions(from messages: [Message], sourceOfFile: [Int] = []) -> [Session] {
        let senders = SenderTable()
        var builder = SessionBuilder(policy: policy, senders: senders)
        var sessions: [Session] = []
        for input in inputs(from: messages, sourceOfFile: sourceOfFile, senders: senders) where builder.add(input) {
            sessions.append(builder.takeClosed())
        }
        if let last = builder.finish() { sessions.append(last) }
        return sessions
    }

    /// The participant activity of `messages` as the sessionizer takes it, in time order, its
    /// senders named in `senders`.
    func inputs(from messages: [Message], sourceOfFile: [Int] = [], senders: SenderTable) -> [SessionInput] {
        var isProviderBySender: [String: Bool] = [:]
        var inputs: [SessionInput] = []
        inputs.reserveCapacity(messages.count)
        for (order, message) in messages.enumerated() where message.kind.isParticipantActivity {
            let isProvider =
                message.kind == .remote
                ? true
                : isProviderBySender[message.sender]
                    ?? {
                        let answer = provider.isProvider(message.sender)
                        isProviderBySender[message.sender] = answer
                        return answer
                    }()
            inputs.append(
                SessionInput(
                    instant: message.instant, sender: senders.index(of: message.sender), isProvider: isProvider,
                    line: message.location.line, lastLine: message.lastLine, order: order, file: message.file,
                    seconds: message.seconds,
                    source: message.file < sourceOfFile.count ? sourceOfFile[message.file] : 0))
        }
        if !zip(inputs, inputs.dropFirst()).allSatisfy({ !SessionInput.precedes($0.1, $0.0) }) {
            inputs.sort(by: SessionInput.precedes)
        }
        return inputs
    }
}
