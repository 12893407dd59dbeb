import Foundation
import Testing

@testable import ChatBillCore

@Suite("Messenger HTML download parser")
struct MessengerHTMLParserTests {
    static let fixture = "messenger-html/inbox/danafischer_10158/message_1.html"

    @Test func blocksNewestFirstWithPhotosAndReactionsLeftOut() throws {
        let transcript = try MessengerHTMLParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.kind) == [.text, .text, .attachment, .text, .text])
        #expect(
            transcript.messages.map(\.sender) == [
                "Sam Keller", "Dana Fischer", "Dana Fischer", "Sam Keller", "Dana Fischer",
            ])
        #expect(transcript.messages[1].text == "It prints again, thank you!")
        #expect(transcript.messages[2].text == "printer_error_10158.jpg")
        #expect(
            transcript.messages[3].text == "Can you send a photo of the display?\nThe error code is in the top line.")
        #expect(
            ISOTimestamp.format(transcript.messages[4].instant, in: Fixtures.berlin.timeZone)
                == "2025-12-01T09:40:00+01:00")
    }

    @Test(arguments: [
        ("Dec 01, 2025, 9:15 AM", "2025-12-01T09:15:00"), ("1 Dec 2025, 21:15", "2025-12-01T21:15:00"),
        ("Dec 1, 2025, 12:05 PM", "2025-12-01T12:05:00"), ("1 December 2025, 09:15:30", "2025-12-01T09:15:30"),
    ])
    func spelledDates(text: String, wallClock: String) throws {
        let civil = try #require(MessengerHTMLParser.readSpelledDate(text))
        #expect("\(civil.dateString)T\(civil.timeString)" == wallClock)
    }

    @Test func numericDatesTakeTheOrderAllOfThemAgreeOn() throws {
        let block = { (date: String, text: String) in
            "<div class=\"pam _3-95 _2pi0 _2lej uiBoxWhite noborder\">\n<div class=\"_3-96 _2pio _2lek _2lel\">A</div>\n"
                + "<div class=\"_3-96 _2let\"><div><div>\(text)</div></div></div>\n<div class=\"_3-94 _2lem\">\(date)</div>\n</div>\n"
        }
        let html =
            "<html><body>\n" + block("14.12.2025, 09:15", "b") + block("03.12.2025, 18:00", "a") + "</body></html>\n"
        let transcript = try MessengerHTMLParser().parse(
            InputFile(displayName: "message_1.html", bytes: Array(html.utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.dateOrder?.order == .dmy)
        #expect(
            transcript.messages.map { ISOTimestamp.format($0.instant, in: Fixtures.berlin.timeZone) } == [
                "2025-12-14T09:15:00+01:00", "2025-12-03T18:00:00+01:00",
            ])
    }

    @Test func aPageOnOneLineReadsTheSame() throws {
        let page = try Fixtures.input(Self.fixture)
        let oneLine = String(decoding: page.bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "")
        let options = ParseOptions(timeZone: Fixtures.berlin)
        let flat = try MessengerHTMLParser().parse(
            InputFile(displayName: "message_1.html", bytes: Array(oneLine.utf8)), options: options)
        let pretty = try MessengerHTMLParser().parse(page, options: options)
        #expect(flat.messages.map(\.text) == pretty.messages.map(\.text))
        #expect(flat.messages.map(\.instant) == pretty.messages.map(\.instant))
        #expect(flat.messages.allSatisfy { $0.location.line == 1 })
    }
}
