import Foundation

/// Why a session has the bounds it has, in terms of lines of the export.
public struct SessionReasons: Sendable, Hashable {
    /// A message the reasons point at.
    public struct Reference: Sendable, Hashable {
        public let line: Int
        public let sender: String
        public let instant: Date
        /// The file of a several-file export the line is in.
        public let file: Int

        public init(line: Int, sender: String, instant: Date, file: Int = 0) {
            self.line = line
            self.sender = sender
            self.instant = instant
            self.file = file
        }

        init(_ input: SessionInput, senders: SenderTable) {
            self.init(line: input.line, sender: senders[input.sender], instant: input.instant, file: input.file)
        }
    }

    /// A silence longer than the gap that did not end the session, because the provider ended it
    /// within the work gap of their own previous message (remote work without chat).
    public struct SilentWork: Sendable, Hashable {
        /// The activity the silence followed (a message, or a connection that ended then).
        public let after: Reference
        public let before: Reference
        /// How long the silence lasted.
        public let seconds: Int

        public init(after: Reference, before: Reference, seconds: Int) {
            self.after = after
            self.before = before
            self.seconds = seconds
        }
    }

    /// A remote-control connection in the session (TeamViewer, AnyDesk): work for its whole length,
    /// which bridges the silence it covers.
    public struct Connection: Sendable, Hashable {
        public let reference: Reference
        public let seconds: Int

        public var end: Date { reference.instant.addingTimeInterval(TimeInterval(seconds)) }
    }

    public enum Start: String, Sendable, CaseIterable {
        /// The provider's first message minus the lead-in.
        case leadIn = "lead-in"
        /// The client's first message, since the lead-in would start before the client opened.
        case clientOpened = "client-opened"
        /// The previous session's end, since the lead-in would overlap it.
        case previousSessionEnd = "previous-session-end"
        /// An unanswered session has no billable start.
        case unanswered
        /// A remote-control connection opened the provider's work (no lead-in before it).
        case remoteConnection = "remote-connection"
    }

    public enum Ending: Sendable, Hashable {
        /// The next participant message came after a silence longer than the rules allow.
        case silence(next: Reference, seconds: Int)
        /// The export ends.
        case endOfExport
    }

    public let openedBy: Reference
    public let silentWork: [SilentWork]
    public let connections: [Connection]
    public let ending: Ending
    /// Last: a small field between whole numbers makes every copy slower.
    public let start: Start

    public init(
        openedBy: Reference, start: Start, silentWork: [SilentWork], connections: [Connection] = [], ending: Ending
    ) {
        self.openedBy = openedBy
        self.start = start
        self.silentWork = silentWork
        self.connections = connections
        self.ending = ending
    }
}
