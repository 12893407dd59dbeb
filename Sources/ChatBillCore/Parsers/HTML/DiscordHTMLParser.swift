import Foundation

/// DiscordChatExporter's HTML export (dark or light theme): `chatlog__message-group`s of
/// `chatlog__message-container`s. The first message of a group carries the author
/// (`chatlog__author`) and the time (`chatlog__timestamp`); the others carry their time in the
/// `title` of `chatlog__short-timestamp` and keep the group's author. System notifications
/// (joins, pins, calls) are system lines, except calls, which are call events of their author.
/// Times are the exporting machine's short date and time (`11/20/2026 9:02 AM`,
/// `20.11.2026 09:02`): the day/month order is inferred from all of them, as for WhatsApp, and
/// they are read in the report's zone.
public struct DiscordHTMLParser: TranscriptParser {
    public let name = "discord-html"
    public let displayName = "DiscordChatExporter HTML (.html)"
    public let fileExtensions = ["html", "htm"]

    private let scanner = WhatsAppHeaderScanner(vocabulary: .standard)

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head, as: UTF8.self)
        guard head.contains("chatlog__message-container") || head.contains("class=\"chatlog\"") else {
            return .no("no DiscordChatExporter chatlog markup")
        }
        return Detection(confidence: 95, reason: "DiscordChatExporter chatlog markup")
    }

    /// A message as the walk gathers it.
    private struct Item {
        let line: Int
        var lastLine: Int
        var author = ""
        var time = ""
        var text = ""
        var attachments: [String] = []
        var isSystem = false
        var isEdited = false
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        var items: [Item] = []
        var headerLines = LineSet()
        var stack = HTMLElementStack()
        var item: Item?
        var groupAuthor = ""
        var attachmentName = ""
        let problems = HTMLStreamReader.read(input.bytes, file: file) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                let classes = stack.push(element, attributes: attributes)
                if classes.contains("chatlog__message-group") { groupAuthor = "" }
                if classes.contains("chatlog__message-container") {
                    item = Item(line: location.line, lastLine: location.line, author: groupAuthor)
                }
                guard item != nil else { return }
                if classes.contains("chatlog__short-timestamp") { item!.time = attributes["title"] ?? "" }
                if classes.contains("chatlog__system-notification-author") {
                    item!.isSystem = true
                    item!.author = ""
                }
                if classes.contains("chatlog__edited-timestamp") { item!.isEdited = true }
                if classes.contains("chatlog__author") { item!.author = "" }
                if element == "br", Self.isContent(stack) { item!.text += HTMLText.lineBreak }
                // Images, videos and audio name their file in `title` ("Image: name.png (12 KB)").
                if ["img", "source"].contains(element), stack.inside("chatlog__attachment"),
                    let title = attributes["title"], let colon = title.firstIndex(of: ":")
                {
                    var name = title[title.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    if let size = name.range(of: " (", options: .backwards) { name = String(name[..<size.lowerBound]) }
                    item!.attachments.append(name)
                }
            case .endElement:
                guard let closed = stack.pop() else { return }
                if closed.classes.contains("chatlog__attachment-generic-name") {
                    item?.attachments.append(HTMLText.normalized(attachmentName))
                    attachmentName = ""
                }
                if closed.classes.contains("chatlog__author"), let open = item { groupAuthor = open.author }
                if closed.classes.contains("chatlog__message-container"), let open = item {
                    items.append(open)
                    item = nil
                }
            case .text(let text, let location):
                let lines = HTMLText.contentLines(text, startingAt: location.line)
                guard item != nil else {
                    headerLines.insert(lines)
                    return
                }
                if let lines { item!.lastLine = max(item!.lastLine, lines.upperBound) }
                if stack.inside("chatlog__edited-timestamp") || stack.inside("chatlog__reply") { return }
                if stack.inside("chatlog__author") || stack.inside("chatlog__system-notification-author") {
                    item!.author += text
                } else if stack.inside("chatlog__timestamp") || stack.inside("chatlog__system-notification-timestamp") {
                    item!.time += text
                } else if stack.inside("chatlog__attachment-generic-name") {
                    attachmentName += text
                } else if Self.isContent(stack) || stack.inside("chatlog__system-notification-content") {
                    item!.text += text
                }
            }
        }
        return try transcript(
            of: items, input: input, options: options, headerLines: headerLines,
            diagnostics: problems.filter { $0.location != nil })
    }

    /// Whether the walk is in a message's own text (not a quoted reply or an embed).
    private static func isContent(_ stack: HTMLElementStack) -> Bool {
        stack.inside("chatlog__content") && !stack.inside("chatlog__reply")
    }

    /// The messages of the gathered items, their times read with the day/month order that all
    /// the file's times agree on.
    private func transcript(
        of items: [Item], input: InputFile, options: ParseOptions, headerLines: LineSet, diagnostics: [Diagnostic]
    ) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        // Each time as the bracketed header the WhatsApp scanner reads (`[11/20/2026 9:02 AM] x`).
        let stamps = items.map { Array("[\(HTMLText.normalized($0.time))] x".utf8) }
        let headers = stamps.map { stamp in stamp.withUnsafeBufferPointer { scanner.match($0, line: 0..<$0.count) } }
        var survey = WhatsAppSurvey()
        for (header, item) in zip(headers, items) { if let header { survey.record(header, line: item.line) } }
        let orders = try survey.dateOrders(file: file, forced: options).get()
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        var messages: [Message] = []
        var diagnostics = diagnostics
        for (header, item) in zip(headers, items) {
            let location = InputLocation(line: item.line, column: 1)
            let time = HTMLText.normalized(item.time)
            guard let header, let civil = header.civil(order: orders.order(of: header)) else {
                diagnostics.append(
                    Diagnostic(.warning, file: file, at: location, "'\(time)' is not a time; the message is not billed")
                )
                continue
            }
            let text = HTMLText.normalized(item.text)
            let kind: MessageKind =
                item.isSystem
                ? (text.hasPrefix("started a call") ? .call : .system)
                : (text.isEmpty && !item.attachments.isEmpty ? .attachment : .text)
            let (lastLine, bytes) = input.span(lines: item.line, through: item.lastLine)
            messages.append(
                Message(
                    instant: resolver.instant(of: civil).instant, timestampText: time,
                    sender: kind == .system ? "" : HTMLText.normalized(item.author),
                    text: kind == .attachment ? item.attachments.joined(separator: "\n") : text, kind: kind,
                    isEdited: item.isEdited, location: location, lastLine: lastLine, byteRange: bytes))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no dated message in this DiscordChatExporter page"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            dateOrder: orders.main, headerLines: headerLines.sorted)
    }
}
