import Foundation

/// Reads a Telegram `result.json` in blocks, message object by message object, with the same
/// readings as `TelegramJSONParser.parse` (a test holds the two together) and without keeping a
/// message: what billing needs goes on as each object ends. A single chat is read in one pass; a
/// whole-account export (`chats.list`, `left_chats.list`) in two, the first to learn the chats'
/// names so that `--chat` can choose, the second to read the chosen chat.
struct TelegramJSONStream {
    /// What an open object or array is in the export.
    enum Role {
        case root, chats, chatList, chat, messages
    }

    /// An open object or array: its role, whether its first member is still to come, and the
    /// chat (by its place among the export's chat objects, the root being 0) it belongs to.
    struct Container {
        let role: Role
        let isObject: Bool
        var first = true
        let chat: Int
    }

    /// A chat object as the first pass saw it.
    struct Chat {
        var name: String?
        var messages = 0
    }

    /// What a message object says that billing needs.
    struct Fields {
        var isService = false
        var date: Range<Int>?
        var unixTime: Int?
        var from: (range: Range<Int>, escaped: Bool)?
        var actor: (range: Range<Int>, escaped: Bool)?
        var isCall = false
        var hasText = false
        var hasMedia = false
    }

    /// A message as read: its fields and its lines.
    struct Read {
        let fields: Fields
        let location: InputLocation
        let lastLine: Int
    }

    let file: String
    /// The chat whose messages are handed on (by its place among chat objects); nil hands on none.
    let chosen: Int?
    private var stack: [Container] = []
    private var isDone = false
    /// Every chat object so far, in document order (the root first, a chat only if it has
    /// messages).
    private(set) var chats: [Chat] = [Chat()]
    /// Where reading starts again: a file offset, its line and the offset of that line's start.
    private(set) var resume = (offset: 0, line: 1, lineStart: 0)
    private(set) var error: ChatBillError?

    init(file: String, chosen: Int?) {
        self.file = file
        self.chosen = chosen
    }

    /// Whether the start of a document (`head`) is a single chat whose `messages` begin there:
    /// then one pass reads it. A whole-account export (`chats`) needs the first pass too.
    static func isSingleChat(_ head: [UInt8]) -> Bool {
        var stream = TelegramJSONStream(file: "", chosen: nil)
        head.withUnsafeBufferPointer { bytes in stream.read(bytes, base: 0, isLast: false) { _, _ in } }
        return stream.error == nil && stream.chats.count == 1
            && (stream.chats[0].messages > 0
                || stream.stack.last?.role == .messages)
    }

    /// The chats with messages, as `parse` lists them to choose from: (place, name).
    var chatsWithMessages: [(place: Int, name: String)] {
        chats.indices.filter { chats[$0].messages > 0 }.map { ($0, chats[$0].name ?? "(unnamed)") }
    }

