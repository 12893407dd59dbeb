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
        var isProviderBySender: [String: Bool] = [:]
        var inputs: [SessionInput] = []
        inputs.reserveCapacity(messages.count)
        for (order, message) in messages.enumerated() where message.kind.isParticipantActivity {
            let isProvider =
                isProviderBySender[message.sender]
                ?? {
                    let answer = provider.isProvider(message.sender)
                    isProviderBySender[message.sender] = answer
                    return answer
                }()
            inputs.append(
                SessionInput(
                    instant: message.instant, sender: message.sender, isProvider: isProvider,
                    line: message.location.line, lastLine: message.lastLine, order: order, file: message.file))
        }
        if !zip(inputs, inputs.dropFirst()).allSatisfy({ !SessionInput.precedes($0.1, $0.0) }) {
            inputs.sort(by: SessionInput.precedes)
        }
        var builder = SessionBuilder(policy: policy)
        var sessions = inputs.compactMap { builder.add($0) }
        if let last = builder.finish() { sessions.append(last) }
        return sessions
    }
}
