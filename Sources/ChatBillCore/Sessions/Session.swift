import Foundation

/// A stretch of conversation that bills as one piece of work, with the reasons for its bounds.
public struct Session: Sendable {
    /// The participant messages of the session in time order (system lines excluded).
    public let messages: [Message]
    /// Whether the provider wrote in it; an unanswered session bills nothing.
    public let isBillable: Bool
    /// Start of billable time (lead-in applied); for an unanswered session its first message.
    public let start: Date
    /// End of billable time (lead-out applied); for an unanswered session its last message.
    public let end: Date
    public let providerMessages: Int
    public let clientMessages: Int
    public let reasons: SessionReasons
    /// The first and last line of the export the session's messages occupy.
    public let lines: ClosedRange<Int>

    public init(
        messages: [Message], isBillable: Bool, start: Date, end: Date, providerMessages: Int, clientMessages: Int,
        reasons: SessionReasons
    ) {
        self.messages = messages
        self.isBillable = isBillable
        self.start = start
        self.end = end
        self.providerMessages = providerMessages
        self.clientMessages = clientMessages
        self.reasons = reasons
        let first = messages.map(\.location.line).min() ?? 0
        lines = first...(messages.map(\.lastLine).max() ?? first)
    }

    /// Billable seconds before rounding; 0 for an unanswered session.
    public var rawSeconds: Int {
        isBillable ? max(0, Int((end.timeIntervalSince1970 - start.timeIntervalSince1970).rounded())) : 0
    }
}
