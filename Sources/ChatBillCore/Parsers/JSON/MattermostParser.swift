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

    /// A message line of the export: the conversation it belongs to, and its entries (the post
    /// and its replies, each located at its own object on the line).
    struct PostLine {
        let conversation: String
        let entries: [(body: [String: Any], bytes: Range<Int>)]
    }

    /// What one line of the export is.
    enum LineReading {
        case blank, notJSON, frame
        case post(PostLine)
    }

    /// Reads the line `content` of `bytes`; entry ranges are indices into `bytes`.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ content: Range<Int>) -> LineReading {
        guard !bytes.trimmed(content).isEmpty else { return .blank }
        guard
            let object = try? JSONSerialization.jsonObject(with: Data(UnsafeBufferPointer(rebasing: bytes[content])))
                as? [String: Any]
        else { return .notJSON }
        let type = object["type"] as? String ?? ""
        guard type == "post" || type == "direct_post", let body = object[type] as? [String: Any] else { return .frame }
        let conversation =
            type == "post"
            ? "\(body["team"] as? String ?? "")/\(body["channel"] as? String ?? "")"
            : (body["channel_members"] as? [String] ?? []).sorted().joined(separator: ", ")
        let replies = body["replies"] as? [[String: Any]] ?? []
        let spans =
            replies.isEmpty
            ? []
            : JSONArrayLocator.objectRanges(under: "replies", in: Array(bytes[content])).first {
                $0.count == replies.count
            }?.map { ($0.lowerBound + content.lowerBound)..<($0.upperBound + content.lowerBound) }
                ?? Array(repeating: content, count: replies.count)
        return .post(
            PostLine(conversation: conversation, entries: zip([body] + replies, [content] + spans).map { ($0, $1) }))
    }

    /// An entry as a message's parts: its instant (nil without `create_at`), sender, kind and text.
    static func message(
        _ entry: [String: Any]
    ) -> (instant: Date?, stamp: String, sender: String, kind: MessageKind, text: String) {
        let milliseconds = (entry["create_at"] as? NSNumber)?.int64Value
        let text = entry["message"] as? String ?? ""
        let files = (entry["attachments"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
            .map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        let isAttachment = text.isEmpty && !files.isEmpty
        return (
            milliseconds.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) },
            milliseconds.map(String.init) ?? "",
            entry["user"] as? String ?? "", isAttachment ? .attachment : .text,
            isAttachment ? files.joined(separator: "\n") : text
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
        var posts: [(line: Int, post: PostLine)] = []
        var conversations: [String] = []
        var diagnostics: [Diagnostic] = []
        input.bytes.withUnsafeBufferPointer { bytes in
            for line in LineReader(bytes) {
                switch Self.read(bytes, line.content) {
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
            for (entry, span) in post.entries {
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
                switch Self.read(block.bytes, line.content) {
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
        var count = 0
        _ = try file.forEachBlock { block in
            for line in block.lineReader {
                switch Self.read(block.bytes, line.content) {
                case .blank, .frame: continue
                case .notJSON:
                    diagnostics.append(
                        Diagnostic(.warning, file: path, at: InputLocation(line: line.number, column: 1), Self.notJSON))
                case .post(let post):
                    guard post.conversation == chosen else { continue }
                    for (entry, span) in post.entries {
                        let location = InputLocation(
                            line: line.number, column: span.lowerBound - line.content.lowerBound + 1)
                        let parts = Self.message(entry)
                        guard let instant = parts.instant else {
                            diagnostics.append(Diagnostic(.warning, file: path, at: location, Self.noCreateAt))
                            continue
                        }
                        tally.add(parts.sender, kind: parts.kind)
                        count += 1
                        consume(
                            MessageEvent(
                                instant: instant, sender: parts.sender, senderID: -1, kind: parts.kind,
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
