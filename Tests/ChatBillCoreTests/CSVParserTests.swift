import Foundation
import Testing

@testable import ChatBillCore

@Suite("CSV parser")
struct CSVParserTests {
    static let discord = "csv/Acme IT - Support - storage [1141234567891].csv"
    static let plain = "csv/lager-chat.csv"
    let parser = CSVParser()

    @Test func aHeaderRowNamesTheColumnsAndISOTimesCarryTheirOffset() throws {
        let utc = ZoneChoice(TimeZone(identifier: "UTC")!, source: .flag)
        let transcript = try parser.parse(Fixtures.input(Self.discord), options: ParseOptions(timeZone: utc))
        #expect(transcript.headerLines == [1])
        #expect(transcript.messages.map(\.kind) == [.text, .text, .attachment, .text, .text])
        #expect(transcript.messages[2].text == "https://cdn.discordapp.com/attachments/1/9/nas.jpg")
        #expect(transcript.messages[3].text.hasSuffix("\nIt takes about six hours, you can keep working."))
        #expect(transcript.messages[3].lastLine == 6)
        #expect(transcript.messages[4].text == "Great, thanks \"Sam\"!")
        #expect(ISOTimestamp.format(transcript.messages[0].instant, in: utc.timeZone) == "2026-11-21T07:58:03+00:00")
    }

    /// How `plain` is read: its columns and its time layout.
    static let plainOptions = ParseOptions(
        timeZone: Fixtures.berlin,
        csv: CSVParser.Options(
            columns: ["date", "time", "sender", "text"].map(CSVParser.Column.init(name:)),
            timeLayout: TimestampLayout("DD.MM.YYYY HH:mm")))

    @Test func columnsAndALayoutReadAnyCSV() throws {
        let transcript = try parser.parse(Fixtures.input(Self.plain), options: Self.plainOptions)
        #expect(transcript.headerLines == [1])
        #expect(transcript.messages.map(\.sender) == ["Jonas Weber", "Sam Keller", "Sam Keller", "Jonas Weber"])
        #expect(
            ISOTimestamp.format(transcript.messages[3].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-21T14:33:00+01:00")
    }

    @Test func withoutALayoutAnUnknownTimeAsksForOne() throws {
        let options = ParseOptions(
            timeZone: Fixtures.berlin,
            csv: CSVParser.Options(columns: ["date", "time", "sender", "text"].map(CSVParser.Column.init(name:))))
        #expect {
            try parser.parse(Fixtures.input(Self.plain), options: options)
        } throws: { error in
            (error as? ChatBillError)?.diagnostic.message.contains("--time-format") == true
        }
    }

    @Test(arguments: [
        ("DD.MM.YYYY HH:mm", "21.11.2026 14:02", "2026-11-21T14:02:00"),
        ("M/D/YY h:mm A", "11/21/26 2:02 PM", "2026-11-21T14:02:00"),
        ("YYYY-MM-DDTHH:mm:ssZ", "2026-11-21T14:02:09+05:30", "2026-11-21T14:02:09"),
    ])
    func layoutsReadTheirValues(layout: String, value: String, expected: String) throws {
        let parsed = try #require(TimestampLayout(layout))
        let bytes = Array(value.utf8)
        let result = try #require(bytes.withUnsafeBufferPointer { parsed.read($0, 0..<$0.count) })
        #expect("\(result.0.dateString)T\(result.0.timeString)" == expected)
    }

    @Test func epochSecondsAndMillisecondsAreRead() {
        #expect(CSVParser.epoch("1795000000") == 1_795_000_000)
        #expect(CSVParser.epoch("1795000000123") == 1_795_000_000.123)
        #expect(CSVParser.epoch("2026") == nil)
    }

