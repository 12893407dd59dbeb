import Foundation
import Testing

@testable import ChatBillCore

/// The byte writer the table report writes its rows with: it must write what the String
/// formatting it replaced wrote.
@Suite("Text buffer")
struct TextBufferTests {
    func written(_ write: (inout TextBuffer) -> Void) -> String {
        var text = TextBuffer()
        write(&text)
        return text.string
    }

    @Test func numbersAreWrittenAsSwiftPrintsThem() {
        let values = [0, 7, 9, 10, 42, 99, 100, 12_345, -1, -90, Int.max, Int.min]
        for value in values {
            #expect(written { $0.append(number: value) } == "\(value)")
        }
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<1000 {
            let value = Int.random(in: -1_000_000_000...1_000_000_000, using: &generator)
            #expect(written { $0.append(number: value) } == "\(value)")
        }
    }

    @Test func zeroPaddingFillsToTheWidthAndNeverCuts() {
        #expect(written { $0.append(number: 7, zeroPaddedTo: 2) } == "07")
        #expect(written { $0.append(number: 0, zeroPaddedTo: 2) } == "00")
        #expect(written { $0.append(number: 23, zeroPaddedTo: 2) } == "23")
        #expect(written { $0.append(number: 123, zeroPaddedTo: 2) } == "123")
        #expect(written { $0.append(number: 5, zeroPaddedTo: 4) } == "0005")
    }

    @Test func durationsReadAsTheCommandLineWritesThem() {
        let cases: [(Int, String)] = [
            (0, "0m"), (45, "45s"), (60, "1m"), (900, "15m"), (3600, "1h"), (5400, "1h30m"), (3930, "1h5m30s"),
            (-600, "-10m"), (90_000, "25h"),
        ]
        for (seconds, text) in cases {
            #expect(DurationText.format(seconds: seconds) == text)
            #expect(DurationText.parse(text) == seconds || seconds < 0)
        }
        #expect(DurationText.signed(seconds: 300) == "+5m")
        #expect(DurationText.signed(seconds: -600) == "-10m")
        #expect(DurationText.signed(seconds: 0) == "0m")
    }

    @Test func clockTimesHaveTwoDigitsEach() {
        let time = CivilDateTime(year: 2026, month: 3, day: 1, hour: 7, minute: 5)
        #expect(time.hourMinuteString == "07:05")
        #expect(
            written { $0.append(hourMinute: CivilDateTime(year: 2026, month: 3, day: 1, hour: 23, minute: 59)) }
                == "23:59")
    }

    @Test func datesHaveFourDigitYearsAndTwoDigitMonthsAndDays() {
        #expect(CivilDateTime(year: 2026, month: 3, day: 1).dateString == "2026-03-01")
        #expect(CivilDateTime(year: 987, month: 12, day: 31).dateString == "0987-12-31")
        #expect(CivilDateTime(year: 12_026, month: 10, day: 9).dateString == "12026-10-09")
        // Every third day of four centuries, against the interpolation dates were written by before.
        let wrong = stride(from: -1_000, through: 146_097 * 2, by: 3).filter { dayNumber in
            let date = CivilDateTime(dayNumber: dayNumber)
            let padded = [(date.year, 4), (date.month, 2), (date.day, 2)].map { value, width in
                String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
            }
            return date.dateString != padded.joined(separator: "-")
        }
        #expect(wrong.isEmpty)
    }

    @Test func paddingCountsCharactersNotBytes() {
        var text = TextBuffer()
        text.append("12.50 €")
        text.pad(from: 0, to: 10)
        text.append("|")
        #expect(text.string == "12.50 €   |")
        #expect(text.string == "12.50 €".padded(to: 10) + "|")
    }

    @Test func flushingHandsOnLargePiecesInOrder() {
        var text = TextBuffer()
        var pieces: [String] = []
        for index in 0..<100 {
            text.append(number: index)
            text.append(byte: 0x0A)
            text.flush(over: 64) { pieces.append($0) }
        }
        text.flush { pieces.append($0) }
        #expect(pieces.count > 1)
        #expect(pieces.joined() == (0..<100).map { "\($0)\n" }.joined())
        #expect(text.count == 0)
    }
}
