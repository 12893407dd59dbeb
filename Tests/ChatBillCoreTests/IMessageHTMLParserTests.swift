import Foundation
import Testing

@testable import ChatBillCore

@Suite("iMessage HTML parser")
struct IMessageHTMLParserTests {
    static let fixture = "imessage-html/+15555550199.html"

    @Test func messagesRepliesAnnouncementsAndTheSentSide() throws {
        let transcript = try IMessageHTMLParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.sender) == ["+15555550199", "Me", "+15555550199", ""])
        #expect(transcript.messages.map(\.kind) == [.text, .text, .text, .system])
        #expect(transcript.messages[1].text == "I rotated it last night.\nThe new one is on the fridge note.")
        #expect(transcript.messages[2].text == "Found it & connected")
        #expect(transcript.messages[3].text == "You named the conversation Office")
        #expect(transcript.messages[0].timestampText == "Nov 27, 2026 8:40:10 AM")
        #expect(try ProviderIdentity.resolve(names: [], for: transcript).names == ["Me"])
    }

    @Test func theSharedCorpusExampleReadsEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        let input = try InputFile.read(
            path: corpus.appending(path: "imessage-html/ReagentX__imessage-exporter/example.html").path)
        #expect(try ParserRegistry.standard.choose(for: input).name == "imessage-html")
        let transcript = try IMessageHTMLParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        let texts = transcript.messages.filter { $0.kind == .text }
        #expect(texts.count == 10)
        #expect(texts.first?.timestampText == "Jul 17, 2022 5:04:04 PM")
        #expect(texts.last?.timestampText == "Jul 17, 2022 5:47:37 PM")
        #expect(Set(texts.map(\.sender)) == ["Me", "steve@icloud.com", "+15558675309"])
    }
}
