import Foundation
import Testing

@testable import ChatBillCore

@Suite("Google Chat parser")
struct GoogleChatParserTests {
    static let fixture = "google-chat/Google Chat/Groups/DM 8q2bWkAAAAE/messages.json"

    @Test func spelledOutTimesAttachmentsAndBots() throws {
        let transcript = try GoogleChatParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.kind) == [.text, .text, .attachment, .system, .text])
        #expect(transcript.messages.map(\.sender) == ["Dana Fischer", "Sam Keller", "Dana Fischer", "", "Sam Keller"])
        #expect(transcript.messages[2].text == "File-vpn-error.png")
        #expect(transcript.messages[4].text == "Fixed: the client was on the old gateway.\nPlease reconnect.")
        let utc = TimeZone(identifier: "UTC")!
        #expect(ISOTimestamp.format(transcript.messages[0].instant, in: utc) == "2025-12-01T08:02:10+00:00")
        #expect(ISOTimestamp.format(transcript.messages[4].instant, in: utc) == "2025-12-01T08:31:20+00:00")
        #expect(transcript.diagnostics.isEmpty)
    }

    @Test func anUnknownZoneIsReadInTheReportsZoneWithANote() throws {
        let json = """
            {"messages": [{"creator": {"name": "A", "user_type": "Human"},
              "created_date": "Monday, December 1, 2025 at 8:02:10 AM XYZ", "text": "hi"}]}
            """
        let transcript = try GoogleChatParser().parse(
            InputFile(displayName: "messages.json", bytes: Array(json.utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: Fixtures.berlin.timeZone).hasPrefix(
                "2025-12-01T08:02:10"))
        #expect(transcript.diagnostics.map(\.severity) == [.note])
    }
}
