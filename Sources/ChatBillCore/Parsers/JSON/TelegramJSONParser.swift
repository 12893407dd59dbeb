import Foundation

/// Telegram Desktop's JSON export (`result.json`): one chat (`{"name", "type", "messages": […]}`)
/// or the whole account (`{"chats": {"list": [ … ]}}`, pick a chat with `--chat`).
///
/// `date_unixtime` (UTC) is used when present, else `date` read in the report's zone. `text` is a
/// string or a list of strings and entities. Service messages are system lines, except calls
/// (`phone_call`, with `duration_seconds`), which are call events by their actor; messages with
/// only media are attachments.
public struct TelegramJSONParser: TranscriptParser {
    public let name = "telegram-json"
    public let displayName = "Telegram Desktop JSON export (result.json)"
    public let fileExtensions = ["json"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self)
        let compact = head.replacingOccurrences(of: " ", with: "")
        guard compact.contains("\"messages\":["), head.contains("\"date\"") || head.contains("\"date_unixtime\""),
            compact.contains("\"type\":\"message\"") || compact.contains("\"type\":\"service\"")
        else { return .no("no Telegram chat with messages") }
        return Detection(confidence: 90, reason: "a Telegram export with messages")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let chats = try TelegramExport.decode(input).chats
        guard !chats.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no chat with messages in this Telegram export"))
        }
        let names = chats.map { $0.name ?? "(unnamed)" }
        let chosen = try ConversationChoice.index(among: names, chosen: options.chat, file: file)
        let entries = chats[chosen].messages
        // Where each message starts: the located arrays are the chats' message lists in document
        // order; if that does not line up, the one whose size and first id match.
        let firstID = entries.first?.id.map { "\"id\":\($0)" }
        let offsets = JSONArrayLocator.elementRanges(
            under: "messages", in: input.bytes, index: chosen, of: chats.count, count: entries.count
        ) { element in
            guard let firstID else { return true }
            return String(decoding: input.bytes[element], as: UTF8.self).replacingOccurrences(of: " ", with: "")
                .contains(firstID)
        }
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        let localLayouts = ["YYYY-MM-DDTHH:mm:ss"].compactMap(TimestampLayout.init)
        for (position, entry) in entries.enumerated() {
            let span = position < offsets.count ? offsets[position] : 0..<0
            let (location, lastLine) = input.lines(of: span)
            let dateText = entry.date ?? ""
            let instant: Date
            if let unix = entry.unixTime {
                instant = Date(timeIntervalSince1970: unix)
            } else if let civil = Array(dateText.utf8).withUnsafeBufferPointer({ buffer in
                localLayouts.lazy.compactMap { $0.read(buffer, 0..<buffer.count)?.0 }.first
            }) {
                instant = resolver.instant(of: civil).instant
            } else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: location, "'\(dateText)' is not a date; the message is not billed"))
                continue
            }
            var kind: MessageKind = .text
            var sender = entry.from ?? ""
            var shown = entry.text
            if entry.type == "service" {
                if entry.action == "phone_call" || entry.action == "group_call" {
                    kind = .call
                    sender = entry.actor ?? ""
                    shown = "call, \(DurationText.format(seconds: entry.durationSeconds ?? 0))"
                } else {
                    kind = .system
                    sender = ""
                    shown = [entry.actor, entry.action].compactMap { $0 }.joined(separator: " ")
                }
            } else if entry.text.isEmpty,
                let media = entry.mediaType ?? (entry.hasPhoto ? "photo" : nil) ?? (entry.hasFile ? "file" : nil)
            {
                kind = .attachment
                shown = media
            }
            messages.append(
                Message(
                    instant: instant, timestampText: dateText, sender: sender, text: shown, kind: kind,
                    isEdited: entry.isEdited, location: location, lastLine: lastLine, byteRange: span))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no dated message in '\(names[chosen])'"))
        }
        // The rest of the file (the export's frame, other chats) is read and is no message of this chat.
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            headerLines: input.lines(notCoveredBy: messages))
    }
}
