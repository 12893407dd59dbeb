import Foundation

/// Skype's data export (`messages.json` from secure.skype.com's export tool):
/// `conversations[].MessageList[]` with `originalarrivaltime` (UTC), `displayName` and `from`
/// (`8:live:…`), `messagetype` and markup in `content`. `RichText` is text (markup through
/// libxml2); `RichText/UriObject` and `RichText/Media_*` are attachments; `Event/Call` is a call
/// event, with its length when the call ended; thread activity, notices and the like are system
/// lines. The export names its own account (`userId`), so the provider needs no `--me`.
public struct SkypeParser: TranscriptParser {
    public let name = "skype"
    public let displayName = "Skype data export (messages.json)"
    public let fileExtensions = ["json"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self)
        guard head.contains("\"MessageList\"") || head.contains("\"originalarrivaltime\"") else {
            return .no("no Skype conversations with MessageList")
        }
        return Detection(confidence: 95, reason: "a Skype data export")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let root = try JSONDocument.object(input, expected: "Skype's messages.json")
        let conversations = (root["conversations"] as? [[String: Any]] ?? []).filter {
            ($0["MessageList"] as? [Any])?.isEmpty == false
        }
        guard !conversations.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no conversation with messages in this Skype export"))
        }
        let names = conversations.map { conversation in
            (conversation["displayName"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                ?? conversation["id"] as? String ?? "(unnamed)"
        }
        let chosen = try ConversationChoice.index(among: names, chosen: options.chat, file: file)
        let entries = conversations[chosen]["MessageList"] as? [[String: Any]] ?? []
        let spans = JSONArrayLocator.elementRanges(
            under: "MessageList", in: input.bytes, index: chosen, of: conversations.count, count: entries.count)
        let account = (root["userId"] as? String).map { "8:" + $0 }
        // Skype leaves `displayName` empty on most messages: a person's name is the one any of
        // their messages carries, or the 1:1 conversation's name for the other party.
        var namesByID: [String: String] = [:]
        if let id = conversations[chosen]["id"] as? String, id.hasPrefix("8:") { namesByID[id] = names[chosen] }
        for entry in entries {
            if let from = entry["from"] as? String, let name = entry["displayName"] as? String, !name.isEmpty {
                namesByID[from] = namesByID[from] ?? name
            }
        }
        var accountSenders: [String] = []
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        for (position, entry) in entries.enumerated() {
            let span = position < spans.count ? spans[position] : 0..<0
            let (location, lastLine) = input.lines(of: span)
            let stamp = entry["originalarrivaltime"] as? String ?? ""
            guard
                let (civil, offset) = TimestampLayout.readISO(stamp)
            else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: location, "'\(stamp)' is not a time; the message is not billed"))
                continue
            }
            let from = entry["from"] as? String ?? ""
            let sender = namesByID[from] ?? (from.hasPrefix("8:") ? String(from.dropFirst(2)) : from)
            if from == account, accountSenders.isEmpty { accountSenders = [sender] }
            let (kind, text) = Self.kindAndText(entry)
            let properties = entry["properties"] as? [String: Any] ?? [:]
            messages.append(
                Message(
                    instant: civil.instant(atOffset: offset ?? 0),
                    timestampText: stamp, sender: kind == .system ? "" : sender, text: text, kind: kind,
                    isEdited: (properties["edittime"] as? String).map { !$0.isEmpty } ?? false, location: location,
                    lastLine: lastLine, byteRange: span))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no dated message in '\(names[chosen])'"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            headerLines: input.lines(notCoveredBy: messages), accountSenders: accountSenders)
    }

    /// What a message is, by its `messagetype`, and its text.
    static func kindAndText(_ entry: [String: Any]) -> (MessageKind, String) {
        let type = entry["messagetype"] as? String ?? ""
        let content = entry["content"] as? String ?? ""
        if let deleted = (entry["properties"] as? [String: Any])?["deletetime"] as? String, !deleted.isEmpty {
            return (.deleted, "")
        }
        switch type {
        case "RichText", "Text", "RichText/Html":
            return (.text, HTMLText.plainText(ofFragment: content))
        case "Event/Call":
            return (.call, callText(content))
        case _ where type.hasPrefix("RichText/"):
            let name = attribute("v", of: "originalname", in: content)
            return (.attachment, name ?? type.replacingOccurrences(of: "RichText/", with: "").lowercased())
        default:
            return (.system, type)
        }
    }

    /// `call started`, or `call ended (12m34s)` with the longest participant's `<duration>`.
    private static func callText(_ content: String) -> String {
        let call = SkypeCallMarkup(content)
        return call.isEnded ? SkypeCallMarkup.endedText(seconds: call.seconds) : "call started"
    }

    /// The value of an attribute of the first element of a name in a piece of markup.
    private static func attribute(_ attribute: String, of element: String, in content: String) -> String? {
        var value: String?
        HTMLStreamReader.read(Array(content.utf8), file: "") { node in
            if value == nil, case .startElement(let name, let attributes, _, _) = node, name == element {
                value = attributes[attribute]
            }
        }
        return value
    }
}
