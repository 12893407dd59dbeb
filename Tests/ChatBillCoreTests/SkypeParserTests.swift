import Foundation
import Testing

@testable import ChatBillCore

@Suite("Skype parser")
struct SkypeParserTests {
    static let fixture = "skype/messages.json"

    @Test func textCallsMediaEditsAndTheAccount() throws {
        let transcript = try SkypeParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.kind) == [.text, .call, .call, .text, .attachment, .text, .system])
        #expect(
            transcript.messages.map(\.sender) == [
                "Dana Fischer", "Sam Keller", "Sam Keller", "Sam Keller", "Dana Fischer", "Dana Fischer", "",
            ])
        #expect(transcript.messages[0].text == "Perfect, thank you! <3")
        #expect(transcript.messages[1].text == "call ended (12m34s)")
        #expect(transcript.messages[2].text == "call started")
        #expect(transcript.messages[3].text == "I'll call you, the screen share is easier.")
        #expect(transcript.messages[3].isEdited)
        #expect(transcript.messages[4].text == "scanner-error.jpg")
        #expect(transcript.messages[5].text == "Hi Sam, the scanner shows an error again")
        #expect(transcript.accountSenders == ["Sam Keller"])
        let report = Report(
            transcript: transcript, provider: try ProviderIdentity.resolve(names: [], for: transcript),
            policy: BillingPolicy())
        #expect(report.bill.billableSessions == 1)
    }

    @Test func aDeletedMessageIsMarkedAndUnknownTypesAreSystemLines() {
        let deleted = SkypeParser.kindAndText([
            "messagetype": "RichText", "content": "", "properties": ["deletetime": "1764844900000"],
        ])
        #expect(deleted.0 == .deleted)
        #expect(
            SkypeParser.kindAndText(["messagetype": "ThreadActivity/TopicUpdate", "content": "<topicupdate/>"]).0
                == .system)
        #expect(
            SkypeParser.kindAndText(["messagetype": "RichText/Media_GenericFile", "content": ""]).1
                == "media_genericfile")
    }
}
