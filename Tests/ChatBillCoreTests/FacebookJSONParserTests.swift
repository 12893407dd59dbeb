import Foundation
import Testing

@testable import ChatBillCore

@Suite("Messenger and Instagram JSON parser")
struct FacebookJSONParserTests {
    static let fixture = "facebook-json/inbox/danafischer_10158/message_1.json"

    @Test func newestFirstMediaCallsUnsentAndRepairedText() throws {
        let transcript = try FacebookJSONParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.kind) == [.text, .text, .call, .attachment, .deleted, .text, .text])
        #expect(transcript.messages.last?.text == "Hallo Sam, der Drucker im Büro druckt nicht mehr")
        // Escaped UTF-8 bytes are repaired; text that was already right is left alone.
        #expect(transcript.messages[1].text == "Danke “Sam” 🙏")
        #expect(
            transcript.messages[5].text
                == "Schick mir bitte ein Foto der Fehlermeldung “E-302”\nhttps://support.example.com/e-302")
        #expect(transcript.messages[2].text == "Sam Keller called you. (7m)")
        #expect(transcript.messages[3].text == "printer_error_10158.jpg")
        #expect(
            ISOTimestamp.format(transcript.messages.last!.instant, in: TimeZone(identifier: "UTC")!)
                == "2025-11-28T12:50:00+00:00")
        // Sessions are made in time order although the file is newest first.
        let report = Report(
            transcript: transcript, provider: ProviderIdentity(names: ["Sam Keller"]), policy: BillingPolicy())
        #expect(report.bill.lines.count == 1)
        #expect(report.bill.lines.map(\.session.lines) == [11...61])
    }

    @Test(arguments: [
        ("B\u{00C3}\u{00BC}ro", "Büro"), ("plain ASCII", "plain ASCII"), ("“quoted”", "“quoted”"),
        ("Ã", "Ã"), ("caf\u{00E9}", "café"),
    ])
    func mojibakeIsRepairedOnlyWhereItIsMojibake(text: String, expected: String) {
        #expect(MojibakeRepair.repair(text) == expected)
    }

    @Test func theSharedCorpusDownloadsReadEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        for (path, count, first) in [
            ("messenger-json/mlomb__chat-analytics/2A_7M.json", 7, "Alice"),
            ("instagram-json/joweich__chat-miner/test_export.json", 2, "John Doe"),
        ] {
            let input = try InputFile.read(path: corpus.appending(path: path).path)
            #expect(try ParserRegistry.standard.choose(for: input).name == "facebook-json", "\(path)")
            let transcript = try FacebookJSONParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
            #expect(transcript.messages.count == count, "\(path)")
            #expect(transcript.messages.first?.sender == first, "\(path)")
        }
    }
}
