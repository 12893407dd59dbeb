import Foundation

/// Gathers the messages of an XML log from `XMLStreamReader`'s walk: a message element opens a
/// message, text inside it (and `<br>` as a line break) becomes its text, its end finishes it.
/// Shared by the XML parsers, which say which elements are messages and what their attributes mean.
struct XMLMessageCollector {
    /// What a parser makes of one message element's attributes.
    struct Start {
        var time: String
        var sender: String
        var kind: MessageKind
        /// Text that stands for the element when it has none of its own (a call's duration).
        var fallbackText: String
    }

    let input: InputFile
    private(set) var messages: [Message] = []
    var diagnostics: [Diagnostic] = []
    private var open: (start: Start, element: String, line: Int, lastLine: Int, text: String)?
    private var resolver: LocalTimeResolver

    init(input: InputFile, zone: TimeZone) {
        self.input = input
        resolver = LocalTimeResolver(timeZone: zone)
    }

    var isInMessage: Bool { open != nil }

    mutating func begin(_ start: Start, element: String, at location: InputLocation) {
        open = (start, element, location.line, location.line, "")
    }

    mutating func addText(_ text: String, at location: InputLocation) {
        guard open != nil else { return }
        open!.text += text
        open!.lastLine = max(open!.lastLine, location.line)
    }

    mutating func addLineBreak() {
        if open != nil { open!.text += "\n" }
    }

    /// Ends the message when `element` closes it; `timestamp` reads its time attribute.
    mutating func end(_ element: String, timestamp: (String) -> (CivilDateTime, offset: Int?)?) {
        guard let message = open, message.element == element else { return }
        open = nil
        let location = InputLocation(line: message.line, column: 1)
        guard let (civil, offset) = timestamp(message.start.time) else {
            diagnostics.append(
                Diagnostic(
                    .warning, file: input.displayName, at: location,
                    "'\(message.start.time)' is not a time chatbill can read; the message is not billed"))
            return
        }
        let instant: Date
        if let offset {
            instant = civil.instant(atOffset: offset)
        } else {
            instant = resolver.instant(of: civil).instant
        }
        let text = message.text.trimmingWhitespace()
        let (lastLine, bytes) = input.span(lines: message.line, through: message.lastLine)
        messages.append(
            Message(
                instant: instant, timestampText: message.start.time, sender: message.start.sender,
                text: text.isEmpty ? message.start.fallbackText : text, kind: message.start.kind, location: location,
                lastLine: lastLine,
                byteRange: bytes))
    }

    /// Passes text to the message being read, and element ends to `end`.
    mutating func take(_ node: MarkupNode, timestamp: (String) -> (CivilDateTime, offset: Int?)?) {
        switch node {
        case .text(let text, let location): addText(text, at: location)
        case .endElement(let element): end(element, timestamp: timestamp)
        case .startElement: break
        }
    }

    /// The transcript with libxml2's `problems`, or the error that says the file held no message
    /// (libxml2's own error first, when the markup broke before any message).
    func transcript(
        parser: String, zone: ZoneChoice, problems: [Diagnostic], accountSenders: [String] = [],
        nothingRead: String
    ) throws(ChatBillError) -> Transcript {
        guard !messages.isEmpty else {
            throw .unreadableInput(
                problems.first { $0.severity == .error } ?? Diagnostic(.error, file: input.displayName, nothingRead))
        }
        return Transcript(
            input: input, parserName: parser, messages: messages, diagnostics: diagnostics + problems.map(\.gotPast),
            timeZone: zone,
            accountSenders: accountSenders)
    }
}
