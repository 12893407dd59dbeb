import Foundation
import Testing

@testable import ChatBillCore

@Suite("Signal parser")
struct SignalParserTests {
    static let fixture = "signal/Dana Fischer/chat.md"

    @Test func signalExportLinesReadWithSignalsWords() throws {
        let transcript = try SignalParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.parserName == "signal")
        #expect(transcript.messages.map(\.kind) == [.text, .text, .attachment, .text, .text, .deleted])
        #expect(
            transcript.messages[3].text
                == "> Can you read me the key ID?\nThanks. Type the recovery key I just sent you by SMS.")
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-19T10:02:11+01:00")
    }

    @Test func detectionTellsSignalFromWhatsApp() throws {
        #expect(try ParserRegistry.standard.choose(for: Fixtures.input(Self.fixture)).name == "signal")
        let whatsApp = InputFile(displayName: "_chat.txt", bytes: Array("[2026-11-19 10:02:11] Dana: hi\n".utf8))
        #expect(try ParserRegistry.standard.choose(for: whatsApp).name == "whatsapp")
    }

    @Test func theSharedCorpusSampleIsSignal() throws {
        guard let corpus = Fixtures.corpus else { return }
        let input = try InputFile.read(
            path: corpus.appending(path: "signal-txt/joweich__chat-miner/test_export.txt").path)
        #expect(try ParserRegistry.standard.choose(for: input).name == "signal")
        let transcript = try SignalParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.timestampText) == ["2019-12-24, 12:23", "2020-01-17, 21:49"])
        #expect(transcript.messages.map(\.sender) == ["Jane Doe", "John Doe"])
        #expect(transcript.messages[1].text == "Hello\nJane!")
    }
}
