import Foundation
import Testing

/// `chatbill bank` as separate processes: what a crash or a second process does to the ledger.
@Suite("chatbill bank")
struct BankCommandTests {
    let cli = CLITests()
    let chat = "Fixtures/billing/WhatsApp Chat with Dana Fischer.txt"

    func newLedger() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-bank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appending(path: "ledger.sqlite").path
        #expect(try cli.chatbill(["bank", "client", "add", "acme", "--ledger", path]).status == 0)
        #expect(
            try cli.chatbill(["bank", "deposit", "acme", "1h", "--date", "2026-10-01", "--ledger", path]).status == 0)
        return path
    }

    func export(_ ledger: String) throws -> String {
        let result = try cli.chatbill(["bank", "export", "--ledger", ledger])
        #expect(result.status == 0)
        return result.stdout
    }

    @Test func aProcessKilledInTheMiddleOfAnImportLeavesTheLedgerAsBefore() throws {
        let ledger = try newLedger()
        let before = try export(ledger)
        let crashed = try cli.chatbill(
            ["bank", "import", "acme", chat, "--me", "Sam Keller", "--tz", "Europe/Berlin", "--ledger", ledger],
            environment: ["CHATBILL_LEDGER_CRASH_AFTER": "5"])
        #expect(crashed.status == 3)
        #expect(try export(ledger) == before)
        // And the ledger still works: the import, done properly, is recorded once.
        let imported = try cli.chatbill(
            ["bank", "import", "acme", chat, "--me", "Sam Keller", "--tz", "Europe/Berlin", "--ledger", ledger])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("17 new messages"))
    }

    @Test func twoImportsAtOnceAreBothRecordedOnce() throws {
        let ledger = try newLedger()
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = CLITests.executable
            process.currentDirectoryURL = CLITests.packageRoot
            process.arguments = [
                "bank", "import", "acme", chat, "--me", "Sam Keller", "--tz", "Europe/Berlin", "--ledger", ledger,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        let history = try cli.chatbill(["bank", "history", "acme", "--ledger", ledger])
        #expect(history.stdout.components(separatedBy: "import ").count - 1 == 2)
        let status = try cli.chatbill(["bank", "status", "acme", "--ledger", ledger])
        // 1h57m of billable time (the chat's four sessions): 1h prepaid, 57m logged, once.
        #expect(status.stdout.contains("prepaid   1h in 1 block, used 1h, remaining 0m"), "\(status.stdout)")
        #expect(status.stdout.contains("unbilled  57m"), "\(status.stdout)")
    }

    @Test func aForeignFileIsRefusedWithAClearMessage() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "chatbill-notes-\(UUID().uuidString).txt")
            .path
        try "not a ledger\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try cli.chatbill(["bank", "status", "--ledger", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("is not a chatbill ledger"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a ledger\n")
    }

    /// Every `bank` command as a user types it: status with its warnings, due, history, invoice,
    /// undo, and moving the ledger to a new file.
    @Test func theBankCommandsSayWhatTheLedgerHolds() throws {
        let ledger = try newLedger()
        func bank(_ arguments: String...) throws -> CLITests.Result {
            try cli.chatbill(["bank"] + arguments + ["--ledger", ledger])
        }
        #expect(
            try bank("client", "add", "beta", "--threshold", "30m", "--rate", "90", "--currency", "EUR").status == 0)
        #expect(try bank("deposit", "beta", "1h", "--date", "2026-10-01", "--expires", "2099-01-10").status == 0)
        #expect(
            try bank("import", "beta", chat, "--me", "Sam Keller", "--tz", "Europe/Berlin").stdout
                == "beta: 17 new messages (0 already in the ledger); drew 1h prepaid, logged 57m\n")
        let status = try bank("status", "beta", "--warn-below", "50%", "--expiring-within", "40000")
        #expect(status.stdout.contains("prepaid   1h in 1 block, used 1h, remaining 0m"))
        #expect(status.stdout.contains("unbilled  57m, 85.50 EUR — invoice due (threshold 30m)"))
        #expect(status.stdout.contains("warning   only 0m prepaid time left (below 50%)"))
        #expect(try bank("due").stdout == "beta: 57m unbilled (threshold 30m), 85.50 EUR\n")
        #expect(
            try bank("invoice", "beta", "--through", "2026-12-31").stdout
                == "invoiced 57m of beta through 2026-12-31, 85.50 EUR (invoice 1)\n")
        #expect(try bank("due").stdout == "no invoice is due\n")
        let history = try bank("history", "beta").stdout
        #expect(history.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 4)
        #expect(history.contains("drew 1h prepaid, logged 57m"))
        #expect(try bank("undo").stdout.hasPrefix("undid invoice: #1, 57m of beta"))
        #expect(try bank("due").stdout.hasPrefix("beta: 57m unbilled"))
        let unknown = try bank("status", "gamma")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no client 'gamma' in the ledger"))

        let backup = URL(filePath: ledger).deletingLastPathComponent().appending(path: "backup.json").path
        #expect(try bank("export", "-o", backup).status == 0)
        let moved = URL(filePath: ledger).deletingLastPathComponent().appending(path: "moved.sqlite").path
        let restored = try cli.chatbill(["bank", "import-ledger", backup, "--ledger", moved])
        #expect(restored.status == 0)
        let again = try cli.chatbill(["bank", "status", "beta", "--ledger", moved])
        #expect(again.stdout.contains("unbilled  57m, 85.50 EUR"))
    }

    /// A rule change from a day on, and an invoice that writes its evidence and time entries from
    /// the exports the ledger recorded — or writes nothing and invoices nothing when it cannot.
    @Test func anInvoiceWritesItsEvidenceAndEntriesFromTheRecordedExports() throws {
        let ledger = try newLedger()
        let folder = URL(filePath: ledger).deletingLastPathComponent()
        let copy = folder.appending(path: "WhatsApp Chat with Dana Fischer.txt").path
        try FileManager.default.copyItem(atPath: CLITests.packageRoot.appending(path: chat).path, toPath: copy)
        func bank(_ arguments: String...) throws -> CLITests.Result {
            try cli.chatbill(["bank"] + arguments + ["--ledger", ledger])
        }
        let reading = ["--me", "Sam Keller", "--tz", "Europe/Berlin"]
        #expect(try bank("client", "add", "beta", "--rate", "90", "--currency", "EUR").status == 0)
        #expect(
            try bank("rules", "beta", "--from", "2026-11-02", "--work-gap", "off").stdout
                == "beta: from 2026-11-02, --work-gap off\n")
        // 30 October by the old rules: 10:02–10:20, 18m. From 2 November no silent work: 09:03–09:12,
        // 09:48–09:52, 17:42–17:44, 18:23–18:27 and 11:01–11:06 on 7 November, 24m. 42m at 90 EUR/h.
        let imported = try cli.chatbill(["bank", "import", "beta", copy] + reading + ["--ledger", ledger])
        #expect(imported.stdout == "beta: 17 new messages (0 already in the ledger); drew 0m prepaid, logged 42m\n")
        #expect(try bank("history", "beta").stdout.contains("rules   from 2026-11-02: --work-gap off"))
        // A change over recorded time says that time keeps its rules.
        #expect(
            try bank("rules", "beta", "--from", "2026-11-05", "--gap", "5m").stdout.hasSuffix(
                "time already recorded from 2026-11-05 through 2026-11-07 keeps the rules it was recorded with\n"))
        #expect(try bank("undo").stdout == "undid rules: from 2026-11-05: --gap 5m\n")
        // A change names a rule, and `--me` is not one; --number and --through do not go together.
        #expect(try bank("rules", "beta", "--from", "2026-12-01").status != 0)
        #expect(try bank("rules", "beta", "--from", "2026-12-01", "--me", "Sam").status != 0)
        #expect(try bank("invoice", "beta", "--number", "1", "--through", "2026-11-30").status != 0)

        // An evidence file that cannot be written: nothing is invoiced.
        let failed = try cli.chatbill(
            ["bank", "invoice", "beta", "--through", "2026-11-30", "--evidence", folder.path + "/missing/x.html"]
                + reading + ["--ledger", ledger])
        #expect(failed.status == 65)
        #expect(try bank("status", "beta").stdout.contains("unbilled  42m, 63.00 EUR"))

        let html = folder.appending(path: "invoice.html").path
        let csv = folder.appending(path: "invoice.csv").path
        let invoiced = try cli.chatbill(
            [
                "bank", "invoice", "beta", "--through", "2026-11-30", "--evidence", html, "--entries", csv, "--to",
                "harvest",
            ]
                + reading + ["--ledger", ledger])
        #expect(invoiced.status == 0, "\(invoiced.stderr)")
        #expect(invoiced.stdout.hasSuffix("invoiced 42m of beta through 2026-11-30, 63.00 EUR (invoice 1)\n"))
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<h1>Invoice 1: time evidence for beta</h1>"))
        #expect(page.contains("invoiced 09:03–09:12 (9m), 09:48–09:52 (4m); lines 4-9"))
        #expect(page.contains("<dd>42m (0.70 h), 63.00 EUR</dd>"))
        #expect(!page.contains("new colleague"))  // the unanswered session of 10 November bills nothing
        #expect(try cli.chatbill(["verify", html, copy]).status == 0)
        // Its manifest states the rules the time was recorded by, as the page does.
        #expect(page.contains(#""rules":[["recorded by","gap: 15m"#))
        // The history keeps where the evidence is, and its hash.
        #expect(
            try bank("history", "beta").stdout.contains(
                "invoice #1, 42m of beta through 2026-11-30; evidence \(html) (sha256 "))
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        #expect(rows.count == 6)
        let hours = rows.compactMap { Double($0.split(separator: ",")[5]) }.reduce(0, +)
        #expect(abs(hours - 0.70) < 0.001)

        // The export moved: the ledger says so, and the exports given are cited instead.
        let moved = folder.appending(path: "moved.txt").path
        try FileManager.default.moveItem(atPath: copy, toPath: moved)
        let lost = try bank("invoice", "beta", "--number", "1", "--evidence", folder.path + "/again.md")
        #expect(lost.status == 65)
        #expect(lost.stderr.contains("\(copy): error: is no longer there; give the exports to cite"))
        let again = try cli.chatbill(
            ["bank", "invoice", "beta", moved, "--number", "1", "--evidence", folder.path + "/again.md"] + reading
                + ["--ledger", ledger])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            try String(contentsOfFile: folder.path + "/again.md", encoding: .utf8).contains(
                #"**Total**: invoice 1: 6 stretches of logged time, 42m \(0\.70 h\), 63\.00 EUR"#))
    }
}
