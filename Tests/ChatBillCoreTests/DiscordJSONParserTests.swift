import Foundation
import Testing

@testable import ChatBillCore

@Suite("DiscordChatExporter JSON parser")
struct DiscordJSONParserTests {
    static let fixture = "discord-json/Acme IT - Support - network [2].json"

    @Test func typesAuthorsAttachmentsAndCalls() throws {
        let transcript = try DiscordJSONParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: .machine))
        #expect(transcript.messages.map(\.kind) == [.system, .text, .attachment, .call, .text])
        #expect(transcript.messages.map(\.sender) == ["", "Dana Fischer", "Dana Fischer", "Sam Keller", "Sam Keller"])
        #expect(transcript.messages[2].text == "switch.jpg")
        #expect(transcript.messages[4].isEdited)
        #expect(transcript.timeZone.source == .export)
        #expect(
            ISOTimestamp.format(transcript.messages[1].instant, in: TimeZone(identifier: "UTC")!)
                == "2026-11-28T13:02:10+00:00")
    }

    @Test func theSharedCorpusExportsReadEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        for (name, count) in [("DM_2A_2M.json", 3), ("GC_3A_5M.json", 6), ("SV_5A_5M.json", 5)] {
            let input = try InputFile.read(
                path: corpus.appending(path: "discord-dce-json/mlomb__chat-analytics/" + name).path)
            #expect(try ParserRegistry.standard.choose(for: input).name == "discord-json", "\(name)")
            #expect(
                try DiscordJSONParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin)).messages.count
                    == count)
        }
    }
}
