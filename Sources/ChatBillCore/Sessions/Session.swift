import Foundation

/// A stretch of conversation that bills as one piece of work, with the reasons for its bounds.
/// Its messages are the `messageCount` participant messages that follow the previous session's in
/// time order; `lines` says where they are in the export.
public struct Session: Sendable, Hashable {
    /// Start of billable time (lead-in applied); for an unanswered session its first message.
    public let start: Date
    /// End of billable time (lead-out applied); for an unanswered session its last message.
    public let end: Date
    public let providerMessages: Int
    public let clientMessages: Int
    /// The first line the session's messages occupy, in the first of `files`.
    public let firstLine: Int
    /// The last line the session's messages occupy, in the last of `files`.
    public let lastLine: Int
    /// The files of a several-file export the session runs through (`0...0` for one file).
    public let files: ClosedRange<Int>
    /// The sources (exports billed together) the session's messages came from; `{0}` for one.
    public let sources: SourceSet
    public let reasons: SessionReasons
    /// Whether the provider wrote in it; an unanswered session bills nothing. (Last: a small
    /// field between whole numbers makes every copy of a session slower.)
    public let isBillable: Bool

    public init(
        isBillable: Bool, start: Date, end: Date, providerMessages: Int, clientMessages: Int, firstLine: Int,
        lastLine: Int, files: ClosedRange<Int> = 0...0, sources: SourceSet = SourceSet(0), reasons: SessionReasons
    ) {
        self.isBillable = isBillable
        self.start = start
        self.end = end
        self.providerMessages = providerMessages
        self.clientMessages = clientMessages
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.files = files
        self.sources = sources
        self.reasons = reasons
    }

    /// The lines of a session within one file.
    public var lines: ClosedRange<Int> { firstLine...max(firstLine, lastLine) }

    /// The number of participant messages in the session.
    public var messageCount: Int { providerMessages + clientMessages }

    /// Billable seconds before rounding; 0 for an unanswered session.
    public var rawSeconds: Int { Self.rawSeconds(isBillable: isBillable, start: start, end: end) }

    static func rawSeconds(isBillable: Bool, start: Date, end: Date) -> Int {
        isBillable ? max(0, OpenSession.seconds(from: start, to: end)) : 0
    }
}
