import Foundation

/// A parser that can read a file in blocks and hand on each message as it is read, so that a
/// report on an export of any size is made in the memory of a block or two.
public protocol StreamingTranscriptParser: TranscriptParser {
    /// Reads the file at `path`, calling `consume` with each message in file order, and returns
    /// what a report says about the file. `blockSize` is the size of each read.
    ///
    /// - Throws: what `parse` throws for the same file.
    func stream(
        path: String, options: ParseOptions, blockSize: Int, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary

    /// Reads the file as `stream` does, in one pass where `stream` needs two, when the file's
    /// start settles how to read the rest; nil when the rest proves the start wrong. The messages
    /// handed on before nil must then be thrown away and the file read with `stream`. By default,
    /// `stream`.
    ///
    /// - Throws: what `stream` throws.
    func streamInOnePass(
        path: String, options: ParseOptions, blockSize: Int, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary?

    /// The zone a file that starts with `head` will be read in (the summary's), known before it
    /// streams so that days can be counted as messages pass. By default, the options'.
    func streamingZone(head: [UInt8], options: ParseOptions) -> ZoneChoice

    /// The name the format always gives the account an export was made from (signal-export's
    /// `Me`), known before it streams: the provider when `--me` is not given. By default, none.
    var ownAccountName: String? { get }
}

extension StreamingTranscriptParser {
    public func streamingZone(head: [UInt8], options: ParseOptions) -> ZoneChoice { options.timeZone }

    public var ownAccountName: String? { nil }

    public func streamInOnePass(
        path: String, options: ParseOptions, blockSize: Int, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary? {
        try stream(path: path, options: options, blockSize: blockSize, to: consume)
    }
}

/// One message as a streaming parser hands it on: what billing needs, without its text.
public struct MessageEvent: Sendable {
    public let instant: Date
    public let sender: String
    /// The same number for every message of the same sender in one read, counted from 0.
    public let senderID: Int
    public let line: Int
    public let lastLine: Int
    /// The file of a several-file export the message is in.
    public var file: Int
    /// Last: small fields between whole numbers make every copy of an event slower.
    public let kind: MessageKind

    init(instant: Date, sender: String, senderID: Int, kind: MessageKind, line: Int, lastLine: Int, file: Int = 0) {
        self.instant = instant
        self.sender = sender
        self.senderID = senderID
        self.line = line
        self.lastLine = lastLine
        self.file = file
        self.kind = kind
    }
}

/// A folder parser that can read an export file by file and hand on each message as it is read,
/// so that a report on an export of many files holds one file at a time.
public protocol StreamingFolderParser: FolderTranscriptParser {
    /// Reads `members` of `folder` in order, calling `consume` with each message, and returns what
    /// a report says about the export.
    ///
    /// - Throws: what `parse` throws for the same files.
    func stream(
        _ folder: ExportFolder, members: [String], options: ParseOptions, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary

    /// The zone the export will be read in (the summary's), known before it streams.
    func streamingZone(
        _ folder: ExportFolder, members: [String], options: ParseOptions
    ) throws(ChatBillError)
        -> ZoneChoice
}
