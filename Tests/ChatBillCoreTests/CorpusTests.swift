import Foundation
import Testing

@testable import ChatBillCore

/// The WhatsApp samples of the shared corpus (real exports from other projects), checked
/// against the header counts and first/last timestamps recorded independently in SOURCES.tsv.
/// Skips when the corpus is not beside the checkout.
@Suite("Shared corpus: WhatsApp", .enabled(if: Fixtures.corpus != nil, "../shared/corpus is absent"))
struct CorpusTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        let path: String
        let messages: Int
        let first: String
        let last: String
        let order: DateOrder?
        var testDescription: String { path }
    }

    /// The samples in the shapes read so far.
    static let english: Set<String> = [
        "whatsapp/MasterScrat__Chatistics/_chat.txt",
        "whatsapp/MasterScrat__Chatistics/_chat 2.txt",
        "whatsapp/emmaakachukwu__whatsapp-chat-parser-rb/sample.txt",
        "whatsapp/SpiritFour__whatsanalyze/chat_example.txt",
        "whatsapp/joweich__chat-miner/test_ddmmyy_24hrs.txt",
        "whatsapp/joweich__chat-miner/test_mmddyy_24hrs.txt",
        "whatsapp/joweich__chat-miner/test_mmddyyyy_12hrs.txt",
        "whatsapp/joweich__chat-miner/test_yyyymmdd_24hrs.txt",
        "whatsapp/lucasrodes__whatstk/example-12h.txt",
        "whatsapp/lucasrodes__whatstk/example_2.txt",
        "whatsapp/mlomb__chat-analytics/2A_5M.txt",
        "whatsapp/rodrigogs__whats-reader/WhatsApp Chat with Alice.txt",
        "whatsapp/rodrigogs__whats-reader/ios-format-test.txt",
        "whatsapp/rodrigogs__whats-reader/ios-private-chat___chat.txt",
        "whatsapp/rodrigogs__whats-reader/dash-format-test.txt",
        "whatsapp/rodrigogs__whats-reader/bracketed-year-first-test.txt",
        "whatsapp/rodrigogs__whats-reader/WhatsApp Chat with Family Group 👨‍👩‍👧‍👦.txt",
        // Other locales whose timestamps have the English shapes:
        "whatsapp/rodrigogs__whats-reader/asian-format-test.txt",
        "whatsapp/rodrigogs__whats-reader/french-format-test.txt",
        "whatsapp/rodrigogs__whats-reader/german-format-test.txt",
        "whatsapp/rodrigogs__whats-reader/spanish-format-test.txt",
    ]

    /// Where SOURCES.tsv's best-effort header count is wrong, the count read by hand, and why.
    static let countsReadByHand: [String: Int] = [
        // Line 19, `[1.2.2019, 00:00:00] …`, has a four-digit year in a file of two-digit years:
        // the fixture itself says it "is not a message on its own". Line 22, `2/11/19, 14:48 Alice
        // Placeholder: …`, has no separator. Both are text of the message before them.
        "whatsapp/MasterScrat__Chatistics/_chat.txt": 21,
        // Line 2, `[1.9.19, 00:00:00] …`, has a two-digit year in a file of four-digit years: "the
        // second line of the first message", as the fixture says.
        "whatsapp/MasterScrat__Chatistics/_chat 2.txt": 4,
        // Line 9, `15/12/2025, 10:34:00 AM Charlie: …`, has no separator: text of line 6's message.
        "whatsapp/emmaakachukwu__whatsapp-chat-parser-rb/sample.txt": 6,
    ]

    /// Samples that mix two header shapes with their own day/month orders (month-first Android
    /// lines and day-first iOS lines); each shape's order is inferred, none is forced, and the
    /// first message is the first line (SOURCES.tsv lists the first day-first line).
    static let mixedOrders = ["whatsapp/emmaakachukwu__whatsapp-chat-parser-rb/sample.txt": "2025-12-15T10:30:00"]

    /// Rows of SOURCES.tsv for the English samples. A date order marked `?` there was a guess, so
    /// the test passes it as `--date-order` would.
    static let samples: [Sample] = {
        guard let corpus = Fixtures.corpus,
            let table = try? String(contentsOf: corpus.appending(path: "SOURCES.tsv"), encoding: .utf8)
        else { return [] }
        return table.split(separator: "\n").dropFirst().compactMap { row -> Sample? in
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 9, english.contains(columns[0]), let count = Int(columns[6]) else { return nil }
            let firstColumn = columns[7]
            let guessed = firstColumn.contains("?,") || firstColumn.contains("?)")
            let mixed = mixedOrders[columns[0]]
            let order =
                guessed && mixed == nil
                ? DateOrder(argument: String(firstColumn.split(separator: "(")[1].prefix(3))) : nil
            return Sample(
                path: columns[0], messages: countsReadByHand[columns[0]] ?? count,
                first: mixed ?? String(firstColumn.prefix(19)),
                last: String(columns[8].prefix(19)), order: order)
        }
    }()

    /// Localised attachment markers, in the corpus's German, French and Spanish samples.
    @Test(arguments: ["german", "french", "spanish"])
    func localisedAttachmentsAreAttachments(language: String) throws {
        let corpus = try #require(Fixtures.corpus)
        let path = corpus.appending(path: "whatsapp/rodrigogs__whats-reader/\(language)-format-test.txt").path
        let transcript = try WhatsAppParser().parse(
            InputFile.read(path: path), options: ParseOptions(timeZone: Fixtures.berlin, dateOrder: .dmy))
        #expect(transcript.messages.filter { $0.kind == .attachment }.map(\.location.line) == [3, 6])
    }

    @Test func everyListedSampleIsInSOURCES() {
        #expect(Self.samples.count == Self.english.count)
    }

    @Test(arguments: samples)
    func noMessageIsLost(sample: Sample) throws {
        let corpus = try #require(Fixtures.corpus)
        let input = try InputFile.read(path: corpus.appending(path: sample.path).path)
        #expect(try ParserRegistry.standard.choose(for: input).name == "whatsapp")
        let utc = ZoneChoice(TimeZone(identifier: "UTC")!, source: .flag)
        let transcript = try WhatsAppParser().parse(
            input, options: ParseOptions(timeZone: utc, dateOrder: sample.order))
        #expect(transcript.messages.count == sample.messages)
        func wallClock(_ message: Message?) -> String {
            guard let message else { return "" }
            let civil = ISOTimestamp.local(message.instant, in: utc.timeZone)
            return "\(civil.dateString)T\(civil.timeString)"
        }
        #expect(wallClock(transcript.messages.first) == sample.first)
        #expect(wallClock(transcript.messages.last) == sample.last)
        #expect(transcript.diagnostics.filter { $0.severity == .error }.isEmpty)
        // No piece of a timestamp leaks into a sender (peers' "p. m. - Michelle" bug).
        for message in transcript.messages where message.kind != .system {
            let sender = message.sender
            #expect(!sender.isEmpty && !sender.contains(" - ") && !sender.contains("]") && !sender.contains("m. "))
            #expect(!(sender.first?.isNumber ?? false) || sender.hasPrefix("+"), "sender '\(sender)'")
        }
    }

    /// Reading a sample once, with what its first block shows, hands on what the two-pass read
    /// does, or says nil and leaves the file to the two passes: at a block of 64 bytes (the first
    /// block settles little) and of 1 MiB (it holds the whole sample).
    @Test(arguments: samples)
    func oneReadHandsOnWhatTwoReadsDo(sample: Sample) throws {
        let corpus = try #require(Fixtures.corpus)
        let path = corpus.appending(path: sample.path).path
        let options = ParseOptions(
            timeZone: ZoneChoice(TimeZone(identifier: "UTC")!, source: .flag), dateOrder: sample.order)
        func describe(_ event: MessageEvent) -> String {
            "\(event.line)-\(event.lastLine) \(event.instant.timeIntervalSince1970) \(event.sender) \(event.kind)"
        }
        for blockSize in [64, 1 << 20] {
            var twice: [String] = []
            let two = try WhatsAppParser().stream(path: path, options: options, blockSize: blockSize) {
                twice.append(describe($0))
            }
            #expect(twice.count == sample.messages)
            var once: [String] = []
            let one = try WhatsAppParser().streamInOnePass(path: path, options: options, blockSize: blockSize) {
                once.append(describe($0))
            }
            if blockSize == 1 << 20 { #expect(one != nil, "a whole sample in the first block settles it") }
            guard let one else { continue }
            #expect(once == twice, "block size \(blockSize)")
            #expect(one.diagnostics == two.diagnostics, "block size \(blockSize)")
            #expect(one.dateOrder == two.dateOrder, "block size \(blockSize)")
            #expect(one.files.map(\.sha256) == two.files.map(\.sha256))
        }
    }
}

