import Foundation

/// What every line-based parser does once it has found where a message starts: it turns the
/// wall clock into an instant, collects continuation lines, builds the `Message`, warns about
/// lines before the first message, and refuses a file without any message.
struct LineTranscriptBuilder {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    /// What a message line of the format looks like, for the user (`'(09:30:15) Name: text'`).
    let example: String
    private(set) var messages: [Message] = []
    var diagnostics: [Diagnostic] = []
    /// Lines read for what they say about the others (banners, headers).
    var headerLines: [Int] = []
    private var resolver: LocalTimeResolver

    private struct Pending {
        var instant: Date
        var timestamp: Range<Int>
        var sender: Range<Int>?
        var kind: MessageKind
        var lines: PendingMessage
    }

    private var pending: Pending?
    private var strayLines: StrayLines
    private var zeroBytes: ZeroBytes

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, zone: TimeZone, example: String) {
        self.bytes = bytes
        self.file = file
        self.example = example
        resolver = LocalTimeResolver(timeZone: zone)
        strayLines = StrayLines(
            file: file, message: "line before the first message is not \(example); it is not billed")
        zeroBytes = ZeroBytes(file: file)
    }

    /// Whether a message is being read.
    var isReading: Bool { pending != nil }

    /// Starts a message at `line` (ending the one before): its wall clock, the bytes of its
    /// timestamp, its sender (nil for a system line or a sender still to come), and where its
    /// text starts on this line (nil: on the following lines).
    mutating func begin(
        _ line: LineReader.Line, at civil: CivilDateTime, timestamp: Range<Int>, sender: Range<Int>?,
        kind: MessageKind, textStart: Int?
    ) {
        finish()
        if let warning = zeroBytes.check(bytes, line: line) { diagnostics.append(warning) }
        let (instant, resolution) = resolver.instant(of: civil)
        if resolution == .nonexistent {
            diagnostics.append(
                resolver.skippedTimeWarning(file: file, line: line.number, wallClock: bytes.string(timestamp)))
        }
        pending = Pending(
            instant: instant, timestamp: timestamp, sender: sender, kind: kind,
            lines: PendingMessage(line, textStart: textStart))
    }

    /// The message being read has its sender on this line (iMessage records).
    mutating func setSender(_ sender: Range<Int>, from line: LineReader.Line) {
        pending?.sender = sender
        pending?.lines.extend(over: line)
    }

    /// The sender and kind of the message being read.
    var reading: (sender: Range<Int>?, kind: MessageKind)? { pending.map { ($0.sender, $0.kind) } }

    /// A line that starts no message: text of the message being read, or, before the first
    /// message, a warning.
    mutating func add(_ line: LineReader.Line) {
        if let warning = zeroBytes.check(bytes, line: line) { diagnostics.append(warning) }
        let isBlank = bytes.trimmed(line.content).isEmpty
        if pending != nil {
            if isBlank { pending!.lines.appendBlank(line) } else { pending!.lines.append(line) }
        } else if !isBlank, let warning = strayLines.add(line: line.number) {
            diagnostics.append(warning)
        }
    }

    mutating func warn(_ line: LineReader.Line, _ message: String) {
        diagnostics.append(Diagnostic(.warning, file: file, at: InputLocation(line: line.number, column: 1), message))
    }

    /// Ends the message being read.
    mutating func finish() {
        guard let message = pending else { return }
        pending = nil
        messages.append(
            Message(
                instant: message.instant, timestampText: bytes.string(message.timestamp),
                sender: message.sender.map { bytes.decodedText(bytes.trimmed($0)) } ?? "",
                text: message.lines.text(bytes), kind: message.kind, location: message.lines.location,
                lastLine: message.lines.lastLine, byteRange: message.lines.byteRange))
    }

    /// The transcript, or an error naming the file when it held no message at all.
    mutating func transcript(
        of input: InputFile, parser: String, zone: ZoneChoice, dateOrder: DateOrderChoice? = nil,
        contextDate: ContextDate? = nil, accountSenders: [String] = []
    ) -> Result<Transcript, ChatBillError> {
        finish()
        if let summary = strayLines.summary { diagnostics.append(summary) }
        if let summary = zeroBytes.summary { diagnostics.append(summary) }
        guard !messages.isEmpty else {
            return .failure(
                .unreadableInput(
                    Diagnostic(
                        .error, file: file, at: InputLocation(line: 1, column: 1),
                        "no line of this file is \(example)")))
        }
        return .success(
            Transcript(
                input: input, parserName: parser, messages: messages, diagnostics: diagnostics, timeZone: zone,
                dateOrder: dateOrder, contextDate: contextDate, headerLines: headerLines,
                accountSenders: accountSenders))
    }
}
