import Foundation
import Testing

@testable import ChatBillCore

@Suite("Pidgin HTML parser")
struct PidginHTMLParserTests {
    static let fixture = "pidgin-html/jabber/sam@example.org/dana@example.org/2026-11-25.090211+0100CET.html"

    @Test func tagSoupBecomesMessagesWithTheOwnAccountAsProvider() throws {
        let transcript = try PidginHTMLParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: .machine))
        #expect(transcript.timeZone.source == .export)
        #expect(transcript.contextDate?.day.dateString == "2026-11-25")
        #expect(transcript.messages.map(\.sender) == ["Dana Fischer", "Sam Keller", "", "Sam Keller", "Dana Fischer"])
        #expect(transcript.messages.map(\.kind) == [.text, .text, .system, .text, .text])
        #expect(transcript.messages[0].text == "Hi Sam, Excel says the file is locked & read-only")
        #expect(transcript.messages[1].text == "Someone still has it open.\nChecking the file server sessions.")
        #expect(transcript.messages[2].text == "Dana Fischer has gone away.")
        #expect(transcript.messages.map(\.location.line) == [2, 3, 4, 6, 7])
        #expect(
            ISOTimestamp.format(transcript.messages[1].instant, in: transcript.timeZone.timeZone)
                == "2026-11-25T09:04:02+01:00")
        #expect(try ProviderIdentity.resolve(names: [], for: transcript).names == ["Sam Keller"])
    }

    /// A late message's date reads in the order the text logs' does (`PidginTextParser`).
    @Test func lateMessagesDatesReadInTheirLocalesOrder() throws {
        let html =
            "<html><body><h3>Conversation with dana@example.org</h3>\n"
            + "<font size=\"2\">(09:30:15)</font> <b>Dana Fischer:</b> Hi<br/>\n"
            + "<font size=\"2\">(05/11/2026 08:10:00)</font> <b>Dana Fischer:</b> sent while you were offline<br/>\n"
            + "<font size=\"2\">(17.11.2026 08:10:00)</font> <b>Dana Fischer:</b> and this<br/>\n</body></html>\n"
        let input = InputFile(displayName: "2026-11-16.093012+0000UTC.html", bytes: Array(html.utf8))
        let transcript = try PidginHTMLParser().parse(input, options: ParseOptions(timeZone: .machine))
        let zone = transcript.timeZone.timeZone
        #expect(
            transcript.messages.map { String(ISOTimestamp.format($0.instant, in: zone).prefix(10)) } == [
                "2026-11-16", "2026-11-05", "2026-11-17",
            ])
    }

    @Test func theSharedCorpusLogsReadEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        let samples = [
            ("2008-01-15.071445-0500PST.html", 3, "(2008-01-15 07:14:45)", "(2008-01-15 07:14:48)", "Gabe B-W"),
            ("chat.html", 3, "(9/3/2011 11:29:07 AM)", "(1:47:31 PM)", "MyNameRemoved@gmail.com"),
            ("input.html", 2, "(2014-03-16 23:55:48)", "(2014-03-15 23:55:50)", "Gabe B-W"),
        ]
        for (name, count, first, last, own) in samples {
            let input = try InputFile.read(
                path: corpus.appending(path: "pidgin-html/gabebw__pidgin2adium/" + name).path)
            #expect(try ParserRegistry.standard.choose(for: input).name == "pidgin-html", "\(name)")
            let transcript = try PidginHTMLParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
            #expect(transcript.messages.count == count, "\(name)")
            #expect(transcript.messages.first?.timestampText == first, "\(name)")
            #expect(transcript.messages.last?.timestampText == last, "\(name)")
            #expect(transcript.accountSenders == [own], "\(name)")
        }
    }
}
