import Foundation
import Testing

@testable import ChatBillCore

/// The report made while an export streams past must be the report made from the whole
/// transcript, whatever the block size, and must give up (not guess) when it cannot order a file.
@Suite("Streamed reports")
struct StreamedReportTests {
    /// Both reports on the file at `path`, rendered as table and JSON.
    func bothReports(
        _ path: String, names: [String], policy: BillingPolicy = BillingPolicy(), period: ClosedRange<String>? = nil,
        blockSize: Int, windowCapacity: Int = StreamedReport.windowCapacity,
        parser: any StreamingTranscriptParser = WhatsAppParser(), chat: String? = nil,
        zone: ZoneChoice = Fixtures.berlin
    ) throws -> (streamed: [String], whole: [String])? {
        let options = ParseOptions(timeZone: zone, chat: chat)
        guard
            let streamed = try StreamedReport.make(
                path: path, parser: parser, options: options, providerNames: names, policy: policy,
                period: period, blockSize: blockSize, windowCapacity: windowCapacity)
        else { return nil }
        let transcript = try parser.parse(InputFile.read(path: path), options: options)
        let whole = Report(
            sources: [transcript], provider: try ProviderIdentity.resolve(names: names, for: transcript),
            policy: policy, period: period)
        let renderers: [any ReportRenderer] = [TableReportRenderer(), JSONReportRenderer()]
        return (renderers.map { $0.render(streamed) }, renderers.map { $0.render(whole) })
    }

    @Test(arguments: Fixtures.whatsApp, [3, 64, 1 << 20])
    func everyWhatsAppFixtureStreamsToTheSameReport(fixture: String, blockSize: Int) throws {
        let path = Fixtures.url(fixture).path
        let transcript = try WhatsAppParser().parse(
            InputFile.read(path: path), options: ParseOptions(timeZone: Fixtures.berlin))
        let provider = try #require(transcript.summary.senders.first).name
        let reports = try #require(try bothReports(path, names: [provider], blockSize: blockSize))
        #expect(reports.streamed == reports.whole)
    }

