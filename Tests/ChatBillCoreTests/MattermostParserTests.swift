import Foundation
import Testing

@testable import ChatBillCore

@Suite("Mattermost parser")
struct MattermostParserTests {
    static let fixture = "mattermost/import.jsonl"

    func parse(chat: String?) throws -> Transcript {
        try MattermostParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin, chat: chat))
    }

    @Test func postsAndTheirRepliesAreMessagesOnTheirLine() throws {
        let transcript = try parse(chat: "it-support")
        #expect(transcript.messages.map(\.kind) == [.text, .text, .attachment, .text])
        #expect(transcript.messages.map(\.location.line) == [6, 6, 6, 7])
        #expect(
            transcript.messages.map(\.location.column).prefix(3).sorted()
                == transcript.messages.map(\.location.column).prefix(3).map { $0 })
        #expect(transcript.messages[1].location.column > 1)
        #expect(transcript.messages.map(\.sender) == ["dana.fischer", "sam.keller", "dana.fischer", "sam.keller"])
        #expect(transcript.messages[2].text == "printer.jpg")
        #expect(transcript.headerLines == [1, 2, 3, 4, 5, 8, 9])
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: TimeZone(identifier: "UTC")!)
                == "2025-12-02T08:00:00+00:00")
    }

    @Test func directChatsArePickedByTheirMembers() throws {
        let transcript = try parse(chat: "dana.fischer, sam.keller")
        #expect(transcript.messages.map(\.text) == ["Thanks! Invoice to the usual address"])
        #expect(throws: ChatBillError.self) { try parse(chat: nil) }
    }

    @Test func aBrokenLineIsAWarningAndTheRestIsRead() throws {
        let text = """
            {"type":"version","version":1}
            {"type":"post","post":{"team":"t","channel":"c","user":"a","message":"hi","create_at":1764662400000}}
            {"type":"post","post":
            """
        let transcript = try MattermostParser().parse(
            InputFile(displayName: "import.jsonl", bytes: Array(text.utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.count == 1)
        #expect(transcript.diagnostics.map(\.location?.line) == [3])
    }
}
