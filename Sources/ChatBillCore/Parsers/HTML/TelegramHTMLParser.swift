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
        let bytes = Array(title.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (CivilDateTime, offset: Int?)? in
            let whole = buffer.trimmed(0..<buffer.count)
            // ` UTC+03:00` or ` GMT+03:00` after the clock, when the export wrote one.
            var clock = whole
            var offset: Int?
            for marker in [Array(" UTC".utf8), Array(" GMT".utf8)] {
                guard let at = buffer.firstIndex(of: marker, in: clock) else { continue }
                var cursor = TextCursor(buffer, (at + marker.count)..<clock.upperBound)
                offset = TimestampLayout.readOffset(&cursor)
                clock = clock.lowerBound..<at
            }
            guard let civil = layouts.lazy.compactMap({ $0.read(buffer, clock)?.0 }).first else { return nil }
            return (civil, offset)
        }
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

    /// What reading the files so far has found; a chat continues from one file into the next.
    private struct Reading {
        var resolver: LocalTimeResolver
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        var headerLinesByFile: [[Int]] = []
        /// The sender a `joined` message (even the first of the next file) continues.
        var previousSender = ""
        var firstOffset: Int?
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        try parse([input], options: options)
    }

    public func parse(_ inputs: [InputFile], options: ParseOptions) throws(ChatBillError) -> Transcript {
        var reading = Reading(resolver: LocalTimeResolver(timeZone: options.timeZone.timeZone))
        for (index, input) in inputs.enumerated() { read(input, index: index, into: &reading) }
        guard !reading.messages.isEmpty, let first = inputs.first else {
            throw .unreadableInput(
                Diagnostic(
                    .error, file: inputs.first?.displayName ?? "", "no dated message in this Telegram HTML export"))
        }
        return Transcript(
            input: first, parserName: name, messages: reading.messages, diagnostics: reading.diagnostics,
            timeZone: options.timeZone.orExportOffset(reading.firstOffset), inputs: inputs,
            headerLinesByFile: reading.headerLinesByFile)
    }

    /// Reads one file of the export (the `index`-th).
    private func read(_ input: InputFile, index: Int, into reading: inout Reading) {
        let file = input.displayName
        var headerLines = LineSet()
        var stack = HTMLElementStack()
        var block: Block?
        var blockDepth = 0

        func finish(_ block: Block) {
            let location = InputLocation(line: block.line, column: 1)
            guard let (civil, offset) = Self.readTitle(block.title) else {
                reading.diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: location, "a message without a readable date; it is not billed"))
                return
            }
            reading.firstOffset = reading.firstOffset ?? offset
            let instant =
                offset.map(civil.instant(atOffset:))
                ?? reading.resolver.instant(of: civil).instant
            let sender =
                block.joined || block.sender.isEmpty ? reading.previousSender : HTMLText.normalized(block.sender)
            reading.previousSender = sender
            let text = HTMLText.normalized(block.text)
            let media = HTMLText.normalized(block.media)
            let (lastLine, bytes) = input.span(lines: block.line, through: block.lastLine)
            reading.messages.append(
                Message(
                    instant: instant, timestampText: HTMLText.normalized(block.title), sender: sender,
                    text: [media, text].filter { !$0.isEmpty }.joined(separator: "\n"),
                    kind: text.isEmpty && !media.isEmpty ? .attachment : .text, location: location, lastLine: lastLine,
                    byteRange: bytes, file: index))
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
        reading.diagnostics += problems.filter { $0.location != nil }
        reading.headerLinesByFile.append(headerLines.sorted)
    }
}

extension TelegramHTMLParser: FolderTranscriptParser {
    /// `messages.html`, `messages2.html`, … of one export folder, in number order (the folder
    /// nearest the top when a folder holds several exports).
    public func members(of listing: [String]) -> [String] {
        var pages: [String: [(number: Int, path: String)]] = [:]
        for path in listing {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            let name = parts.last.map(String.init) ?? path
            guard name.hasPrefix("messages"), name.hasSuffix(".html") else { continue }
            let digits = name.dropFirst("messages".count).dropLast(".html".count)
            guard digits.isEmpty || digits.allSatisfy(\.isNumber), let number = digits.isEmpty ? 1 : Int(digits) else {
                continue
            }
            pages[parts.dropLast().joined(separator: "/"), default: []].append((number, path))
        }
        let folders = pages.filter { $0.value.contains { $0.number == 1 } }.keys
            .sorted { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
        guard let folder = folders.first else { return [] }
        return pages[folder]!.sorted { $0.number < $1.number }.map(\.path)
    }
}

extension TelegramHTMLParser: StreamingFolderParser {
    /// Reads the pages one at a time, handing on each page's messages before reading the next:
    /// memory holds one page, however many the export has.
    public func stream(
        _ folder: ExportFolder, members: [String], options: ParseOptions, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary {
        var reading = Reading(resolver: LocalTimeResolver(timeZone: options.timeZone.timeZone))
        var files: [ExportFile] = []
        var counts: [Int] = []
        var senders = SenderNames()
        var tally = SenderTally()
        for (index, member) in members.enumerated() {
            let input = try folder.read(member)
            read(input, index: index, into: &reading)
            files.append(input.file)
            counts.append(reading.messages.count)
            for message in reading.messages {
                let id = senders.intern(message.sender)
                if message.kind.isParticipantActivity { tally.add(id: id, name: message.sender) }
                consume(
                    MessageEvent(
                        instant: message.instant, sender: message.sender, senderID: id, kind: message.kind,
                        line: message.location.line, lastLine: message.lastLine, file: index))
            }
            reading.messages.removeAll(keepingCapacity: true)
        }
        guard counts.contains(where: { $0 > 0 }) else {
            throw .unreadableInput(
                Diagnostic(
                    .error, file: files.first?.displayName ?? "", "no dated message in this Telegram HTML export"))
        }
        return TranscriptSummary(
            files: files, parserName: name, messageCounts: counts, diagnostics: reading.diagnostics,
            timeZone: options.timeZone.orExportOffset(reading.firstOffset), senders: tally.senders)
    }

    /// The offset of the first dated message (Telegram writes `UTC+01:00` in its titles), unless
    /// `--tz` names a zone: read from the pages up to the first that has one.
    public func streamingZone(
        _ folder: ExportFolder, members: [String], options: ParseOptions
    ) throws(ChatBillError) -> ZoneChoice {
        var reading = Reading(resolver: LocalTimeResolver(timeZone: options.timeZone.timeZone))
        for (index, member) in members.enumerated() where reading.messages.isEmpty {
            read(try folder.read(member), index: index, into: &reading)
        }
        return options.timeZone.orExportOffset(reading.firstOffset)
    }
}
