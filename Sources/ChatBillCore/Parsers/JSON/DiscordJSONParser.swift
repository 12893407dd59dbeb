import Foundation

/// DiscordChatExporter's JSON export: one channel, `messages[]` with ISO 8601 `timestamp`s
/// (with offsets), `author.nickname`/`author.name`, `content`, `attachments`, and `type`
/// (`Default`, `Reply`, calls as `Call` with `callEndedTimestamp`, joins and pins as system lines).
public struct DiscordJSONParser: TranscriptParser {
    public let name = "discord-json"
    public let displayName = "DiscordChatExporter JSON (.json)"
    public let fileExtensions = ["json"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self)
        guard head.contains("\"guild\""), head.contains("\"channel\""), head.contains("\"messages\"") else {
            return .no("no DiscordChatExporter guild, channel and messages")
        }
        return Detection(confidence: 95, reason: "a DiscordChatExporter export")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let root = try JSONDocument.object(input, expected: "a DiscordChatExporter JSON export")
        guard let entries = root["messages"] as? [[String: Any]] else {
            throw .unreadableInput(Diagnostic(.error, file: file, "not a DiscordChatExporter JSON export"))
        }
        let spans =
            JSONArrayLocator.objectRanges(under: "messages", in: input.bytes).first { $0.count == entries.count }
            ?? []
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        for (position, entry) in entries.enumerated() {
            let span = position < spans.count ? spans[position] : 0..<0
            let (location, lastLine) = input.lines(of: span)
            let stamp = entry["timestamp"] as? String ?? ""
            guard
                let (civil, offset) = TimestampLayout.readISO(stamp)
            else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: location, "'\(stamp)' is not a time; the message is not billed"))
                continue
            }
            let instant = civil.instant(atOffset: offset ?? 0)
            let author = entry["author"] as? [String: Any] ?? [:]
            let sender = (author["nickname"] as? String) ?? (author["name"] as? String) ?? ""
            let content = entry["content"] as? String ?? ""
            let attachments = (entry["attachments"] as? [[String: Any]] ?? []).compactMap { $0["fileName"] as? String }
            let type = entry["type"] as? String ?? "Default"
            var kind: MessageKind = .text
            var text = content
            switch type {
            case "Default", "Reply", "ThreadStarterMessage":
                if content.isEmpty, !attachments.isEmpty {
                    kind = .attachment
                    text = attachments.joined(separator: "\n")
                }
            case "Call":
                kind = .call
                text = content.isEmpty ? "call" : content
            default:
                kind = .system
            }
            messages.append(
                Message(
                    instant: instant, timestampText: stamp, sender: kind == .system ? "" : sender,
                    text: kind == .system && text.isEmpty ? type : text, kind: kind,
                    isEdited: !(entry["timestampEdited"] is NSNull || entry["timestampEdited"] == nil),
                    location: location,
                    lastLine: lastLine, byteRange: span))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no message with a time in this export"))
        }
        let headerLines = input.lines(notCoveredBy: messages)
        let firstOffset = (entries.first?["timestamp"] as? String).flatMap { TimestampLayout.readISO($0)?.offset }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics,
            timeZone: options.timeZone.orExportOffset(firstOffset), headerLines: headerLines)
    }
}
