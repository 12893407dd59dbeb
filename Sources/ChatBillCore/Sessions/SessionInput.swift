import Foundation

/// What the sessionizer needs of a participant message: when, who, whether that is the provider,
/// and where it is in the export.
public struct SessionInput: Sendable {
    public let instant: Date
    public let sender: String
    public let isProvider: Bool
    /// The line the message starts on, and the last line it occupies.
    public let line: Int
    public let lastLine: Int
    /// The message's place among the export's messages, which orders messages of the same instant.
    public let order: Int
    /// The file of a several-file export the message is in (`Message.file`).
    public let file: Int

    public init(
        instant: Date, sender: String, isProvider: Bool, line: Int, lastLine: Int, order: Int, file: Int = 0
    ) {
        self.instant = instant
        self.sender = sender
        self.isProvider = isProvider
        self.line = line
        self.lastLine = lastLine
        self.order = order
        self.file = file
    }

    /// Earlier instants first; at the same instant, file order.
    static func precedes(_ a: SessionInput, _ b: SessionInput) -> Bool {
        (a.instant, a.order) < (b.instant, b.order)
    }
}
