import Foundation
import Testing

@testable import ChatBillCore

@Suite("Teams parser")
struct TeamsParserTests {
    static let fixture = "teams/chat-messages.json"

    @Test func htmlBodiesCallsAttachmentsDeletedAndEdited() throws {
        let transcript = try TeamsParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.kind) == [.text, .call, .text, .deleted, .attachment, .text, .system])
        #expect(
            transcript.messages.map(\.sender) == [
                "Dana Fischer", "Sam Keller", "Sam Keller", "Dana Fischer", "Dana Fischer", "Dana Fischer", "",
            ])
        #expect(transcript.messages[0].text == "Thanks & have a nice day!")
        #expect(transcript.messages[1].text == "call ended (12m30s)")
        #expect(transcript.messages[2].text == "I'll call you in a minute.\nPlease keep Teams open.")
        #expect(transcript.messages[2].isEdited)
        #expect(transcript.messages[4].text == "excel-error.png")
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: TimeZone(identifier: "UTC")!)
                == "2025-12-03T09:45:00+00:00")
    }

    @Test func aListOfPagesReadsAsOneChat() throws {
        let page =
            #"{"value": [{"messageType": "message", "createdDateTime": "2025-12-03T09:22:00Z", "from": {"user": {"displayName": "A"}}, "body": {"contentType": "text", "content": "x"}}]}"#
        let transcript = try TeamsParser().parse(
            InputFile(displayName: "pages.json", bytes: Array("[\(page),\n\(page)]".utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.location.line) == [1, 2])
    }

    @Test(arguments: [("PT12M30S", 750), ("PT1H", 3600), ("P1DT2M", 86_520), ("PT0.5S", 0), ("12:00", nil)])
    func isoDurations(text: String, seconds: Int?) {
        #expect(TeamsParser.isoDurationSeconds(text) == seconds)
    }
}
