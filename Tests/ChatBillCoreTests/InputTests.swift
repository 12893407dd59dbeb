import Foundation
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

@Suite("Zip exports")
struct ZipExportTests {
    static let zip = "whatsapp/ios-zip/WhatsApp Chat - Lena Hoffmann.zip"

    @Test func theChatInsideAZipIsReadWithoutUnpacking() throws {
        let input = try InputFile.read(path: Fixtures.url(Self.zip).path)
        #expect(input.displayName.hasSuffix("WhatsApp Chat - Lena Hoffmann.zip/_chat.txt"))
        let plain = try Fixtures.input("whatsapp/ios-12h/_chat.txt")
        #expect(input.bytes == plain.bytes)
        #expect(input.sha256 == plain.sha256)
        let archive = try #require(input.container)
        #expect(archive.sha256 == ExportFile.sha256(of: [UInt8](try Data(contentsOf: Fixtures.url(Self.zip)))))
    }

    @Test func theArchivesNameNamesTheProvider() throws {
        let input = try InputFile.read(path: Fixtures.url(Self.zip).path)
        let transcript = try WhatsAppParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(try ProviderIdentity.resolve(names: [], for: transcript).names == ["Sam Keller"])
    }

    /// Android names the chat file in the phone's language, and a text file sent in the chat is
    /// in the archive too: the file WhatsApp named is the chat.
    @Test func theChatFileIsTheOneWhatsAppNamedInAnyLanguage() {
        for chat in [
            "_chat.txt", "WhatsApp Chat with Dana.txt", "WhatsApp-Chat mit Dana.txt", "Chat de WhatsApp con Dana.txt",
            "Discussion WhatsApp avec Dana.txt", "Чат WhatsApp с Dana.txt",
        ] {
            #expect(ZipChatArchive.chatFile(among: ["notes.txt", chat]) == chat)
        }
        #expect(ZipChatArchive.chatFile(among: ["chat.txt"]) == "chat.txt")
        #expect(ZipChatArchive.chatFile(among: ["chat.txt", "notes.txt"]) == nil)
        #expect(ZipChatArchive.chatFile(among: []) == nil)
    }

    @Test func anArchiveWithoutAChatFileIsUnreadable() throws {
        // A zip holding only `a.jpg` (stored, no compression).
        let bytes: [UInt8] = [
            0x50, 0x4B, 0x03, 0x04, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0x21, 0, 0x8B, 0x9E, 0xD9, 0xD3, 1, 0, 0, 0, 1, 0, 0, 0,
            5, 0, 0, 0, 0x61, 0x2E, 0x6A, 0x70, 0x67, 0x78,
            0x50, 0x4B, 0x01, 0x02, 0x14, 0, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0x21, 0, 0x8B, 0x9E, 0xD9, 0xD3, 1, 0, 0, 0, 1,
            0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x2E, 0x6A, 0x70, 0x67,
            0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 0x33, 0, 0, 0, 0x24, 0, 0, 0, 0, 0,
        ]
        #expect(try Self.error(reading: Data(bytes))?.contains("no .txt chat file") == true)
    }

    /// An archive whose table of contents puts a file past its end (damaged in transfer) is an
    /// error that says so; reading it in memory trapped.
    @Test func aDamagedArchiveSaysSoAndDoesNotCrash() throws {
        let bytes: [UInt8] = [
            0x50, 0x4B, 0x03, 0x04, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0x21, 0, 0x8B, 0x9E, 0xD9, 0xD3, 1, 0, 0, 0, 1, 0, 0, 0,
            5, 0, 0, 0, 0x61, 0x2E, 0x74, 0x78, 0x74, 0x78,
            // The table of contents' entry for a.txt, its file said to start at 65536.
            0x50, 0x4B, 0x01, 0x02, 0x14, 0, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0x21, 0, 0x8B, 0x9E, 0xD9, 0xD3, 1, 0, 0, 0, 1,
            0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0x61, 0x2E, 0x74, 0x78, 0x74,
            0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 0x33, 0, 0, 0, 0x24, 0, 0, 0, 0, 0,
        ]
        #expect(
            try Self.error(reading: Data(bytes))
                == "cannot read a.txt from the archive: its header is not where the table of contents puts it: the "
                + "archive is damaged; copy or download it again")
    }

    @Test func anArchiveListingMoreFilesThanItHoldsIsDamaged() throws {
        // An end record that counts one file in a table of contents of none.
        let bytes: [UInt8] = [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0] + [UInt8](repeating: 0, count: 10)
        #expect(
            try Self.error(reading: Data(bytes))
                == "is a damaged zip archive: its table of contents lists 1 file, of which 0 can be found; copy or "
                + "download it again")
    }

    @Test func anEmptyArchiveSaysItIsEmpty() throws {
        // What `zip` writes for an archive of nothing: only the end-of-archive record.
        let bytes: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        #expect(try Self.error(reading: Data(bytes)) == "the zip archive is empty")
    }

    /// The message of the error reading `bytes` as a `.zip` file gives; nil when it reads.
    static func error(reading bytes: Data) throws -> String? {
        let url = FileManager.default.temporaryDirectory.appending(path: "chatbill-\(UUID().uuidString).zip")
        try bytes.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try InputFile.read(path: url.path)
            return nil
        } catch {
            return error.diagnostic.message
        }
    }

    /// A download or copy cut short loses the archive's table of contents, at its end: the error
    /// says so in words.
    @Test func anArchiveCutShortSaysSo() throws {
        let whole = try Data(contentsOf: Fixtures.url(Self.zip))
        #expect(try Self.error(reading: whole.prefix(whole.count / 2))?.contains("the file was cut short") == true)
    }

    /// A chat file whose bytes do not match the checksum the archive lists for it is not read.
    @Test func aDamagedChatFileIsNotRead() throws {
        var damaged = try Data(contentsOf: Fixtures.url(Self.zip))
        #expect(try Self.error(reading: damaged) == nil)
        // The chat file's checksum in the local header (at 14) and in the central directory (at 16
        // from its entry's start), changed alike.
        let central = damaged.firstRange(of: Data([0x50, 0x4B, 0x01, 0x02]))!.lowerBound
        damaged[14] ^= 0xFF
        damaged[central + 16] ^= 0xFF
        #expect(try Self.error(reading: damaged)?.contains("does not match its checksum") == true)
    }
}
