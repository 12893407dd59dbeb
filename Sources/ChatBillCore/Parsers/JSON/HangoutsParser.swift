import Foundation

/// Google Hangouts from Google Takeout (`Hangouts.json`): every conversation of the account, in
/// the `conversations[]` layout (2019 on) or the older `conversation_state[]` one; pick one with
/// `--chat`. Times are microseconds since the epoch (UTC) written as strings; senders are
/// `gaia_id`s named by the conversation's `participant_data`; the account's own id is marked, so
/// the provider needs no `--me`. Calls (`HANGOUT_EVENT`) are call events; joins, renames and the
/// like are system lines.
public struct HangoutsParser: TranscriptParser {
    public let name = "hangouts"
    public let displayName = "Google Hangouts from Google Takeout (Hangouts.json)"
    public let fileExtensions = ["json"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self)
        guard head.contains("\"conversations\"") || head.contains("\"conversation_state\""),
            head.contains("\"gaia_id\"")
        else { return .no("no Hangouts conversations with gaia ids") }
        return Detection(confidence: 95, reason: "a Google Takeout Hangouts.json")
    }

    /// One conversation as both layouts hold it.
    private struct Conversation {
        let name: String
        let names: [String: String]
        let selfID: String?
        let events: [[String: Any]]
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let root = try JSONDocument.object(input, expected: "Takeout's Hangouts.json")
        let isOld = root["conversations"] == nil
        let conversations = Self.conversations(root).filter { !$0.events.isEmpty }
        guard !conversations.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no conversation with events in this Hangouts.json"))
        }
        let chosen = try ConversationChoice.index(among: conversations.map(\.name), chosen: options.chat, file: file)
        let conversation = conversations[chosen]
        let spans = JSONArrayLocator.elementRanges(
            under: isOld ? "event" : "events", in: input.bytes, index: chosen, of: conversations.count,
            count: conversation.events.count)
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        for (position, event) in conversation.events.enumerated() {
            let span = position < spans.count ? spans[position] : 0..<0
            let (location, lastLine) = input.lines(of: span)
            let stamp = event["timestamp"] as? String ?? ""
            guard let microseconds = Int64(stamp) else {
                diagnostics.append(
                    Diagnostic(.warning, file: file, at: location, "'\(stamp)' is not a time; the event is not billed"))
                continue
            }
            let senderID = ((event["sender_id"] as? [String: Any])?["gaia_id"] as? String) ?? ""
            let sender = conversation.names[senderID] ?? senderID
            let (kind, text) = Self.kindAndText(event)
            messages.append(
                Message(
                    instant: Date(timeIntervalSince1970: TimeInterval(microseconds) / 1_000_000), timestampText: stamp,
                    sender: kind == .system ? "" : sender, text: text, kind: kind, location: location,
                    lastLine: lastLine, byteRange: span))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no dated event in '\(conversation.name)'"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            headerLines: input.lines(notCoveredBy: messages),
            accountSenders: conversation.selfID.flatMap { conversation.names[$0] }.map { [$0] } ?? [])
    }

    /// Every conversation in document order, from either layout.
    private static func conversations(_ root: [String: Any]) -> [Conversation] {
        let entries = (root["conversations"] ?? root["conversation_state"]) as? [[String: Any]] ?? []
        return entries.map { entry in
            // 2019 on: {conversation: {conversation: {…}}, events: […]};
            // before: {conversation_state: {conversation: {…}, event: […]}}.
            let state = entry["conversation_state"] as? [String: Any]
            let outer = (state ?? entry)["conversation"] as? [String: Any] ?? [:]
            let details = outer["conversation"] as? [String: Any] ?? outer
            let events = (state?["event"] ?? entry["events"]) as? [[String: Any]] ?? []
            var names: [String: String] = [:]
            var order: [String] = []
            for participant in details["participant_data"] as? [[String: Any]] ?? [] {
                guard let id = (participant["id"] as? [String: Any])?["gaia_id"] as? String else { continue }
                names[id] = participant["fallback_name"] as? String ?? id
                order.append(id)
            }
            let selfID =
                (((details["self_conversation_state"] as? [String: Any])?["self_read_state"] as? [String: Any])?[
                    "participant_id"] as? [String: Any])?["gaia_id"] as? String
            let others = order.filter { $0 != selfID }.compactMap { names[$0] }
            let name = (details["name"] as? String) ?? (others.isEmpty ? "(unnamed)" : others.joined(separator: ", "))
            return Conversation(name: name, names: names, selfID: selfID, events: events)
        }
    }

    /// A chat message's text from its segments (or its attachments), a call, or a system line.
    static func kindAndText(_ event: [String: Any]) -> (MessageKind, String) {
        switch event["event_type"] as? String {
        case "REGULAR_CHAT_MESSAGE":
            let content = (event["chat_message"] as? [String: Any])?["message_content"] as? [String: Any] ?? [:]
            let text = (content["segment"] as? [[String: Any]] ?? []).map { segment in
                segment["type"] as? String == "LINE_BREAK" ? "\n" : (segment["text"] as? String ?? "")
            }.joined()
            let attachments = content["attachment"] as? [Any] ?? []
            if text.isEmpty, !attachments.isEmpty {
                return (.attachment, attachments.count == 1 ? "attachment" : "\(attachments.count) attachments")
            }
            return (.text, text)
        case "HANGOUT_EVENT":
            let call = event["hangout_event"] as? [String: Any] ?? [:]
            let type = call["event_type"] as? String ?? ""
            if type == "END_HANGOUT", let seconds = (call["hangout_duration_secs"] as? String).flatMap(Int.init) {
                return (.call, "call ended (\(DurationText.format(seconds: seconds)))")
            }
            return (.call, type == "START_HANGOUT" ? "call started" : "call")
        case let type:
            return (.system, (type ?? "event").lowercased().replacingOccurrences(of: "_", with: " "))
        }
    }
}
