import Foundation
import Testing

@testable import ChatBillCore

@Suite("Zoom parser")
struct ZoomParserTests {
    let parser = ZoomParser()

    func parse(_ relative: String, date: CivilDateTime? = nil) throws -> Transcript {
        try parser.parse(Fixtures.input(relative), options: ParseOptions(timeZone: Fixtures.berlin, date: date))
    }

    func local(_ message: Message) -> String { ISOTimestamp.format(message.instant, in: Fixtures.berlin.timeZone) }

    @Test func theCurrentShapeReadsSendersAndIndentedText() throws {
        let transcript = try parse(Fixtures.zoom[0])
        #expect(transcript.contextDate?.source == .folderName("2026-11-05 14.00.00 Printer rollout 81234567890"))
        #expect(
            transcript.messages.map(\.sender) == [
                "Dana Fischer", "Sam Keller", "Jonas Weber", "Sam Keller", "Sam Keller", "Jonas Weber", "Dana Fischer",
            ])
        #expect(transcript.messages[3].text == "I'll push the driver to your laptop now\nit takes a minute")
        #expect(transcript.messages[3].location.line == 7)
        #expect(transcript.messages[3].lastLine == 9)
        #expect(local(transcript.messages[0]) == "2026-11-05T14:02:10+01:00")
    }

    @Test func aMeetingPastMidnightMovesToTheNextDay() throws {
        let transcript = try parse(Fixtures.zoom[1])
        #expect(
            transcript.messages.map(local) == [
                "2026-11-09T23:52:03+01:00", "2026-11-09T23:55:40+01:00", "2026-11-09T23:58:12+01:00",
                "2026-11-10T00:06:30+01:00", "2026-11-10T00:07:05+01:00",
            ])
    }

    @Test func theOlderShapeReadsSendersWithoutTheirAddressee() throws {
        let transcript = try parse(Fixtures.zoom[2])
        #expect(transcript.messages.map(\.sender) == ["Chris Miller", "Sam Keller", "Sam Keller", "Chris Miller"])
        #expect(transcript.messages[1].text == "On it: restarting the firewall service")
    }

    @Test func theDateFlagWinsOverTheFolderName() throws {
        let transcript = try parse(Fixtures.zoom[0], date: CivilDateTime(year: 2026, month: 12, day: 1))
        #expect(transcript.contextDate?.source == .flag)
        #expect(local(transcript.messages[0]) == "2026-12-01T14:02:10+01:00")
    }

    @Test func withoutFlagOrFolderTheFilesDayIsUsedAndSaidSo() throws {
        let bytes = try Fixtures.input(Fixtures.zoom[2]).bytes
        let modified = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 in Berlin
        let input = InputFile(displayName: "meeting_saved_chat.txt", bytes: bytes, modificationDate: modified)
        let transcript = try parser.parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.contextDate?.source == .fileTime)
        #expect(transcript.contextDate?.summary.hasPrefix("2026-11-18 (the file's modification day") == true)
    }

    @Test func aFolderNamedAfterADayThatDoesNotExistIsAWarningAndTheFilesDayIsUsed() throws {
        let modified = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 in Berlin
        let input = InputFile(
            displayName: "zoom/2026-02-30 10.00.00 Printer check 81234567890/meeting_saved_chat.txt",
            bytes: Array("10:00:00 Dana:\thi\n".utf8), modificationDate: modified)
        let transcript = try parser.parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.contextDate?.source == .fileTime)
        #expect(
            transcript.diagnostics.map(\.description) == [
                "zoom/2026-02-30 10.00.00 Printer check 81234567890/meeting_saved_chat.txt: warning: the folder name "
                    + "'2026-02-30 10.00.00 Printer check 81234567890' starts with 2026-02-30, a day that does not "
                    + "exist; the meeting's day is not taken from it (pass --date YYYY-MM-DD)"
            ])
        #expect(local(transcript.messages[0]) == "2026-11-18T10:00:00+01:00")
    }

    /// A cloud recording's chat counts its times from the recording's start, which its name
    /// holds in UTC; without that name it says so rather than reading them as times of day.
    @Test func aCloudRecordingsChatCountsFromTheRecordingsStart() throws {
        let text =
            "00:58:04\tDana Fischer:\tThe VPN drops every few minutes\r\n01:02:00\tSam Keller:\tReplying to \"The VPN\"\r\n"
            + "\r\nI pushed a new profile, reconnect please\r\n"
        let named = InputFile(displayName: "GMT20261112-090001_Recording.txt", bytes: Array(text.utf8))
        let transcript = try parser.parse(named, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.sender) == ["Dana Fischer", "Sam Keller"])
        #expect(transcript.messages.map(local) == ["2026-11-12T10:58:05+01:00", "2026-11-12T11:02:01+01:00"])
        #expect(transcript.messages[1].text == "Replying to \"The VPN\"\n\nI pushed a new profile, reconnect please")
        #expect(transcript.contextDate?.source == .fileName("GMT20261112-090001_Recording.txt"))
        let inFolder = InputFile(
            displayName: "GMT20261112-090001_Printer check/chat.txt", bytes: Array(text.utf8))
        #expect(try parser.parse(inFolder, options: ParseOptions(timeZone: Fixtures.berlin)).messages.count == 2)
        let unnamed = InputFile(displayName: "chat.txt", bytes: Array(text.utf8), modificationDate: Date())
        #expect {
            try parser.parse(unnamed, options: ParseOptions(timeZone: Fixtures.berlin))
        } throws: { error in
            (error as? ChatBillError)?.diagnostic.description.hasPrefix(
                "chat.txt:1:1: error: this is the chat of a Zoom cloud recording") == true
        }
        // Not an IRC log: a nick holds no colon.
        #expect(IRCParser().detect(DetectionProbe(named)).confidence == 0)
    }

    @Test func aTimeTheClocksSkipIsAWarning() throws {
        let input = InputFile(displayName: "chat.txt", bytes: Array("02:30:00 Dana:\thi\n".utf8))
        let transcript = try parser.parse(
            input, options: ParseOptions(timeZone: Fixtures.berlin, date: CivilDateTime(year: 2026, month: 3, day: 29)))
        #expect(
            transcript.diagnostics.map(\.description) == [
                "chat.txt:1:1: warning: '02:30:00' does not exist in Europe/Berlin (the clocks skip it); read with the "
                    + "offset before the change"
            ])
    }

    @Test func standardInputWithoutADateAsksForOne() {
        let input = InputFile(displayName: "-", bytes: Array("10:00:00 Dana:\thi\n".utf8))
        #expect(throws: ChatBillError.self) {
            try parser.parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        }
    }

    @Test func theSharedCorpusSamplesReadEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        let samples = [
            ("zoom-chat-txt/bushong1__zoom-chat-parse/test-zoom-chat.txt", 15, "10:01:00", "10:04:07"),
            ("zoom-chat-txt/rasyidev__zoom-chat-to-subtitle/meeting_saved_chat.txt", 378, "08:02:35", "11:17:58"),
        ]
        for (path, count, first, last) in samples {
            let input = try InputFile.read(path: corpus.appending(path: path).path)
            #expect(try ParserRegistry.standard.choose(for: input).name == "zoom", "\(path)")
            let transcript = try parser.parse(
                input,
                options: ParseOptions(timeZone: Fixtures.berlin, date: CivilDateTime(year: 2020, month: 10, day: 6)))
            #expect(transcript.messages.count == count, "\(path)")
            #expect(transcript.messages.first?.timestampText == first, "\(path)")
            #expect(transcript.messages.last?.timestampText == last, "\(path)")
        }
    }
}

@Suite("Line-based parsers: stray lines")
struct StrayLineTests {
    @Test func manyStrayLinesAreCountedNotListed() throws {
        let text = String(repeating: "not a chat line\n", count: 25) + "10:00:00 Dana:\thi\n"
        let transcript = try ZoomParser().parse(
            InputFile(displayName: "x.txt", bytes: Array(text.utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin, date: CivilDateTime(year: 2026, month: 11, day: 2)))
        #expect(transcript.messages.count == 1)
        #expect(transcript.diagnostics.count == StrayLines.reported + 1)
        #expect(transcript.diagnostics.last?.message == "15 more lines before the first message were not read")
    }
}
