import Foundation
import Testing

@testable import ChatBillCore

@Suite("VK HTML parser")
struct VKHTMLParserTests {
    static let fixture = "vk-html/messages.html"

    @Test func bodiesAttachmentsAndActions() throws {
        let transcript = try VKHTMLParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.sender) == ["Dana Fischer", "Dana Fischer", "Sam Keller", ""])
        #expect(transcript.messages.map(\.kind) == [.text, .attachment, .text, .system])
        #expect(transcript.messages[0].text == "Sam, the router lights are all orange\nWhat does that mean? 😕")
        #expect(transcript.messages[1].text == "[photo2_7] (640x480)")
        #expect(transcript.messages[3].text == "action \"chat_title_update\" is unknown")
        #expect(
            ISOTimestamp.format(transcript.messages[2].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-27T12:05:00+01:00")
    }

    @Test func theSharedCorpusExportsReadEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        for (name, count, first, last) in [
            ("messages.html", 5, "2018.01.21 13:53:59", "2018.01.22 10:05:13"),
            ("messages_attachments.html", 7, "2018.01.21 13:53:59", "2018.01.21 13:53:59"),
        ] {
            let input = try InputFile.read(
                path: corpus.appending(path: "vk-html/texbois__joebot-message-parser/" + name).path)
            #expect(try ParserRegistry.standard.choose(for: input).name == "vk-html")
            let transcript = try VKHTMLParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
            #expect(transcript.messages.count == count, "\(name)")
            #expect(transcript.messages.first?.timestampText == first, "\(name)")
            #expect(transcript.messages.last?.timestampText == last, "\(name)")
        }
    }
}
