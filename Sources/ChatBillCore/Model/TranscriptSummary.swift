import Foundation

/// Everything a report says about how an export was read, without its messages: a transcript
/// has one, and a report read in blocks builds one without ever holding the messages.
public struct TranscriptSummary: Sendable {
    /// The export's files in reading order (one, except for folder exports such as Telegram's).
    public let files: [ExportFile]
    /// The `name` of the parser that read the file.
    public let parserName: String
    /// Messages read from each of `files`.
    public let messageCounts: [Int]
    /// Warnings and notes, in file order.
    public let diagnostics: [Diagnostic]
    /// The zone that wall-clock times were read in, and why that zone.
    public let timeZone: ZoneChoice
    /// The day/month order the timestamps were read with, where the format needed one.
    public let dateOrder: DateOrderChoice?
    /// The day of an export whose lines carry only a time, and where it came from.
    public let contextDate: ContextDate?
    /// Distinct senders of participant messages with how many messages each sent, most first.
    public let senders: [SenderTally.Sender]
    /// Senders the export itself marks as the account that wrote the log.
    public let accountSenders: [String]
    /// Set for a database export: places are rows of this table (see `Transcript.rowTable`).
    public let rowTable: String?

    public init(
        files: [ExportFile], parserName: String, messageCounts: [Int], diagnostics: [Diagnostic], timeZone: ZoneChoice,
        dateOrder: DateOrderChoice? = nil, contextDate: ContextDate? = nil, senders: [SenderTally.Sender],
        accountSenders: [String] = [], rowTable: String? = nil
    ) {
        self.files = files
        self.parserName = parserName
        self.messageCounts = messageCounts
        self.diagnostics = diagnostics
        self.timeZone = timeZone
        self.dateOrder = dateOrder
        self.contextDate = contextDate
        self.senders = senders
        self.accountSenders = accountSenders
        self.rowTable = rowTable
    }

    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    /// The export's first (usually only) file.
    public var file: ExportFile { files[0] }

    public var messageCount: Int { messageCounts.reduce(0, +) }

    /// Warnings about one of the files.
    public func warningCount(of file: ExportFile) -> Int {
        diagnostics.filter { $0.severity == .warning && $0.file == file.displayName }.count
    }

    public init(
        file: ExportFile, parserName: String, messageCount: Int, diagnostics: [Diagnostic], timeZone: ZoneChoice,
        dateOrder: DateOrderChoice? = nil, contextDate: ContextDate? = nil, senders: [SenderTally.Sender],
        accountSenders: [String] = []
    ) {
        self.init(
            files: [file], parserName: parserName, messageCounts: [messageCount], diagnostics: diagnostics,
            timeZone: timeZone, dateOrder: dateOrder, contextDate: contextDate, senders: senders,
            accountSenders: accountSenders)
    }
}

/// Counts the participant messages of each sender, in the order senders first wrote.
public struct SenderTally: Sendable {
    public struct Sender: Sendable, Hashable {
        public let name: String
        public let messages: Int
    }

    private var idByName: [String: Int] = [:]
    private var names: [String] = []
    private var counts: [Int] = []
    /// Sender ids in the order of their first participant message.
    private var order: [Int] = []

    public init() {}

    public mutating func add(_ sender: String, kind: MessageKind) {
        guard kind.isParticipantActivity else { return }
        let id =
            idByName[sender]
            ?? {
                idByName[sender] = idByName.count
                return idByName.count - 1
            }()
        add(id: id, name: sender)
    }

    /// Counts a participant message of the sender a reader knows as `id` (ids are small and
    /// dense, one per distinct name), without hashing its name.
    mutating func add(id: Int, name: @autoclosure () -> String) {
        if id >= counts.count {
            counts.append(contentsOf: repeatElement(0, count: id - counts.count + 1))
            names.append(contentsOf: repeatElement("", count: id - names.count + 1))
        }
        if counts[id] == 0 {
            order.append(id)
            names[id] = name()
        }
        counts[id] += 1
    }

    /// Most messages first; senders with as many messages in the order they first wrote.
    public var senders: [Sender] {
        order.enumerated().sorted { (counts[$1.element], $0.offset) < (counts[$0.element], $1.offset) }
            .map { Sender(name: names[$0.element], messages: counts[$0.element]) }
    }
}
