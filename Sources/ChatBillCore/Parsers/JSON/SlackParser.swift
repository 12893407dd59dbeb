import Foundation

/// A Slack workspace export (the folder, or its `.zip`): `users.json`, `channels.json` (and
/// `groups.json`, `dms.json`, `mpims.json`), and a folder per channel with one `YYYY-MM-DD.json`
/// per day. `--chat` (or `--channel`) picks the channel; its day files read as one chat, so a
/// session can run from one day file into the next. `ts` is UTC; user ids become names through
/// `users.json`; `<@U…>` mentions, `<#C…|name>` channels and `<url|label>` links are written out;
/// joins, topics and bots are system lines; file shares without text are attachments.
public struct SlackParser: TranscriptParser {
    public let name = "slack"
    public let displayName = "Slack workspace export (folder or .zip)"
    public let fileExtensions = ["zip"]

    /// The workspace files that name users and channels.
    static let metadataFiles = ["users.json", "channels.json", "groups.json", "dms.json", "mpims.json"]
    /// Message subtypes that are the app's lines, not a person's.
    static let systemSubtypes: Set<String> = [
        "bot_message", "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name",
        "channel_archive", "channel_unarchive", "group_join", "group_leave", "group_topic", "group_purpose",
        "group_name", "pinned_item", "unpinned_item", "bot_add", "bot_remove", "message_changed", "message_deleted",
        "tombstone",
    ]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        .no("a Slack export is a folder or .zip of day files; give the folder or the .zip")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        throw .needsChoice(
            Diagnostic(
                .error, file: input.displayName,
                "one file of a Slack export cannot be read alone; give the export's folder or .zip"))
    }
}

extension SlackParser: FolderTranscriptParser {
    /// `users.json` and the other workspace files at the export's top, then every channel's day
    /// files in channel and date order.
    public func members(of listing: [String]) -> [String] {
        let roots = listing.filter { $0 == "users.json" || $0.hasSuffix("/users.json") }
            .map { String($0.dropLast("users.json".count)) }
            .sorted { $0.count < $1.count }
        guard let root = roots.first else { return [] }
        let metadata = Self.metadataFiles.map { root + $0 }.filter(listing.contains)
        let days = listing.filter { path in
            guard path.hasPrefix(root) else { return false }
            let parts = path.dropFirst(root.count).split(separator: "/")
            return parts.count == 2 && Self.isDayFileName(parts[1])
        }
        guard metadata.contains(root + "channels.json") || metadata.count > 1, !days.isEmpty else { return [] }
        return metadata + days.sorted()
    }

