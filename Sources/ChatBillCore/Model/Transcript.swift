import Foundation

/// What a parser made of one export: the messages in file order, what it noticed on the way, and
/// the facts a report states about how the file was read.
public struct Transcript: Sendable {
    /// The export's first (usually only) file.
    public let input: InputFile
    /// Every file of the export in reading order (a Telegram folder's `messages.html`,
    /// `messages2.html`, …); `Message.file` indexes it.
    public let inputs: [InputFile]
    /// The `name` of the parser that read the file.
    public let parserName: String
    /// Messages in file order.
    public var messages: [Message]
    /// Warnings and notes, in file order.
    public var diagnostics: [Diagnostic]
    /// The zone that wall-clock times were read in, and why that zone.
    public let timeZone: ZoneChoice
    /// The day/month order the timestamps were read with, where the format needed one.
    public let dateOrder: DateOrderChoice?
    /// The day of an export whose lines carry only a time, and where it came from.
    public let contextDate: ContextDate?
    /// Lines that hold no message of this transcript but were read: log headers, "day changed"
    /// lines, other conversations of a multi-conversation export. With the messages' lines and the
    /// diagnostics they account for every line of the export. One list per file of `inputs`.
    public let headerLinesByFile: [[Int]]
    /// Senders the export itself marks as the account that wrote the log (Adium's `account`,
    /// Empathy's `isuser`), which names the provider when `--me` is not given.
    public let accountSenders: [String]
    /// Set for a database export (Skype's `main.db`): message places are rows of this table, and
    /// `InputLocation.line` is the row's id.
    public let rowTable: String?

    public init(
        input: InputFile,
        parserName: String,
        messages: [Message],
        diagnostics: [Diagnostic],
        timeZone: ZoneChoice,
        dateOrder: DateOrderChoice? = nil,
        contextDate: ContextDate? = nil,
        headerLines: [Int] = [],
        accountSenders: [String] = [],
        inputs: [InputFile]? = nil,
        headerLinesByFile: [[Int]]? = nil,
        placesAreRowsOf rowTable: String? = nil
    ) {
        self.input = input
        self.inputs = inputs ?? [input]
        self.parserName = parserName
        self.messages = messages
        self.diagnostics = diagnostics
        self.timeZone = timeZone
        self.dateOrder = dateOrder
        self.contextDate = contextDate
        self.headerLinesByFile = headerLinesByFile ?? [headerLines]
        self.accountSenders = accountSenders
        self.rowTable = rowTable
    }

    /// One transcript of the files that `parts` were each read from, in that order: each
    /// message keeps its file, the diagnostics and read lines are all kept, and the first part's
    /// zone, date order and day stand for all (a folder of logs of one format and origin).
    public init(joining parts: [Transcript]) {
        precondition(!parts.isEmpty, "a transcript of no parts")
        var messages: [Message] = []
        for (index, part) in parts.enumerated() {
            messages += part.messages.map { message in
                var moved = message
                moved.file = index
                return moved
            }
        }
        var accountSenders: [String] = []
        for sender in parts.flatMap(\.accountSenders) where !accountSenders.contains(sender) {
            accountSenders.append(sender)
        }
        let first = parts[0]
        self.init(
            input: first.input, parserName: first.parserName, messages: messages,
            diagnostics: parts.flatMap(\.diagnostics), timeZone: first.timeZone, dateOrder: first.dateOrder,
            contextDate: first.contextDate, accountSenders: accountSenders, inputs: parts.map(\.input),
            headerLinesByFile: parts.map(\.headerLines), placesAreRowsOf: first.rowTable)
    }

    /// The read lines of the first file that hold no message (see `headerLinesByFile`).
    public var headerLines: [Int] { headerLinesByFile.first ?? [] }

    /// Distinct senders of participant messages with how many messages each sent, most first.
    public var senders: [SenderTally.Sender] {
        var tally = SenderTally()
        for message in messages { tally.add(message.sender, kind: message.kind) }
        return tally.senders
    }

    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    /// What a report says about this transcript.
    public var summary: TranscriptSummary {
        TranscriptSummary(
            files: inputs.map(\.file), parserName: parserName,
            messageCounts: inputs.indices.map { index in messages.filter { $0.file == index }.count },
            diagnostics: diagnostics,
            timeZone: timeZone, dateOrder: dateOrder, contextDate: contextDate, senders: senders,
            accountSenders: accountSenders, rowTable: rowTable)
    }
}
