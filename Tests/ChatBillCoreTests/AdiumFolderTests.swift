import Foundation
import Testing

@testable import ChatBillCore

/// A contact's Adium log folder (or one `.chatlog` bundle) reads as one chat across its logs.
@Suite("Adium log folders")
struct AdiumFolderTests {
    static let folder = "adium-logs/dana@example.org"

    @Test func aContactsBundlesReadInTimeOrder() throws {
        let folder = try #require(Fixtures.folder(Self.folder))
        let (parser, members) = try #require(ParserRegistry.standard.folderParser(for: folder, named: nil))
        #expect(parser.name == "adium")
        #expect(members.count == 3)
        let transcript = try parser.parse(folder.read(members), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.inputs.count == 3)
        #expect(transcript.messages.filter { $0.kind == .text }.map(\.file) == [0, 0, 1, 1])
        // The last log only opened and closed a window: system lines, nothing billed.
        #expect(transcript.messages.filter { $0.file == 2 }.allSatisfy { $0.kind == .system })
        #expect(transcript.accountSenders == ["Sam Keller"])
    }

    @Test func aLogThatCannotBeReadIsLeftOutWithAWarning() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "chatbill-adium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let good = "dana@example.org (2026-11-24T09.30.00+0100)"
        try FileManager.default.copyItem(
            at: Fixtures.url(Self.folder + "/\(good).chatlog/\(good).xml"), to: root.appending(path: good + ".xml"))
        try Data("<chat><message".utf8).write(
            to: root.appending(path: "dana@example.org (2026-11-25T10.00.00+0100).xml"))
        let folder = try #require(ExportFolder.folder(at: root.path))
        let (parser, members) = try #require(ParserRegistry.standard.folderParser(for: folder, named: nil))
        let transcript = try parser.parse(folder.read(members), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.inputs.count == 1)
        #expect(
            transcript.diagnostics.contains { $0.severity == .warning && $0.message.hasSuffix("this log is left out") })
    }

    @Test func oneBundleFolderReadsItsLog() throws {
        let bundle = Self.folder + "/dana@example.org (2026-11-24T09.30.00+0100).chatlog"
        let folder = try #require(Fixtures.folder(bundle))
        let (parser, members) = try #require(ParserRegistry.standard.folderParser(for: folder, named: nil))
        let transcript = try parser.parse(folder.read(members), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.filter { $0.kind == .text }.count == 2)
    }
}
