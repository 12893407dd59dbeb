import Foundation
import GRDB

extension Ledger {
    /// A prepaid block and what is left of it.
    public struct Block: Sendable, Hashable {
        public let date: String
        public let expires: String?
        public let seconds: Int
        public let usedSeconds: Int
        public var remainingSeconds: Int { seconds - usedSeconds }
    }

    /// Where a client stands.
    public struct ClientStatus: Sendable {
        public let key: String
        public let name: String
        public let blocks: [Block]
        /// Logged time not invoiced yet.
        public let unbilledSeconds: Int
        public let thresholdSeconds: Int?
        public let rateMinor: Int?
        public let currency: String?

        /// Remaining time of the blocks still usable on `today`.
        public func remainingSeconds(on today: String) -> Int {
            blocks.filter { $0.expires.map { $0 >= today } ?? true }.reduce(0) { $0 + $1.remainingSeconds }
        }

        /// Time left unused in blocks that expired before `today`: reported, never used.
        public func expiredSeconds(on today: String) -> Int {
            blocks.filter { $0.expires.map { $0 < today } ?? false }.reduce(0) { $0 + $1.remainingSeconds }
        }

        public var prepaidSeconds: Int { blocks.reduce(0) { $0 + $1.seconds } }
        public var usedSeconds: Int { blocks.reduce(0) { $0 + $1.usedSeconds } }

        /// Whether unbilled time has reached the invoicing threshold.
        public var isDue: Bool { thresholdSeconds.map { unbilledSeconds >= $0 && unbilledSeconds > 0 } ?? false }

        /// The price of the unbilled time at the client's rate.
        public var unbilledAmount: Int? {
            rateMinor.map { (unbilledSeconds * $0 + 1800) / 3600 }
        }
    }

    /// Every client's status (or one's), by key.
    public func status(client key: String? = nil) throws(ChatBillError) -> [ClientStatus] {
        try read { db in
            var sql = "SELECT id, key, name, thresholdSeconds, rateMinor, currency FROM client"
            var arguments: StatementArguments = []
            if let key {
                _ = try clientID(key, in: db)
                sql += " WHERE key = ?"
                arguments = [key]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY key", arguments: arguments).map { client in
                let id: Int64 = client["id"]
                let blocks = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT d.date, d.expires, d.seconds, IFNULL((SELECT SUM(e.end - e.start) FROM entry e
                            WHERE e.depositId = d.id), 0) AS used
                        FROM deposit d WHERE d.clientId = ? ORDER BY IFNULL(d.expires, '9999-12-31'), d.date, d.id
                        """, arguments: [id]
                ).map {
                    Block(
                        date: $0["date"], expires: $0["expires"], seconds: $0["seconds"],
                        usedSeconds: Int(($0["used"] as Double).rounded()))
                }
                let unbilled =
                    try Double.fetchOne(
                        db,
                        sql:
                            "SELECT SUM(end - start) FROM entry WHERE clientId = ? AND depositId IS NULL AND invoiceId IS NULL",
                        arguments: [id]) ?? 0
                return ClientStatus(
                    key: client["key"], name: client["name"], blocks: blocks, unbilledSeconds: Int(unbilled.rounded()),
                    thresholdSeconds: client["thresholdSeconds"], rateMinor: client["rateMinor"],
                    currency: client["currency"])
            }
        }
    }

    /// One line of a client's history.
    public struct HistoryLine: Sendable, Hashable {
        public let when: String
        public let kind: String
        public let text: String
    }

    /// Every deposit, import (with the rules it used and what it drew or logged) and invoice of
    /// a client, in the order they were recorded.
    public func history(client key: String) throws(ChatBillError) -> [HistoryLine] {
        try read { db in
            let client = try clientID(key, in: db)
            let operations = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.id, o.kind, o.createdAt, o.summary, o.rules FROM operation o
                    WHERE o.clientId = ? OR o.id = (SELECT operationId FROM client WHERE id = ?)
                    ORDER BY o.id
                    """, arguments: [client, client])
            return try operations.map { row in
                let id: Int64 = row["id"]
                var text: String = row["summary"]
                if row["kind"] as String == "import" {
                    let drawn =
                        try Double.fetchOne(
                            db,
                            sql: "SELECT SUM(end - start) FROM entry WHERE operationId = ? AND depositId IS NOT NULL",
                            arguments: [id]) ?? 0
                    let logged =
                        try Double.fetchOne(
                            db, sql: "SELECT SUM(end - start) FROM entry WHERE operationId = ? AND depositId IS NULL",
                            arguments: [id]) ?? 0
                    text +=
                        "; drew \(DurationText.format(seconds: Int(drawn.rounded()))) prepaid, logged "
                        + "\(DurationText.format(seconds: Int(logged.rounded())))"
                    if let rules = row["rules"] as String? { text += "; rules: \(rules)" }
                }
                return HistoryLine(when: row["createdAt"], kind: row["kind"], text: text)
            }
        }
    }
}
