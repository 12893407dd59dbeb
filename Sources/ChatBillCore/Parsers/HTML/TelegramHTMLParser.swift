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
        Array(title.utf8).withUnsafeBufferPointer(readTitle)
    }

    private static let offsetMarkers = [Array(" UTC".utf8), Array(" GMT".utf8)]

    static func readTitle(_ buffer: UnsafeBufferPointer<UInt8>) -> (CivilDateTime, offset: Int?)? {
        readPlainTitle(buffer) ?? readTitleByLayouts(buffer)
    }

    /// A title with white space around it, seconds left out, or an offset written another way.
    static func readTitleByLayouts(_ buffer: UnsafeBufferPointer<UInt8>) -> (CivilDateTime, offset: Int?)? {
        let whole = buffer.trimmed(0..<buffer.count)
        // ` UTC+03:00` or ` GMT+03:00` after the clock, when the export wrote one.
        var clock = whole
        var offset: Int?
        for marker in offsetMarkers {
            guard let at = buffer.firstIndex(of: marker, in: clock) else { continue }
            var cursor = TextCursor(buffer, (at + marker.count)..<clock.upperBound)
            offset = TimestampLayout.readOffset(&cursor)
            clock = clock.lowerBound..<at
        }
        for layout in layouts {
            if let (civil, _) = layout.read(buffer, clock) { return (civil, offset) }
        }
        return nil
    }

    /// `29.04.2026 04:34:58` or `29.04.2026 04:34:58 UTC+03:00` exactly, read by position: what
    /// Telegram writes, in a tenth of the time the layouts take (anything else goes to them).
    static func readPlainTitle(_ bytes: UnsafeBufferPointer<UInt8>) -> (CivilDateTime, offset: Int?)? {
        guard bytes.count == 19 || bytes.count == 29 else { return nil }
        guard bytes[2] == 0x2E, bytes[5] == 0x2E, bytes[10] == 0x20, bytes[13] == 0x3A, bytes[16] == 0x3A,
            let day = bytes.digits(at: 0, count: 2), let month = bytes.digits(at: 3, count: 2),
            let year = bytes.digits(at: 6, count: 4), let hour = bytes.digits(at: 11, count: 2),
            let minute = bytes.digits(at: 14, count: 2), let second = bytes.digits(at: 17, count: 2)
        else { return nil }
        var offset: Int?
        if bytes.count == 29 {
            let zone = UnsafeBufferPointer(rebasing: bytes[19..<23])
            let sign = bytes[23]
            guard zone.elementsEqual(" UTC".utf8) || zone.elementsEqual(" GMT".utf8), sign == 0x2B || sign == 0x2D,
                bytes[26] == 0x3A, let hours = bytes.digits(at: 24, count: 2),
                let minutes = bytes.digits(at: 27, count: 2)
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
        }
        let civil = CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return civil.isValid ? (civil, offset) : nil
    }

    /// What reading the files so far has found; a chat continues from one file into the next.
    private struct Reading {
        var resolver: LocalTimeResolver
        var diagnostics: [Diagnostic] = []
        var firstOffset: Int?

        /// The instant of a block's title, or nil with a warning.
        mutating func instant(of block: TelegramWalk.Block, file: String) -> Date? {
            guard let (civil, offset) = block.title.withUnsafeBufferPointer(TelegramHTMLParser.readTitle) else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: InputLocation(line: block.line, column: 1),
                        "a message without a readable date; it is not billed"))
                return nil
            }
            firstOffset = firstOffset ?? offset
            return offset.map(civil.instant(atOffset:)) ?? resolver.instant(of: civil).instant
        }
    }

    /// Whether a block names no sender of its own and so continues the one before it.
    private static func continuesSender(_ block: TelegramWalk.Block) -> Bool {
        block.joined || block.sender.isEmpty
    }

    private static func kind(_ block: TelegramWalk.Block) -> MessageKind {
        !block.hasText && block.hasMedia ? .attachment : .text
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        try parse([input], options: options)
    }

    public func parse(_ inputs: [InputFile], options: ParseOptions) throws(ChatBillError) -> Transcript {
        var reading = Reading(resolver: LocalTimeResolver(timeZone: options.timeZone.timeZone))
        var messages: [Message] = []
        var headerLinesByFile: [[Int]] = []
        /// The sender a `joined` message (even the first of the next file) continues.
        var previousSender = ""
        for (index, input) in inputs.enumerated() {
            let file = input.displayName
            let (problems, headerLines) = input.bytes.withUnsafeBufferPointer { bytes in
                TelegramWalk.walk(bytes, file: file, keepsText: true) { block in
                    guard let instant = reading.instant(of: block, file: file) else { return }
                    let sender =
                        Self.continuesSender(block)
                        ? previousSender : HTMLText.normalized(String(decoding: block.sender, as: UTF8.self))
                    previousSender = sender
                    let text = HTMLText.normalized(String(decoding: block.text, as: UTF8.self))
                    let media = HTMLText.normalized(String(decoding: block.media, as: UTF8.self))
                    let (lastLine, bytes) = input.span(lines: block.line, through: block.lastLine)
                    messages.append(
                        Message(
                            instant: instant,
                            timestampText: HTMLText.normalized(String(decoding: block.title, as: UTF8.self)),
                            sender: sender, text: [media, text].filter { !$0.isEmpty }.joined(separator: "\n"),
                            kind: Self.kind(block), location: InputLocation(line: block.line, column: 1),
                            lastLine: lastLine, byteRange: bytes, file: index))
                }
            }
            reading.diagnostics += problems.filter { $0.location != nil }
            headerLinesByFile.append(headerLines)
        }
        guard !messages.isEmpty, let first = inputs.first else { throw noDatedMessage(inputs.first?.displayName ?? "") }
        return Transcript(
            input: first, parserName: name, messages: messages, diagnostics: reading.diagnostics,
            timeZone: options.timeZone.orExportOffset(reading.firstOffset), inputs: inputs,
            headerLinesByFile: headerLinesByFile)
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

extension TelegramHTMLParser {
    /// What streaming an export has found so far: its senders, the one a `joined` message (even
    /// the first of the next page) continues, and the dated messages.
    private struct Streaming {
        var reading: Reading
        var senders = SenderNames()
        /// Senders as written (white space and all), each to the id of its name as shown.
        var written = SenderNames()
        var shownIDs: [Int] = []
        var previousID: Int?
        var tally = SenderTally()

        init(_ options: ParseOptions) {
            reading = Reading(resolver: LocalTimeResolver(timeZone: options.timeZone.timeZone))
        }

        /// The message a block is, or nil (with a warning) when its date cannot be read.
        mutating func event(of block: TelegramWalk.Block, file: String, index: Int) -> MessageEvent? {
            guard let instant = reading.instant(of: block, file: file) else { return nil }
            if !TelegramHTMLParser.continuesSender(block) {
                let writtenID = block.sender.withUnsafeBufferPointer { written.intern($0, 0..<$0.count) }
                if writtenID == shownIDs.count {
                    shownIDs.append(senders.intern(HTMLText.normalized(written.names[writtenID])))
                }
                previousID = shownIDs[writtenID]
            }
            let id = previousID ?? senders.intern("")
            let kind = TelegramHTMLParser.kind(block)
            let sender = senders.names[id]
            if kind.isParticipantActivity { tally.add(id: id, name: sender) }
            return MessageEvent(
                instant: instant, sender: sender, senderID: id, kind: kind, line: block.line, lastLine: block.lastLine,
                file: index)
        }
    }

    private func noDatedMessage(_ file: String) -> ChatBillError {
        .unreadableInput(Diagnostic(.error, file: file, "no dated message in this Telegram HTML export"))
    }
}

extension TelegramHTMLParser: StreamingTranscriptParser {
    /// The offset of the first dated message in the head (Telegram writes `UTC+01:00` in its
    /// titles), unless `--tz` names a zone.
    public func streamingZone(head: [UInt8], options: ParseOptions) -> ZoneChoice {
        var reading = Reading(resolver: LocalTimeResolver(timeZone: options.timeZone.timeZone))
        var walk = TelegramWalk(keepsText: false)
        head.withUnsafeBufferPointer { head in
            walk.push(head, isLast: false, into: HTMLSAXReader(file: "")) { _ = reading.instant(of: $0, file: "") }
        }
        return options.timeZone.orExportOffset(reading.firstOffset)
    }

    /// Reads one page of any size in blocks, without the messages' texts, cut into segments at
    /// the lines where a top-level message starts, and walks the segments on all cores at once
    /// (each on its own libxml2 parser), handing on their messages in file order. Memory holds a
    /// block or two a core.
    public func stream(
        path: String, options: ParseOptions, blockSize: Int, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary {
        let file = try BlockReader(path: path, blockSize: blockSize)
        var streaming = Streaming(options)
        var notes: [Diagnostic] = []
        var count = 0
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var wave: [Segment] = []
        var nextLine = 1
        func walkWave() {
            for walked in Self.walk(wave, file: path) {
                for block in walked.blocks {
                    guard let event = streaming.event(of: block, file: path, index: 0) else { continue }
                    count += 1
                    consume(event)
                }
                notes += walked.diagnostics
            }
            wave.removeAll()
        }
        let totals = try file.forEachBlock(hashing: true) { block in
            let cut = block.isLast ? block.lines.upperBound : Self.lastMessageStart(block.bytes, in: block.lines)
            if cut > 0 {
                let segment = Array(block.bytes[..<cut])
                wave.append(Segment(bytes: segment, firstLine: nextLine, isFirst: nextLine == 1))
                nextLine += segment.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                if wave.count == width || block.isLast { walkWave() }
            }
            return BlockReader.Progress(keepFrom: block.base + cut, lastLine: block.lastLineNumber)
        }
        guard count > 0 else { throw noDatedMessage(path) }
        return TranscriptSummary(
            file: file.exportFile(totals), parserName: name, messageCount: count,
            diagnostics: streaming.reading.diagnostics + notes,
            timeZone: options.timeZone.orExportOffset(streaming.reading.firstOffset), senders: streaming.tally.senders)
    }

    /// A piece of a page that starts where a message starts (or at the top), in whole lines.
    private struct Segment: Sendable {
        let bytes: [UInt8]
        /// The line of the page it starts on.
        let firstLine: Int
        let isFirst: Bool
    }

    /// Where the last line in `lines` that starts a top-level message (`<div class="message`
    /// after nothing but indentation) starts; 0 for none (a segment never ends at its start).
    private static func lastMessageStart(_ bytes: UnsafeBufferPointer<UInt8>, in lines: Range<Int>) -> Int {
        let marker = messageMarker
        var end = lines.upperBound
        while end > lines.lowerBound, let found = bytes.lastIndex(of: marker, in: lines.lowerBound..<end) {
            var start = found
            while start > 0, bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09 { start -= 1 }
            if start > 0, bytes[start - 1] == 0x0A { return start }
            end = found
        }
        return 0
    }

    private static let messageMarker = Array("<div class=\"message".utf8)

    /// Walks the segments, one a core, their lines and notes placed in the page. A segment after
    /// the first starts inside the page's frame, so the page's closing tags after the last message
    /// are unexpected to libxml2: those notes are left out.
    private static func walk(
        _ segments: [Segment], file: String
    ) -> [(blocks: [TelegramWalk.Block], diagnostics: [Diagnostic])] {
        let walked = Slots<([TelegramWalk.Block], [Diagnostic])>(count: segments.count)
        DispatchQueue.concurrentPerform(iterations: segments.count) { index in
            let segment = segments[index]
            let shift = segment.firstLine - 1
            var blocks: [TelegramWalk.Block] = []
            let (notes, _) = segment.bytes.withUnsafeBufferPointer { bytes in
                TelegramWalk.walk(bytes, file: file, keepsText: false) { block in
                    var block = block
                    block.line += shift
                    block.lastLine += shift
                    blocks.append(block)
                }
            }
            let lastMessageLine = blocks.last?.lastLine ?? 0
            walked[index] = (
                blocks,
                notes.compactMap { note in
                    guard let location = note.location else { return nil }
                    let line = location.line + shift
                    let closesThePage = note.message.hasPrefix("Unexpected end tag") && line > lastMessageLine
                    guard segment.isFirst || !closesThePage else { return nil }
                    return Diagnostic(
                        note.severity, file: note.file, at: InputLocation(line: line, column: location.column),
                        note.message)
                }
            )
        }
        return walked.values.map { (blocks: $0.0, diagnostics: $0.1) }
    }
}

extension TelegramHTMLParser: StreamingFolderParser {
    /// Reads the pages without the messages' texts, as many at once as there are cores, and hands
    /// on their messages in page order: memory holds a page a core, however many the export has.
    public func stream(
        _ folder: ExportFolder, members: [String], options: ParseOptions, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary {
        var streaming = Streaming(options)
        var files: [ExportFile] = []
        var counts: [Int] = []
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        while files.count < members.count {
            let first = files.count
            let wave = Array(members[first..<min(members.count, first + width)])
            for (offset, page) in Self.read(wave, of: folder).enumerated() {
                let page = try page.get()
                var count = 0
                for block in page.blocks {
                    guard let event = streaming.event(of: block, file: page.file.displayName, index: first + offset)
                    else { continue }
                    count += 1
                    consume(event)
                }
                streaming.reading.diagnostics += page.diagnostics.filter { $0.location != nil }
                files.append(page.file)
                counts.append(count)
            }
        }
        guard counts.contains(where: { $0 > 0 }) else { throw noDatedMessage(files.first?.displayName ?? "") }
        return TranscriptSummary(
            files: files, parserName: name, messageCounts: counts, diagnostics: streaming.reading.diagnostics,
            timeZone: options.timeZone.orExportOffset(streaming.reading.firstOffset),
            senders: streaming.tally.senders)
    }

    /// One page read and walked: its message blocks (without their texts) and libxml2's notes.
    private struct Page: Sendable {
        let file: ExportFile
        let blocks: [TelegramWalk.Block]
        let diagnostics: [Diagnostic]
    }

    /// Reads and walks `members` of `folder`, each on a thread of its own.
    private static func read(_ members: [String], of folder: ExportFolder) -> [Result<Page, ChatBillError>] {
        let pages = Slots<Result<Page, ChatBillError>>(count: members.count)
        DispatchQueue.concurrentPerform(iterations: members.count) { index in
            pages[index] = Result { () throws(ChatBillError) in
                let input = try folder.read(members[index])
                var blocks: [TelegramWalk.Block] = []
                let (diagnostics, _) = input.bytes.withUnsafeBufferPointer { bytes in
                    TelegramWalk.walk(bytes, file: input.displayName, keepsText: false) { blocks.append($0) }
                }
                return Page(file: input.file, blocks: blocks, diagnostics: diagnostics)
            }
        }
        return pages.values
    }

    /// The offset of the first dated message (Telegram writes `UTC+01:00` in its titles), unless
    /// `--tz` names a zone: read from the pages up to the first that has a dated message.
    public func streamingZone(
        _ folder: ExportFolder, members: [String], options: ParseOptions
    ) throws(ChatBillError) -> ZoneChoice {
        var reading = Reading(resolver: LocalTimeResolver(timeZone: options.timeZone.timeZone))
        var dated = false
        for member in members where !dated {
            let input = try folder.read(member)
            _ = input.bytes.withUnsafeBufferPointer { bytes in
                TelegramWalk.walk(bytes, file: input.displayName, keepsText: false) { block in
                    dated = dated || reading.instant(of: block, file: input.displayName) != nil
                }
            }
        }
        return options.timeZone.orExportOffset(reading.firstOffset)
    }
}
