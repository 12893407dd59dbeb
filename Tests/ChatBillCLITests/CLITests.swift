import Foundation
import Testing

/// The `chatbill` tool end to end: the built executable, run as a user would from the package root.
@Suite("chatbill command line")
struct CLITests {
    static let packageRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `chatbill` built next to this test bundle.
    static let executable: URL = {
        let besideTests = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent().appending(
            path: "chatbill")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return packageRoot.appending(path: ".build/debug/chatbill")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    func chatbill(_ arguments: String..., input: String? = nil) throws -> Result {
        try chatbill(arguments, input: input)
    }

    func chatbill(
        _ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = Self.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        // The user's own config never leaks into a test.
        environment["XDG_CONFIG_HOME"] = "/nonexistent/chatbill-tests"
        environment.merge(extra) { $1 }
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    func temporaryFile(_ name: String, _ contents: String) throws -> String {
        try temporaryFile(name, bytes: Data(contents.utf8))
    }

    func temporaryFile(_ name: String, bytes: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appending(path: name)
        try bytes.write(to: url)
        return url.path
    }

    static let dana = "Fixtures/whatsapp/WhatsApp Chat with Dana Fischer.txt"

    @Test func theReadmeCommandPrintsTheReport() throws {
        let result = try chatbill("report", Self.dana, "--me", "Sam Keller", "--tz", "Europe/Berlin")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let golden = try String(
            contentsOf: Self.packageRoot.appending(
                path: "Fixtures/whatsapp/WhatsApp Chat with Dana Fischer.report.txt"),
            encoding: .utf8)
        #expect(result.stdout == golden)
    }

    /// The README's month for two clients from a config, and the golden the library test keeps.
    @Test func aMonthForTwoClientsFromTheConfig() throws {
        let result = try chatbill(
            "report", "Fixtures/billing/WhatsApp Chat with Dana Fischer.txt", "Fixtures/billing/_chat.txt",
            "Fixtures/billing/TeamViewer connections.csv", "--config", "Fixtures/billing/chatbill.toml", "--month",
            "2026-11")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let golden = try String(
            contentsOf: Self.packageRoot.appending(path: "Fixtures/billing/expected/month.report.txt"), encoding: .utf8)
        #expect(result.stdout == golden)
        let acme = try chatbill(
            "report", "Fixtures/billing/WhatsApp Chat with Dana Fischer.txt", "--config",
            "Fixtures/billing/chatbill.toml",
            "--client", "acme", "--week", "2026-W45", "--format", "json")
        #expect(acme.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(acme.stdout.utf8)) as? [String: Any])
        #expect(object["client"] as? String == "ACME GmbH")
        #expect((object["totals"] as? [String: Any])?["amount"] as? Int == 17_775 + 3000)
    }

    /// The README's evidence and export commands, and verify on what evidence wrote.
    @Test func evidenceVerifiesAndExportWrites() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appending(path: "evidence.html").path
        let chat = "Fixtures/billing/WhatsApp Chat with Dana Fischer.txt"
        let connections = "Fixtures/billing/TeamViewer connections.csv"
        let config = "Fixtures/billing/chatbill.toml"
        let evidence = try chatbill(
            "evidence", chat, connections, "--config", config, "--client", "acme", "--month", "2026-11", "-o", page)
        #expect(evidence.status == 0)
        #expect(evidence.stdout == "")
        #expect(evidence.stderr.contains("1 connection with a partner that is not acme's `match` is left out"))
        let golden = try String(
            contentsOf: Self.packageRoot.appending(path: "Fixtures/billing/expected/acme.evidence.html"),
            encoding: .utf8)
        #expect(try String(contentsOfFile: page, encoding: .utf8) == golden)

        let markdown = try chatbill(
            "evidence", chat, "--config", config, "--client", "acme", "--format", "markdown", "--redact",
            "--include-unanswered")
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("# Time evidence for ACME GmbH\n"))
        #expect(markdown.stdout.contains("- **Redacted**: phone numbers, e\\-mail addresses and account numbers"))
        #expect(markdown.stdout.contains("Can you add the new colleague to the mailing list next week?"))
        let text = try chatbill("evidence", chat, "--config", config, "--client", "acme", "--format", "text")
        #expect(text.stdout.hasPrefix("Time evidence for ACME GmbH\n===="))
        #expect(text.stdout.contains("-----BEGIN CHATBILL EVIDENCE-----"))

        let verified = try chatbill("verify", page, chat, connections)
        #expect(verified.status == 0)
        #expect(verified.stdout.hasSuffix("verified\n"))
        let wrongFile = try chatbill("verify", page, Self.dana, connections)
        #expect(wrongFile.status == 1)
        #expect(wrongFile.stdout.hasSuffix("NOT verified\n"))

        let harvest = try chatbill(
            "export", chat, "Fixtures/billing/_chat.txt", connections, "--config", config, "--month", "2026-11", "--to",
            "harvest")
        #expect(harvest.status == 0)
        let expected = try String(
            contentsOf: Self.packageRoot.appending(path: "Fixtures/billing/expected/month.harvest"), encoding: .utf8)
        #expect(harvest.stdout == expected)
        let toggl = try chatbill("export", chat, "--config", config, "--to", "toggl")
        #expect(toggl.status == 64)
        #expect(toggl.stderr.contains("--to toggl needs --email"))
        let several = try chatbill("evidence", chat, "Fixtures/billing/_chat.txt", "--config", config)
        #expect(several.status == 64)
        #expect(several.stderr.contains("evidence is per invoice: pass --client NAME"))
    }

