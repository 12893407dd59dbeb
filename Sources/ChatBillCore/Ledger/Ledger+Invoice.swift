import Foundation
import GRDB

extension Ledger {
    /// An invoice the ledger recorded.
    public struct Invoice: Sendable, Hashable {
        public let client: String
        public let through: String
        public let seconds: Int
        public let amountMinor: Int?
        public let currency: String?
    }

    /// Invoices a client's logged time through `through` (`YYYY-MM-DD`, inclusive): the time is
    /// locked to the invoice, so no later import or rule change bills it again.
    ///
    /// - Throws: `ChatBillError.needsChoice` when there is nothing to invoice.
    public func invoice(client key: String, through: String) throws(ChatBillError) -> Invoice {
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
            let operation = try operation(
                "invoice", "invoiced \(DurationText.format(seconds: seconds)) of \(key) through \(through)",
                client: client,
                in: db)
            try db.execute(
                sql:
                    "INSERT INTO invoice (clientId, through, seconds, amountMinor, currency, operationId) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [client, through, seconds, amount, row["currency"] as String?, operation])
            let invoice = db.lastInsertedRowID
            try db.execute(
                sql: """
                    UPDATE entry SET invoiceId = ?
                    WHERE clientId = ? AND depositId IS NULL AND invoiceId IS NULL AND date <= ?
                    """, arguments: [invoice, client, through])
            return Invoice(
                client: key, through: through, seconds: seconds, amountMinor: amount, currency: row["currency"])
        }
    }

    /// Takes back the last operation (an import, invoice, deposit or added client); there is
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
