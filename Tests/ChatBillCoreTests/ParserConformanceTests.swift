import Foundation
import Testing

@testable import ChatBillCore

/// The test every parser runs (STYLE.md): stable order, every message located inside its file,
/// no message lost or invented on the fixtures, and garbage, empty or binary input answered with
/// diagnostics, never a crash.
@Suite("Parser conformance")
struct ParserConformanceTests {
    /// The fixtures of each registered parser; every parser must have some.
    static let fixturesByParser: [String: [String]] = [
        "whatsapp": Fixtures.whatsApp,
        "zoom": Fixtures.zoom,
        "irc": Fixtures.irc,
        "pidgin-txt": [PidginTextParserTests.fixture],
        "imessage-txt": [IMessageTextParserTests.fixture],
        "signal": [SignalParserTests.fixture],
        "discord-txt": [DiscordTextParserTests.fixture],
        "msn-plus-txt": [MessengerPlusTextParserTests.fixture],
        "csv": [CSVParserTests.discord],
        "pidgin-html": [PidginHTMLParserTests.fixture],
        "msn-plus-html": [MessengerPlusHTMLParserTests.fixture],
        "imessage-html": [IMessageHTMLParserTests.fixture],
        "vk-html": [VKHTMLParserTests.fixture],
        "telegram-html": [TelegramHTMLParserTests.fixture, TelegramHTMLFolderTests.folder],
        "facebook-html": [FacebookHTMLParserTests.fixture],
        "discord-html": [DiscordHTMLParserTests.fixture],
        "messenger-html": [MessengerHTMLParserTests.fixture],
        "telegram-json": [TelegramJSONParserTests.fixture, TelegramJSONParserTests.singleChat],
        "discord-json": [DiscordJSONParserTests.fixture],
        "facebook-json": [FacebookJSONParserTests.fixture],
        "hangouts": [HangoutsParserTests.fixture, HangoutsParserTests.oldLayout],
        "google-chat": [GoogleChatParserTests.fixture],
        "mattermost": [MattermostParserTests.fixture],
        "teams": [TeamsParserTests.fixture],
        "skype": [SkypeParserTests.fixture],
        "slack": [SlackParserTests.folder],
        "skype-db": [SkypeMainDBParserTests.fixture],
        "adium": [XMLLogParserTests.adium, AdiumFolderTests.folder],
        "empathy": [XMLLogParserTests.empathy],
        "wlm-xml": [MessengerAndKopeteTests.wlm],
        "kopete": [MessengerAndKopeteTests.kopete],
        "trillian-xml": [TrillianTests.fixture],
        "xmpp-mam": [XMPPArchiveTests.fixture],
        "teamviewer": [RemoteLogTests.outgoing, RemoteLogTests.incoming, RemoteLogTests.report],
        "anydesk": [RemoteLogTests.anyDesk],
    ]

    static let cases: [(String, String)] = ParserRegistry.standard.parsers.flatMap { parser in
        (fixturesByParser[parser.name] ?? []).map { (parser.name, $0) }
    }

    @Test func everyRegisteredParserHasFixtures() {
        for parser in ParserRegistry.standard.parsers {
            #expect(!(Self.fixturesByParser[parser.name] ?? []).isEmpty, "\(parser.name) has no fixtures")
        }
    }

    /// Fixtures that hold several conversations, and the one the conformance test reads.
    static let chats = [
        FacebookHTMLParserTests.fixture: "Dana Fischer", TelegramJSONParserTests.fixture: "Dana Fischer",
        HangoutsParserTests.fixture: "Dana Fischer", MattermostParserTests.fixture: "it-support",
        SlackParserTests.folder: "it-support", SkypeMainDBParserTests.fixture: "Dana Fischer",
    ]

    /// A fixture read by its parser: a file, or an export folder read as the CLI reads one.
    func parse(_ parserName: String, _ fixture: String) throws -> Transcript {
        let parser = try #require(ParserRegistry.standard.parser(named: parserName))
        let options = ParseOptions(timeZone: Fixtures.berlin, chat: Self.chats[fixture])
        guard Fixtures.isFolder(fixture) else { return try parser.parse(Fixtures.input(fixture), options: options) }
        let folder = try #require(Fixtures.folder(fixture))
        let (reader, members) = try #require(ParserRegistry.standard.folderParser(for: folder, named: parserName))
        return try reader.parse(folder.read(members), options: options)
    }

    @Test(arguments: cases)
    func detectionPicksTheParserForItsFixtures(parserName: String, fixture: String) throws {
        if Fixtures.isFolder(fixture) {
            let folder = try #require(Fixtures.folder(fixture))
            #expect(ParserRegistry.standard.folderParser(for: folder, named: nil)?.parser.name == parserName)
        } else {
            let chosen = try ParserRegistry.standard.choose(for: Fixtures.input(fixture))
            #expect(chosen.name == parserName)
        }
    }

    @Test(arguments: cases)
    func parsingIsStable(parserName: String, fixture: String) throws {
        let first = try parse(parserName, fixture)
        let second = try parse(parserName, fixture)
        #expect(first.messages == second.messages)
        #expect(first.diagnostics == second.diagnostics)
    }

