import Foundation

/// Mattermost's bulk export (`mmctl export`, an `import.jsonl`): one JSON object per line;
/// `post` lines (a channel of a team) and `direct_post` lines (a direct or group message between
/// `channel_members`) are messages, with `create_at` in UTC milliseconds and their `replies`;
/// the export's other lines (version, teams, channels, users) are read as its frame. An export
/// holds every channel, so `--chat` picks one (`team/channel`, or the members of a direct chat).
public struct MattermostParser: TranscriptParser {
    public let name = "mattermost"
    public let displayName = "Mattermost bulk export (import.jsonl)"
    public let fileExtensions = ["jsonl", "json"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self).replacingOccurrences(of: " ", with: "")
        guard
            head.hasPrefix("{\"type\":\"version\"") || head.contains("\"type\":\"post\"")
                || head.contains("\"type\":\"direct_post\"")
        else { return .no("no Mattermost version or post lines") }
        return Detection(confidence: 95, reason: "a Mattermost bulk export")
    }

    /// An entry as a message's parts: its instant (nil without `create_at`), sender, kind and text.
    static func message(
        _ entry: MattermostLine.Entry
    ) -> (instant: Date?, stamp: String, sender: String, kind: MessageKind, text: String) {
        let isAttachment = entry.message.isEmpty && !entry.attachments.isEmpty
        return (
            entry.createAt.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) },
            entry.createAt.map(String.init) ?? "", entry.user, isAttachment ? .attachment : .text,
            isAttachment ? entry.attachments.joined(separator: "\n") : entry.message
        )
    }

    static let notJSON = "not a JSON object; the line is not read"
    static let noCreateAt = "a post without create_at is not billed"

    /// The error for an export without posts; a line that is not JSON is the likeliest reason (a
    /// file cut short), so it points there.
    static func noPosts(_ file: String, firstProblem: InputLocation?) -> ChatBillError {
        .unreadableInput(
            Diagnostic(
                .error, file: file, at: firstProblem,
                "no post or direct_post line in this export"
                    + (firstProblem == nil ? "" : " (this line is not JSON; is the file cut short?)")))
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        var posts: [(line: Int, post: MattermostLine.Post)] = []
        var conversations: [String] = []
        var diagnostics: [Diagnostic] = []
        input.bytes.withUnsafeBufferPointer { bytes in
            for line in LineReader(bytes) {
                switch MattermostLine.read(bytes, line.content) {
                case .blank, .frame: continue
                case .notJSON:
                    diagnostics.append(
                        Diagnostic(.warning, file: file, at: InputLocation(line: line.number, column: 1), Self.notJSON))
                case .post(let post):
                    if !conversations.contains(post.conversation) { conversations.append(post.conversation) }
                    posts.append((line.number, post))
                }
            }
        }
        guard !conversations.isEmpty else { throw Self.noPosts(file, firstProblem: diagnostics.first?.location) }
        let chosen = conversations[
            try ConversationChoice.index(among: conversations, chosen: options.chat, file: file)]
        var messages: [Message] = []
        for (line, post) in posts where post.conversation == chosen {
            for entry in post.entries {
                let span = entry.bytes
                let location = input.lines.location(ofByte: span.lowerBound)
                let parts = Self.message(entry)
                guard let instant = parts.instant else {
                    diagnostics.append(Diagnostic(.warning, file: file, at: location, Self.noCreateAt))
                    continue
                }
                messages.append(
                    Message(
                        instant: instant, timestampText: parts.stamp, sender: parts.sender, text: parts.text,
                        kind: parts.kind, location: location, lastLine: line, byteRange: span))
            }
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no dated post in '\(chosen)'"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            headerLines: input.lines(notCoveredBy: messages))
    }
}

extension MattermostParser: StreamingTranscriptParser {
    /// Reads the export line by line in blocks, in two passes: the first finds the conversations
    /// (so `--chat` can choose) and hashes the file, the second hands on the chosen one's posts.
    /// A line is decoded on its own, so memory stays that of a block.
    public func stream(
        path: String, options: ParseOptions, blockSize: Int, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary {
        let file = try BlockReader(path: path, blockSize: blockSize)
        var conversations: [String] = []
        var firstProblem: InputLocation?
        let totals = try file.forEachBlock(hashing: true) { block in
            for line in block.lineReader {
                switch MattermostLine.read(block.bytes, line.content) {
                case .blank, .frame: continue
                case .notJSON: if firstProblem == nil { firstProblem = InputLocation(line: line.number, column: 1) }
                case .post(let post):
                    if !conversations.contains(post.conversation) { conversations.append(post.conversation) }
                }
            }
            return BlockReader.Progress(keepFrom: Int.max, lastLine: block.lastLineNumber)
        }
        guard !conversations.isEmpty else { throw Self.noPosts(path, firstProblem: firstProblem) }
        let chosen = conversations[try ConversationChoice.index(among: conversations, chosen: options.chat, file: path)]
        var diagnostics: [Diagnostic] = []
        var tally = SenderTally()
        var senders = SenderNames()
        var count = 0
        _ = try file.forEachBlock { block in
            for line in block.lineReader {
                switch MattermostLine.read(block.bytes, line.content) {
                case .blank, .frame: continue
                case .notJSON:
                    diagnostics.append(
                        Diagnostic(.warning, file: path, at: InputLocation(line: line.number, column: 1), Self.notJSON))
                case .post(let post):
                    guard post.conversation == chosen else { continue }
                    for entry in post.entries {
                        let span = entry.bytes
                        let location = InputLocation(
                            line: line.number, column: span.lowerBound - line.content.lowerBound + 1)
                        let parts = Self.message(entry)
                        guard let instant = parts.instant else {
                            diagnostics.append(Diagnostic(.warning, file: path, at: location, Self.noCreateAt))
                            continue
                        }
                        // A small id per sender, so the report decides who is who once per sender.
                        let id = senders.intern(parts.sender)
                        tally.add(id: id, name: parts.sender)
                        count += 1
                        consume(
                            MessageEvent(
                                instant: instant, sender: parts.sender, senderID: id, kind: parts.kind,
                                line: line.number, lastLine: line.number))
                    }
                }
            }
            return BlockReader.Progress(keepFrom: Int.max, lastLine: block.lastLineNumber)
        }
        guard count > 0 else {
            throw .unreadableInput(Diagnostic(.error, file: path, "no dated post in '\(chosen)'"))
        }
        return TranscriptSummary(
            file: file.exportFile(totals),
            parserName: name, messageCount: count, diagnostics: diagnostics, timeZone: options.timeZone,
            senders: tally.senders)
    }
}
