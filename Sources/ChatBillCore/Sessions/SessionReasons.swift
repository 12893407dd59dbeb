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

        init(_ input: SessionInput) {
            self.init(line: input.line, sender: input.sender, instant: input.instant, file: input.file)
        }
    }

    /// A silence longer than the gap that did not end the session, because the provider ended it
    /// within the work gap of their own previous message (remote work without chat).
    public struct SilentWork: Sendable, Hashable {
        public let after: Reference
        public let before: Reference
        public var seconds: Int {
            Int((before.instant.timeIntervalSince1970 - after.instant.timeIntervalSince1970).rounded())
        }
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
    }

    public enum Ending: Sendable, Hashable {
        /// The next participant message came after a silence longer than the rules allow.
        case silence(next: Reference, seconds: Int)
        /// The export ends.
        case endOfExport
    }

    public let openedBy: Reference
    public let start: Start
    public let silentWork: [SilentWork]
    public let ending: Ending

    public init(openedBy: Reference, start: Start, silentWork: [SilentWork], ending: Ending) {
        self.openedBy = openedBy
        self.start = start
        self.silentWork = silentWork
        self.ending = ending
    }
}
