import Foundation

/// Facebook Messenger's and Instagram's "Download your information" JSON (`message_1.json`):
/// `messages[]` newest first with `sender_name`, `timestamp_ms` (UTC milliseconds), `content`,
/// media lists (`photos`, `videos`, `files`, `audio_files`, `gifs`, `sticker`), `call_duration`
/// on calls and `is_unsent`. Facebook writes every string as UTF-8 bytes escaped one by one
/// (`\u00c3\u00a9` for `é`); `MojibakeRepair` undoes that only where the string is such bytes.
public struct FacebookJSONParser: TranscriptParser {
    public let name = "facebook-json"
    public let displayName = "Facebook Messenger / Instagram JSON (message_1.json)"
    public let fileExtensions = ["json"]

    public init() {}

    /// The keys Facebook uses for media, in the order their file names are listed.
    static let mediaKeys = ["photos", "videos", "gifs", "files", "audio_files"]

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(16_384), as: UTF8.self)
        guard head.contains("\"sender_name\""), head.contains("\"timestamp_ms\""), head.contains("\"messages\"") else {
            return .no("no Messenger or Instagram messages with sender_name and timestamp_ms")
        }
        return Detection(confidence: 90, reason: "a Messenger or Instagram JSON download")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let root = try JSONDocument.object(input, expected: "a Messenger or Instagram message_1.json")
        guard let entries = root["messages"] as? [[String: Any]] else {
            throw .unreadableInput(Diagnostic(.error, file: file, "not a Messenger or Instagram JSON download"))
        }
        let spans =
            JSONArrayLocator.objectRanges(under: "messages", in: input.bytes).first { $0.count == entries.count } ?? []
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        for (position, entry) in entries.enumerated() {
            let span = position < spans.count ? spans[position] : 0..<0
            let (location, lastLine) = input.lines(of: span)
            guard let milliseconds = (entry["timestamp_ms"] as? NSNumber)?.int64Value else {
                diagnostics.append(
                    Diagnostic(.warning, file: file, at: location, "a message without timestamp_ms is not billed"))
                continue
            }
            let sender = MojibakeRepair.repair(entry["sender_name"] as? String ?? "")
            let content = MojibakeRepair.repair(entry["content"] as? String ?? "")
            let (kind, text) = Self.kindAndText(entry, content: content)
            messages.append(
                Message(
                    instant: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000),
                    timestampText: String(milliseconds), sender: sender, text: text, kind: kind, location: location,
                    lastLine: lastLine, byteRange: span))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no message with a time in this download"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            headerLines: input.lines(notCoveredBy: messages))
    }

    /// What a message is: unsent, a call (with its length), media only, or text.
    static func kindAndText(_ entry: [String: Any], content: String) -> (MessageKind, String) {
        if entry["is_unsent"] as? Bool == true { return (.deleted, content) }
        if entry["type"] as? String == "Call" || entry["call_duration"] != nil {
            let seconds = (entry["call_duration"] as? NSNumber)?.intValue ?? 0
            let length = seconds > 0 ? " (\(DurationText.format(seconds: seconds)))" : ""
            return (.call, (content.isEmpty ? "call" : content) + length)
        }
        var media = mediaKeys.flatMap { key in
            (entry[key] as? [[String: Any]] ?? []).compactMap { ($0["uri"] as? String).map(Self.lastComponent) }
        }
        if let sticker = (entry["sticker"] as? [String: Any])?["uri"] as? String {
            media.append(lastComponent(sticker))
        }
        if content.isEmpty, !media.isEmpty { return (.attachment, media.joined(separator: "\n")) }
        if let link = (entry["share"] as? [String: Any])?["link"] as? String, !content.contains(link) {
            return (.text, content.isEmpty ? link : content + "\n" + link)
        }
        return (.text, content)
    }

    private static func lastComponent(_ uri: String) -> String {
        uri.split(separator: "/").last.map(String.init) ?? uri
    }
}

/// Facebook's downloads escape each byte of a UTF-8 string as its own code point (`é` becomes
/// `\u00c3\u00a9`, read as `Ã©`). A string is repaired only when every character is below U+0100
/// and those code points, taken as bytes, are valid UTF-8 with at least one multi-byte sequence;
/// anything else (plain ASCII, text that is already right such as `“`) is left alone.
enum MojibakeRepair {
    static func repair(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var hasHighByte = false
        for scalar in text.unicodeScalars {
            guard scalar.value < 0x100 else { return text }
            if scalar.value >= 0x80 { hasHighByte = true }
            bytes.append(UInt8(scalar.value))
        }
        guard hasHighByte, let repaired = String(validating: bytes, as: UTF8.self) else { return text }
        return repaired
    }
}
