import Testing

@testable import ChatBillCore

@Suite("Input: files, lines, diagnostics")
struct InputTests {
    @Test func sha256MatchesTheStandardTestVector() {
        let input = InputFile(displayName: "abc.txt", bytes: Array("abc".utf8))
        #expect(input.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func lineTableLocatesBytesWithOneBasedUTF8Columns() {
        let bytes = Array("ab\r\ncäd\nlast".utf8)
        let table = LineTable(bytes)
        #expect(table.lineCount == 3)
        #expect(table.location(ofByte: 0) == InputLocation(line: 1, column: 1))
        #expect(table.location(ofByte: 4) == InputLocation(line: 2, column: 1))
        // "ä" is two bytes, so "d" is column 4.
        #expect(table.location(ofByte: 7) == InputLocation(line: 2, column: 4))
        #expect(table.location(ofByte: bytes.count) == InputLocation(line: 3, column: 5))
        #expect(table.byteRange(ofLine: 1, in: bytes) == 0..<2)
        #expect(table.byteRange(ofLine: 2, in: bytes) == 4..<8)
        #expect(table.byteRange(ofLine: 3, in: bytes) == 9..<13)
    }

    @Test func aFinalNewlineDoesNotMakeAnotherLine() {
        #expect(LineTable(Array("one\ntwo\n".utf8)).lineCount == 2)
        #expect(LineTable([]).lineCount == 0)
    }

    @Test func diagnosticsPrintLikeACompiler() {
        let located = Diagnostic(.warning, file: "chat.txt", at: InputLocation(line: 3, column: 1), "odd line")
        #expect(located.description == "chat.txt:3:1: warning: odd line")
        #expect(Diagnostic(.error, file: "x.txt", "no such file").description == "x.txt: error: no such file")
    }

    @Test func aMissingFileIsAnUnreadableInputNamingIt() {
        #expect {
            try InputFile.read(path: "/nonexistent/chat.txt")
        } throws: { error in
            guard case .unreadableInput(let diagnostic) = error as? ChatBillError else { return false }
            return diagnostic.description == "/nonexistent/chat.txt: error: no such file"
        }
    }

    @Test func aFolderIsRefusedWithAHint() {
        #expect {
            try InputFile.read(path: Fixtures.url("whatsapp").path)
        } throws: { error in
            (error as? ChatBillError)?.diagnostic.message.contains("is a folder") == true
        }
    }

    @Test(arguments: [
        ("90s", 90), ("15m", 900), ("1h30m", 5400), ("1h 30m", 5400), ("2h", 7200), ("0", 0), ("5min", 300),
    ])
    func durationsRead(text: String, seconds: Int) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test(arguments: ["", "15", "m", "1x", "-5m", "15m3"])
    func malformedDurationsAreRefused(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func durationsFormatCompactly() {
        #expect(DurationText.format(seconds: 0) == "0m")
        #expect(DurationText.format(seconds: 5400) == "1h30m")
        #expect(DurationText.format(seconds: 802) == "13m22s")
    }
}
