import Foundation
import Testing

@testable import ChatBillCore

@Suite("Telegram HTML parser")
struct TelegramHTMLParserTests {
    static let fixture = "telegram-html/ChatExport_2026-11-28/messages.html"

    @Test func joinedMessagesMediaRepliesAndOffsets() throws {
        let transcript = try TelegramHTMLParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: .machine))
        #expect(transcript.timeZone.source == .export)
        #expect(transcript.messages.map(\.sender) == ["Dana Fischer", "Dana Fischer", "Sam Keller", "Dana Fischer"])
        #expect(transcript.messages.map(\.kind) == [.text, .attachment, .text, .text])
        #expect(transcript.messages[0].text == "The scanner sends e-mails again but they arrive empty\nCan you look?")
        #expect(!transcript.messages[2].text.contains("In reply to"))
        #expect(transcript.messages[2].text.hasSuffix("Set it to 10 MB & sent a test."))
        let utc = TimeZone(identifier: "UTC")!
        #expect(ISOTimestamp.format(transcript.messages[0].instant, in: utc) == "2026-11-28T08:15:02+00:00")
    }

    /// libxml2 complains about each zero byte; the damage is one warning per line.
    @Test func zeroBytesAreOneWarningPerLine() throws {
        var bytes = try Fixtures.input(Self.fixture).bytes
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        var damaged = lines
        for index in [30, 31] { damaged[index] = [UInt8](repeating: 0, count: max(8, lines[index].count)) }
        bytes = Array(damaged.joined(separator: [0x0A]))
        let transcript = try TelegramHTMLParser().parse(
            InputFile(displayName: "messages.html", bytes: bytes), options: ParseOptions(timeZone: .machine))
        let damage = transcript.diagnostics.filter { $0.message.hasPrefix("the file is damaged here: zero bytes") }
        #expect(damage.map(\.severity) == [.warning, .warning])
        #expect(damage.map { $0.location?.line } == [31, 32])
        #expect(!transcript.diagnostics.contains { $0.message.contains("0x0") })
    }

    @Test(arguments: [
        ("29.04.2026 04:34:58", "2026-04-29T04:34:58", nil),
        ("29.04.2026 04:34:58 UTC+03:00", "2026-04-29T04:34:58", 10_800),
        ("29.04.2026 04:34:58 GMT+00:00", "2026-04-29T04:34:58", 0),
        ("29.04.2026 04:34:58 UTC-05:30", "2026-04-29T04:34:58", -19_800),
    ])
    func titlesWithAndWithoutOffsets(title: String, wallClock: String, offset: Int?) throws {
        let (civil, read) = try #require(TelegramHTMLParser.readTitle(title))
        #expect("\(civil.dateString)T\(civil.timeString)" == wallClock)
        #expect(read == offset)
    }

    /// Titles of Telegram's own shape are read by position; that reading must be the layouts',
    /// and any other shape goes to them.
    @Test(arguments: [
        "29.04.2026 04:34:58", "29.04.2026 04:34:58 UTC+03:00", "29.04.2026 04:34:58 GMT-05:30",
        "31.02.2026 04:34:58", "29.13.2026 04:34:58 UTC+03:00", "29.04.2026 04:34:58 CET+03:00",
        "29.04.2026 04:34:58 UTC+0300", " 29.04.2026 04:34:58", "29.04.2026 04:34", "29/04/2026 04:34:58",
        "29.04.2026 04:34:5x UTC+03:00",
    ])
    func plainTitlesReadAsTheLayoutsReadThem(title: String) {
        let bytes = Array(title.utf8)
        bytes.withUnsafeBufferPointer { bytes in
            let plain = TelegramHTMLParser.readPlainTitle(bytes)
            let layouts = TelegramHTMLParser.readTitleByLayouts(bytes)
            let telegramShape = [
                "29.04.2026 04:34:58", "29.04.2026 04:34:58 UTC+03:00", "29.04.2026 04:34:58 GMT-05:30",
            ]
            #expect((plain != nil) == telegramShape.contains(title))
            if let plain { #expect(plain.0 == layouts?.0 && plain.offset == layouts?.offset) }
        }
    }
}
