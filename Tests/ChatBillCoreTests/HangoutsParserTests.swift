import Foundation
import Testing

@testable import ChatBillCore

@Suite("Hangouts parser")
struct HangoutsParserTests {
    static let fixture = "hangouts/new/Hangouts.json"
    static let oldLayout = "hangouts/old/Hangouts.json"

    func parse(_ fixture: String, chat: String?) throws -> Transcript {
        try HangoutsParser().parse(
            Fixtures.input(fixture), options: ParseOptions(timeZone: Fixtures.berlin, chat: chat))
    }

    @Test func segmentsAttachmentsCallsAndTheAccountsOwnName() throws {
        let transcript = try parse(Self.fixture, chat: "dana")
        #expect(transcript.messages.map(\.kind) == [.text, .text, .attachment, .call, .call, .text])
        #expect(transcript.messages[1].text == "Morning! Which version?\nFile > Office Account shows it")
        #expect(transcript.messages[4].text == "call ended (11m52s)")
        #expect(transcript.messages[5].text == "Works again, thanks! https://status.example.com")
        #expect(transcript.accountSenders == ["Sam Keller"])
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: TimeZone(identifier: "UTC")!)
                == "2025-12-01T08:40:00+00:00")
        let provider = try ProviderIdentity.resolve(names: [], for: transcript)
        #expect(provider.names == ["Sam Keller"])
        #expect(provider.source == .markedInExport)
    }

    @Test func aGroupIsChosenByItsNameAndItsJoinsAreSystemLines() throws {
        let transcript = try parse(Self.fixture, chat: "Office IT")
        #expect(transcript.messages.map(\.kind) == [.system, .text, .text])
        #expect(transcript.messages.map(\.sender) == ["", "Jonas Weber", "Sam Keller"])
        #expect(throws: ChatBillError.self) { try parse(Self.fixture, chat: nil) }
    }

    @Test func theOlderLayoutReadsTheSame() throws {
        let old = try parse(Self.oldLayout, chat: nil)
        let new = try parse(Self.fixture, chat: "Dana Fischer")
        #expect(old.messages.map(\.text) == new.messages.prefix(3).map(\.text))
        #expect(old.messages.map(\.instant) == new.messages.prefix(3).map(\.instant))
        #expect(old.accountSenders == ["Sam Keller"])
    }

    @Test func theSharedCorpusExportReadsEveryEvent() throws {
        guard let corpus = Fixtures.corpus else { return }
        let input = try InputFile.read(
            path: corpus.appending(path: "hangouts-takeout-json/lmjones81__hangouts_history_parser/Hangouts.json").path)
        #expect(try ParserRegistry.standard.choose(for: input).name == "hangouts")
        let transcript = try HangoutsParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.count == 4)
        #expect(transcript.messages.first?.sender == "Lynne-Marie Woodard")
        #expect(transcript.messages.first?.text == "Hi")
        #expect(transcript.accountSenders == ["Troy Woodard"])
        #expect(transcript.messages.allSatisfy { $0.location.line > 1 })
    }
}
