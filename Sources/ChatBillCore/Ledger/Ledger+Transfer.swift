import Foundation
import GRDB

extension Ledger {
    /// The tables in an order that restores without breaking a reference.
    static let tables = [
        "operation", "client", "deposit", "invoice", "message", "entry", "source", "ruleChange",
    ]

    /// The columns that hold instants (seconds since 1970, with fractions).
    static let realColumns: Set<String> = ["instant", "start", "end"]

    /// The whole ledger as JSON (`{"schema": "chatbill.ledger/1", "tables": {...}}`), to back
    /// it up or move it to another machine.
    public func exportJSON() throws(ChatBillError) -> Data {
        let tables: [String: [[String: Any]]] = try read { db in
            var tables: [String: [[String: Any]]] = [:]
            for table in Self.tables {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id").map { row in
                    var object: [String: Any] = [:]
                    for (column, value) in row {
                        switch value.storage {
                        case .null: object[column] = NSNull()
                        case .int64(let number): object[column] = number
                        case .double(let number): object[column] = number
                        case .string(let text): object[column] = text
                        case .blob(let data): object[column] = data.base64EncodedString()
                        }
                    }
                    return object
                }
            }
            return tables
        }
        let document: [String: Any] = ["schema": "chatbill.ledger/1", "tables": tables]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    }

    /// Restores a ledger `exportJSON` wrote into this one, which must be empty. One transaction.
    public func importJSON(_ data: Data, from file: String) throws(ChatBillError) {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            document["schema"] as? String == "chatbill.ledger/1", let tables = document["tables"] as? [String: Any]
        else {
            throw .unreadableInput(Diagnostic(.error, file: file, "is not a ledger `chatbill bank export` wrote"))
        }
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operation") == 0 else {
                throw ChatBillError.needsChoice(
                    Diagnostic(
                        .error, file: path, "the ledger is not empty; restore into a new one with --ledger NEW-PATH"))
            }
            for table in Self.tables {
                for case let row as [String: Any] in (tables[table] as? [Any]) ?? [] {
                    let columns = row.keys.sorted()
                    let values: [DatabaseValueConvertible?] = columns.map { column in
                        switch row[column] {
                        case let number as NSNumber:
                            Self.realColumns.contains(column) ? number.doubleValue : number.int64Value
                        case let text as String: text
                        default: nil
                        }
                    }
                    try db.execute(
                        sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                            + "(\(columns.map { _ in "?" }.joined(separator: ", ")))",
                        arguments: StatementArguments(values))
                }
            }
        }
    }
}
