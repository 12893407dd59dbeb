import Foundation
import Testing

@testable import ChatBillCore

@Suite("Messenger Plus! text parser")
struct MessengerPlusTextParserTests {
    static let fixture = "msn-plus-txt/dana@example.com.txt"

    @Test func bannersWindows1252StatusLinesAndMidnight() throws {
        let transcript = try MessengerPlusTextParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.contextDate?.source == .header(line: 2))
        #expect(transcript.headerLines == [1, 2, 3, 4, 5, 6])
        #expect(transcript.messages.map(\.kind) == [.text, .text, .text, .text, .system, .text])
        #expect(transcript.messages[2].text == "E-204, and the last payment of 49,90 € did not go through")
        #expect(
            transcript.messages[3].text
                == "I re-registered the terminal with the bank's server.\nPlease try the payment again.")
        #expect(
            ISOTimestamp.format(transcript.messages[5].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-20T00:05:12+01:00")
    }

    @Test func theSharedCorpusLogsReadEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        let paris = ZoneChoice(TimeZone(identifier: "Europe/Paris")!, source: .flag)
        let samples = [
            ("basic.txt", 4, "2003-12-26T23:00:21+01:00", "2003-12-27T01:00:47+01:00"),
            ("same-nick.txt", 2, "2003-12-26T23:00:21+01:00", "2003-12-26T23:00:22+01:00"),
            ("simple-nick.txt", 2, "2003-12-26T23:00:21+01:00", "2003-12-26T23:00:22+01:00"),
        ]
        for (name, count, first, last) in samples {
            let input = try InputFile.read(
                path: corpus.appending(path: "msn-messengerplus-txt/tomzx__msn-log-parser/" + name).path)
            #expect(try ParserRegistry.standard.choose(for: input).name == "msn-plus-txt")
            let transcript = try MessengerPlusTextParser().parse(input, options: ParseOptions(timeZone: paris))
            let texts = transcript.messages.filter { $0.kind == .text }
            #expect(texts.count == count, "\(name)")
            #expect(texts.first.map { ISOTimestamp.format($0.instant, in: paris.timeZone) } == first, "\(name)")
            #expect(texts.last.map { ISOTimestamp.format($0.instant, in: paris.timeZone) } == last, "\(name)")
        }
    }
}
