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
}

extension StreamingTranscriptParser {
    public func streamingZone(head: [UInt8], options: ParseOptions) -> ZoneChoice { options.timeZone }

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
    public let kind: MessageKind
    public let line: Int
    public let lastLine: Int
    /// The file of a several-file export the message is in.
    public var file = 0
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

/// Turns sender names read as bytes into Strings once per distinct name, with a small dense id
/// each, so that reading a message does not build a String for its sender.
struct SenderNames {
    /// Up to this many senders, a name is compared with each rather than looked up by its hash.
    private static let comparedDirectly = 8
    private var idsByHash: [UInt64: Int] = [:]
    private var bytesByID: [[UInt8]] = []
    private(set) var names: [String] = []

    /// The id and name of the sender written in `range` of `bytes`.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        // Most chats have a handful of senders: comparing with each costs less than a hash.
        if bytesByID.count <= Self.comparedDirectly {
            for (id, known) in bytesByID.enumerated() where bytes.range(range, equals: known) { return id }
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in range { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3 }
        if let id = idsByHash[hash], bytes.range(range, equals: bytesByID[id]) { return id }
        if let id = bytesByID.firstIndex(where: { bytes.range(range, equals: $0) }) { return id }
        let id = names.count
        bytesByID.append(Array(bytes[range]))
        names.append(bytes.string(range))
        if idsByHash[hash] == nil { idsByHash[hash] = id }
        return id
    }

    /// The id of a sender a reader already holds as a String.
    mutating func intern(_ name: String) -> Int {
        Array(name.utf8).withUnsafeBufferPointer { intern($0, 0..<$0.count) }
    }
}
