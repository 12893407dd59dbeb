import Foundation
import Testing

@testable import ChatBillCore

@Suite("Pidgin text parser")
struct PidginTextParserTests {
    let parser = PidginTextParser()
    static let fixture = "pidgin-txt/jabber/sam@example.org/dana@example.org/2026-11-16.093012+0100CET.txt"

    func parse(zone: ZoneChoice = .machine) throws -> Transcript {
        try parser.parse(Fixtures.input(Self.fixture), options: ParseOptions(timeZone: zone))
    }

    @Test func theFileNamesOffsetIsTheZoneUnlessTzIsGiven() throws {
        let fromName = try parse()
        #expect(fromName.timeZone.source == .export)
        #expect(fromName.timeZone.timeZone.secondsFromGMT() == 3600)
        let fromFlag = try parse(zone: Fixtures.berlin)
        #expect(fromFlag.timeZone == Fixtures.berlin)
    }

    @Test func sendersSystemLinesContinuationsAndDays() throws {
        let transcript = try parse(zone: Fixtures.berlin)
        let zone = Fixtures.berlin.timeZone
        #expect(transcript.contextDate?.source == .header(line: 1))
        #expect(transcript.headerLines == [1])
        #expect(transcript.messages.map(\.kind) == [.text, .text, .text, .text, .system, .text, .text, .text])
        #expect(transcript.messages[2].text == "It's up, but your share was unmounted.\nI remapped it as drive S:")
        #expect(transcript.messages[2].lastLine == 5)
        // A late message carries its own full date; past midnight moves to the next day.
        #expect(ISOTimestamp.format(transcript.messages[5].instant, in: zone) == "2026-11-15T23:59:07+01:00")
        #expect(ISOTimestamp.format(transcript.messages[7].instant, in: zone) == "2026-11-17T00:02:11+01:00")
    }

    /// A late message's date is in the locale's short format: dots and dashes are day first,
    /// slashes are day first when a day above 12 says so, or when that puts the dates nearer the
    /// log's day; `--date-order` decides over both.
    @Test(
        arguments: [
            ("(17.11.2026 08:10:00)", nil, "2026-11-17"), ("(17-11-26 08:10:00)", nil, "2026-11-17"),
            ("(17/11/2026 08:10:00)", nil, "2026-11-17"), ("(11/17/2026 08:10:00)", nil, "2026-11-17"),
            ("(05/11/2026 08:10:00)", nil, "2026-11-05"), ("(11/05/2026 08:10:00)", nil, "2026-11-05"),
            ("(05/11/2026 08:10:00)", DateOrder.mdy, "2026-05-11"), ("(2026-11-17 08:10:00)", nil, "2026-11-17"),
        ] as [(String, DateOrder?, String)])
    func lateMessagesDatesReadInTheirLocalesOrder(stamp: String, order: DateOrder?, day: String) throws {
        let text = "(09:30:15) Dana Fischer: Hi\n\(stamp) Dana Fischer: sent while you were offline\n"
        let input = InputFile(displayName: "2026-11-16.093012+0000UTC.txt", bytes: Array(text.utf8))
        let transcript = try parser.parse(input, options: ParseOptions(timeZone: .machine, dateOrder: order))
        #expect(transcript.messages.count == 2)
        #expect(transcript.messages.last?.text == "sent while you were offline")
        #expect(ISOTimestamp.format(transcript.messages[1].instant, in: transcript.timeZone.timeZone).hasPrefix(day))
    }

    /// Every line-based parser tells zero bytes as damage, on a message's first line and after it.
    @Test func zeroBytesAreToldAsDamage() throws {
        let text = "(09:30:15) Dana Fischer: Hi\0\n\0\0\n(09:31:00) Sam Keller: Hello\n"
        let input = InputFile(displayName: "2026-11-16.093012+0000UTC.txt", bytes: Array(text.utf8))
        let transcript = try parser.parse(input, options: ParseOptions(timeZone: .machine))
        #expect(transcript.messages.count == 2)
        #expect(
            transcript.diagnostics.map { "\($0.location!) \($0.severity)" } == ["1:28 warning", "2:1 warning"])
        #expect(transcript.diagnostics[1].message.hasPrefix("the file is damaged here: 2 zero bytes (NUL)"))
    }

    @Test(arguments: [
        ("2010-01-11.000101+0000GMT.txt", "2010-01-11", 0),
        ("2026-11-16.093012-0500EST.txt", "2026-11-16", -18_000),
    ])
    func fileNamesGiveTheDayAndOffset(name: String, day: String, offset: Int) throws {
        let facts = try #require(PidginTextParser.fileNameFacts(name))
        #expect(facts.day.dateString == day)
        #expect(facts.offsetSeconds == offset)
    }

    @Test func theSharedCorpusLogsReadEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        let samples = [
            ("TelepathyIM__telepathy-logger/2010-01-11.000101+0000GMT.txt", 16, 16, "(00:01:01)", "(00:01:06)"),
            ("gabebw__pidgin2adium/2006-12-21.223606.txt", 2, 1, "(22:36:11)", "(23:06:06)"),
        ]
        for (path, count, withSender, first, last) in samples {
            let input = try InputFile.read(path: corpus.appending(path: "pidgin-txt/" + path).path)
            #expect(try ParserRegistry.standard.choose(for: input).name == "pidgin-txt")
            let transcript = try parser.parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
            #expect(transcript.messages.count == count, "\(path)")
            #expect(transcript.messages.filter { !$0.sender.isEmpty }.count == withSender, "\(path)")
            #expect(transcript.messages.first?.timestampText == first)
            #expect(transcript.messages.last?.timestampText == last)
        }
    }
}

@Suite("Pidgin's day")
struct PidginClockTests {
    @Test func theDayComesFromTheFlagTheHeaderTheFileNameOrTheFileTimeInThatOrder() {
        let modified = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 in Berlin
        let named = InputFile(displayName: "2026-11-16.093012+0100CET.txt", bytes: [], modificationDate: modified)
        let unnamed = InputFile(displayName: "log.txt", bytes: [], modificationDate: modified)
        let time = PidginTextParser.Stamp.timeOfDay(hour: 9, minute: 0, second: 0)
        func day(_ input: InputFile, flag: CivilDateTime? = nil, header: CivilDateTime? = nil) -> ContextDate? {
            var clock = PidginClock(
                input: input, options: ParseOptions(timeZone: Fixtures.berlin, date: flag), zone: Fixtures.berlin)
            if let header { clock.named(header, line: 1) }
            _ = clock.civil(for: time)
            return clock.usedDay
        }
        let flag = CivilDateTime(year: 2026, month: 1, day: 2)
        let header = CivilDateTime(year: 2026, month: 3, day: 4)
        #expect(day(named, flag: flag, header: header)?.source == .flag)
        #expect(day(named, header: header)?.source == .header(line: 1))
        #expect(day(named)?.source == .fileName("2026-11-16.093012+0100CET.txt"))
        #expect(day(unnamed)?.day.dateString == "2026-11-18")
        #expect(day(InputFile(displayName: "-", bytes: [])) == nil)
    }
}