    /// `2016-02-07.json`.
    static func isDayFileName(_ name: Substring) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 15, name.hasSuffix(".json") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { bytes[$0] &- 0x30 < 10 } && bytes[4] == 0x2D && bytes[7] == 0x2D
    }

    public func parse(_ inputs: [InputFile], options: ParseOptions) throws(ChatBillError) -> Transcript {
        let metadata = inputs.filter { Self.metadataFiles.contains($0.fileName) }
        guard let first = inputs.first else {
            throw .unreadableInput(Diagnostic(.error, file: "", "no file in this Slack export"))
        }
        var users: [String: String] = [:]
        for input in metadata where input.fileName == "users.json" {
            for user in try JSONDocument.parse(input) as? [[String: Any]] ?? [] {
                guard let id = user["id"] as? String else { continue }
                let profile = user["profile"] as? [String: Any] ?? [:]
                users[id] =
                    [user["real_name"], profile["real_name"], profile["display_name"], user["name"]]
                    .compactMap { $0 as? String }.first { !$0.isEmpty } ?? id
            }
        }
        var channelNames: [String: String] = [:]
        for input in metadata where input.fileName != "users.json" {
            for channel in try JSONDocument.parse(input) as? [[String: Any]] ?? [] {
                if let id = channel["id"] as? String, let name = channel["name"] as? String { channelNames[id] = name }
            }
        }
        // The channels are the folders of the day files, in the order the export lists them.
        let dayFiles = inputs.filter { !Self.metadataFiles.contains($0.fileName) }
        var channels: [String] = []
        for input in dayFiles where !channels.contains(Self.channel(of: input)) {
            channels.append(Self.channel(of: input))
        }
        guard !channels.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: first.displayName, "no channel day files in this export"))
        }
        let chosen = channels[
            try ConversationChoice.index(among: channels, chosen: options.chat, file: first.displayName)]
        let read = metadata + dayFiles.filter { Self.channel(of: $0) == chosen }
        let text = SlackText(users: users, channels: channelNames)
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        var headerLinesByFile: [[Int]] = []
        for (index, input) in read.enumerated() {
            guard !Self.metadataFiles.contains(input.fileName) else {
                headerLinesByFile.append(input.lines.lineCount > 0 ? Array(1...input.lines.lineCount) : [])
                continue
            }
            let entries = try JSONDocument.parse(input) as? [[String: Any]] ?? []
            let spans = JSONArrayLocator.topLevelObjectRanges(in: input.bytes)
            var fileMessages: [Message] = []
            for (position, entry) in entries.enumerated() {
                let span = spans.count == entries.count ? spans[position] : 0..<0
                let (location, lastLine) = input.lines(of: span)
                guard let stamp = entry["ts"] as? String, let seconds = Double(stamp) else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: input.displayName, at: location, "a message without ts is not billed"))
                    continue
                }
                let (kind, sender, body) = Self.read(entry, users: users, text: text)
                fileMessages.append(
                    Message(
                        instant: Date(timeIntervalSince1970: seconds), timestampText: stamp, sender: sender,
                        text: body, kind: kind, isEdited: entry["edited"] != nil, location: location,
                        lastLine: lastLine, byteRange: span, file: index))
            }
            headerLinesByFile.append(input.lines(notCoveredBy: fileMessages))
            messages += fileMessages
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: first.displayName, "no dated message in #\(chosen)"))
        }
        return Transcript(
            input: read[0], parserName: name, messages: messages, diagnostics: diagnostics,
            timeZone: options.timeZone, inputs: read, headerLinesByFile: headerLinesByFile)
    }

    /// The channel folder of a day file.
    static func channel(of input: InputFile) -> String {
        let parts = input.displayName.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : ""
    }

    /// What a message is, who wrote it, and its text with mentions and links written out.
    static func read(
        _ entry: [String: Any], users: [String: String], text: SlackText
    ) -> (
        MessageKind, sender: String, text: String
    ) {
        let subtype = entry["subtype"] as? String ?? ""
        let body = text.readable(entry["text"] as? String ?? "")
        let profileName = ((entry["user_profile"] as? [String: Any])?["real_name"] as? String).flatMap {
            $0.isEmpty ? nil : $0
        }
        let sender = (entry["user"] as? String).map { users[$0] ?? profileName ?? $0 } ?? profileName ?? ""
        if systemSubtypes.contains(subtype) || entry["hidden"] as? Bool == true {
            let bot = entry["username"] as? String ?? (entry["bot_profile"] as? [String: Any])?["name"] as? String
            let fallback = (entry["attachments"] as? [[String: Any]] ?? []).compactMap { $0["fallback"] as? String }
            let shown = [body] + fallback.map(text.readable)
            return (
                .system, "",
                [bot.map { "\($0):" }, shown.filter { !$0.isEmpty }.joined(separator: "\n")]
                    .compactMap { $0 }.joined(separator: " ")
            )
        }
        let files = (entry["files"] as? [[String: Any]] ?? []).compactMap { ($0["name"] ?? $0["title"]) as? String }
        if !files.isEmpty, body.isEmpty || subtype == "file_share" && body.hasSuffix("uploaded a file") {
            return (.attachment, sender, files.joined(separator: "\n"))
        }
        return (.text, sender, body)
    }
}

/// Slack's message markup made readable: `<@U123>` → `@Name`, `<#C123|general>` → `#general`,
/// `<!here>` → `@here`, `<https://x|label>` → `label (https://x)`, and `&amp;`, `&lt;`, `&gt;`.
struct SlackText {
    let users: [String: String]
    let channels: [String: String]

    func readable(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            result += rest[..<open]
            result += link(rest[rest.index(after: open)..<close])
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private func link(_ inner: Substring) -> String {
        let parts = inner.split(separator: "|", maxSplits: 1).map(String.init)
        let target = parts.first ?? ""
        let label = parts.count > 1 ? parts[1] : nil
        if target.hasPrefix("@") {
            return "@" + (label ?? users[String(target.dropFirst())] ?? String(target.dropFirst()))
        }
        if target.hasPrefix("#") {
            return "#" + (label ?? channels[String(target.dropFirst())] ?? String(target.dropFirst()))
        }
        if target.hasPrefix("!") {
            return "@" + (label ?? String(target.dropFirst().split(separator: "^").first ?? ""))
        }
        guard let label, label != target else { return target }
        return "\(label) (\(target))"
    }
}
