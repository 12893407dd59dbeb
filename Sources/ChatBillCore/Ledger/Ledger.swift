import Foundation
import GRDB

/// The hours bank and time log: one SQLite file (WAL, foreign keys, migrations) in which every
/// command is one transaction. Prepaid blocks are drawn down by billable time in work-time
/// order; time beyond them is logged for an invoice. Recorded time is locked: later imports and
/// rule changes only ever add time not recorded before.
public final class Ledger: Sendable {
    public let path: String
    private let queue: DatabaseQueue

    /// Where the ledger lives unless `--ledger` or `CHATBILL_LEDGER` says otherwise:
    /// `$XDG_DATA_HOME/chatbill/ledger.sqlite`, else `~/.local/share/chatbill/ledger.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["CHATBILL_LEDGER"], !path.isEmpty { return path }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/chatbill/ledger.sqlite" }
        return (environment["HOME"] ?? ".") + "/.local/share/chatbill/ledger.sqlite"
    }

    /// Opens (creating when absent) the ledger at `path`, migrating an older one.
    ///
    /// - Throws: `ChatBillError.unreadableInput` for a file that is not a chatbill ledger (it is
    ///   left untouched).
    public init(path: String) throws(ChatBillError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if exists { try Self.check(path) }
        do {
            try FileManager.default.createDirectory(
                at: URL(filePath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(30)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try LedgerSchema.migrator.migrate(queue)
        } catch {
            throw .unreadableInput(Diagnostic(.error, file: path, "cannot open the ledger: \(error)"))
        }
    }

    /// Refuses a file that is not a chatbill ledger, without writing to it.
    private static func check(_ path: String) throws(ChatBillError) {
        let refusal = Diagnostic(
            .error, file: path,
            "is not a chatbill ledger (not SQLite, or SQLite of another program); it was left untouched — "
                + "give another path with --ledger")
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadableInput(Diagnostic(.error, file: path, "cannot read the ledger"))
        }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        if header.isEmpty { return }  // an empty file becomes a ledger
        guard header.count >= 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw .unreadableInput(refusal)
        }
        // The application id is the big-endian integer at offset 68 of the header.
        let id = header[68..<72].reduce(Int32(0)) { $0 << 8 | Int32($1) }
        guard id == LedgerSchema.applicationID else { throw .unreadableInput(refusal) }
    }

    /// Runs `body` in one write transaction; nothing of it is kept if it throws or the process
    /// dies before it returns.
    func write<T>(_ body: (Database) throws -> T) throws(ChatBillError) -> T {
        do {
            return try queue.write(body)
        } catch let error as ChatBillError {
            throw error
        } catch {
            throw .unreadableInput(Diagnostic(.error, file: path, "the ledger refused the change: \(error)"))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(ChatBillError) -> T {
        do {
            return try queue.read(body)
        } catch let error as ChatBillError {
            throw error
        } catch {
            throw .unreadableInput(Diagnostic(.error, file: path, "cannot read the ledger: \(error)"))
        }
    }

    /// Records an operation (the unit `undo` takes back) and returns its id.
    func operation(
        _ kind: String, _ summary: String, client: Int64?, rules: String? = nil, in db: Database
    ) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO operation (kind, createdAt, summary, rules, clientId) VALUES (?, ?, ?, ?, ?)",
            arguments: [kind, ISO8601DateFormatter().string(from: Date()), summary, rules, client])
        return db.lastInsertedRowID
    }

    /// The client with `key`.
    func clientID(_ key: String, in db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM client WHERE key = ?", arguments: [key]) else {
            let known = try String.fetchAll(db, sql: "SELECT key FROM client ORDER BY key")
            throw ChatBillError.needsChoice(
                Diagnostic(
                    .error, file: path,
                    "no client '\(key)' in the ledger; add it with `chatbill bank client add \(key)`"
                        + (known.isEmpty ? "" : " (the clients are \(known.joined(separator: ", ")))")))
        }
        return id
    }

    /// A test hook: with `CHATBILL_LEDGER_CRASH_AFTER=N` in the environment, the process dies
    /// abruptly after the Nth recorded row of an import, in the middle of its transaction.
    static let crashAfter = ProcessInfo.processInfo.environment["CHATBILL_LEDGER_CRASH_AFTER"].flatMap(Int.init)
}