/// `chatbill detect` names the right parser for every plain-text sample of the shared corpus.
@Suite("Shared corpus: detection", .enabled(if: Fixtures.corpus != nil, "../shared/corpus is absent"))
struct CorpusDetectionTests {
    static let parserByFolder = [
        "whatsapp": "whatsapp", "zoom-chat-txt": "zoom", "irc-log": "irc", "pidgin-txt": "pidgin-txt",
        "signal-txt": "signal", "msn-messengerplus-txt": "msn-plus-txt", "pidgin-html": "pidgin-html",
        "msn-messengerplus-html": "msn-plus-html", "imessage-html": "imessage-html", "vk-html": "vk-html",
        "telegram-json": "telegram-json",
        "discord-dce-json": "discord-json", "messenger-json": "facebook-json", "instagram-json": "facebook-json",
        "hangouts-takeout-json": "hangouts",
        "adium-chatlog-xml": "adium", "empathy-telepathy-xml": "empathy",
    ]

    @Test(arguments: parserByFolder.keys.sorted())
    func everySampleIsDetected(folder: String) throws {
        let root = try #require(Fixtures.corpus).appending(path: folder)
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { path in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: root.appending(path: path).path, isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue
        }
        #expect(!files.isEmpty)
        for file in files {
            let input = try InputFile.read(path: root.appending(path: file).path)
            #expect(
                try ParserRegistry.standard.choose(for: input).name == Self.parserByFolder[folder], "\(folder)/\(file)")
        }
    }
}
