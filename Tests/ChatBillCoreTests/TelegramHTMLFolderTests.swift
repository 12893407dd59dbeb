import Foundation
import Testing

@testable import ChatBillCore

/// A Telegram HTML export of several pages reads as one chat, each message keeping its own file.
@Suite("Telegram HTML folders")
struct TelegramHTMLFolderTests {
    static let folder = "telegram-html-folder/ChatExport_2026-11-30"

    func transcript() throws -> Transcript {
        let folder = try #require(Fixtures.folder(Self.folder))
        let (parser, members) = try #require(ParserRegistry.standard.folderParser(for: folder, named: nil))
        #expect(parser.name == "telegram-html")
        #expect(members == ["messages.html", "messages2.html"])
        return try parser.parse(folder.read(members), options: ParseOptions(timeZone: Fixtures.berlin))
    }

    @Test func pagesReadInOrderAndAJoinedMessageCarriesTheSenderAcrossFiles() throws {
        let transcript = try transcript()
        #expect(transcript.inputs.count == 2)
        #expect(transcript.messages.map(\.file) == [0, 0, 0, 1, 1, 1])
        #expect(
            transcript.messages.map(\.sender) == [
                "Jonas Weber", "Sam Keller", "Sam Keller", "Sam Keller", "Jonas Weber", "Jonas Weber",
            ])
        #expect(transcript.summary.messageCounts == [3, 3])
    }

    /// Read page by page as a report streams, the folder gives the report read whole: in
    /// `--tz`, and in the export's own offset.
    @Test func thePagesStreamToTheSameReport() throws {
        let folder = try #require(Fixtures.folder(Self.folder))
        let (parser, members) = try #require(ParserRegistry.standard.folderParser(for: folder, named: nil))
        let streaming = try #require(parser as? any StreamingFolderParser)
        for zone in [Fixtures.berlin, ZoneChoice(TimeZone(identifier: "America/New_York")!, source: .machine)] {
            let options = ParseOptions(timeZone: zone)
            let streamed = try #require(
                try StreamedReport.make(
                    folder: folder, members: members, parser: streaming, options: options,
                    providerNames: ["Sam Keller"], policy: BillingPolicy()))
            let whole = Report(
                transcript: try parser.parse(folder.read(members), options: options),
                provider: ProviderIdentity(names: ["Sam Keller"]), policy: BillingPolicy())
            for renderer in [TableReportRenderer(), JSONReportRenderer()] as [any ReportRenderer] {
                #expect(renderer.render(streamed) == renderer.render(whole))
            }
        }
    }

    @Test func aSessionRunsAcrossTheFilesAndTheReportSaysWhere() throws {
        let transcript = try transcript()
        let report = Report(
            transcript: transcript, provider: ProviderIdentity(names: ["Sam Keller"]), policy: BillingPolicy())
        let first = try #require(report.bill.lines.first { _ in true })
        #expect(first.session.files == 0...1)
        #expect(first.session.messageCount == 5)
        let table = TableReportRenderer().render(report)
        #expect(table.contains("(file 2)"))
        #expect(table.contains("1:\(first.session.firstLine)-2:\(first.session.lastLine)"))
        let json = JSONReportRenderer().render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let inputs = try #require(object["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["messages"] as? Int } == [3, 3])
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.first?["firstFile"] as? Int == 1)
        #expect(sessions.first?["lastFile"] as? Int == 2)
    }

    @Test func aZipOfTheFolderReadsTheSame() throws {
        let zip = FileManager.default.temporaryDirectory.appending(path: "chatbill-telegram-\(UUID().uuidString).zip")
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.currentDirectoryURL = Fixtures.url("telegram-html-folder")
        process.arguments = [
            "python3", "-c",
            "import shutil,sys; shutil.make_archive(sys.argv[1][:-4], 'zip', '.', 'ChatExport_2026-11-30')", zip.path,
        ]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        defer { try? FileManager.default.removeItem(at: zip) }
        let folder = try #require(try ExportFolder.open(path: zip.path))
        #expect(folder.isArchive)
        let (parser, members) = try #require(ParserRegistry.standard.folderParser(for: folder, named: nil))
        let fromZip = try parser.parse(folder.read(members), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(fromZip.messages.map(\.text) == (try transcript()).messages.map(\.text))
        #expect(fromZip.inputs[1].displayName == zip.path + "/ChatExport_2026-11-30/messages2.html")
        #expect(fromZip.inputs[0].container?.path == zip.path)
    }

    @Test func theFirstPageAloneStillReads() throws {
        let page = try Fixtures.input(Self.folder + "/messages.html")
        let transcript = try TelegramHTMLParser().parse(page, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.count == 3)
    }

    @Test func noMessageIsLostOrInventedAndEveryLineIsRead() throws {
        let transcript = try transcript()
        var lines = ""
        MessageJSONLines.render(transcript) { lines += $0 }
        try expectGolden(lines, Self.folder + ".expected.jsonl")
        for (file, input) in transcript.inputs.enumerated() {
            var covered = Set(transcript.headerLinesByFile[file])
            for message in transcript.messages where message.file == file {
                covered.formUnion(message.location.line...message.lastLine)
            }
            ParserConformanceTests().expectEveryLine(of: input, fixture: Self.folder, covered: covered)
        }
    }
}
