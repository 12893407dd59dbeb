import Foundation

/// One message of a chat, normalised from any export format, that keeps its exact place in the
/// source file so every billed minute can be traced back to the export.
public struct Message: Sendable, Hashable {
    /// When the message was sent, as an absolute instant.
    public var instant: Date
    /// The timestamp exactly as the export wrote it (for evidence and for re-checking).
    public var timestampText: String
    /// The sender's display name as exported; for system lines the app or the group, or empty.
    public var sender: String
    /// The message text with the format's markup removed; continuation lines joined with `\n`.
    public var text: String
    public var kind: MessageKind
    /// The export marked the message as edited (WhatsApp's `<This message was edited>`).
    public var isEdited: Bool
    /// Where the message starts in its file.
    public var location: InputLocation
    /// The last line the message occupies (continuation lines included).
    public var lastLine: Int
    /// The bytes of the file this message was read from, line endings excluded at the end.
    public var byteRange: Range<Int>
    /// Which of the transcript's files the message is in (`Transcript.inputs`); 0 for an export
    /// of one file.
    public var file: Int
    /// How long the activity lasted from `instant` (a remote connection's length); 0 for a message.
    public var seconds: Int

    public init(
        instant: Date,
        timestampText: String,
        sender: String,
        text: String,
        kind: MessageKind,
        isEdited: Bool = false,
        location: InputLocation,
        lastLine: Int,
        byteRange: Range<Int>,
        file: Int = 0,
        seconds: Int = 0
    ) {
        self.instant = instant
        self.timestampText = timestampText
        self.sender = sender
        self.text = text
        self.kind = kind
        self.isEdited = isEdited
        self.location = location
        self.lastLine = lastLine
        self.byteRange = byteRange
        self.file = file
        self.seconds = seconds
    }
}
