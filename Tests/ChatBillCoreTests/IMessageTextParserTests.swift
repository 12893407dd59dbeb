import Foundation
import Testing

@testable import ChatBillCore

@Suite("iMessage TXT parser")
struct IMessageTextParserTests {
    static let fixture = "imessage-txt/+15555550123.txt"

    @Test func recordsSendersAnnouncementsAndReplies() throws {
        let newYork = ZoneChoice(TimeZone(identifier: "America/New_York")!, source: .flag)
        let transcript = try IMessageTextParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: newYork))
        #expect(transcript.messages.map(\.sender) == ["+15555550123", "Me", "+15555550123", "Me", "", "+15555550123"])
        #expect(transcript.messages.map(\.kind) == [.text, .text, .text, .text, .system, .text])
        #expect(transcript.messages.map(\.location.line) == [1, 5, 9, 15, 20, 22])
        #expect(transcript.messages[2].text == "It says \"no network\"\n\nIMG_2041.HEIC")
        #expect(transcript.messages[2].lastLine == 13)
        #expect(transcript.messages[4].text == "You renamed the conversation to Office IT")
        #expect(transcript.messages[0].timestampText == "Nov 18, 2026  9:05:12 AM")
        #expect(
            ISOTimestamp.format(transcript.messages[5].instant, in: newYork.timeZone) == "2026-11-18T10:02:47-05:00")
    }

    /// imessage-exporter calls the database's owner `Me`: the provider without `--me`, unless
    /// the export was made under another name.
    @Test func meIsTheExportsOwnAccount() throws {
        let transcript = try IMessageTextParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: .machine))
        #expect(transcript.accountSenders == ["Me"])
        #expect(try ProviderIdentity.resolve(names: [], for: transcript).names == ["Me"])
        let renamed = InputFile(
            displayName: "+15555550123.txt", bytes: Array("Nov 18, 2026  9:08:40 AM\nSam\nMorning!\n".utf8))
        #expect(try IMessageTextParser().parse(renamed, options: ParseOptions(timeZone: .machine)).accountSenders == [])
        // The last record is read to its end before the senders are looked at.
        let onlyMine = InputFile(
            displayName: "+15555550123.txt", bytes: Array("Nov 18, 2026  9:08:40 AM\nMe\nMorning!\n".utf8))
        #expect(
            try IMessageTextParser().parse(onlyMine, options: ParseOptions(timeZone: .machine)).accountSenders == ["Me"]
        )
    }

    @Test func anEditedMessagesTimestampInsideABodyIsNotARecord() throws {
        let text =
            "Nov 18, 2026  9:05:12 AM\nMe\nNov 18, 2026  9:05:12 AM first version\nEdited 1 minute later: second\n"
        let transcript = try IMessageTextParser().parse(
            InputFile(displayName: "x.txt", bytes: Array(text.utf8)), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.count == 1)
        #expect(transcript.messages[0].lastLine == 4)
    }
}
