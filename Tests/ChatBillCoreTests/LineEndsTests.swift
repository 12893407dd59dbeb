import Foundation
import Testing

@testable import ChatBillCore

/// A file whose lines end in carriage returns alone (classic Mac OS, Excel for Mac's "CSV
/// (Macintosh)") reads as the same file with line feeds would, whole or streamed, while its
/// SHA-256 stays that of its own bytes.
@Suite("Carriage-return line ends")
struct LineEndsTests {
    /// The bytes of `fixture` with every line ending (CRLF or LF) a carriage return alone.
    static func carriageReturnBytes(of fixture: String) throws -> [UInt8] {
        let text = try String(contentsOf: Fixtures.url(fixture), encoding: .utf8)
        return Array(text.replacingOccurrences(of: "\r\n", with: "\r").replacingOccurrences(of: "\n", with: "\r").utf8)
    }

    static func write(_ bytes: [UInt8], named name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-cr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appending(path: name)
        try Data(bytes).write(to: url)
        return url
    }

    @Test(arguments: Fixtures.whatsApp)
    func aWhatsAppChatReadsAsWithLineFeeds(fixture: String) throws {
        let options = ParseOptions(timeZone: Fixtures.berlin)
        let bytes = try Self.carriageReturnBytes(of: fixture)
        let input = InputFile(displayName: "chat.txt", bytes: bytes)
        #expect(input.sha256 == ExportFile.sha256(of: bytes))
        let carriageReturns = try WhatsAppParser().parse(input, options: options)
        let lineFeeds = try WhatsAppParser().parse(Fixtures.input(fixture), options: options)
        #expect(carriageReturns.messages.count == lineFeeds.messages.count)
        for (a, b) in zip(carriageReturns.messages, lineFeeds.messages) {
            #expect(a.instant == b.instant)
            #expect(a.sender == b.sender)
            #expect(a.text == b.text)
            #expect(a.location.line == b.location.line)
            #expect(a.lastLine == b.lastLine)
        }
        #expect(carriageReturns.diagnostics.map(\.message) == lineFeeds.diagnostics.map(\.message))
    }

    @Test(arguments: [3, 64, 1 << 20])
    func aWhatsAppChatStreamsToTheReportOfItsWholeRead(blockSize: Int) throws {
        let url = try Self.write(
            try Self.carriageReturnBytes(of: Fixtures.whatsApp[0]), named: "WhatsApp Chat with Dana Fischer.txt")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let reports = try #require(
            try StreamedReportTests().bothReports(url.path, names: ["Sam Keller"], blockSize: blockSize))
        #expect(reports.streamed == reports.whole)
        #expect(
            reports.streamed[0].contains(ExportFile.sha256(of: try Self.carriageReturnBytes(of: Fixtures.whatsApp[0]))))
        let lineFeeds = try WhatsAppParser().parse(
            Fixtures.input(Fixtures.whatsApp[0]), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(reports.streamed[0].contains("whatsapp: \(lineFeeds.messages.count) messages"))
    }

    @Test func aCSVSavedByExcelForMacReadsEveryRecord() throws {
        let input = InputFile(displayName: "chat.csv", bytes: try Self.carriageReturnBytes(of: CSVParserTests.plain))
        let transcript = try CSVParser().parse(input, options: CSVParserTests.plainOptions)
        #expect(transcript.messages.map(\.sender) == ["Jonas Weber", "Sam Keller", "Sam Keller", "Jonas Weber"])
        #expect(transcript.messages.map(\.location.line) == [2, 3, 4, 5])
    }

    @Test func aFileWithLineFeedsOrNULBytesIsLeftAsItIs() {
        for bytes in [Array("a\rb\nc\r".utf8), [0x61, 0x0D, 0x00, 0x62, 0x0D], Array("no line ends".utf8)] {
            #expect(InputFile(displayName: "f", bytes: bytes).bytes == bytes)
        }
        #expect(InputFile(displayName: "f", bytes: Array("a\rb\r".utf8)).bytes == Array("a\nb\n".utf8))
    }
}
