import Foundation

/// VKontakte messages saved with VkOpt (HTML):
///
///     <div class="msg_item">
///       <div class="from"> <b>Dana</b> <a href="http://vk.com/id1">@dana</a> <a href="#msg1">2026.11.27 13:53:59</a></div>
///       <div class="msg_body">Hi<br/>there</div>
///       <div class="attacment"> … <a href="…">[photo0_0] (640x800)</a></div>
///
/// Times are the exporting machine's wall clock. A message without a body but with attachments is
/// an attachment; one with neither (an `action "…"` line) is a system line. Emoji images become
/// their `alt` text.
public struct VKHTMLParser: TranscriptParser {
    public let name = "vk-html"
    public let displayName = "VK (VKontakte) messages saved with VkOpt (.html)"
    public let fileExtensions = ["html"]

    private static let layout = TimestampLayout("YYYY.MM.DD HH:mm:ss")!

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self)
        guard head.contains("class=\"msg_item\"") else { return .no("no VkOpt msg_item markup") }
        return Detection(confidence: head.contains("VK Messages") ? 95 : 80, reason: "VkOpt msg_item markup")
    }

    private struct Item {
        var line: Int
        var lastLine: Int
        var sender = ""
        var time = ""
        var body = ""
        var attachments = ""
        var other = ""
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        var headerLines = LineSet()
        var stack = HTMLElementStack()
        var item: Item?

        func finish(_ item: Item) {
            let time = item.time.trimmingCharacters(in: .whitespacesAndNewlines)
            let location = InputLocation(line: item.line, column: 1)
            guard let civil = Array(time.utf8).withUnsafeBufferPointer({ Self.layout.read($0, 0..<$0.count)?.0 }) else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: location, "a message without a readable time; it is not billed"))
                return
            }
            let body = HTMLText.normalized(item.body)
            let attachments = HTMLText.normalized(item.attachments)
            let kind: MessageKind = !body.isEmpty ? .text : (!attachments.isEmpty ? .attachment : .system)
            let text = [body, attachments].filter { !$0.isEmpty }.joined(separator: "\n")
            let (lastLine, bytes) = input.span(lines: item.line, through: item.lastLine)
            messages.append(
                Message(
                    instant: resolver.instant(of: civil).instant, timestampText: time,
                    sender: kind == .system ? "" : HTMLText.normalized(item.sender),
                    text: kind == .system ? HTMLText.normalized(item.other) : text, kind: kind, location: location,
                    lastLine: lastLine,
                    byteRange: bytes))
        }

        let problems = HTMLStreamReader.read(input.bytes, file: file) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                if element == "div", (attributes["class"] ?? "").split(separator: " ").contains("msg_item") {
                    if let open = item { finish(open) }
                    item = Item(line: location.line, lastLine: location.line)
                }
                stack.push(element, attributes: attributes)
                if element == "br", item != nil, stack.inside("msg_body") { item!.body += HTMLText.lineBreak }
                if element == "img", item != nil, stack.inside("msg_body"), let alt = attributes["alt"] {
                    item!.body += alt
                }
            case .endElement:
                stack.pop()
            case .text(let text, let location):
                let lines = HTMLText.contentLines(text, startingAt: location.line)
                guard item != nil else {
                    headerLines.insert(lines)
                    return
                }
                if let lines { item!.lastLine = max(item!.lastLine, lines.upperBound) }
                if stack.inside("from") {
                    if stack.last?.name == "b" { item!.sender += text }
                    if stack.last?.name == "a", text.contains(".") { item!.time += text }
                } else if stack.inside("msg_body") {
                    item!.body += text
                } else if stack.inside("attacment") {
                    item!.attachments += text
                } else if !stack.inside("attacments"), !stack.inside("upic") {
                    item!.other += text
                }
            }
        }
        if let open = item { finish(open) }
        diagnostics += problems.filter { $0.location != nil }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no msg_item with a time in this VK export"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            headerLines: headerLines.sorted)
    }
}
