import Foundation

/// Facebook Messenger's and Instagram's HTML download (2018 on, `messages/inbox/<name>/message_1.html`):
/// one conversation per page, newest message first, each message a block
///
///     <div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder">
///       <div class="_3-96 _2pio _2lek _2lel">Dana Fischer</div>
///       <div class="_3-96 _2let"><div><div></div><div>text</div>…</div></div>
///       <div class="_3-94 _2lem">Dec 01, 2025, 9:15 AM</div></div>
///
/// (the class names are the ones other parsers of real downloads match). The date is written in
/// the downloading account's locale: `Dec 01, 2025, 9:15 AM`, `1 Dec 2025, 09:15`, or numeric
/// (`01.12.2025, 09:15`, whose day/month order is inferred from all of them as for WhatsApp); it
/// is read in the report's zone. Photos, videos and files without text are attachments; reactions
/// are left out of the text.
public struct MessengerHTMLParser: TranscriptParser {
    public let name = "messenger-html"
    public let displayName = "Facebook Messenger / Instagram HTML download (message_1.html, 2018 on)"
    public let fileExtensions = ["html"]

    private let scanner = WhatsAppHeaderScanner(vocabulary: .standard)

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head, as: UTF8.self)
        guard head.contains("_2pio _2lek _2lel"), head.contains("_2lem") else {
            return .no("no Messenger download message blocks")
        }
        return Detection(confidence: 95, reason: "Messenger download message blocks")
    }

    private struct Item {
        let line: Int
        var lastLine: Int
        var sender = ""
        var text = ""
        var date = ""
        var media: [String] = []
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        var items: [Item] = []
        var item: Item?
        var itemDepth = 0
        var headerLines = LineSet()
        var stack = HTMLElementStack()
        let problems = HTMLStreamReader.read(input.bytes, file: file) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                let classes = stack.push(element, attributes: attributes)
                if element == "div", classes.contains("_2pi0"), classes.contains("_2lej") {
                    if let open = item { items.append(open) }
                    item = Item(line: location.line, lastLine: location.line)
                    itemDepth = stack.depth
                }
                guard item != nil, stack.inside("_2let"), !stack.inside("_tqp") else { return }
                if element == "br" { item!.text += HTMLText.lineBreak }
                if ["img", "video", "audio"].contains(element) || element == "a" && attributes["href"] != nil,
                    let target = attributes["src"] ?? attributes["href"], !target.hasPrefix("http")
                {
                    let name = target.split(separator: "/").last.map(String.init) ?? target
                    if !item!.media.contains(name) { item!.media.append(name) }  // a photo is linked and shown
                }
                if element == "div", item!.text.last.map({ $0 != "\u{2028}" }) ?? false {
                    item!.text += HTMLText.lineBreak
                }
            case .endElement:
                if item != nil, stack.depth == itemDepth {
                    items.append(item!)
                    item = nil
                }
                stack.pop()
            case .text(let text, let location):
                let lines = HTMLText.contentLines(text, startingAt: location.line)
                guard item != nil else {
                    headerLines.insert(lines)
                    return
                }
                if let lines { item!.lastLine = max(item!.lastLine, lines.upperBound) }
                if stack.inside("_2lel") {
                    item!.sender += text
                } else if stack.inside("_2lem") {
                    item!.date += text
                } else if stack.inside("_2let"), !stack.inside("_tqp") {
                    item!.text += text
                }
            }
        }
        if let open = item { items.append(open) }
        return try transcript(of: items, input: input, options: options, headerLines: headerLines, problems: problems)
    }

    private func transcript(
        of items: [Item], input: InputFile, options: ParseOptions, headerLines: LineSet, problems: [Diagnostic]
    ) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        // Numeric dates are read as WhatsApp headers (`[01.12.2025, 09:15] x`), with the order all agree on.
        let headers = items.map { item in
            Array("[\(HTMLText.normalized(item.date))] x".utf8).withUnsafeBufferPointer {
                scanner.match($0, line: 0..<$0.count)
            }
        }
        var survey = WhatsAppSurvey()
        for (header, item) in zip(headers, items) { if let header { survey.record(header, line: item.line) } }
        let orders = try survey.dateOrders(file: file, forced: options).get()
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        var messages: [Message] = []
        var diagnostics = problems.filter { $0.location != nil }
        for (header, item) in zip(headers, items) {
            let location = InputLocation(line: item.line, column: 1)
            let date = HTMLText.normalized(item.date)
            guard let civil = header.flatMap({ $0.civil(order: orders.order(of: $0)) }) ?? Self.readSpelledDate(date)
            else {
                diagnostics.append(
                    Diagnostic(.warning, file: file, at: location, "'\(date)' is not a date; the message is not billed")
                )
                continue
            }
            let text = HTMLText.normalized(item.text)
            let isAttachment = text.isEmpty && !item.media.isEmpty
            let (lastLine, bytes) = input.span(lines: item.line, through: item.lastLine)
            messages.append(
                Message(
                    instant: resolver.instant(of: civil).instant, timestampText: date,
                    sender: HTMLText.normalized(item.sender),
                    text: isAttachment ? item.media.joined(separator: "\n") : text,
                    kind: isAttachment ? .attachment : .text, location: location, lastLine: lastLine, byteRange: bytes))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no dated message in this Messenger page"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            dateOrder: headers.contains { $0 != nil } ? orders.main : nil, headerLines: headerLines.sorted)
    }

    /// `Dec 01, 2025, 9:15 AM` or `1 Dec 2025, 09:15(:30)`: a month name, a day and a year in
    /// either order, then the clock.
    static func readSpelledDate(_ text: String) -> CivilDateTime? {
        let words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        guard let clockIndex = words.firstIndex(where: { $0.contains(":") }) else { return nil }
        let day = Array(words[..<clockIndex].joined(separator: " ").utf8).withUnsafeBufferPointer {
            MonthNames.date(in: $0, 0..<$0.count)
        }
        guard var civil = day else { return nil }
        let parts = words[clockIndex].split(separator: ":").compactMap { Int($0) }
        guard parts.count >= 2 else { return nil }
        let marker = clockIndex + 1 < words.count ? words[clockIndex + 1].lowercased() : ""
        var hour = parts[0]
        if marker == "am" || marker == "pm" {
            guard hour >= 1, hour <= 12 else { return nil }
            hour = hour % 12 + (marker == "pm" ? 12 : 0)
        }
        civil.hour = hour
        civil.minute = parts[1]
        civil.second = parts.count > 2 ? parts[2] : 0
        return civil.isValid ? civil : nil
    }
}
