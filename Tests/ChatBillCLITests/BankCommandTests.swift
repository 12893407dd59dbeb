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
                == "invoiced 57m of beta through 2026-12-31, 85.50 EUR\n")
        #expect(try bank("due").stdout == "no invoice is due\n")
        let history = try bank("history", "beta").stdout
        #expect(history.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 4)
        #expect(history.contains("drew 1h prepaid, logged 57m"))
        #expect(try bank("undo").stdout.hasPrefix("undid invoice: invoiced 57m of beta"))
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
}
