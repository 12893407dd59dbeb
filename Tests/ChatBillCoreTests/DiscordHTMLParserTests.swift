import Foundation
import Testing

@testable import ChatBillCore

@Suite("DiscordChatExporter HTML parser")
struct DiscordHTMLParserTests {
    static let fixture = "discord-html/Acme IT - Support - printers [1176].html"

    @Test func groupsRepliesAttachmentsAndNotifications() throws {
        let transcript = try DiscordHTMLParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.kind) == [.text, .attachment, .text, .attachment, .call, .system])
        #expect(
            transcript.messages.map(\.sender) == [
                "Dana Fischer", "Dana Fischer", "Sam Keller", "Sam Keller", "Sam Keller", "",
            ])
        #expect(transcript.messages[0].text == "The label printer prints blank pages & beeps")
        #expect(transcript.messages[1].text == "label.jpg")
        // The quoted reply is not the message's text; the edit mark is a flag, not text.
        #expect(transcript.messages[2].text == "Thermal labels need direct thermal mode.\nSwitching it now.")
        #expect(transcript.messages[2].isEdited)
        #expect(transcript.messages[3].text == "zd420-settings.pdf")
        #expect(transcript.messages[4].text == "started a call that lasted 14 minutes")
        #expect(transcript.dateOrder?.order == .mdy)
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-20T09:02:00+01:00")
    }
}
