import GRDB

/// The ledger's tables, one migration per schema version. A ledger written by an older chatbill
/// is migrated when it is opened; migrations only ever add.
enum LedgerSchema {
    /// `PRAGMA application_id` of a chatbill ledger ('CBLG'), so a foreign SQLite file is refused.
    static let applicationID: Int32 = 0x4342_4C47

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.create(table: "operation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()  // client, deposit, import, invoice
                t.column("createdAt", .text).notNull()
                t.column("summary", .text).notNull()
            }
            try db.create(table: "client") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("thresholdSeconds", .integer)
                t.column("rateMinor", .integer)
                t.column("currency", .text)
                t.column("operationId", .integer).notNull().references("operation", onDelete: .cascade)
            }
            try db.create(table: "deposit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("clientId", .integer).notNull().references("client", onDelete: .cascade)
                t.column("seconds", .integer).notNull()
                t.column("priceMinor", .integer)
                t.column("currency", .text)
                t.column("date", .text).notNull()
                t.column("expires", .text)
                t.column("operationId", .integer).notNull().references("operation", onDelete: .cascade)
            }
            // Every participant message ever imported, identified by its content, not its file.
            try db.create(table: "message") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("clientId", .integer).notNull().references("client", onDelete: .cascade)
                t.column("fingerprint", .text).notNull()
                t.column("occurrence", .integer).notNull()
                t.column("instant", .double).notNull()
                t.column("isProvider", .boolean).notNull()
                t.column("seconds", .integer).notNull()
                t.column("operationId", .integer).notNull().references("operation", onDelete: .cascade)
                t.uniqueKey(["clientId", "fingerprint", "occurrence"])
            }
            try db.create(table: "invoice") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("clientId", .integer).notNull().references("client", onDelete: .cascade)
                t.column("through", .text).notNull()
                t.column("seconds", .integer).notNull()
                t.column("amountMinor", .integer)
                t.column("currency", .text)
                t.column("operationId", .integer).notNull().references("operation", onDelete: .cascade)
            }
            // Billable time once recorded: drawn from a deposit, or logged for an invoice. Locked:
            // never changed by later imports or rules.
            try db.create(table: "entry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("clientId", .integer).notNull().references("client", onDelete: .cascade)
                t.column("start", .double).notNull()
                t.column("end", .double).notNull()
                t.column("date", .text).notNull()
                t.column("depositId", .integer).references("deposit")
                t.column("invoiceId", .integer).references("invoice")
                t.column("operationId", .integer).notNull().references("operation", onDelete: .cascade)
            }
        }
        migrator.registerMigration("v2") { db in
            // Notes on deposits, the rules each import used (the history says which applied), and
            // the client of every operation (an import that added nothing is history too).
            try db.alter(table: "deposit") { t in t.add(column: "note", .text) }
            try db.alter(table: "operation") { t in
                t.add(column: "rules", .text)
                t.add(column: "clientId", .integer)
            }
        }
        migrator.registerMigration("v3") { db in
            // The exports each import read, so an invoice can cite them; and rule changes that
            // apply to a client's time from a day on.
            try db.create(table: "source") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("operationId", .integer).notNull().references("operation", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("sha256", .text).notNull()
            }
            try db.create(table: "ruleChange") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("clientId", .integer).notNull().references("client", onDelete: .cascade)
                t.column("fromDate", .text).notNull()
                // The rules as `chatbill bank rules` flags, a JSON array of strings.
                t.column("arguments", .text).notNull()
                t.column("operationId", .integer).notNull().references("operation", onDelete: .cascade)
            }
        }
        return migrator
    }
}
