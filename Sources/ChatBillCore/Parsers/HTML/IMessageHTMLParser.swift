import Foundation

/// imessage-exporter's HTML export:
///
///     <div class="message"><div class="sent iMessage">
///       <p><span class="timestamp">Jul 17, 2022 5:04:04 PM</span> <span class="sender">Me</span></p>
///       <div class="message_part"><span class="bubble">Hey</span></div> …
///     <div class="announcement"><p><span class="timestamp">…</span> You renamed the conversation to …</p></div>
///
/// Replies are nested messages with their own times. Messages in `sent` blocks are the export's
/// own account (the provider unless `--me` says otherwise); announcements are system lines.
public struct IMessageHTMLParser: TranscriptParser {
    public let name = "imessage-html"
    public let displayName = "iMessage HTML export (imessage-exporter)"
    public let fileExtensions = ["html"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self)
        guard head.contains("class=\"timestamp\""), head.contains("class=\"message") else {
            return .no("no imessage-exporter message markup")
        }
        return Detection(confidence: 90, reason: "imessage-exporter message and timestamp markup")
    }

    private struct Record {
        var civil: CivilDateTime
        var stamp: String
        var line: Int
        var lastLine: Int
        var sender = ""
        var text = ""
        var isAnnouncement: Bool
        var isSent: Bool
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        var messages: [Message] = []
        var accountSenders: [String] = []
        var stack = HTMLElementStack()
        var stampText: String?
        var stampLine = 0
        var senderText: String?
        var records: [Record] = []  // open records, innermost (a reply) last

        var headerLines = LineSet()
        /// Whether the nearest block that says so is the export's own side.
        func isSent() -> Bool {
            let side = stack.elements.last { $0.classes.contains("sent") || $0.classes.contains("received") }
            return side?.classes.contains("sent") == true
        }

        func finish(_ record: Record) {
            let (instant, _) = resolver.instant(of: record.civil)
            let (lastLine, bytes) = input.span(lines: record.line, through: record.lastLine)
            let kind: MessageKind = record.isAnnouncement ? .system : .text
            if record.isSent, !record.isAnnouncement, !accountSenders.contains(record.sender) {
                accountSenders.append(record.sender)
            }
            messages.append(
                Message(
                    instant: instant, timestampText: record.stamp, sender: record.isAnnouncement ? "" : record.sender,
                    text: HTMLText.normalized(record.text), kind: kind,
                    location: InputLocation(line: record.line, column: 1), lastLine: lastLine,
                    byteRange: bytes))
        }

        let problems = HTMLStreamReader.read(input.bytes, file: file) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                let classes = stack.push(element, attributes: attributes)
                if element == "span", classes.contains("timestamp") {
                    stampText = ""
                    stampLine = location.line
                } else if element == "span", classes.contains("sender") {
                    senderText = ""
                } else if element == "br", !records.isEmpty {
                    records[records.count - 1].text += HTMLText.lineBreak
                }
            case .endElement(let element):
                let closed = stack.pop()
                if element == "span", let stamp = stampText, closed?.classes.contains("timestamp") == true {
                    stampText = nil
                    let value = stamp.components(separatedBy: " (Read by").first!.trimmingCharacters(in: .whitespaces)
                    let civil = Array(value.utf8).withUnsafeBufferPointer { buffer in
                        IMessageTextParser.stamp(buffer, 0..<buffer.count).flatMap { $0.1 == buffer.count ? $0.0 : nil }
                    }
                    if let civil {
                        records.append(
                            Record(
                                civil: civil, stamp: value, line: stampLine, lastLine: stampLine,
                                isAnnouncement: stack.inside("announcement"), isSent: isSent()))
                    }
                } else if element == "span", let sender = senderText, closed?.classes.contains("sender") == true {
                    senderText = nil
                    if !records.isEmpty {
                        records[records.count - 1].sender = sender.trimmingCharacters(in: .whitespaces)
                    }
                } else if element == "div", let classes = closed?.classes,
                    classes.contains("message") || classes.contains("announcement"), let record = records.popLast()
                {
                    finish(record)
                }
            case .text(let text, let location):
                if stack.last?.name == "title" {
                    headerLines.insert(HTMLText.contentLines(text, startingAt: location.line))
                }
                if stampText != nil {
                    stampText! += text
                } else if senderText != nil {
                    senderText! += text
                } else if !records.isEmpty, stack.inside("message_part") || records[records.count - 1].isAnnouncement {
                    records[records.count - 1].text += text
                    if let lines = HTMLText.contentLines(text, startingAt: location.line) {
                        records[records.count - 1].lastLine = max(records[records.count - 1].lastLine, lines.upperBound)
                    }
                }
            }
        }
        while let record = records.popLast() { finish(record) }
        messages.sort { ($0.location.line, $0.instant) < ($1.location.line, $1.instant) }
        guard !messages.isEmpty else {
            throw .unreadableInput(
                Diagnostic(.error, file: file, "no timestamped message in this iMessage HTML export"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: problems.filter { $0.location != nil },
            timeZone: options.timeZone, headerLines: headerLines.sorted, accountSenders: accountSenders)
    }
}