    @Test(arguments: cases)
    func everyMessageIsLocatedInsideItsFile(parserName: String, fixture: String) throws {
        let transcript = try parse(parserName, fixture)
        guard transcript.rowTable == nil else { return }  // a database's places are rows, checked by its own tests
        var previousStart = (file: 0, byte: -1)
        for message in transcript.messages {
            let input = transcript.inputs[message.file]
            #expect(message.location.line >= 1 && message.location.line <= input.lines.lineCount)
            #expect(message.lastLine >= message.location.line && message.lastLine <= input.lines.lineCount)
            #expect(message.byteRange.lowerBound >= 0 && message.byteRange.upperBound <= input.bytes.count)
            #expect(input.lines.location(ofByte: message.byteRange.lowerBound) == message.location)
            // In file order; several messages share a line only where the format nests them (a
            // Mattermost post and its replies on one JSONL line).
            #expect((message.file, message.byteRange.lowerBound) > previousStart, "messages come in file order")
            previousStart = (message.file, message.byteRange.lowerBound)
        }
    }

    @Test(arguments: cases)
    func noMessageIsLostOrInvented(parserName: String, fixture: String) throws {
        let transcript = try parse(parserName, fixture)
        var lines = ""
        MessageJSONLines.render(transcript) { lines += $0 }
        try expectGolden(lines, fixture + ".expected.jsonl")
    }

    @Test(arguments: cases)
    func everyLineIsAccountedFor(parserName: String, fixture: String) throws {
        let transcript = try parse(parserName, fixture)
        guard transcript.rowTable == nil else { return }  // a database has no lines to account for
        for (file, input) in transcript.inputs.enumerated() {
            var covered = Set<Int>()
            for message in transcript.messages where message.file == file {
                covered.formUnion(message.location.line...message.lastLine)
            }
            for diagnostic in transcript.diagnostics where diagnostic.file == input.displayName {
                if let line = diagnostic.location?.line { covered.insert(line) }
            }
            covered.formUnion(transcript.headerLinesByFile[file])
            expectEveryLine(of: input, fixture: fixture, covered: covered)
        }
    }

    /// Every line of `input` is in `covered` or carries no chat content.
    func expectEveryLine(of input: InputFile, fixture: String, covered: Set<Int>) {
        for line in 1...max(1, input.lines.lineCount) where input.lines.lineCount > 0 && !covered.contains(line) {
            let content = String(
                decoding: input.bytes[input.lines.byteRange(ofLine: line, in: input.bytes)], as: UTF8.self)
            // Blank lines, and in XML formats lines of nothing but markup, carry no chat content.
            let withoutMarkup = content.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            #expect(
                withoutMarkup.allSatisfy { $0.isWhitespace }, "line \(line) of \(fixture) is neither read nor reported")
        }
    }

    /// A download or copy cut short: what is left is read, or the error says where the file goes
    /// wrong (for JSON, where it ends).
    @Test(arguments: cases)
    func aFixtureCutInHalfIsReadOrRefusedWithAPlace(parserName: String, fixture: String) throws {
        guard !Fixtures.isFolder(fixture) else { return }  // each of its files is cut by its own format's case
        let parser = try #require(ParserRegistry.standard.parser(named: parserName))
        let whole = try Fixtures.input(fixture)
        let cut = InputFile(displayName: whole.displayName, bytes: Array(whole.bytes.prefix(whole.bytes.count / 2)))
        do {
            let transcript = try parser.parse(
                cut, options: ParseOptions(timeZone: Fixtures.berlin, chat: Self.chats[fixture]))
            for message in transcript.messages { #expect(message.lastLine <= cut.lines.lineCount) }
        } catch {
            #expect(error.diagnostic.location != nil, "\(fixture): \(error.diagnostic)")
        }
    }

    static let garbage: [(String, [UInt8])] = {
        var generator = SeededGenerator(seed: 42)
        let random = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let header = Array("14/10/2026, 09:00 - A: x\n".utf8)
        return [
            ("empty", []),
            ("random bytes", random),
            ("NUL bytes", [UInt8](repeating: 0, count: 512)),
            ("only newlines", Array("\n\n\r\n\n".utf8)),
            ("a header then binary", header + random),
            ("a header cut in the middle", Array("14/10/2026, 09:0".utf8)),
            ("a long line", [UInt8](repeating: 0x41, count: 200_000)),
            ("invalid UTF-8 after a header", header + [0xC3, 0x28, 0xFF, 0xFE, 0x0A]),
            ("brackets and digits", Array("[[[[ 99/99/9999, 99:99:99 ] ::::\n".utf8)),
        ]
    }()

    @Test(arguments: ParserRegistry.standard.parsers.map(\.name))
    func garbageGivesDiagnosticsNeverACrash(parserName: String) throws {
        let parser = try #require(ParserRegistry.standard.parser(named: parserName))
        for (label, bytes) in Self.garbage {
            let input = InputFile(displayName: label, bytes: bytes)
            _ = parser.detect(DetectionProbe(input))
            do {
                let transcript = try parser.parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
                for message in transcript.messages {
                    #expect(message.byteRange.upperBound <= bytes.count, "\(label)")
                }
            } catch {
                #expect(error.diagnostic.file == label, "\(label): the error names the file")
            }
        }
    }
}
