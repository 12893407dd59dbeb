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

    /// A message line of the export, with the conversation it belongs to.
    private struct Post {
        let conversation: String
        let body: [String: Any]
        let line: Int
        let bytes: Range<Int>
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        var posts: [Post] = []
        var conversations: [String] = []
        var diagnostics: [Diagnostic] = []
        input.bytes.withUnsafeBufferPointer { bytes in
            for line in LineReader(bytes) where !bytes.trimmed(line.content).isEmpty {
                guard
                    let object = try? JSONSerialization.jsonObject(
                        with: Data(UnsafeBufferPointer(rebasing: bytes[line.content]))) as? [String: Any]
                else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: InputLocation(line: line.number, column: 1),
                            "not a JSON object; the line is not read"))
                    continue
                }
                let type = object["type"] as? String ?? ""
                guard type == "post" || type == "direct_post", let body = object[type] as? [String: Any] else {
                    continue
                }
                let conversation =
                    type == "post"
                    ? "\(body["team"] as? String ?? "")/\(body["channel"] as? String ?? "")"
                    : (body["channel_members"] as? [String] ?? []).sorted().joined(separator: ", ")
                if !conversations.contains(conversation) { conversations.append(conversation) }
                posts.append(Post(conversation: conversation, body: body, line: line.number, bytes: line.content))
            }
        }
        guard !conversations.isEmpty else {
            // A line that is not JSON is the likeliest reason (a file cut short): point at it.
            throw .unreadableInput(
                Diagnostic(
                    .error, file: file, at: diagnostics.first?.location,
                    "no post or direct_post line in this export"
                        + (diagnostics.isEmpty ? "" : " (this line is not JSON; is the file cut short?)")))
        }
        let chosen = conversations[
            try ConversationChoice.index(among: conversations, chosen: options.chat, file: file)]
        var messages: [Message] = []
        for post in posts where post.conversation == chosen {
            let replies = post.body["replies"] as? [[String: Any]] ?? []
            // A reply is located at its own object on the post's line.
            let replySpans =
                JSONArrayLocator.objectRanges(under: "replies", in: Array(input.bytes[post.bytes]))
                .first { $0.count == replies.count }?.map {
                    ($0.lowerBound + post.bytes.lowerBound)..<($0.upperBound + post.bytes.lowerBound)
                }
                ?? Array(repeating: post.bytes, count: replies.count)
            for (entry, span) in zip([post.body] + replies, [post.bytes] + replySpans) {
                let location = input.lines.location(ofByte: span.lowerBound)
                guard let milliseconds = (entry["create_at"] as? NSNumber)?.int64Value else {
                    diagnostics.append(
                        Diagnostic(.warning, file: file, at: location, "a post without create_at is not billed"))
                    continue
                }
                let text = entry["message"] as? String ?? ""
                let files = (entry["attachments"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
                    .map { $0.split(separator: "/").last.map(String.init) ?? $0 }
                let isAttachment = text.isEmpty && !files.isEmpty
                messages.append(
                    Message(
                        instant: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000),
                        timestampText: String(milliseconds), sender: entry["user"] as? String ?? "",
                        text: isAttachment ? files.joined(separator: "\n") : text,
                        kind: isAttachment ? .attachment : .text, location: location, lastLine: post.line,
                        byteRange: span))
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
