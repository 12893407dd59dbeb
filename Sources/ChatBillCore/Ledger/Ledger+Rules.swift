import Foundation
import GRDB

extension Ledger {
    /// Rules recorded for a client from a day on, as the flags that set them.
    public struct RuleChange: Sendable, Hashable {
        public let from: String
        public let arguments: [String]
    }

    /// Records that `arguments` (rule flags such as `--gap 10m`) apply to `client`'s time from
    /// `from` (`YYYY-MM-DD`) on. Time already recorded keeps the rules it was recorded with.
    ///
    /// - Returns: the last day with recorded time on or after `from`, if any: that time is locked
    ///   and does not change.
    @discardableResult
    public func changeRules(client key: String, from: String, arguments: [String]) throws(ChatBillError) -> String? {
        guard !arguments.isEmpty else {
            throw .needsChoice(
                Diagnostic(.error, file: path, "a rule change needs at least one rule, such as --gap 10m"))
        }
        return try write { db in
            let client = try clientID(key, in: db)
            let operation = try operation(
                "rules", "from \(from): \(arguments.joined(separator: " "))", client: client, in: db)
            let json = String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self)
            try db.execute(
                sql: "INSERT INTO ruleChange (clientId, fromDate, arguments, operationId) VALUES (?, ?, ?, ?)",
                arguments: [client, from, json, operation])
            return try String.fetchOne(
                db, sql: "SELECT MAX(date) FROM entry WHERE clientId = ? AND date >= ?", arguments: [client, from])
        }
    }

    /// A client's rule changes by first day, those of one day in the order recorded. Each
    /// overrides only the rules it names, on top of the ones before it.
    public func ruleChanges(client key: String) throws(ChatBillError) -> [RuleChange] {
        try read { db in
            let client = try clientID(key, in: db)
            return try Row.fetchAll(
                db, sql: "SELECT fromDate, arguments FROM ruleChange WHERE clientId = ? ORDER BY fromDate, id",
                arguments: [client]
            ).map { row in
                let json = Data((row["arguments"] as String).utf8)
                return RuleChange(
                    from: row["fromDate"], arguments: (try? JSONDecoder().decode([String].self, from: json)) ?? [])
            }
        }
    }
}
