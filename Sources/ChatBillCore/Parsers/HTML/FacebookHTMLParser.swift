import Foundation

/// Facebook's legacy "Download your information" messages (`html/messages.htm`, 2013–2017): every
/// conversation of the account in one page, newest message first:
///
///     <h1>Sam Keller</h1>
///     <div class="thread">Sam Keller, Dana Fischer
///       <div class="message"><div class="message_header"><span class="user">Dana Fischer</span>
///         <span class="meta">Friday, November 27, 2026 at 9:05am PST</span></div></div>
///       <p>text</p>
///
/// `--chat` picks the conversation (by its participants); a page with one conversation needs
/// none. The page's owner (`<h1>`) is the provider unless `--me` says otherwise.
public struct FacebookHTMLParser: TranscriptParser {
    public let name = "facebook-html"
    public let displayName = "Facebook messages.htm (legacy download, 2013–2017)"
    public let fileExtensions = ["htm", "html"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self)
        guard head.contains("class=\"thread\""), head.contains("class=\"message_header\"") else {
            return .no("no Facebook thread markup")
        }
        return Detection(confidence: 95, reason: "Facebook messages.htm thread markup")
    }

    private struct Thread {
        var participants = ""
        /// Every line the conversation's markup has text on.
        var lines: [Int] = []
        var messages: [(user: String, meta: String, text: String, line: Int, lastLine: Int)] = []
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        var owner = ""
        var threads: [Thread] = []
        var stack = HTMLElementStack()
        var inThreadTitle = false
        var inParagraph = false
        var headerLines = LineSet()

        let problems = HTMLStreamReader.read(input.bytes, file: file) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                let classes = stack.push(element, attributes: attributes)
                if element == "div", classes.contains("thread") {
                    threads.append(Thread())
                    inThreadTitle = true
                } else if element == "div", classes.contains("message"), !threads.isEmpty {
                    inThreadTitle = false
                    threads[threads.count - 1].messages.append(("", "", "", location.line, location.line))
                } else if element == "p", threads.last?.messages.isEmpty == false {
                    inParagraph = true
                } else if element == "br", inParagraph {
                    threads[threads.count - 1].messages[threads[threads.count - 1].messages.count - 1].text +=
                        HTMLText.lineBreak
                }
            case .endElement(let element):
                stack.pop()
                if element == "p" { inParagraph = false }
            case .text(let text, let location):
                let lines = HTMLText.contentLines(text, startingAt: location.line)
                if !threads.isEmpty { threads[threads.count - 1].lines += lines.map(Array.init) ?? [] }
                if stack.last?.name == "h1" {
                    owner += text
                } else if inThreadTitle, !threads.isEmpty {
                    threads[threads.count - 1].participants += text
                } else if !threads.isEmpty, !threads[threads.count - 1].messages.isEmpty {
                    let index = threads[threads.count - 1].messages.count - 1
                    if stack.inside("user") {
                        threads[threads.count - 1].messages[index].user += text
                    } else if stack.inside("meta") {
                        threads[threads.count - 1].messages[index].meta += text
                    } else if inParagraph {
                        threads[threads.count - 1].messages[index].text += text
                    }
                    if let lines {
                        let lastLine = threads[threads.count - 1].messages[index].lastLine
                        threads[threads.count - 1].messages[index].lastLine = max(lastLine, lines.upperBound)
                    }
                    return
                }
                headerLines.insert(lines)
            }
        }
        let names = threads.map { HTMLText.normalized($0.participants) }
        guard !threads.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no conversation in this Facebook page"))
        }
        let chosen = try ConversationChoice.index(among: names, chosen: options.chat, file: file)
        // The other conversations, and the chosen one's participant line, are read and left out.
        for (index, thread) in threads.enumerated() {
            let messageLines = Set(index == chosen ? thread.messages.flatMap { Array($0.line...$0.lastLine) } : [])
            for line in thread.lines where !messageLines.contains(line) { headerLines.insert(line) }
        }
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        var messages: [Message] = []
        var diagnostics = problems.filter { $0.location != nil }
        var firstOffset: Int?
        for message in threads[chosen].messages {
            let location = InputLocation(line: message.line, column: 1)
            let meta = HTMLText.normalized(message.meta)
            guard let (civil, offset) = SpelledOutTimestamp.read(meta) else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: location, "'\(meta)' is not a date chatbill can read; not billed"))
                continue
            }
            firstOffset = firstOffset ?? offset
            let instant =
                offset.map(civil.instant(atOffset:))
                ?? resolver.instant(of: civil).instant
            let (lastLine, bytes) = input.span(lines: message.line, through: message.lastLine)
            messages.append(
                Message(
                    instant: instant, timestampText: meta, sender: HTMLText.normalized(message.user),
                    text: HTMLText.normalized(message.text), kind: .text, location: location, lastLine: lastLine,
                    byteRange: bytes))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(
                Diagnostic(.error, file: file, "the conversation '\(names[chosen])' has no dated message"))
        }
        let zone = options.timeZone.orExportOffset(firstOffset)
        let ownerName = HTMLText.normalized(owner)
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: zone,
            headerLines: headerLines.sorted, accountSenders: ownerName.isEmpty ? [] : [ownerName])
    }
}
