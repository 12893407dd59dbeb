import Foundation
import Testing

@testable import ChatBillCore

@Suite("IRC parser")
struct IRCParserTests {
    let parser = IRCParser()

    func parse(_ relative: String, date: CivilDateTime? = nil) throws -> Transcript {
        try parser.parse(Fixtures.input(relative), options: ParseOptions(timeZone: Fixtures.berlin, date: date))
    }

    func local(_ message: Message) -> String { ISOTimestamp.format(message.instant, in: Fixtures.berlin.timeZone) }

    @Test func irssiDaysComeFromItsHeaders() throws {
        let transcript = try parse("irc/irssi/#support.log")
        #expect(transcript.contextDate?.source == .header(line: 1))
        #expect(transcript.messages.map(\.sender) == ["sam", "dana", "sam", "", "sam", "dana", "sam", "dana", "sam"])
        #expect(transcript.messages[3].kind == .system)
        #expect(transcript.messages[6].text == "* sam waves")
        #expect(local(transcript.messages[7]) == "2026-11-10T00:04:00+01:00")
        #expect(transcript.diagnostics.isEmpty)
    }

    @Test func weechatLinesAndLatin1AreRead() throws {
        let transcript = try parse("irc/weechat/irc.libera.#support.weechatlog")
        #expect(transcript.messages.map(\.kind) == [.system, .text, .text, .text, .text, .text])
        #expect(transcript.messages.map(\.sender) == ["", "dana", "sam", "sam", "dana", "dana"])
        #expect(transcript.messages[5].text == "it works, merci à toi")
        #expect(transcript.contextDate == nil)
    }

    @Test func zncTakesItsDayFromTheFileName() throws {
        let transcript = try parse("irc/znc/2026-11-12.log")
        #expect(transcript.contextDate?.source == .fileName("2026-11-12.log"))
        #expect(local(transcript.messages[1]) == "2026-11-12T09:00:40+01:00")
    }

    @Test(arguments: [
        ("[10:00] <dana> hi", "dana", "hi"),
        ("Nov 12 10:00:00 <dana> hi", "dana", "hi"),
        ("[12 Nov 10:00] <dana!~d@host.example> hi", "dana", "hi"),
        ("[2026-11-12 10:00:00] <+dana> hi", "dana", "hi"),
        ("2026-11-12T10:00:00.123  <dana> hi", "dana", "hi"),
    ])
    func everyTimestampShapeIsRead(line: String, sender: String, text: String) throws {
        let input = InputFile(displayName: "x.log", bytes: Array((line + "\n").utf8))
        let transcript = try parser.parse(
            input, options: ParseOptions(timeZone: Fixtures.berlin, date: CivilDateTime(year: 2026, month: 11, day: 12))
        )
        #expect(transcript.messages.map(\.sender) == [sender])
        #expect(transcript.messages.map(\.text) == [text])
        #expect(local(transcript.messages[0]) == "2026-11-12T10:00:00+01:00")
    }

    /// HexChat's `Nov 12 10:02:10` keeps its seconds (they were dropped with the year missing),
    /// and takes its year from the `BEGIN LOGGING` line.
    @Test func hexChatLinesKeepTheirSecondsAndTheLoggingLinesYear() throws {
        let log =
            "**** BEGIN LOGGING AT Thu Nov 12 09:58:01 2026\n\nNov 12 10:00:07 <dana>\thi\n"
            + "[12 Nov 10:02:10] <sam> on it\n"
        let transcript = try parser.parse(
            InputFile(displayName: "#support.log", bytes: Array(log.utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(local) == ["2026-11-12T10:00:07+01:00", "2026-11-12T10:02:10+01:00"])
    }

    @Test func timesWithoutAnyDayAskForOne() {
        let input = InputFile(displayName: "-", bytes: Array("10:00 <dana> hi\n".utf8))
        #expect(throws: ChatBillError.self) {
            try parser.parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        }
    }

    @Test func theSharedCorpusLogsReadEveryLine() throws {
        guard let corpus = Fixtures.corpus else { return }
        let samples = [
            ("2005-01-08-test1.log", 8, 6, "2005-01-08T23:33:54", "2005-01-08T23:47:54"),
            ("2005-01-09-test2.log", 57, 50, "2005-01-09T02:05:04", "2005-01-09T09:17:35"),
        ]
        let utc = ZoneChoice(TimeZone(identifier: "UTC")!, source: .flag)
        for (name, lines, withSender, first, last) in samples {
            let input = try InputFile.read(path: corpus.appending(path: "irc-log/mgedmin__irclog2html/" + name).path)
            #expect(try ParserRegistry.standard.choose(for: input).name == "irc")
            let transcript = try parser.parse(input, options: ParseOptions(timeZone: utc))
            #expect(transcript.messages.count == lines)
            #expect(transcript.messages.filter { !$0.sender.isEmpty }.count == withSender)
            #expect(
                transcript.messages.first.map { ISOTimestamp.format($0.instant, in: utc.timeZone) } == first + "+00:00")
            #expect(
                transcript.messages.last.map { ISOTimestamp.format($0.instant, in: utc.timeZone) } == last + "+00:00")
        }
    }
}
