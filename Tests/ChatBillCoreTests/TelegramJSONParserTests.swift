import Foundation
import Testing

@testable import ChatBillCore

@Suite("Telegram JSON parser")
struct TelegramJSONParserTests {
    static let fixture = "telegram-json/result.json"

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