    /// Signal's export streams through the WhatsApp engine with Signal's words.
    @Test(arguments: [3, 1 << 20])
    func theSignalFixtureStreamsToTheSameReport(blockSize: Int) throws {
        let path = Fixtures.url(SignalParserTests.fixture).path
        let transcript = try SignalParser().parse(
            InputFile.read(path: path), options: ParseOptions(timeZone: Fixtures.berlin))
        let provider = try #require(transcript.summary.senders.first).name
        let reports = try #require(
            try bothReports(path, names: [provider], blockSize: blockSize, parser: SignalParser()))
        #expect(reports.streamed == reports.whole)
    }

    /// Telegram's single-chat `result.json`: the fixture and the corpus's single chats (a
    /// whole-account export is held to `parse` in the Telegram JSON tests).
    @Test(arguments: [3, 64, 1 << 20])
    func everySingleTelegramChatStreamsToTheSameReport(blockSize: Int) throws {
        var paths = [Fixtures.url(TelegramJSONParserTests.singleChat).path]
        if let corpus = Fixtures.corpus {
            paths += [
                "innerdvations__telegram-chat-parser/bot.json",
                "innerdvations__telegram-chat-parser/private_group.json",
                "joweich__chat-miner/test_single_export.json", "mlomb__chat-analytics/DM_2A_7M.json",
            ].map { corpus.appending(path: "telegram-json/" + $0).path }
        }
        for path in paths {
            let parser = TelegramJSONParser()
            let transcript = try parser.parse(
                InputFile.read(path: path), options: ParseOptions(timeZone: Fixtures.berlin))
            let provider = try #require(transcript.summary.senders.first { !$0.name.isEmpty }).name
            let reports = try #require(try bothReports(path, names: [provider], blockSize: blockSize, parser: parser))
            #expect(reports.streamed == reports.whole, "\(path)")
        }
    }

    /// An Adium log streams through libxml2's SAX push parser: the same report as `parse`, in the
    /// log's own offset or in `--tz`, with multi-line messages and a log cut short.
    @Test(arguments: [3, 64, 1 << 20])
    func everyAdiumLogStreamsToTheSameReport(blockSize: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-adium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = try String(contentsOf: Fixtures.url(XMLLogParserTests.adium), encoding: .utf8)
        let multiline = folder.appending(path: "multiline.xml")
        try text.replacingOccurrences(of: "</div>", with: "\n<br/>second line\n</div>").write(
            to: multiline, atomically: true, encoding: .utf8)
        let cut = folder.appending(path: "cut.xml")
        try String(text.prefix(text.count * 2 / 3)).write(to: cut, atomically: true, encoding: .utf8)
        var paths = [Fixtures.url(XMLLogParserTests.adium).path, multiline.path, cut.path]
        if let corpus = Fixtures.corpus {
            paths.append(corpus.appending(path: "adium-chatlog-xml/gabebw__pidgin2adium/html_log_output.xml").path)
        }
        for path in paths {
            let transcript = try AdiumParser().parse(
                InputFile.read(path: path), options: ParseOptions(timeZone: .machine))
            let provider = transcript.accountSenders.first ?? transcript.summary.senders[0].name
            // In --tz, and (a zone the machine chose) in the log's own offset.
            for zone in [Fixtures.berlin, ZoneChoice(TimeZone(identifier: "America/New_York")!, source: .machine)] {
                let reports = try #require(
                    try bothReports(path, names: [provider], blockSize: blockSize, parser: AdiumParser(), zone: zone),
                    "\(path)")
                #expect(reports.streamed == reports.whole, "\(path)")
                if path == cut.path { #expect(!reports.streamed[0].contains(" 0 warnings"), "\(path)") }
            }
        }
    }

    /// One Telegram HTML page streams in blocks through libxml2's HTML push parser: the same
    /// report as `parse` (in the titles' offset and in `--tz`), with each page of the fixture
    /// folder alone (the second starts with `joined` messages) and a page cut short.
    @Test(arguments: [3, 64, 1 << 20])
    func everyTelegramPageStreamsToTheSameReport(blockSize: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-tg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = Fixtures.url(TelegramHTMLParserTests.fixture)
        let text = try String(contentsOf: page, encoding: .utf8)
        let cut = folder.appending(path: "messages.html")
        try String(text.prefix(text.count * 3 / 5)).write(to: cut, atomically: true, encoding: .utf8)
        let pages = ["messages.html", "messages2.html"].map {
            Fixtures.url(TelegramHTMLFolderTests.folder + "/" + $0).path
        }
        for path in [page.path, cut.path] + pages {
            let transcript = try TelegramHTMLParser().parse(
                InputFile.read(path: path), options: ParseOptions(timeZone: .machine))
            let provider = try #require(transcript.summary.senders.first { !$0.name.isEmpty }).name
            for zone in [Fixtures.berlin, ZoneChoice(TimeZone(identifier: "America/New_York")!, source: .machine)] {
                let reports = try #require(
                    try bothReports(
                        path, names: [provider], blockSize: blockSize, parser: TelegramHTMLParser(), zone: zone),
                    "\(path)")
                #expect(reports.streamed == reports.whole, "\(path)")
            }
            // Read in segments cut where messages start: the same messages, lines and notes.
            var lines: [ClosedRange<Int>] = []
            let summary = try TelegramHTMLParser().stream(
                path: path, options: ParseOptions(timeZone: .machine), blockSize: blockSize
            ) { lines.append($0.line...$0.lastLine) }
            #expect(lines == transcript.messages.map { $0.location.line...$0.lastLine }, "\(path)")
            #expect(summary.diagnostics == transcript.diagnostics, "\(path)")
        }
    }

    /// A Mattermost export streams line by line: each conversation's report is the whole one's,
    /// diagnostics (a line that is not JSON, a post without a time) included.
    @Test(arguments: [3, 1 << 20])
    func everyMattermostConversationStreamsToTheSameReport(blockSize: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-mm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broken = folder.appending(path: "import.jsonl")
        let text = try String(contentsOf: Fixtures.url(MattermostParserTests.fixture), encoding: .utf8)
        try
            (text
            + "{\"type\": \"post\", \"post\": {\"team\": \"acme\", \"channel\": \"it-support\", \"user\": \"sam.keller\", \"message\": \"no time\"}}\n{\"type\": \"po")
            .write(to: broken, atomically: true, encoding: .utf8)
        for path in [Fixtures.url(MattermostParserTests.fixture).path, broken.path] {
            for (chat, provider) in [("it-support", "sam.keller"), ("dana.fischer, sam.keller", "dana.fischer")] {
                let reports = try #require(
                    try bothReports(
                        path, names: [provider], blockSize: blockSize, parser: MattermostParser(), chat: chat))
                #expect(reports.streamed == reports.whole, "\(path) \(chat)")
            }
        }
        #expect(throws: ChatBillError.self) {
            _ = try MattermostParser().stream(path: broken.path, options: ParseOptions(), blockSize: blockSize) { _ in }
        }
    }

    /// A support chat of `messages` messages over weeks (across the spring DST change in
    /// Berlin), with multi-line messages, system lines, and lines a few minutes out of order.
    static func generatedChat(messages: Int, seed: UInt64, lineEnding: String = "\n") -> String {
        var generator = SeededGenerator(seed: seed)
        var minute = 29_560_000  // 2026-03-15
        var lines: [String] = []
        var lastShown = minute
        for index in 0..<messages {
            minute +=
                Int.random(in: 0...9, using: &generator) == 0
                ? Int.random(in: 20...900, using: &generator)
                : Int.random(in: 0...6, using: &generator)
            var shown = minute
            if index % 97 == 50 { shown = lastShown - Int.random(in: 1...8, using: &generator) }  // delivered late
            lastShown = shown
            let civil = CivilDateTime(secondsSinceEpochAsUTC: Int64(shown) * 60)
            let stamp =
                "\(CivilDateTime.pad(civil.day, 2))/\(CivilDateTime.pad(civil.month, 2))/\(civil.year), "
                + "\(CivilDateTime.pad(civil.hour, 2)):\(CivilDateTime.pad(civil.minute, 2)) - "
            switch Int.random(in: 0...19, using: &generator) {
            case 0: lines.append(stamp + "Dana Fischer added Jonas Weber")
            case 1: lines.append(stamp + "Sam Keller: <Media omitted>")
            case 2: lines.append(stamp + "Dana Fischer: the log says\n12/03/2026, 10:00 - not a header\nsee above")
            default:
                let sender = ["Sam Keller", "Dana Fischer", "Jonas Weber"].randomElement(using: &generator)!
                lines.append(stamp + sender + ": message \(index)")
            }
        }
        return lines.joined(separator: "\n").replacingOccurrences(of: "\n", with: lineEnding) + lineEnding
    }

    func write(_ text: String, name: String) throws -> String {
        try write(bytes: Array(text.utf8), name: name)
    }

    func write(bytes: [UInt8], name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appending(path: name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Names in a file saved again in Windows-1252 are read alike both ways, so `--me` finds them.
    @Test func aFileSavedAgainInWindows1252StreamsToTheSameReport() throws {
        let path = try write(bytes: WhatsAppParserTests.savedAgainInWindows1252, name: "chat.txt")
        let reports = try #require(try bothReports(path, names: ["René"], blockSize: 1 << 20))
        #expect(reports.streamed == reports.whole)
        #expect(reports.streamed[0].contains("provider  René (from --me)"))
    }

    /// Zero bytes a crash left are told where they are, block boundaries or not.
    @Test func zeroBytesAreToldAsDamageBothWays() throws {
        var bytes = Array(try Data(contentsOf: Fixtures.url(Fixtures.whatsApp[0])))
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        var damaged = lines
        damaged[4] = [UInt8](repeating: 0, count: 150)
        bytes = Array(damaged.joined(separator: [0x0A])) + [UInt8](repeating: 0, count: 300)
        let path = try write(bytes: bytes, name: "WhatsApp Chat with Dana Fischer.txt")
        for blockSize in [3, 64, 1 << 20] {
            let reports = try #require(try bothReports(path, names: ["Sam Keller"], blockSize: blockSize))
            #expect(reports.streamed == reports.whole, "block size \(blockSize)")
            #expect(reports.streamed[0].contains("2 warnings"), "block size \(blockSize)")
        }
    }

    @Test(arguments: ["\n", "\r\n"])
    func aLongChatSpillsItsBillToDiskAndStillMatches(lineEnding: String) throws {
        let path = try write(
            Self.generatedChat(messages: 15_000, seed: 7, lineEnding: lineEnding), name: "WhatsApp Chat with Dana.txt")
        for blockSize in [97, 4096, 1 << 20] {
            let reports = try #require(try bothReports(path, names: ["Sam Keller"], blockSize: blockSize))
            #expect(reports.streamed == reports.whole, "block size \(blockSize)")
        }
        let streamed = try #require(
            try StreamedReport.make(
                path: path, parser: WhatsAppParser(), options: ParseOptions(timeZone: Fixtures.berlin),
                providerNames: ["Sam Keller"], policy: BillingPolicy()))
        #expect(streamed.bill.lines.count > BillLines.memoryLimit)
        #expect(Array(streamed.bill.lines).count == streamed.bill.lines.count)
    }

    /// A long table is written in parts on all cores: the same text as written in one piece,
    /// whether the bill is held in memory or spooled to disk, priced or not.
    @Test(arguments: [6000, 15_000])
    func aTableWrittenInPartsIsTheTableWrittenWhole(messages: Int) throws {
        let path = try write(Self.generatedChat(messages: messages, seed: 17), name: "WhatsApp Chat with Dana.txt")
        for priced in [false, true] {
            var policy = BillingPolicy()
            if priced { policy.rate = BillingRulesTests.randomRate(seed: 4) }
            let report = try #require(
                try StreamedReport.make(
                    path: path, parser: WhatsAppParser(), options: ParseOptions(timeZone: Fixtures.berlin),
                    providerNames: ["Sam Keller"], policy: policy))
            #expect(report.bill.lines.count > 2 * BillLines.checkpointInterval)
            let whole = TableReportRenderer(rowsPerPart: 1 << 20).render(report)
            for rows in [BillLines.checkpointInterval, 2 * BillLines.checkpointInterval] {
                #expect(TableReportRenderer(rowsPerPart: rows).render(report) == whole, "\(rows) rows a part")
            }
        }
    }

    @Test func randomPoliciesGiveTheSameBillEitherWay() throws {
        let path = try write(Self.generatedChat(messages: 3000, seed: 11), name: "chat.txt")
        for seed in UInt64(0)..<20 {
            var policy = SessionizerTests.randomPolicy(seed: seed)
            policy.leadInSeconds = min(policy.leadInSeconds, policy.gapSeconds)
            let reports = try #require(try bothReports(path, names: ["Sam Keller"], policy: policy, blockSize: 512))
            #expect(reports.streamed == reports.whole, "seed \(seed)")
        }
    }

    @Test func pricedPoliciesAndPeriodsGiveTheSameBillEitherWay() throws {
        let path = try write(Self.generatedChat(messages: 3000, seed: 13), name: "chat.txt")
        for seed in UInt64(0)..<12 {
            var policy = SessionizerTests.randomPolicy(seed: seed)
            policy.leadInSeconds = min(policy.leadInSeconds, policy.gapSeconds)
            policy.rate = BillingRulesTests.randomRate(seed: seed)
            policy.minimumSessionSeconds = seed % 2 == 0 ? 900 : 0
            policy.minimumDaySeconds = seed % 3 == 0 ? 3600 : 0
            policy.rounding.graceSeconds = policy.rounding.incrementSeconds / 4
            let period = seed % 2 == 0 ? BillingPeriod.month("2026-04") : BillingPeriod.isoWeek("2026-W13")
            let reports = try #require(
                try bothReports(path, names: ["Sam Keller"], policy: policy, period: period, blockSize: 512))
            #expect(reports.streamed == reports.whole, "seed \(seed)")
        }
    }

    @Test func aFileFurtherOutOfOrderThanTheWindowIsLeftToTheWholeRead() throws {
        let path = try write(Self.generatedChat(messages: 500, seed: 3), name: "chat.txt")
        #expect(try bothReports(path, names: ["Sam Keller"], blockSize: 4096, windowCapacity: 1) == nil)
        let reports = try #require(try bothReports(path, names: ["Sam Keller"], blockSize: 4096, windowCapacity: 64))
        #expect(reports.streamed == reports.whole)
    }

    /// Every message a read hands on: its line, instant and sender.
    func events(
        _ path: String, blockSize: Int, onePass: Bool
    ) throws -> (events: [String], summary: TranscriptSummary?) {
        var events: [String] = []
        let options = ParseOptions(timeZone: Fixtures.berlin)
        let record = { (event: MessageEvent) in
            events.append("\(event.line) \(event.instant.timeIntervalSince1970) \(event.sender) \(event.kind)")
        }
        let summary =
            onePass
            ? try WhatsAppParser().streamInOnePass(path: path, options: options, blockSize: blockSize, to: record)
            : try WhatsAppParser().stream(path: path, options: options, blockSize: blockSize, to: record)
        return (events, summary)
    }

    /// A WhatsApp file is read once with what its first block shows, and that is checked against
    /// the whole file's headers: the same messages as two passes when the check holds, nil when
    /// the rest of the file reads otherwise, and then the two-pass read decides.
    @Test func oneWhatsAppPassIsCheckedAgainstTheWholeFile() throws {
        let chat = Self.generatedChat(messages: 500, seed: 5)
        let plain = try write(chat, name: "chat.txt")
        for blockSize in [4096, 1 << 20] {
            let once = try events(plain, blockSize: blockSize, onePass: true)
            let twice = try events(plain, blockSize: blockSize, onePass: false)
            let summary = try #require(once.summary, "block size \(blockSize)")
            #expect(once.events == twice.events)
            #expect(summary.diagnostics == twice.summary?.diagnostics)
            #expect(summary.files.map(\.sha256) == twice.summary?.files.map(\.sha256))
        }
        // Headers of a second shape after the first block: the whole file takes them as headers.
        let lateShape = try write(
            chat + "[02/06/2026, 10:00:00] Dana Fischer: pasted\n[02/06/2026, 10:01:00] Dana Fischer: again\n",
            name: "chat.txt")
        #expect(try events(lateShape, blockSize: 4096, onePass: true).summary == nil)
        let reports = try #require(try bothReports(lateShape, names: ["Sam Keller"], blockSize: 4096))
        #expect(reports.streamed == reports.whole)
        let plainCount = try #require(try events(plain, blockSize: 4096, onePass: false).summary).messageCount
        #expect(reports.whole[0].contains("whatsapp: \(plainCount + 2) messages"))
        // A date after the first block that only reads month first: the error two passes give.
        let lateOrder = try write(chat + "04/13/2026, 10:00 - Dana Fischer: hi\n", name: "chat.txt")
        #expect(try events(lateOrder, blockSize: 4096, onePass: true).summary == nil)
        #expect(throws: ChatBillError.self) { try bothReports(lateOrder, names: ["Sam Keller"], blockSize: 4096) }
        #expect(throws: ChatBillError.self) { try events(lateOrder, blockSize: 4096, onePass: false) }
    }

    @Test func withoutMeOnlyANamedOneToOneExportStreams() throws {
        let text = "14/10/2026, 09:00 - Dana Fischer: hi\n14/10/2026, 09:05 - Sam Keller: on it\n"
        let named = try write(text, name: "WhatsApp Chat with Dana Fischer.txt")
        let streamed = try #require(
            try StreamedReport.make(
                path: named, parser: WhatsAppParser(), options: ParseOptions(timeZone: Fixtures.berlin),
                providerNames: [], policy: BillingPolicy()))
        #expect(streamed.provider.names == ["Sam Keller"])
        #expect(streamed.provider.source == .inferredFromFileName("WhatsApp Chat with Dana Fischer.txt"))
        let unnamed = try write(text, name: "chat.txt")
        #expect(
            try StreamedReport.make(
                path: unnamed, parser: WhatsAppParser(), options: ParseOptions(timeZone: Fixtures.berlin),
                providerNames: [], policy: BillingPolicy()) == nil)
    }

    /// Streamed, such a chat was an error listing no senders; read whole, an empty report.
    @Test func aChatOfOnlySystemLinesIsTheSameEmptyReportEitherWay() throws {
        let path = try write(
            "14/10/2026, 09:00 - Messages and calls are end-to-end encrypted.\n"
                + "14/10/2026, 09:01 - Dana Fischer created group \"Support\"\n", name: "chat.txt")
        let reports = try #require(try bothReports(path, names: ["Sam Keller"], blockSize: 1 << 20))
        #expect(reports.streamed == reports.whole)
        #expect(reports.streamed[0].contains("total: 0 sessions, 0 unanswered"))
    }

    @Test func aWrongMeIsTheSameErrorEitherWay() throws {
        let path = try write("14/10/2026, 09:00 - Dana Fischer: hi\n", name: "chat.txt")
        #expect(throws: ChatBillError.self) {
            try StreamedReport.make(
                path: path, parser: WhatsAppParser(), options: ParseOptions(timeZone: Fixtures.berlin),
                providerNames: ["Nobody"], policy: BillingPolicy())
        }
    }
}

