import Foundation
import GRDB

extension Ledger {
    /// A stretch of recorded time.
    public struct TimeSpan: Sendable, Hashable {
        public let start: Date
        public let end: Date
        /// The local day it was recorded on, `YYYY-MM-DD`.
        public let date: String

        public var seconds: Double { end.timeIntervalSince(start) }
    }

    /// An invoice the ledger recorded, with what it bills and where that time came from.
    public struct Invoice: Sendable, Hashable {
        public let number: Int64
        public let client: String
        public let through: String
        public let seconds: Int
        public let amountMinor: Int?
        public let currency: String?
        /// The logged time it bills, in time order.
        public let spans: [TimeSpan]
        /// The exports of the imports that recorded that time and its messages, each path once
        /// with the SHA-256 it had at its last import.
        public let exports: [RecordedExport]
        /// The rules of those imports, in plain words.
        public let rules: [String]
    }

    /// Invoices a client's logged time through `through` (`YYYY-MM-DD`, inclusive): the time is
    /// locked to the invoice, so no later import or rule change bills it again. `then` runs in
    /// the same transaction once the invoice is recorded (to write its evidence and time
    /// entries) and returns references to what it wrote, which the history keeps; if it throws,
    /// nothing is recorded.
    ///
    /// - Throws: `ChatBillError.needsChoice` when there is nothing to invoice; what `then` throws.
    @discardableResult
    public func invoice(
        client key: String, through: String, then: (Invoice) throws(ChatBillError) -> [String] = { _ in [] }
    ) throws(ChatBillError) -> Invoice {
        try write { db in
            let client = try clientID(key, in: db)
            let seconds = Int(
                (try Double.fetchOne(
                    db,
                    sql: """
                        SELECT SUM(end - start) FROM entry
                        WHERE clientId = ? AND depositId IS NULL AND invoiceId IS NULL AND date <= ?
                        """, arguments: [client, through]) ?? 0).rounded())
            guard seconds > 0 else {
                throw ChatBillError.needsChoice(
                    Diagnostic(.error, file: path, "'\(key)' has no logged time through \(through) to invoice"))
            }
            let row = try Row.fetchOne(
                db, sql: "SELECT rateMinor, currency FROM client WHERE id = ?", arguments: [client])!
            let rate: Int? = row["rateMinor"]
            let amount = rate.map { (seconds * $0 + 1800) / 3600 }
            let operation = try operation("invoice", "", client: client, in: db)
            try db.execute(
                sql:
                    "INSERT INTO invoice (clientId, through, seconds, amountMinor, currency, operationId) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [client, through, seconds, amount, row["currency"] as String?, operation])
            let number = db.lastInsertedRowID
            try db.execute(
                sql: """
                    UPDATE entry SET invoiceId = ?
                    WHERE clientId = ? AND depositId IS NULL AND invoiceId IS NULL AND date <= ?
                    """, arguments: [number, client, through])
            let invoice = try Self.invoice(number, in: db)
            let references = try then(invoice)
            try db.execute(
                sql: "UPDATE operation SET summary = ? WHERE id = ?",
                arguments: [
                    "#\(number), \(DurationText.format(seconds: seconds)) of \(key) through \(through)"
                        + references.map { "; \($0)" }.joined(),
                    operation,
                ])
            return invoice
        }
    }

    /// Invoice `number` of `client`, as it was recorded (to write its evidence again).
    public func invoice(client key: String, number: Int64) throws(ChatBillError) -> Invoice {
        try read { db in
            let client = try clientID(key, in: db)
            guard
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM invoice WHERE id = ? AND clientId = ?", arguments: [number, client]) != nil
            else {
                let numbers = try Int64.fetchAll(
                    db, sql: "SELECT id FROM invoice WHERE clientId = ? ORDER BY id", arguments: [client])
                throw ChatBillError.needsChoice(
                    Diagnostic(
                        .error, file: path,
                        "'\(key)' has no invoice \(number)"
                            + (numbers.isEmpty
                                ? "" : " (its invoices are \(numbers.map(String.init).joined(separator: ", ")))")))
            }
            return try Self.invoice(number, in: db)
        }
    }

    /// Invoice `number` with its spans, exports and rules.
    private static func invoice(_ number: Int64, in db: Database) throws -> Invoice {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT c.id AS clientId, c.key, i.through, i.seconds, i.amountMinor, i.currency
                FROM invoice i JOIN client c ON c.id = i.clientId WHERE i.id = ?
                """, arguments: [number])!
        let spans = try Row.fetchAll(
            db, sql: "SELECT start, end, date FROM entry WHERE invoiceId = ? ORDER BY start", arguments: [number]
        ).map {
            TimeSpan(
                start: Date(timeIntervalSince1970: $0["start"]), end: Date(timeIntervalSince1970: $0["end"]),
                date: $0["date"])
        }
        // The imports that recorded the time, and those that recorded messages around it (a
        // session's first messages may have come with an earlier export).
        let day = 86_400.0
        let exports = try Row.fetchAll(
            db,
            sql: """
                SELECT path, sha256 FROM source WHERE operationId IN (SELECT operationId FROM entry WHERE invoiceId = ?)
                    OR operationId IN (SELECT operationId FROM message WHERE clientId = ? AND instant BETWEEN ? AND ?)
                ORDER BY id
                """,
            arguments: [
                number, row["clientId"], (spans.first?.start.timeIntervalSince1970 ?? 0) - day,
                (spans.last?.end.timeIntervalSince1970 ?? 0) + day,
            ]
        ).map { RecordedExport(path: $0["path"], sha256: $0["sha256"]) }
        var latest: [RecordedExport] = []
        for export in exports {
            latest.removeAll { $0.path == export.path }
            latest.append(export)
        }
        let rules = try String.fetchAll(
            db,
            sql: """
                SELECT rules FROM operation WHERE rules IS NOT NULL
                    AND id IN (SELECT operationId FROM entry WHERE invoiceId = ?) ORDER BY id
                """, arguments: [number])
        return Invoice(
            number: number, client: row["key"], through: row["through"], seconds: row["seconds"],
            amountMinor: row["amountMinor"], currency: row["currency"], spans: spans, exports: latest,
            rules: rules.reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
    }

    /// Takes back the last operation (an import, invoice, rule change, deposit or added client); there is
    /// never anything later that depends on it. Returns what was undone.
    public func undo() throws(ChatBillError) -> String {
        try write { db in
            guard
                let last = try Row.fetchOne(db, sql: "SELECT id, kind, summary FROM operation ORDER BY id DESC LIMIT 1")
            else { throw ChatBillError.needsChoice(Diagnostic(.error, file: path, "the ledger has nothing to undo")) }
            let id: Int64 = last["id"]
            try db.execute(
                sql:
                    "UPDATE entry SET invoiceId = NULL WHERE invoiceId IN (SELECT id FROM invoice WHERE operationId = ?)",
                arguments: [id])
            try db.execute(sql: "DELETE FROM operation WHERE id = ?", arguments: [id])
            return "\(last["kind"] as String): \(last["summary"] as String)"
        }
    }
}