    @Test func quotedFieldsSemicolonsAndCRLFAreRead() throws {
        let text =
            "time;sender;text\r\n2026-11-21 10:00;Dana;\"a; b\r\nc \"\"quoted\"\"\"\r\n2026-11-21 10:05;Sam;ok\r\n"
        let transcript = try parser.parse(
            InputFile(displayName: "x.csv", bytes: Array(text.utf8)), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.text) == ["a; b\r\nc \"quoted\"", "ok"])
        #expect(transcript.messages.map(\.location.line) == [2, 4])
    }

    /// Excel's `sep=;` line names the delimiter and is not a record: the header row after it
    /// names the columns (or is left out under --columns) and nothing is warned about.
    @Test func excelsDelimiterHintLineNamesTheDelimiter() throws {
        let text = "sep=;\r\ntime;sender;text\r\n2026-11-21 10:00;Dana;hi, Sam\r\n2026-11-21 10:05;Sam;ok\r\n"
        let input = InputFile(displayName: "x.csv", bytes: Array(text.utf8))
        #expect(parser.detect(DetectionProbe(input)).confidence > 0)
        for columns in [nil, ["time", "sender", "text"].map(CSVParser.Column.init(name:))] {
            let transcript = try parser.parse(
                input, options: ParseOptions(timeZone: Fixtures.berlin, csv: CSVParser.Options(columns: columns)))
            #expect(transcript.messages.map(\.text) == ["hi, Sam", "ok"])
            #expect(transcript.messages.map(\.location.line) == [3, 4])
            #expect(transcript.headerLines == [1, 2])
            #expect(transcript.diagnostics.isEmpty)
        }
    }

    /// A short record and a quote never closed are read, with a warning at their line, and the
    /// last record's lines stay within the file.
    @Test func shortRecordsAndUnclosedQuotesAreWarnedAbout() throws {
        let text =
            "time,sender,text\n2026-11-03T09:00:00,Dana,hi\n2026-11-03T09:05:00,Sam\n"
            + "2026-11-03T09:06:00,Sam,\"cut\nshort\n"
        let input = InputFile(displayName: "x.csv", bytes: Array(text.utf8))
        let transcript = try parser.parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.text) == ["hi", "", "cut\nshort"])
        #expect(transcript.messages.map(\.lastLine) == [2, 3, 5])
        #expect(input.lines.lineCount == 5)
        #expect(
            transcript.diagnostics.map(\.description) == [
                "x.csv:3:1: warning: the record has 2 fields where the header names 3; the missing ones are read as "
                    + "empty",
                "x.csv:4:1: warning: a quoted field of this record is never closed, so the record runs to the end of "
                    + "the file (line 5): is the file cut short?",
            ])
    }

    /// DiscordChatExporter 2's CSV wrote `20-Nov-18 09:02 AM`: read without a layout, and `MMM`
    /// reads month abbreviations in any layout.
    @Test func monthAbbreviationsAreRead() throws {
        let text =
            "Author,Date,Content,Attachments\ndana#1234,20-Nov-18 09:02 AM,printer down,\n"
            + "sam#0001,20-Nov-18 12:15 PM,fixed,\nsam#0001,2018-11-20 12:30,and another,\n"
        let transcript = try parser.parse(
            InputFile(displayName: "x.csv", bytes: Array(text.utf8)), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(
            transcript.messages.map { ISOTimestamp.format($0.instant, in: Fixtures.berlin.timeZone) } == [
                "2018-11-20T09:02:00+01:00", "2018-11-20T12:15:00+01:00",
            ])
        // A time in another shape is named against the layout the first one was read with.
        #expect(
            transcript.diagnostics.map(\.message) == [
                "'2018-11-20 12:30' does not match the layout 'DD-MMM-YY hh:mm A'; pass --time-format "
                    + "(e.g. \"DD.MM.YYYY HH:mm\"); the record is not billed"
            ])
        let layout = try #require(TimestampLayout("D MMM YYYY, HH:mm"))
        let read = Array("3 dec 2026, 17:45".utf8).withUnsafeBufferPointer { layout.read($0, 0..<$0.count) }
        #expect(read?.0 == CivilDateTime(year: 2026, month: 12, day: 3, hour: 17, minute: 45))
        #expect(Array("3 Dez 2026, 17:45".utf8).withUnsafeBufferPointer { layout.read($0, 0..<$0.count) } == nil)
    }
}