@Suite("Block reader")
struct BlockReaderTests {
    /// Reads `text` in blocks of `size`, keeping each block's last line for the next block, and
    /// returns every line once with its number, plus the totals.
    func lines(of text: String, blockSize size: Int) throws -> ([(Int, String)], BlockReader.Totals) {
        let url = FileManager.default.temporaryDirectory.appending(path: "chatbill-blocks-\(UUID().uuidString).txt")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var seen: [(Int, String)] = []
        let totals = try BlockReader(path: url.path, blockSize: size).forEachBlock(hashing: true) { block in
            var reader = block.lineReader
            var lastStart = Int.max
            while let line = reader.next() {
                seen.append((line.number, block.bytes.string(line.content)))
                lastStart = block.base + line.content.lowerBound
            }
            // Keeping bytes already handed out must not hand them out again.
            return BlockReader.Progress(keepFrom: lastStart, lastLine: reader.lastNumber)
        }
        return (seen, totals)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
    func everyLineComesOnceInOrderWithItsNumber(blockSize: Int) throws {
        let text = "first\r\nsecond line, longer than a small block\n\nfourth\nno newline at the end"
        let (seen, totals) = try lines(of: text, blockSize: blockSize)
        #expect(seen.map(\.0) == [1, 2, 3, 4, 5])
        #expect(
            seen.map(\.1) == ["first", "second line, longer than a small block", "", "fourth", "no newline at the end"])
        #expect(totals.lineCount == 5)
        #expect(totals.byteCount == text.utf8.count)
        #expect(totals.sha256 == ExportFile.sha256(of: Array(text.utf8)))
    }

