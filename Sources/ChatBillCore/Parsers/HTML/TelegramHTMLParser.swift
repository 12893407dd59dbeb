import Foundation

/// Telegram Desktop's HTML export (`messages.html`, `messages2.html`, …):
///
///     <div class="message default clearfix" id="message305213">
///      <div class="body">
///       <div class="pull_right date details" title="29.04.2026 04:34:58 UTC+03:00">04:34</div>
///       <div class="from_name">Dana Fischer</div>
///       <div class="text">Hello<br>there</div>
///     <div class="message default clearfix joined" id="message305216"> … (same sender, no from_name)
///
/// The full time is the `title` of the date (`DD.MM.YYYY HH:MM:SS`, with `UTC+hh:mm` or
/// `GMT+hh:mm` in newer exports, which then also counts the days unless `--tz` is given).
/// `joined` messages carry the sender before them; media placeholders are attachments; service
/// blocks (day separators) are read as headers.
public struct TelegramHTMLParser: TranscriptParser {
    public let name = "telegram-html"
    public let displayName = "Telegram Desktop HTML export (messages.html)"
    public let fileExtensions = ["html"]

    private static let layouts = ["DD.MM.YYYY HH:mm:ss", "DD.MM.YYYY HH:mm"].compactMap(TimestampLayout.init)

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(32_768), as: UTF8.self)
        guard head.contains("class=\"message default"), head.contains("pull_right date details") else {
            return .no("no Telegram message markup")
        }
        return Detection(confidence: 95, reason: "Telegram Desktop message markup")
    }

    /// `29.04.2026 04:34:58 UTC+03:00`: the wall clock and, when written, its UTC offset.
    static func readTitle(_ title: String) -> (CivilDateTime, offset: Int?)? {
        var value = Substring(title.trimmingCharacters(in: .whitespaces))
        var offset: Int?
        for marker in [" UTC", " GMT"] {
            guard let range = value.range(of: marker) else { continue }
            let offsetText = Array(value[range.upperBound...].utf8)
            offset = offsetText.withUnsafeBufferPointer { buffer in
                var cursor = TextCursor(buffer, 0..<buffer.count)
                return TimestampLayout.readOffset(&cursor)
            }
            value = value[..<range.lowerBound]
        }
        let bytes = Array(value.utf8)
        guard
            let civil = bytes.withUnsafeBufferPointer({ buffer in
                layouts.lazy.compactMap { $0.read(buffer, 0..<buffer.count)?.0 }.first
            })
        else { return nil }
        return (civil, offset)
    }

    private struct Block {
        var line: Int
        var lastLine: Int
        var title = ""
        var sender = ""
        var text = ""
        var media = ""
        var joined: Bool
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        var headerLines = LineSet()
        var stack = HTMLElementStack()
        var block: Block?
        var blockDepth = 0
        var previousSender = ""
        var firstOffset: Int?

        func finish(_ block: Block) {
            let location = InputLocation(line: block.line, column: 1)
            guard let (civil, offset) = Self.readTitle(block.title) else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: location, "a message without a readable date; it is not billed"))
                return
            }
            firstOffset = firstOffset ?? offset
            let instant =
                offset.map { Date(timeIntervalSince1970: TimeInterval(civil.secondsSinceEpochAsUTC - Int64($0))) }
                ?? resolver.instant(of: civil).instant
            let sender = block.joined || block.sender.isEmpty ? previousSender : HTMLText.normalized(block.sender)
            previousSender = sender
            let text = HTMLText.normalized(block.text)
            let media = HTMLText.normalized(block.media)
            let (lastLine, bytes) = input.span(lines: block.line, through: block.lastLine)
            messages.append(
                Message(
                    instant: instant, timestampText: block.title.trimmingCharacters(in: .whitespaces), sender: sender,
                    text: [media, text].filter { !$0.isEmpty }.joined(separator: "\n"),
                    kind: text.isEmpty && !media.isEmpty ? .attachment : .text, location: location, lastLine: lastLine,
                    byteRange: bytes))
        }

        let problems = HTMLStreamReader.read(input.bytes, file: file) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                let classes = stack.push(element, attributes: attributes)
                if element == "div", classes.contains("message"), classes.contains("default") {
                    block = Block(line: location.line, lastLine: location.line, joined: classes.contains("joined"))
                    blockDepth = stack.depth
                } else if block != nil, element == "div", classes.contains("date"), classes.contains("details"),
                    !stack.inside("forwarded"), !stack.inside("reply_to"), block!.title.isEmpty
                {
                    block!.title = attributes["title"] ?? ""
                } else if block != nil, element == "br", stack.inside("text") {
                    block!.text += HTMLText.lineBreak
                }
            case .endElement:
                if block != nil, stack.depth == blockDepth {
                    finish(block!)
                    block = nil
                }
                stack.pop()
            case .text(let text, let location):
                let lines = HTMLText.contentLines(text, startingAt: location.line)
                guard block != nil else {
                    headerLines.insert(lines)
                    return
                }
                if let lines { block!.lastLine = max(block!.lastLine, lines.upperBound) }
                if stack.inside("forwarded") || stack.inside("reply_to") || stack.inside("date") { return }
                if stack.inside("from_name") {
                    block!.sender += text
                } else if stack.inside("text") {
                    block!.text += text
                } else if stack.inside("media_wrap"), stack.inside("title") || stack.inside("description") {
                    block!.media += text + " "
                }
            }
        }
        diagnostics += problems.filter { $0.location != nil }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no dated message in this Telegram HTML export"))
        }
        let zone = options.timeZone.orExportOffset(firstOffset)
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: zone,
            headerLines: headerLines.sorted)
    }
}
