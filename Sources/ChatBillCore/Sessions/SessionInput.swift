import Foundation

/// What the sessionizer needs of a participant message: when, who, whether that is the provider,
/// and where it is in the export.
public struct SessionInput: Sendable {
    public let instant: Date
    /// The sender's index in the pass's `SenderTable`.
    public let sender: Int
    /// The line the message starts on, and the last line it occupies.
    public let line: Int
    public let lastLine: Int
    /// The message's place among the export's messages, which orders messages of the same instant.
    public let order: Int
    /// The file of a several-file export the message is in (`Message.file`).
    public let file: Int
    /// How long the activity lasted from `instant`: a remote-control connection's length; 0 for a
    /// message.
    public let seconds: Int
    /// Which of the report's sources (exports) the message came from.
    public let source: Int
    /// Last: a small field between whole numbers makes every copy of an input slower.
    public let isProvider: Bool

    public init(
        instant: Date, sender: Int, isProvider: Bool, line: Int, lastLine: Int, order: Int, file: Int = 0,
        seconds: Int = 0, source: Int = 0
    ) {
        self.instant = instant
        self.sender = sender
        self.isProvider = isProvider
        self.line = line
        self.lastLine = lastLine
        self.order = order
        self.file = file
        self.seconds = max(0, seconds)
        self.source = source
    }

    /// A remote-control connection (it lasts), as opposed to a message (an instant).
    public var isConnection: Bool { seconds > 0 }

    /// When the activity ends: `instant` for a message.
    public var end: Date { instant.addingTimeInterval(TimeInterval(seconds)) }

    /// Where the input stands in time order: by instant, then at the same instant by file order.
    var position: (instant: Date, order: Int) { (instant, order) }

    /// Earlier instants first; at the same instant, file order.
    static func precedes(_ a: SessionInput, _ b: SessionInput) -> Bool { a.position < b.position }
}
