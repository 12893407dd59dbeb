import Foundation
import GRDB

extension Ledger {
    /// Adds a client: the key commands name it by, its name, the unbilled time at which an
    /// invoice is due, and its hourly rate for logged time.
    public func addClient(
        key: String, name: String? = nil, thresholdSeconds: Int? = nil, rateMinor: Int? = nil, currency: Currency? = nil
    ) throws(ChatBillError) {
        try write { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM client WHERE key = ?", arguments: [key]) == nil else {
                throw ChatBillError.needsChoice(
                    Diagnostic(.error, file: path, "the ledger already has a client '\(key)'"))
            }
            let operation = try operation("client", "added client \(key)", client: nil, in: db)
            try db.execute(
                sql: """
                    INSERT INTO client (key, name, thresholdSeconds, rateMinor, currency, operationId)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [key, name ?? key, thresholdSeconds, rateMinor, currency?.code, operation])
        }
    }

    /// Records a prepaid block of `seconds` for `client`, bought on `date` (`YYYY-MM-DD`), usable
    /// until `expires` when given.
    public func deposit(
        client key: String, seconds: Int, date: String, expires: String? = nil, priceMinor: Int? = nil,
        currency: Currency? = nil, note: String? = nil
    ) throws(ChatBillError) {
        guard seconds > 0 else {
            throw .needsChoice(Diagnostic(.error, file: path, "a deposit is a positive duration, like 10h"))
        }
        try write { db in
            let client = try clientID(key, in: db)
            let operation = try operation(
                "deposit",
                "\(DurationText.format(seconds: seconds)) for \(key)" + (expires.map { ", expires \($0)" } ?? ""),
                client: client, in: db)
            try db.execute(
                sql: """
                    INSERT INTO deposit (clientId, seconds, priceMinor, currency, date, expires, note, operationId)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [client, seconds, priceMinor, currency?.code, date, expires, note, operation])
        }
    }
}
