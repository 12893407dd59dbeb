import Foundation

/// Google Chat from Google Takeout (`Google Chat/Groups/<DM|Space> …/messages.json`):
/// `messages[]` with `creator{name, user_type}`, `created_date` spelled out in English
/// (`Thursday, November 3, 2016 at 11:59:50 AM UTC`), `text` and `attached_files`. Messages from
/// bots (`user_type` other than `Human`) are system lines: they neither open nor extend a session.
public struct GoogleChatParser: TranscriptParser {
    public let name = "google-chat"
    public let displayName = "Google Chat from Google Takeout (messages.json)"
    public let fileExtensions = ["json"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self)
        guard head.contains("\"creator\""), head.contains("\"created_date\""), head.contains("\"messages\"") else {
            return .no("no Google Chat messages with creator and created_date")
        }
        return Detection(confidence: 90, reason: "a Google Chat messages.json from Takeout")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let root = try JSONDocument.object(input, expected: "a Google Chat messages.json")
        guard let entries = root["messages"] as? [[String: Any]] else {
            throw .unreadableInput(Diagnostic(.error, file: file, "not a Google Chat messages.json"))
        }
        let spans =
            JSONArrayLocator.objectRanges(under: "messages", in: input.bytes).first { $0.count == entries.count } ?? []
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        for (position, entry) in entries.enumerated() {
            let span = position < spans.count ? spans[position] : 0..<0
            let (location, lastLine) = input.lines(of: span)
            let stamp = entry["created_date"] as? String ?? ""
            guard let (civil, offset) = SpelledOutTimestamp.read(stamp) else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: location, "'\(stamp)' is not a date; the message is not billed"))
                continue
            }
            let instant: Date
            if let offset {
                instant = civil.instant(atOffset: offset)
            } else {
                instant = resolver.instant(of: civil).instant
                diagnostics.append(
                    Diagnostic(
                        .note, file: file, at: location,
                        "the zone of '\(stamp)' is not one chatbill knows; read in \(options.timeZone.timeZone.identifier)"
                    ))
            }
            let creator = entry["creator"] as? [String: Any] ?? [:]
            let isHuman = (creator["user_type"] as? String ?? "Human") == "Human"
            let text = entry["text"] as? String ?? ""
            let files = (entry["attached_files"] as? [[String: Any]] ?? []).compactMap {
                ($0["export_name"] ?? $0["original_name"]) as? String
            }
            let kind: MessageKind = !isHuman ? .system : (text.isEmpty && !files.isEmpty ? .attachment : .text)
            messages.append(
                Message(
                    instant: instant, timestampText: stamp, sender: isHuman ? creator["name"] as? String ?? "" : "",
                    text: kind == .attachment ? files.joined(separator: "\n") : text, kind: kind, location: location,
                    lastLine: lastLine, byteRange: span))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no dated message in this messages.json"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            headerLines: input.lines(notCoveredBy: messages))
    }
}