    /// Reads what `bytes` (file offset `base`) hold from the resume point on, handing each
    /// message of the chosen chat to `emit` with the bytes it is in; stops at the first
    /// incomplete value (to go on with the next block) or error.
    mutating func read(
        _ bytes: UnsafeBufferPointer<UInt8>, base: Int, isLast: Bool,
        emit: (Read, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard error == nil else { return }
        var cursor = JSONCursor(
            bytes: bytes, index: resume.offset - base, line: resume.line, lineStart: resume.lineStart - base)
        // The stack as it was at the resume point: a step cut short by the block's end is undone.
        var saved = stack
        func save() {
            resume = (base + cursor.index, cursor.line, base + cursor.lineStart)
            saved = stack
        }
        do throws(JSONCursor.Stop) {
            while true {
                if isDone {
                    guard (try? cursor.skipSpace()) == nil else {
                        throw JSONCursor.Stop.malformed("nothing after the end of the export")
                    }
                    save()
                    return
                }
                guard let top = stack.last else {
                    if resume.offset == 0, cursor.bytes.count - cursor.index >= 3, cursor.bytes[cursor.index] == 0xEF,
                        cursor.bytes[cursor.index + 1] == 0xBB, cursor.bytes[cursor.index + 2] == 0xBF
                    {
                        cursor.index += 3
                    }
                    try cursor.expect(0x7B, "'{' (the start of a Telegram export)")
                    stack.append(Container(role: .root, isObject: true, chat: 0))
                    save()
                    continue
                }
                if try cursor.take(top.isObject ? 0x7D : 0x5D) {
                    stack.removeLast()
                    isDone = stack.isEmpty
                    save()
                    continue
                }
                if !top.first { try cursor.expect(0x2C, top.isObject ? "',' or '}'" : "',' or ']'") }
                stack[stack.count - 1].first = false
                if top.isObject {
                    try member(of: top, &cursor)
                } else if top.role == .messages {
                    try cursor.skipSpace()
                    let location = InputLocation(line: cursor.line, column: cursor.column)
                    guard top.chat == chosen else {
                        try cursor.skipValue()
                        chats[top.chat].messages += 1
                        save()
                        continue
                    }
                    let fields = try Self.message(&cursor)
                    chats[top.chat].messages += 1
                    save()
                    emit(Read(fields: fields, location: location, lastLine: cursor.line), bytes)
                    continue
                } else if top.role == .chatList, try cursor.peek() == 0x7B {
                    cursor.index += 1
                    chats.append(Chat())
                    stack.append(Container(role: .chat, isObject: true, chat: chats.count - 1))
                } else {
                    try cursor.skipValue()
                }
                save()
            }
        } catch {
            stack = saved
            switch error {
            case .incomplete:
                guard isLast else { return }
                self.error = .unreadableInput(
                    Diagnostic(
                        .error, file: file, at: InputLocation(line: cursor.line, column: cursor.column),
                        "the JSON is cut short here: the file ends inside "
                            + (stack.last?.role == .messages ? "the list of messages" : "the export's frame")))
            case .malformed(let expected):
                self.error = .unreadableInput(
                    Diagnostic(
                        .error, file: file, at: InputLocation(line: cursor.line, column: cursor.column),
                        "not Telegram's result.json: \(expected)"))
            }
        }
    }

    /// Reads one `"key": value` of the object `container`, opening the containers the export's
    /// chats and messages are in and stepping over every other value.
    private mutating func member(of container: Container, _ cursor: inout JSONCursor) throws(JSONCursor.Stop) {
        let key = try cursor.string().range
        try cursor.expect(0x3A, "':'")
        let next = try cursor.peek()
        let isChat = container.role == .root || container.role == .chat
        if isChat, next == 0x5B, cursor.range(key, is: "messages") {
            cursor.index += 1
            stack.append(Container(role: .messages, isObject: false, chat: container.chat))
        } else if isChat, next == 0x22, cursor.range(key, is: "name") {
            chats[container.chat].name = String(decoding: cursor.decoded(try cursor.string().range), as: UTF8.self)
        } else if container.role == .root, next == 0x7B,
            cursor.range(key, is: "chats") || cursor.range(key, is: "left_chats")
        {
            cursor.index += 1
            stack.append(Container(role: .chats, isObject: true, chat: 0))
        } else if container.role == .chats, next == 0x5B, cursor.range(key, is: "list") {
            cursor.index += 1
            stack.append(Container(role: .chatList, isObject: false, chat: 0))
        } else {
            try cursor.skipValue()
        }
    }

    /// Reads one message object (the cursor at its `{`).
    private static func message(_ cursor: inout JSONCursor) throws(JSONCursor.Stop) -> Fields {
        try cursor.expect(0x7B, "'{' (a message)")
        var fields = Fields()
        if try cursor.take(0x7D) { return fields }
        repeat {
            let key = try cursor.string().range
            try cursor.expect(0x3A, "':'")
            let next = try cursor.peek()
            if cursor.range(key, is: "type") {
                if next == 0x22 {
                    fields.isService = cursor.range(try cursor.string().range, is: "service")
                } else {
                    try cursor.skipValue()
                }
            } else if cursor.range(key, is: "date"), next == 0x22 {
                fields.date = try cursor.string().range
            } else if cursor.range(key, is: "date_unixtime") {
                fields.unixTime = cursor.integer(next == 0x22 ? try cursor.string().range : try cursor.scalar())
            } else if cursor.range(key, is: "from"), next == 0x22 {
                fields.from = try cursor.string()
            } else if cursor.range(key, is: "actor"), next == 0x22 {
                fields.actor = try cursor.string()
            } else if cursor.range(key, is: "action"), next == 0x22 {
                let action = try cursor.string().range
                fields.isCall = cursor.range(action, is: "phone_call") || cursor.range(action, is: "group_call")
            } else if cursor.range(key, is: "text") {
                fields.hasText = try hasText(&cursor)
            } else if cursor.range(key, is: "media_type") || cursor.range(key, is: "photo")
                || cursor.range(key, is: "file")
            {
                fields.hasMedia = true
                try cursor.skipValue()
            } else {
                try cursor.skipValue()
            }
        } while try cursor.take(0x2C)
        try cursor.expect(0x7D, "',' or '}' in a message")
        return fields
    }

    /// Whether `text` (a string, or a list of strings and entities with `text`) says anything.
    private static func hasText(_ cursor: inout JSONCursor) throws(JSONCursor.Stop) -> Bool {
        switch try cursor.peek() {
        case 0x22: return !(try cursor.string().range.isEmpty)
        case 0x5B:
            cursor.index += 1
            var any = false
            if try cursor.take(0x5D) { return false }
            repeat {
                switch try cursor.peek() {
                case 0x22: any = !(try cursor.string().range.isEmpty) || any
                case 0x7B:
                    cursor.index += 1
                    if try cursor.take(0x7D) { break }
                    repeat {
                        let key = try cursor.string().range
                        try cursor.expect(0x3A, "':'")
                        if cursor.range(key, is: "text"), try cursor.peek() == 0x22 {
                            any = !(try cursor.string().range.isEmpty) || any
                        } else {
                            try cursor.skipValue()
                        }
                    } while try cursor.take(0x2C)
                    try cursor.expect(0x7D, "',' or '}' in a text entity")
                default: try cursor.skipValue()
                }
            } while try cursor.take(0x2C)
            try cursor.expect(0x5D, "',' or ']' in a text")
            return any
        default:
            try cursor.skipValue()
            return false
        }
    }
}

extension TelegramJSONParser: StreamingTranscriptParser {
    /// Reads the file in blocks, hashing it as it goes, building a String only once per distinct
    /// sender: in one pass for a single chat, else in two (see `TelegramJSONStream`).
    public func stream(
        path: String, options: ParseOptions, blockSize: Int, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary {
        let file = try BlockReader(path: path, blockSize: blockSize)
        var chosen = 0
        if !TelegramJSONStream.isSingleChat(try InputFile.head(path: path)) {
            var names = TelegramJSONStream(file: path, chosen: nil)
            _ = try file.forEachBlock { block in
                names.read(block.bytes, base: block.base, isLast: block.isLast) { _, _ in }
                return BlockReader.Progress(keepFrom: names.resume.offset, lastLine: block.lastLineNumber)
            }
            if let error = names.error { throw error }
            let listed = names.chatsWithMessages
            guard !listed.isEmpty else {
                throw .unreadableInput(Diagnostic(.error, file: path, "no chat with messages in this Telegram export"))
            }
            chosen =
                listed[try ConversationChoice.index(among: listed.map(\.name), chosen: options.chat, file: path)]
                .place
        }
        var stream = TelegramJSONStream(file: path, chosen: chosen)
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        let layout = TimestampLayout("YYYY-MM-DDTHH:mm:ss")!
        var senders = SenderNames()
        var tally = SenderTally()
        var diagnostics: [Diagnostic] = []
        var count = 0
        /// The sender's id; a missing name (a deleted account) is the empty name, as in `parse`.
        func intern(_ name: (range: Range<Int>, escaped: Bool)?, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            guard let name, name.escaped else { return senders.intern(bytes, name?.range ?? 0..<0) }
            let decoded = JSONCursor(bytes: bytes, index: 0, line: 0, lineStart: 0).decoded(name.range)
            return decoded.withUnsafeBufferPointer { senders.intern($0, 0..<$0.count) }
        }
        let totals = try file.forEachBlock(hashing: true) { block in
            stream.read(block.bytes, base: block.base, isLast: block.isLast) { read, bytes in
                let fields = read.fields
                let instant: Date
                if let unix = fields.unixTime {
                    instant = Date(timeIntervalSince1970: Double(unix))
                } else if let date = fields.date, let civil = layout.read(bytes, date)?.0 {
                    instant = resolver.instant(of: civil).instant
                } else {
                    let text = fields.date.map { bytes.string($0) } ?? ""
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: path, at: read.location,
                            "'\(text)' is not a date; the message is not billed"))
                    return
                }
                let kind: MessageKind
                var senderID = -1
                if fields.isService {
                    kind = fields.isCall ? .call : .system
                    if fields.isCall { senderID = intern(fields.actor, bytes) }
                } else {
                    kind = !fields.hasText && fields.hasMedia ? .attachment : .text
                    senderID = intern(fields.from, bytes)
                }
                let sender = senderID >= 0 ? senders.names[senderID] : ""
                if senderID >= 0 { tally.add(id: senderID, name: sender) }
                count += 1
                consume(
                    MessageEvent(
                        instant: instant, sender: sender, senderID: senderID, kind: kind, line: read.location.line,
                        lastLine: read.lastLine))
            }
            return BlockReader.Progress(keepFrom: stream.resume.offset, lastLine: block.lastLineNumber)
        }
        if let error = stream.error { throw error }
        guard count > 0 else {
            throw .unreadableInput(
                Diagnostic(.error, file: path, "no dated message in '\(stream.chats[chosen].name ?? "(unnamed)")'"))
        }
        return TranscriptSummary(
            file: file.exportFile(totals),
            parserName: name, messageCount: count, diagnostics: diagnostics, timeZone: options.timeZone,
            senders: tally.senders)
    }
}