    /// The billing-rule and period flags reach the report, each cited as where its rule came from.
    @Test func rateMinimumGraceAndPeriodFlags() throws {
        let result = try chatbill(
            "report", Self.dana, "--me", "Sam Keller", "--tz", "Europe/Berlin", "--rate", "90", "--currency", "EUR",
            "--minimum-session", "15m", "--round-per", "total", "--round-grace", "2m", "--from", "2026-10-15",
            "--through", "2026-10-15", "--format", "json")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let policy = try #require(object["policy"] as? [String: Any])
        #expect(policy["minimumSessionSeconds"] as? Int == 900)
        let rounding = try #require(policy["rounding"] as? [String: Any])
        #expect(rounding["per"] as? String == "total")
        #expect(rounding["graceSeconds"] as? Int == 120)
        #expect((policy["rate"] as? [String: Any])?["minorUnitsPerHour"] as? Int == 9000)
        // 15 October: sessions of 12m and 2m, each raised to 15m; 30m at 90 EUR an hour.
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["billedSeconds"] as? Int == 1800)
        #expect(totals["amount"] as? Int == 4500)
        #expect((object["period"] as? [String: Any])?["sessionsOutside"] as? Int == 3)
        let origins = try #require(object["origins"] as? [String: String])
        #expect(origins["rate"] == "--rate, --currency")
        #expect(origins["period"] == "--from/--through")

        for (arguments, message) in [
            (["--from", "2026-10-16", "--through", "2026-10-15"], "is after the period's end"),
            (["--month", "2026-10", "--week", "2026-W42"], "give one of --from/--through, --month or --week"),
            (["--rate", "90", "--currency", "EURO"], "is not an ISO 4217 code"),
            (["--rate", "90"], "a rate needs a currency"),
            (["--gap", "30m", "--work-gap", "20m"], "is shorter than the gap"),
        ] {
            let refused = try chatbill(["report", Self.dana, "--me", "Sam Keller"] + arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
        }
    }

