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
        #expect(transcript.messages.map(\.kind) == [.text, .text, .attachment, .text, .call, .text, .deleted])
        #expect(
            transcript.messages[3].text
                == "> Can you read me the key ID?\n\nThanks. Type the recovery key I just sent you by SMS.")
        #expect(transcript.messages[3].location.line == 4)
        #expect(transcript.messages[3].lastLine == 8)
        #expect(transcript.messages[5].text == "It booted. Thank you!  \n(- Me: 👍 -)")
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-19T10:02:11+01:00")
    }

    /// signal-export names the exporting account `Me`: it is the provider without `--me`, read
    /// whole or streamed, and `--me` still decides over it.
    @Test func meIsTheExportsOwnAccount() throws {
        let transcript = try SignalParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.accountSenders == ["Me"])
        let provider = try ProviderIdentity.resolve(names: [], for: transcript)
        #expect(provider.names == ["Me"] && provider.source == .markedInExport)
        #expect(try ProviderIdentity.resolve(names: ["Dana Fischer"], for: transcript).names == ["Dana Fischer"])
        let streamed = try #require(
            try StreamedReport.make(
                path: Fixtures.url(Self.fixture).path, parser: SignalParser(),
                options: ParseOptions(timeZone: Fixtures.berlin), providerNames: [], policy: BillingPolicy()))
        #expect(streamed.provider.names == ["Me"])
        let other = InputFile(displayName: "chat.md", bytes: Array("[2026-11-19 10:02:11] Dana: hi\n".utf8))
        #expect(try SignalParser().parse(other, options: ParseOptions(timeZone: Fixtures.berlin)).accountSenders == [])
    }

    /// A text that starts with a link to a file signal-export saved is an attachment; other
    /// Markdown-looking texts are text.
    @Test(arguments: [
        ("[invoice.pdf](./media/2026-11-19_00_invoice.pdf)  ", MessageKind.attachment),
        ("![2026-11-19_00_IMG_0415.jpg](./media/2026-11-19_00_IMG_0415.jpg)  ", .attachment),
        ("[👍](../exported_stickers/abc/1.webp)  ", .attachment),
        ("[urgent] the printer is down", .text), ("see [the wiki](https://example.org/media/)", .text),
        ("Missed voice call", .call), ("Outgoing video call (unanswered)", .call),
    ])
    func attachmentsAndCallsAreTold(text: String, kind: MessageKind) throws {
        let input = InputFile(displayName: "chat.md", bytes: Array("[2026-11-19 10:02:11] Dana: \(text)\n".utf8))
        let transcript = try SignalParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.kind) == [kind])
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
