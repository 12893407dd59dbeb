import Foundation

/// Microsoft Teams chat messages as Microsoft Graph returns them (`chatMessage` resources): a
/// page `{"value": […]}` or a list of pages. `createdDateTime` is UTC; the sender is
/// `from.user.displayName`; HTML bodies become text through libxml2; `systemEventMessage`s are
/// system lines except ended calls, which are call events of their initiator with their length;
/// deleted messages (`deletedDateTime`) are marked, edited ones too.
public struct TeamsParser: TranscriptParser {
    public let name = "teams"
    public let displayName = "Microsoft Teams chat messages from Microsoft Graph (JSON)"
    public let fileExtensions = ["json"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self)
        guard head.contains("\"createdDateTime\""), head.contains("\"messageType\""), head.contains("\"body\"") else {
            return .no("no Graph chatMessage with createdDateTime, messageType and body")
        }
        return Detection(confidence: 90, reason: "Microsoft Graph chat messages (Teams)")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let root = try JSONDocument.parse(input)
        let pages = (root as? [[String: Any]]) ?? (root as? [String: Any]).map { [$0] } ?? []
        let entries = pages.flatMap { $0["value"] as? [[String: Any]] ?? [] }
        guard !entries.isEmpty else {
            throw .unreadableInput(
                Diagnostic(.error, file: file, "no chat messages (a Graph page with \"value\": [ … ]) in this file"))
        }
        let located = JSONArrayLocator.objectRanges(under: "value", in: input.bytes).flatMap { $0 }
        let spans = located.count == entries.count ? located : []
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        for (position, entry) in entries.enumerated() {
            let span = position < spans.count ? spans[position] : 0..<0
            let (location, lastLine) = input.lines(of: span)
            let stamp = entry["createdDateTime"] as? String ?? ""
            guard
                let (civil, offset) = TimestampLayout.readISO(stamp)
            else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: location, "'\(stamp)' is not a time; the message is not billed"))
                continue
            }
            let (kind, sender, text) = Self.read(entry)
            messages.append(
                Message(
                    instant: civil.instant(atOffset: offset ?? 0),
                    timestampText: stamp, sender: sender, text: text, kind: kind,
                    isEdited: entry["lastEditedDateTime"] is String, location: location, lastLine: lastLine,
                    byteRange: span))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no chat message with a time in this file"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            headerLines: input.lines(notCoveredBy: messages))
    }

    /// What a message is, who wrote it, and its text.
    static func read(_ entry: [String: Any]) -> (MessageKind, sender: String, text: String) {
        let body = entry["body"] as? [String: Any] ?? [:]
        let content = body["content"] as? String ?? ""
        let text = body["contentType"] as? String == "html" ? HTMLText.plainText(ofFragment: content) : content
        let sender = displayName((entry["from"] as? [String: Any])?["user"])
        if entry["deletedDateTime"] is String { return (.deleted, sender, text) }
        guard entry["messageType"] as? String == "message" else {
            let detail = entry["eventDetail"] as? [String: Any] ?? [:]
            let type = (detail["@odata.type"] as? String ?? "").replacingOccurrences(of: "#microsoft.graph.", with: "")
            if type == "callEndedEventMessageDetail" {
                let initiator = displayName((detail["initiator"] as? [String: Any])?["user"])
                let length = (detail["callDuration"] as? String).flatMap(isoDurationSeconds).map {
                    " (\(DurationText.format(seconds: $0)))"
                }
                return (.call, initiator, "call ended" + (length ?? ""))
            }
            return (.system, "", type.isEmpty ? (entry["messageType"] as? String ?? "event") : type)
        }
        let files = (entry["attachments"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        if text.isEmpty, !files.isEmpty { return (.attachment, sender, files.joined(separator: "\n")) }
        return (.text, sender, text)
    }

    private static func displayName(_ user: Any?) -> String {
        (user as? [String: Any])?["displayName"] as? String ?? ""
    }

    /// Seconds of an ISO 8601 duration such as `PT1M10S` or `P1DT2H` (fractions of seconds dropped).
    static func isoDurationSeconds(_ text: String) -> Int? {
        guard text.hasPrefix("P") else { return nil }
        var total = 0.0
        var number = ""
        var inTime = false
        for character in text.dropFirst() {
            switch character {
            case "T": inTime = true
            case "0"..."9", ".": number.append(character)
            case "D", "H", "M", "S":
                guard let value = Double(number) else { return nil }
                let unit: Double =
                    switch character {
                    case "D": 86_400
                    case "H": 3600
                    case "M": inTime ? 60 : 2_592_000
                    default: 1
                    }
                total += value * unit
                number = ""
            default: return nil
            }
        }
        return number.isEmpty ? Int(total) : nil
    }
}
