import Foundation
import Testing

@testable import ChatBillCore

@Suite("DiscordChatExporter TXT parser")
struct DiscordTextParserTests {
    static let fixture = "discord-txt/Acme IT - Support - printers [1141234567890].txt"

    @Test func messagesAuthorsBlocksAndTheFrame() throws {
        let transcript = try DiscordTextParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.dateOrder?.order == .mdy)
        #expect(
            transcript.messages.map(\.sender) == [
                "dana.fischer", "sam.keller", "dana.fischer", "sam.keller", "dana.fischer", "dana.fischer",
            ])
        #expect(transcript.messages.map(\.kind) == [.text, .text, .text, .text, .attachment, .text])
        #expect(
            transcript.messages[0].text.hasSuffix("{Attachments}\nhttps://cdn.discordapp.com/attachments/1/2/label.jpg")
        )
        #expect(transcript.messages.map(\.lastLine) == [11, 14, 17, 24, 28, 31])
        #expect(transcript.headerLines == [1, 2, 3, 4, 5, 34, 35, 36])
        #expect(
            ISOTimestamp.format(transcript.messages[5].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-20T13:40:00+01:00")
    }

    @Test func dayFirstExportsAreReadDayFirst() throws {
        let text =
            "==============================================================\nGuild: A\nChannel: B\n"
            + "==============================================================\n\n[20.11.2026 14:03] dana\nhallo\n\n"
        let transcript = try DiscordTextParser().parse(
            InputFile(displayName: "x.txt", bytes: Array(text.utf8)), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.dateOrder?.order == .dmy)
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-20T14:03:00+01:00")
    }

    /// DiscordChatExporter 2 wrote `[20-Nov-18 09:02 AM] dana#1234` by default; a header with an
    /// impossible date stays text, with a warning.
    @Test func version2sDefaultDatesAreRead() throws {
        let text =
            "==============================================================\nGuild: A\nChannel: B\n"
            + "==============================================================\n\n[20-Nov-18 09:02 AM] dana#1234\n"
            + "printer down\n\n[20-Nov-18 12:15 PM] sam#0001 (pinned)\nfixed\n[31-Feb-18 01:00 PM] sam#0001\n"
        let input = InputFile(displayName: "x.txt", bytes: Array(text.utf8))
        #expect(ParserRegistry.standard.rank(input).first?.parser.name == "discord-txt")
        let transcript = try DiscordTextParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.sender) == ["dana#1234", "sam#0001"])
        #expect(transcript.messages.map(\.text) == ["printer down", "fixed\n[31-Feb-18 01:00 PM] sam#0001"])
        #expect(
            transcript.messages.map { ISOTimestamp.format($0.instant, in: Fixtures.berlin.timeZone) } == [
                "2018-11-20T09:02:00+01:00", "2018-11-20T12:15:00+01:00",
            ])
        #expect(transcript.diagnostics.map(\.location?.line) == [11])
    }
}
