import Foundation
import Testing

@testable import ChatBillCore

@Suite("Messenger Plus! HTML parser")
struct MessengerPlusHTMLParserTests {
    static let fixture = "msn-plus-html/dana@example.com.html"

    @Test func sessionsRowsAndSystemRows() throws {
        let transcript = try MessengerPlusHTMLParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.sender) == ["Dana Fischer", "Sam Keller", "", "Dana Fischer"])
        #expect(transcript.messages.map(\.kind) == [.text, .text, .system, .text])
        #expect(transcript.messages[1].text == "Another app holds the camera.\nClose Teams and try again?")
        #expect(transcript.messages[3].text == "That was it – thanks!")
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-26T16:58:00+01:00")
    }

    @Test func utf16WithAByteOrderMarkReadsTheSame() throws {
        let utf8 = try Fixtures.input(Self.fixture).bytes
        let text = String(decoding: utf8, as: UTF8.self).replacingOccurrences(
            of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16LE\"")
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let input = InputFile(displayName: "x.html", bytes: utf16)
        #expect(try ParserRegistry.standard.choose(for: input).name == "msn-plus-html")
        let transcript = try MessengerPlusHTMLParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.text).last == "That was it – thanks!")
        #expect(transcript.messages.map(\.location.line) == [9, 10, 11, 12])
    }

    @Test func theSharedCorpusLogReadsEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        let input = try InputFile.read(
            path: corpus.appending(path: "msn-messengerplus-html/tomzx__msn-log-parser/basic.html").path)
        #expect(try ParserRegistry.standard.choose(for: input).name == "msn-plus-html")
        let transcript = try MessengerPlusHTMLParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        let texts = transcript.messages.filter { $0.kind == .text }
        #expect(texts.count == 3)
        #expect(
            texts.first.map { ISOTimestamp.format($0.instant, in: Fixtures.berlin.timeZone) }
                == "2007-04-19T17:27:00+02:00")
        #expect(
            texts.last.map { ISOTimestamp.format($0.instant, in: Fixtures.berlin.timeZone) }
                == "2007-04-23T19:13:00+02:00")
    }
}
