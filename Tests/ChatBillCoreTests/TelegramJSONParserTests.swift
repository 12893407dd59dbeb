import Foundation
import Testing

@testable import ChatBillCore

@Suite("Telegram JSON parser")
struct TelegramJSONParserTests {
    static let fixture = "telegram-json/result.json"
    /// One chat: escaped names, text as entities, strings with brackets, a call, media, a deleted
    /// account, a date without `date_unixtime` and one that is no date.
    static let singleChat = "telegram-json/single-chat/result.json"

    func parse(chat: String?) throws -> Transcript {
        try TelegramJSONParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin, chat: chat))
    }

    @Test func anAccountExportReadsTheChosenChat() throws {
        let transcript = try parse(chat: "Dana")
        #expect(transcript.messages.map(\.kind) == [.system, .text, .attachment, .call, .text])
        #expect(transcript.messages.map(\.sender) == ["", "Dana Fischer", "Dana Fischer", "Sam Keller", "Sam Keller"])
        #expect(transcript.messages[3].text == "call, 9m")
        #expect(
            transcript.messages[4].text
                == "Fixed: the drive letter was taken by a card reader, see https://example.org/kb/42")
        #expect(transcript.messages[4].isEdited)
        #expect(
            ISOTimestamp.format(transcript.messages[1].instant, in: TimeZone(identifier: "UTC")!)
                == "2026-11-28T09:02:11+00:00")
        // Every message is located at its own object in the file.
        let input = transcript.input
        for message in transcript.messages {
            #expect(input.bytes[message.byteRange.lowerBound] == 0x7B)
            #expect(input.bytes[message.byteRange.upperBound - 1] == 0x7D)
        }
    }

    @Test func aSingleChatReadsEveryKindOfEntry() throws {
        let transcript = try TelegramJSONParser().parse(
            Fixtures.input(Self.singleChat), options: ParseOptions(timeZone: Fixtures.berlin))
        let renee = "Renée \"IT\" Müller"
        #expect(
            transcript.messages.map(\.kind) == [
                .system, .text, .text, .attachment, .call, .text, .text, .text, .text, .attachment,
            ])
        #expect(
            transcript.messages.map(\.sender) == [
                "", renee, "Sam Keller", renee, "Sam Keller", "Sam Keller", "", renee, "Sam Keller", "Sam Keller",
            ])
        #expect(transcript.messages[1].text == "Printer offline again 😩 \\ path C:\\print")
        #expect(
            ISOTimestamp.format(transcript.messages[7].instant, in: Fixtures.berlin.timeZone)
                == "2026-03-29T09:15:00+02:00")
        #expect(
            transcript.diagnostics.map(\.description) == [
                "\(transcript.input.displayName):116:3: warning: 'yesterday' is not a date; the message is not billed"
            ])
    }

    /// A whole-account export streams too: the chosen chat's messages, as `parse` reads them;
    /// without a choice, the same error.
    @Test(arguments: [3, 1 << 20])
    func aWholeAccountExportStreamsTheChosenChat(blockSize: Int) throws {
        let path = Fixtures.url(Self.fixture).path
        let parser = TelegramJSONParser()
        for chat in ["Dana", "Jonas"] {
            let options = ParseOptions(timeZone: Fixtures.berlin, chat: chat)
            let whole = try parser.parse(Fixtures.input(Self.fixture), options: options).messages
            var streamed: [MessageEvent] = []
            let summary = try parser.stream(path: path, options: options, blockSize: blockSize) { streamed.append($0) }
            #expect(streamed.map(\.instant) == whole.map(\.instant))
            #expect(streamed.map(\.sender) == whole.map(\.sender))
            #expect(streamed.map(\.kind) == whole.map(\.kind))
            #expect(streamed.map(\.line) == whole.map(\.location.line))
            #expect(streamed.map(\.lastLine) == whole.map(\.lastLine))
            #expect(summary.messageCount == whole.count)
        }
        let choice = { () throws -> Void in
            _ = try parser.parse(Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        }
        let streamChoice = { () throws -> Void in
            _ = try parser.stream(path: path, options: ParseOptions(timeZone: Fixtures.berlin), blockSize: blockSize) {
                _ in
            }
        }
        var messages: [String] = []
        for attempt in [choice, streamChoice] {
            do {
                try attempt()
            } catch let error as ChatBillError {
                messages.append(error.diagnostic.message)
            }
        }
        #expect(messages.count == 2 && messages[0] == messages[1] && messages[0].contains("pick one with --chat"))
    }

    /// A file cut short, or broken, stops the stream with the place it goes wrong.
    @Test(arguments: [3, 1 << 20])
    func aBrokenFileStopsTheStreamWhereItBreaks(blockSize: Int) throws {
        let text = try String(contentsOf: Fixtures.url(Self.singleChat), encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-tg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cut = folder.appending(path: "cut.json")
        try String(text.prefix(1500)).write(to: cut, atomically: true, encoding: .utf8)
        let broken = folder.appending(path: "broken.json")
        try text.replacingOccurrences(of: "\"id\": 3,", with: "\"id\": 3,,").write(
            to: broken, atomically: true, encoding: .utf8)
        let options = ParseOptions(timeZone: Fixtures.berlin)
        for (url, message) in [
            (cut, "cut.json:67:26: error: the JSON is cut short here: the file ends inside the list of messages"),
            (broken, "broken.json:49:12: error: not Telegram's result.json: expected a string"),
        ] {
            #expect {
                _ = try TelegramJSONParser().stream(path: url.path, options: options, blockSize: blockSize) { _ in }
            } throws: { error in
                (error as? ChatBillError)?.diagnostic.description.hasSuffix(message) == true
            }
        }
    }

    @Test func withoutChatSeveralChatsAreAChoice() {
        #expect(throws: ChatBillError.self) { try parse(chat: nil) }
    }

    @Test func withoutUnixTimesTheDateIsReadInTheReportsZone() throws {
        let transcript = try parse(chat: "Jonas")
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-27T16:00:00+01:00")
    }

    @Test func theSharedCorpusExportsReadEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        let samples: [(String, String?, Int)] = [
            ("innerdvations__telegram-chat-parser/bot.json", nil, 2),
            ("innerdvations__telegram-chat-parser/private_group.json", nil, 1),
            ("joweich__chat-miner/test_single_export.json", nil, 2),
            ("joweich__chat-miner/test_batch_export.json", "Chatname", 2),
            ("mlomb__chat-analytics/DM_2A_7M.json", nil, 6),
        ]
        for (path, chat, count) in samples {
            let input = try InputFile.read(path: corpus.appending(path: "telegram-json/" + path).path)
            #expect(try ParserRegistry.standard.choose(for: input).name == "telegram-json", "\(path)")
            let transcript = try TelegramJSONParser().parse(
                input, options: ParseOptions(timeZone: Fixtures.berlin, chat: chat))
            // SOURCES.tsv counts entries of type "message" (not service lines or calls).
            #expect(transcript.messages.filter { $0.kind == .text || $0.kind == .attachment }.count == count, "\(path)")
        }
    }
}

@Suite("JSON array locator")
struct JSONArrayLocatorTests {
    @Test func elementsAreFoundPastBracesAndEscapesInStrings() {
        let json = #"{"name": "a } [ \" {", "messages": [ {"t": "x { ]"}, {"n": {"m": 1}} ], "other": [ {} ]}"#
        let bytes = Array(json.utf8)
        let arrays = JSONArrayLocator.objectRanges(under: "messages", in: bytes)
        #expect(arrays.count == 1)
        #expect(
            arrays[0].map { String(decoding: bytes[$0], as: UTF8.self) } == [#"{"t": "x { ]"}"#, #"{"n": {"m": 1}}"#])
    }
}