    @Test func aBadConfigIsAnErrorAtItsLine() throws {
        let config = try temporaryFile("chatbill.toml", "[defaults]\ngap = \"15m\"\nround_per = \"fortnight\"\n")
        let result = try chatbill("report", Self.dana, "--config", config)
        #expect(result.status == 78)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("\(config):3:1: error: defaults.round_per: must be \"session\", \"day\" or"))
        let unknown = try chatbill(
            "report", Self.dana, "--config", "Fixtures/billing/chatbill.toml", "--client", "globex")
        #expect(unknown.status == 64)
        #expect(
            unknown.stderr.contains(
                "no client 'globex' in Fixtures/billing/chatbill.toml; the clients are 'acme', 'nordlicht'"))
    }

    @Test func aOneToOneExportNeedsNoMe() throws {
        let result = try chatbill("report", Self.dana, "--tz", "Europe/Berlin")
        #expect(result.status == 0)
        #expect(
            result.stdout.contains("provider  Sam Keller (the other sender of 'WhatsApp Chat with Dana Fischer.txt')"))
        #expect(result.stdout.contains("billed 1h30m (1.50 h)"))
    }

    @Test func aZipExportIsReadInPlace() throws {
        let result = try chatbill(
            "report", "Fixtures/whatsapp/ios-zip/WhatsApp Chat - Lena Hoffmann.zip", "--tz", "Europe/Berlin")
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix("file      Fixtures/whatsapp/ios-zip/WhatsApp Chat - Lena Hoffmann.zip/_chat.txt\n")
        )
        #expect(
            result.stdout.contains("archive   Fixtures/whatsapp/ios-zip/WhatsApp Chat - Lena Hoffmann.zip, sha256 "))
        #expect(result.stdout.contains("billed 30m (0.50 h)"))
    }

    @Test func anExportFolderIsReadAsOneChat() throws {
        let folder = "Fixtures/telegram-html-folder/ChatExport_2026-11-30"
        let result = try chatbill("report", folder, "--me", "Sam Keller", "--tz", "Europe/Berlin")
        #expect(result.status == 0)
        #expect(result.stdout.contains("file      \(folder)/messages2.html (file 2)"))
        #expect(result.stdout.contains("telegram-html: 6 messages"))
        #expect(result.stdout.contains("1:25-2:42"))
        let detect = try chatbill("detect", folder)
        #expect(detect.stdout.hasPrefix("telegram-html\t100\t2 files"))
        let parse = try chatbill("parse", folder, "--tz", "Europe/Berlin")
        #expect(parse.stdout.split(separator: "\n").last?.contains("\(folder)/messages2.html") == true)
        let slack = try chatbill(
            "report", "Fixtures/slack/acme-workspace", "--channel", "it-support", "--me", "Sam Keller", "--tz",
            "Europe/Berlin")
        #expect(slack.status == 0)
        #expect(slack.stdout.contains("3:9-4:32"))
        let other = try chatbill("report", "Fixtures/irc", "--me", "x")
        #expect(other.status == 65)
        #expect(other.stderr.contains("is a folder that no format chatbill reads is laid out like"))
    }

    @Test func aZoomChatTakesItsDayFromTheFolderOrTheFlag() throws {
        let path = "Fixtures/zoom/2026-11-05 14.00.00 Printer rollout 81234567890/meeting_saved_chat.txt"
        let fromFolder = try chatbill("report", path, "--me", "Sam Keller", "--tz", "Europe/Berlin")
        #expect(fromFolder.status == 0)
        #expect(
            fromFolder.stdout.contains(
                "date      2026-11-05 (from the folder name '2026-11-05 14.00.00 Printer rollout"))
        let fromFlag = try chatbill(
            "report", path, "--me", "Sam Keller", "--tz", "Europe/Berlin", "--date", "2026-11-06")
        #expect(fromFlag.stdout.contains("date      2026-11-06 (from --date)"))
        #expect(try chatbill("report", path, "--date", "6.11.2026").status == 64)
    }

    @Test func anyCSVReadsWithColumnsAndALayout() throws {
        let result = try chatbill(
            "report", "Fixtures/csv/lager-chat.csv", "--parser", "csv", "--columns", "date,time,sender,text",
            "--time-format", "DD.MM.YYYY HH:mm", "--me", "Sam Keller", "--tz", "Europe/Berlin")
        #expect(result.status == 0)
        #expect(result.stdout.contains("2026-11-21  14:04-14:33  29m"))
        #expect(try chatbill("report", "Fixtures/csv/lager-chat.csv", "--time-format", "soon").status == 64)
    }

    @Test func chatPicksAConversation() throws {
        let path = "Fixtures/facebook-html/html/messages.htm"
        #expect(try chatbill("report", path).status == 64)
        let result = try chatbill("report", path, "--chat", "Dana Fischer")
        #expect(result.status == 0)
        #expect(result.stdout.contains("provider  Sam Keller (the log's own account, as the export marks it)"))
    }

    @Test func withoutAZoneTheMachinesZoneIsUsedAndSaidSo() throws {
        let result = try chatbill("report", Self.dana)
        #expect(result.stdout.contains("(the machine's zone; pass --tz to choose)"))
    }

    @Test func anAmbiguousProviderExits64ListingTheSenders() throws {
        let result = try chatbill("report", "Fixtures/whatsapp/ios-12h/_chat.txt")
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(
            result.stderr.hasPrefix(
                "Fixtures/whatsapp/ios-12h/_chat.txt: error: who is the provider? pass --me NAME (for example --me \"Lena Hoffmann\")"
            ))
        #expect(result.stderr.contains("'Sam Keller' (4 messages)"))
    }

    @Test func aMissingFileExits65NamingIt() throws {
        let result = try chatbill("report", "no-such-export.txt", "--me", "Sam")
        #expect(result.status == 65)
        #expect(result.stderr == "no-such-export.txt: error: no such file\n")
    }

    @Test func anEmptyFileExits65() throws {
        let path = try temporaryFile("empty.txt", "")
        let result = try chatbill("report", path, "--me", "Sam")
        #expect(result.status == 65)
        #expect(result.stderr == "\(path): error: the file is empty\n")
    }

    @Test func aFileNoParserRecognisesExits65() throws {
        let path = try temporaryFile("notes.txt", "groceries\nmilk\n")
        let result = try chatbill("report", path, "--me", "Sam")
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(path):1:1: error: no parser recognises this file"))
    }

    /// A chat a text editor saved again as "Unicode" is not read as garbage: the error says why.
    @Test func aUTF16FileExits65SayingSo() throws {
        let chat = "\u{FEFF}14/10/2026, 09:00 - Dana: hi\r\n14/10/2026, 09:05 - Sam: on it\r\n"
        let path = try temporaryFile("chat.txt", bytes: try #require(chat.data(using: .utf16LittleEndian)))
        for command in ["report", "detect"] {
            let result = try chatbill(command, path)
            #expect(result.status == 65)
            #expect(result.stderr.contains("\(path):1:1: error: no parser recognises this file: it is UTF-16 text"))
        }
    }

    @Test func anAmbiguousDateOrderExits64AndTheFlagSettlesIt() throws {
        let path = try temporaryFile("chat.txt", "03/04/26, 09:00 - Dana: hi\n03/04/26, 09:05 - Sam: hello\n")
        let ambiguous = try chatbill("report", path, "--me", "Sam")
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("\(path):1:1: error: cannot tell whether dates are day/month or month/day"))
        let settled = try chatbill("report", path, "--me", "Sam", "--date-order", "mdy", "--format", "json")
        #expect(settled.status == 0)
        #expect(settled.stdout.contains("\"start\" : \"2026-03-04T09:03:00+00:00\""))
    }

    @Test func warningsAreLocatedAndStrictTurnsThemIntoFailure() throws {
        let path = try temporaryFile(
            "chat.txt", "exported by hand\n14/10/2026, 09:00 - Dana: hi\n14/10/2026, 09:05 - Sam: on it\n")
        let lenient = try chatbill("report", path, "--me", "Sam")
        #expect(lenient.status == 0)
        #expect(
            lenient.stderr
                == "\(path):1:1: warning: line before the first message does not start like a message; it is not billed\n"
        )
        let strict = try chatbill("report", path, "--me", "Sam", "--strict")
        #expect(strict.status == 1)
    }

    @Test func theJSONReportFollowsTheContract() throws {
        let result = try chatbill(
            "report", Self.dana, "--me", "Sam Keller", "--tz", "Europe/Berlin", "--format", "json")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "chatbill.report/1")
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.count == 5)
        #expect(sessions.first?["start"] as? String == "2026-10-14T09:08:00+02:00")
        #expect((object["totals"] as? [String: Any])?["billedSeconds"] as? Int == 5400)
    }

    @Test func rulesAreFlags() throws {
        let result = try chatbill(
            "report", Self.dana, "--me", "Sam Keller", "--tz", "Europe/Berlin", "--gap", "10m", "--work-gap", "off",
            "--lead-in", "0", "--round", "none", "--format", "json")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let policy = try #require(object["policy"] as? [String: Any])
        #expect(policy["gapSeconds"] as? Int == 600)
        #expect(policy["workGapSeconds"] is NSNull)
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["billedSeconds"] as? Int == totals["rawSeconds"] as? Int)
    }

    @Test func badFlagValuesAreUsageErrors() throws {
        #expect(try chatbill("report", Self.dana, "--gap", "soon").status == 64)
        #expect(try chatbill("report", Self.dana, "--tz", "Mars/Olympus").status == 64)
        #expect(try chatbill("report", Self.dana, "--gap", "30m", "--work-gap", "20m").status == 64)
        #expect(try chatbill("report", Self.dana, "--parser", "telex").status == 64)
    }

    @Test func parsePrintsOneJSONObjectPerMessage() throws {
        let result = try chatbill("parse", Self.dana, "--tz", "Europe/Berlin", "--format", "jsonl")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 18)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["time"] as? String == "2026-10-14T08:55:00+02:00")
        #expect(first["kind"] as? String == "system")
        #expect(first["file"] as? String == Self.dana)
        #expect(first["line"] as? Int == 1)
    }

    @Test func standardInputIsADash() throws {
        let result = try chatbill("parse", "-", input: "14/10/2026, 09:00 - Dana: from a pipe\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"file\":\"-\""))
        #expect(result.stdout.contains("\"text\":\"from a pipe\""))
    }

    @Test func formatsAndDetectNameTheParser() throws {
        let formats = try chatbill("formats")
        #expect(formats.status == 0)
        let names = formats.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(
            names == [
                "whatsapp", "zoom", "irc", "pidgin-txt", "imessage-txt", "signal", "discord-txt", "msn-plus-txt",
                "pidgin-html", "msn-plus-html", "imessage-html", "vk-html", "telegram-html", "facebook-html",
                "discord-html", "messenger-html",
                "telegram-json", "discord-json", "facebook-json", "hangouts", "google-chat", "mattermost", "teams",
                "skype", "slack", "skype-db", "adium",
                "empathy",
                "wlm-xml", "kopete",
                "trillian-xml", "xmpp-mam", "teamviewer", "anydesk",
                "csv",
            ])
        let detect = try chatbill("detect", "Fixtures/whatsapp/ios-12h/_chat.txt")
        #expect(detect.status == 0)
        #expect(detect.stdout.hasPrefix("whatsapp\t"))
        let path = try temporaryFile("notes.txt", "groceries\n")
        #expect(try chatbill("detect", path).status == 65)
    }
}