    @Test func anEmptyFileHasNoLines() throws {
        let (seen, totals) = try lines(of: "", blockSize: 8)
        #expect(seen.isEmpty)
        #expect(totals.lineCount == 0)
        #expect(totals.sha256 == ExportFile.sha256(of: []))
    }
}

@Suite("Reorder window")
struct ReorderWindowTests {
    func input(_ minute: Int, order: Int) -> SessionInput {
        SessionInput(
            instant: Date(timeIntervalSince1970: Double(minute * 60)), sender: 0, isProvider: false, line: order + 1,
            lastLine: order + 1, order: order)
    }

    @Test func messagesLeaveInTimeOrderAndFileOrderForTies() {
        var window = ReorderWindow(capacity: 3)
        let minutes = [1, 3, 2, 2, 5, 4, 6, 7]
        var released: [Int] = []
        for (order, minute) in minutes.enumerated() {
            if let out = window.push(input(minute, order: order)) { released.append(out.order) }
        }
        released += window.drain().map(\.order)
        #expect(released == [0, 2, 3, 1, 5, 4, 6, 7])
        #expect(!window.overflowed)
    }

    @Test func aMessageEarlierThanOneLetOutOverflows() {
        var window = ReorderWindow(capacity: 1)
        _ = window.push(input(5, order: 0))
        _ = window.push(input(6, order: 1))
        _ = window.push(input(4, order: 2))
        #expect(window.overflowed)
    }
}
