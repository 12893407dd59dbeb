import Foundation
import GRDB

/// Skype's classic history (`main.db`, the SQLite file Skype 7 and earlier kept per account),
/// read through SQLite, read-only, from a private copy so the user's file is never touched:
/// `Messages` (`timestamp` in UTC seconds, `author`, `from_dispname`, `type`, `body_xml`,
/// `edited_timestamp`) of the conversation `--chat` names among `Conversations`. Types follow
/// Skype's own: 61 text, 60 `/me`, 64 SMS, 68 file transfer, 201 picture, 30/39 call started and
/// ended (the length from `<duration>`), the rest system lines. A message's place is its row in
/// `Messages`.
public struct SkypeMainDBParser: TranscriptParser {
    public let name = "skype-db"
    public let displayName = "Skype classic history (main.db, Skype 7 and earlier)"
    public let fileExtensions = ["db"]

    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        guard probe.head.starts(with: Self.sqliteHeader) else { return .no("not an SQLite database") }
        let schema = String(decoding: probe.head, as: UTF8.self)
        guard schema.contains("CREATE TABLE Messages"), schema.contains("body_xml") else {
            return Detection(
                confidence: probe.fileName == "main.db" ? 30 : 0, reason: "an SQLite database without Skype's tables")
        }
        return Detection(confidence: 95, reason: "an SQLite database with Skype's Messages table")
    }

    /// One row of `Messages`.
    private struct MessageRow {
        let id: Int
        let conversation: Int
        let author: String
        let displayName: String
        let timestamp: Int
        let type: Int
        let body: String
        let isEdited: Bool
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        guard input.bytes.starts(with: Self.sqliteHeader) else {
            throw .unreadableInput(
                Diagnostic(.error, file: file, at: InputLocation(line: 1, column: 1), "not an SQLite database"))
        }
        let (conversations, rows, account) = try read(input)
        let withMessages = conversations.filter { conversation in rows.contains { $0.conversation == conversation.id } }
        guard !withMessages.isEmpty else {
            throw .unreadableInput(
                Diagnostic(
                    .error, file: file, at: InputLocation(line: 1, column: 1),
                    "no conversation with messages in this main.db"))
        }
        let chosen = withMessages[
            try ConversationChoice.index(among: withMessages.map(\.name), chosen: options.chat, file: file)]
        var messages: [Message] = []
        var accountSenders: [String] = []
        for row in rows where row.conversation == chosen.id {
            let sender = row.displayName.isEmpty ? row.author : row.displayName
            if row.author == account, accountSenders.isEmpty { accountSenders = [sender] }
            let (kind, text) = Self.kindAndText(row)
            messages.append(
                Message(
                    instant: Date(timeIntervalSince1970: TimeInterval(row.timestamp)),
                    timestampText: String(row.timestamp), sender: kind == .system ? "" : sender, text: text,
                    kind: kind, isEdited: row.isEdited, location: InputLocation(line: row.id, column: 1),
                    lastLine: row.id, byteRange: 0..<0))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: [], timeZone: options.timeZone,
            accountSenders: accountSenders, placesAreRowsOf: "Messages")
    }

    /// The conversations, every message row in time order, and the account's Skype name.
    private func read(_ input: InputFile) throws(ChatBillError) -> ([(id: Int, name: String)], [MessageRow], String?) {
        let copy = FileManager.default.temporaryDirectory.appending(path: "chatbill-skype-\(UUID().uuidString).db")
        defer { try? FileManager.default.removeItem(at: copy) }
        do {
            try Data(input.bytes).write(to: copy)
            var configuration = Configuration()
            configuration.readonly = true
            let database = try DatabaseQueue(path: copy.path, configuration: configuration)
            return try database.read { db in
                let conversations = try Row.fetchAll(
                    db, sql: "SELECT id, identity, displayname FROM Conversations ORDER BY id"
                ).map { row -> (id: Int, name: String) in
                    let names: [String?] = [row["displayname"], row["identity"]]
                    return (row["id"], names.compactMap { $0 }.first { !$0.isEmpty } ?? "(unnamed)")
                }
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, convo_id, author, from_dispname, timestamp, type, body_xml, edited_timestamp
                        FROM Messages ORDER BY timestamp, id
                        """
                ).map { row in
                    let edited: Int? = row["edited_timestamp"]
                    return MessageRow(
                        id: row["id"], conversation: row["convo_id"] ?? -1, author: row["author"] ?? "",
                        displayName: row["from_dispname"] ?? "", timestamp: row["timestamp"] ?? 0,
                        type: row["type"] ?? 0, body: row["body_xml"] ?? "", isEdited: (edited ?? 0) > 0)
                }
                let account =
                    try db.tableExists("Accounts")
                    ? try String.fetchOne(db, sql: "SELECT skypename FROM Accounts LIMIT 1") : nil
                return (conversations, rows, account)
            }
        } catch {
            throw .unreadableInput(
                Diagnostic(
                    .error, file: input.displayName, at: InputLocation(line: 1, column: 1),
                    "cannot be read as Skype's main.db (\(error))"))
        }
    }

    /// What a row is, by Skype's message type, and its text.
    private static func kindAndText(_ row: MessageRow) -> (MessageKind, String) {
        switch row.type {
        case 61, 60, 64:
            return (.text, HTMLText.plainText(ofFragment: row.body))
        case 68, 201:
            let name = HTMLText.plainText(ofFragment: row.body)
            return (.attachment, name.isEmpty ? "file" : name)
        case 30:
            return (.call, "call started")
        case 39:
            return (.call, SkypeCallMarkup.endedText(seconds: SkypeCallMarkup(row.body).seconds))
        default:
            return (.system, "event \(row.type)")
        }
    }
}
