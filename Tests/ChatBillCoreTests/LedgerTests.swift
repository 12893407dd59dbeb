import Foundation
import GRDB
import Testing

@testable import ChatBillCore

@Suite("The hours bank and the time log")
struct LedgerTests {
    static let utc = ZoneChoice(TimeZone(identifier: "UTC")!, source: .flag)
    /// Simple rules, so every number below is minutes of messages: no lead-in, no silent work,
    /// no rounding.
    static let policy = BillingPolicy(
        gapSeconds: 15 * 60, workGapSeconds: nil, leadInSeconds: 0, rounding: Rounding(incrementSeconds: 0))

    func ledger() throws -> Ledger {
        let path = FileManager.default.temporaryDirectory.appending(path: "chatbill-ledger-\(UUID().uuidString).sqlite")
        return try Ledger(path: path.path)
    }

    /// A WhatsApp export of sessions `(day, start, minutes)`: the provider writes first and then
    /// every ten minutes (the client in between), the last message at the session's end.
    static func export(_ sessions: [(String, String, Int)], provider: String = "Sam Keller") throws -> Transcript {
        var text = ""
        for (day, start, minutes) in sessions {
            let parts = start.split(separator: ":").map { Int($0)! }
            var offsets = Array(stride(from: 0, to: minutes, by: 10))
            offsets.append(minutes)
            for (index, offset) in offsets.enumerated() {
                let minutes = parts[0] * 60 + parts[1] + offset
                let minute = minutes % 1440
                let dayParts = CivilDateTime.dayAfter(day, days: minutes / 1440).split(separator: "-").map { Int($0)! }
                let sender = index % 2 == 0 ? provider : "Dana Fischer"
                text +=
                    "\(CivilDateTime.pad(dayParts[2], 2))/\(CivilDateTime.pad(dayParts[1], 2))/\(dayParts[0]), "
                    + "\(CivilDateTime.pad(minute / 60, 2)):\(CivilDateTime.pad(minute % 60, 2)) - \(sender): "
                    + "message at \(day) \(offset)\n"
            }
        }
        return try WhatsAppParser().parse(
            InputFile(displayName: "WhatsApp Chat with Dana Fischer.txt", bytes: Array(text.utf8)),
            options: ParseOptions(timeZone: utc, dateOrder: .dmy))
    }

    @discardableResult
    func importing(
        _ ledger: Ledger, _ sessions: [(String, String, Int)], provider: String = "Sam Keller",
        policy: BillingPolicy = policy
    ) throws -> Ledger.ImportResult {
        try ledger.importChat(
            client: "acme", sources: [Self.export(sessions, provider: provider)],
            provider: ProviderIdentity(names: ["Sam Keller", "Sam"]), rules: PolicyTimeline(policy),
            zone: Self.utc.timeZone)
    }

    /// A year of one client, every balance against a hand computation.
    @Test func aYearOfTheHoursBankAndTheTimeLog() throws {
        let ledger = try ledger()
        let euro = Currency(code: "EUR")!
        try ledger.addClient(key: "acme", name: "ACME GmbH", thresholdSeconds: 3600, rateMinor: 9000, currency: euro)
        // Block A: 2h, usable until 15 March. Block B: 3h, never expires.
        try ledger.deposit(
            client: "acme", seconds: 7200, date: "2026-01-01", expires: "2026-03-15", priceMinor: 16_000, currency: euro
        )
        try ledger.deposit(client: "acme", seconds: 10_800, date: "2026-01-01")

        // January to March: 60m and 50m from A; on 20 March A has expired, so 40m from B.
        let first: [(String, String, Int)] = [
            ("2026-01-10", "10:00", 60), ("2026-02-14", "09:00", 50), ("2026-03-20", "15:00", 40),
        ]
        var result = try importing(ledger, first)
        #expect((result.prepaidSeconds, result.loggedSeconds) == (150 * 60, 0))
        // The same export again adds nothing.
        result = try importing(ledger, first)
        #expect((result.messagesAdded, result.prepaidSeconds, result.loggedSeconds) == (0, 0, 0))

        // A newer export holds the older one, extends the 20 March session (the older export was
        // cut at 15:40) to 16:00, and adds 90m on 5 June: 20m + 90m from B.
        let newer = [
            ("2026-01-10", "10:00", 60), ("2026-02-14", "09:00", 50), ("2026-03-20", "15:00", 60),
            ("2026-06-05", "10:00", 90),
        ]
        result = try importing(ledger, newer)
        #expect((result.prepaidSeconds, result.loggedSeconds) == (110 * 60, 0))
        // The same chat from another device, where the provider is "Sam": nothing new.
        result = try importing(ledger, newer, provider: "Sam")
        #expect((result.messagesAdded, result.prepaidSeconds, result.loggedSeconds) == (0, 0, 0))

        // August: B has 30m left, so the 70m session is split: 30m prepaid, 40m logged. September:
        // 45m logged. 85m logged is past the 1h threshold: an invoice is due.
        let summer = newer + [("2026-08-12", "14:00", 70), ("2026-09-01", "09:00", 45)]
        result = try importing(ledger, summer)
        #expect((result.prepaidSeconds, result.loggedSeconds) == (30 * 60, 85 * 60))
        var status = try #require(try ledger.status(client: "acme").first)
        #expect(status.blocks.map(\.usedSeconds) == [110 * 60, 180 * 60])
        #expect(status.expiredSeconds(on: "2026-10-01") == 10 * 60)
        #expect(status.remainingSeconds(on: "2026-10-01") == 0)
        #expect(status.unbilledSeconds == 85 * 60)
        #expect(status.unbilledAmount == 12_750)
        #expect(status.isDue)

        let invoice = try ledger.invoice(client: "acme", through: "2026-09-30")
        #expect((invoice.seconds, invoice.amountMinor) == (85 * 60, 12_750))
        // What it bills: the August session after the block ran out (14:30–15:10) and September.
        #expect(invoice.spans.map(\.date) == ["2026-08-12", "2026-09-01"])
        #expect(invoice.spans.map(\.seconds) == [40 * 60, 45 * 60])
        #expect(invoice.exports.map { ExportFile.fileName(of: $0.path) } == ["WhatsApp Chat with Dana Fischer.txt"])
        #expect(try ledger.invoice(client: "acme", number: invoice.number) == invoice)
        #expect(throws: ChatBillError.self) { try ledger.invoice(client: "acme", through: "2026-09-30") }

        // The rules change (a 10-minute lead-in): what is recorded stays as it is…
        var longer = Self.policy
        longer.leadInSeconds = 600
        result = try importing(ledger, summer, policy: longer)
        #expect((result.prepaidSeconds, result.loggedSeconds) == (0, 0))
        // …and new sessions are billed by the new rules: 30m in October plus the lead-in.
        result = try importing(ledger, summer + [("2026-10-05", "10:00", 30)], policy: longer)
        #expect((result.prepaidSeconds, result.loggedSeconds) == (0, 40 * 60))
        status = try #require(try ledger.status(client: "acme").first)
        #expect(status.unbilledSeconds == 40 * 60)
        #expect(!status.isDue)

        // Undo takes the October import back; the invoice stands.
        #expect(try ledger.undo().hasPrefix("import: acme"))
        status = try #require(try ledger.status(client: "acme").first)
        #expect(status.unbilledSeconds == 0)
        #expect(status.usedSeconds == 290 * 60)
        let history = try ledger.history(client: "acme")
        #expect(
            history.map(\.kind) == [
                "client", "deposit", "deposit", "import", "import", "import", "import", "import", "invoice", "import",
            ])
        #expect(history.last?.text.contains("rules: gap: 15m") == true)
    }

    @Test func theLedgerMovesToAnotherMachineAsJSON() throws {
        let ledger = try ledger()
        try ledger.addClient(key: "acme", rateMinor: 9000, currency: Currency(code: "EUR"))
        try ledger.deposit(client: "acme", seconds: 3600, date: "2026-01-01", note: "first block")
        try importing(ledger, [("2026-01-10", "10:00", 90)])
        let json = try ledger.exportJSON()
        let copy = try self.ledger()
        try copy.importJSON(json, from: "backup.json")
        #expect(try copy.exportJSON() == json)
        let status = try #require(try copy.status().first)
        #expect((status.usedSeconds, status.unbilledSeconds) == (3600, 1800))
        #expect(throws: ChatBillError.self) { try copy.importJSON(json, from: "backup.json") }
    }

    @Test func aLedgerOfTheFirstSchemaIsMigrated() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "chatbill-v1-\(UUID().uuidString).sqlite")
            .path
        let queue = try DatabaseQueue(path: path)
        try LedgerSchema.migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO operation (kind, createdAt, summary) VALUES ('client', '2025-01-01', 'added')")
            try db.execute(sql: "INSERT INTO client (key, name, operationId) VALUES ('old', 'Old Client', 1)")
        }
        try queue.close()
        let ledger = try Ledger(path: path)
        #expect(try ledger.status().map(\.name) == ["Old Client"])
        try ledger.deposit(client: "old", seconds: 600, date: "2026-01-01", note: "a v2 column")
        #expect(try ledger.history(client: "old").map(\.kind).contains("deposit"))
    }

    @Test func aForeignOrCorruptFileIsRefusedAndLeftUntouched() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = folder.appending(path: "notes.txt")
        try Data("my shopping list\n".utf8).write(to: text)
        let foreign = folder.appending(path: "other.sqlite")
        let other = try DatabaseQueue(path: foreign.path)
        try other.write { try $0.execute(sql: "CREATE TABLE things (id INTEGER)") }
        try other.close()
        for url in [text, foreign] {
            let before = try Data(contentsOf: url)
            #expect {
                _ = try Ledger(path: url.path)
            } throws: { error in
                (error as? ChatBillError)?.diagnostic.message.contains("is not a chatbill ledger") == true
            }
            #expect(try Data(contentsOf: url) == before)
        }
    }

    /// A rule change applies from its day on: earlier sessions keep the old rules, later ones
    /// take the new, and a session across the midnight it starts at keeps the rules of its start.
    @Test func aRuleChangeAppliesFromItsDayOn() throws {
        let ledger = try ledger()
        try ledger.addClient(key: "acme")
        var longer = Self.policy
        longer.leadInSeconds = 600
        let rules = PolicyTimeline(Self.policy, changes: [.init(from: "2026-03-01", policy: longer)])
        #expect(rules.period(of: "2026-02-28") == 0)
        #expect(rules.period(of: "2026-03-01") == 1)
        #expect(rules.summary.hasSuffix("| from 2026-03-01: lead-in: 10m before the provider's first message"))
        // 30m in February and 20m from 23:50 on 28 February to 00:10 (old rules), 30m in March
        // (new rules: +10m lead-in).
        let export = try Self.export([
            ("2026-02-10", "10:00", 30), ("2026-02-28", "23:50", 20), ("2026-03-05", "09:00", 30),
        ])
        let result = try ledger.importChat(
            client: "acme", sources: [export], provider: ProviderIdentity(names: ["Sam Keller"]), rules: rules,
            zone: Self.utc.timeZone)
        #expect(result.loggedSeconds == (30 + 20 + 40) * 60)
        // The change is recorded for the CLI to read back, and the history lists it.
        #expect(
            try ledger.changeRules(client: "acme", from: "2026-03-01", arguments: ["--lead-in", "10m"]) == "2026-03-05")
        #expect(try ledger.ruleChanges(client: "acme") == [.init(from: "2026-03-01", arguments: ["--lead-in", "10m"])])
        #expect(try ledger.history(client: "acme").last?.text == "from 2026-03-01: --lead-in 10m")
    }

    @Test func subtractingRecordedTimeLeavesOnlyNewTime() {
        let recorded = [(start: 10.0, end: 20.0), (start: 30.0, end: 40.0)]
        let fresh = Ledger.subtract(recorded, from: [(0, 50), (12, 18), (45, 60)])
        #expect(fresh.map { [$0.start, $0.end] } == [[0, 10], [20, 30], [40, 50], [45, 60]])
    }
}
