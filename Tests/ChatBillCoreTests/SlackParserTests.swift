import Foundation
import Testing

@testable import ChatBillCore

@Suite("Slack parser")
struct SlackParserTests {
    static let folder = "slack/acme-workspace"

    func transcript(chat: String? = "it-support") throws -> Transcript {
        let folder = try #require(Fixtures.folder(Self.folder))
        let (parser, members) = try #require(ParserRegistry.standard.folderParser(for: folder, named: nil))
        #expect(parser.name == "slack")
        return try parser.parse(folder.read(members), options: ParseOptions(timeZone: Fixtures.berlin, chat: chat))
    }

    @Test func aChannelsDayFilesReadAsOneChatWithNamesMentionsAndLinks() throws {
        let transcript = try transcript()
        #expect(
            transcript.inputs.map(\.fileName) == ["users.json", "channels.json", "2025-12-08.json", "2025-12-09.json"])
        #expect(transcript.messages.map(\.kind) == [.system, .text, .text, .system, .text, .attachment, .text])
        #expect(
            transcript.messages.map(\.sender) == [
                "", "Dana Fischer", "Sam Keller", "", "Sam Keller", "jonas.w", "Dana Fischer",
            ])
        #expect(transcript.messages[1].text == "@Sam Keller the backup job failed again tonight & the NAS is beeping")
        #expect(transcript.messages[2].text == "Looking at it. Logs: NAS logs (https://nas.acme.example/logs)")
        #expect(transcript.messages[2].isEdited)
        #expect(transcript.messages[3].text == "Backup bot: Backup job *nightly* failed: disk 3 degraded")
        #expect(transcript.messages[5].text == "nas-front.jpg")
        #expect(transcript.messages[6].text == "Thanks! See #random for the coffee order")
        #expect(transcript.messages.map(\.file) == [2, 2, 2, 2, 3, 3, 3])
    }

    @Test func aSessionRunsFromOneDayFileIntoTheNext() throws {
        let report = Report(
            transcript: try transcript(), provider: ProviderIdentity(names: ["Sam Keller"]), policy: BillingPolicy())
        let sessions = Array(report.bill.lines).map(\.session)
        #expect(sessions.count == 1)
        #expect(sessions[0].files == 2...3)
    }

    @Test func otherChannelsArePickedWithChat() throws {
        #expect(try transcript(chat: "random").messages.map(\.text) == ["Coffee at 10?"])
        #expect(throws: ChatBillError.self) { try transcript(chat: nil) }
    }

    @Test(arguments: [
        ("<@U01SAM> hi", "@Sam Keller hi"), ("<@U99|zoe> hi", "@zoe hi"), ("<!here> lunch", "@here lunch"),
        ("<https://a.example>", "https://a.example"), ("<mailto:x@y.z|x@y.z>", "x@y.z (mailto:x@y.z)"),
        ("1 &lt; 2 &amp;&amp; 3 &gt; 2", "1 < 2 && 3 > 2"), ("<#C01IT>", "#it-support"),
    ])
    func markupIsWrittenOut(text: String, expected: String) {
        let slack = SlackText(users: ["U01SAM": "Sam Keller"], channels: ["C01IT": "it-support"])
        #expect(slack.readable(text) == expected)
    }

    /// The shared corpus holds slack-export-viewer's archive members flattened (`enrique_2016-02-07.json`);
    /// laid out again as an export folder in a temporary place, they read with their counts.
    @Test func theSharedCorpusArchiveReadsEveryMessage() throws {
        guard let corpus = Fixtures.corpus else { return }
        let source = corpus.appending(path: "slack-export-json/hfaran__slack-export-viewer")
        let root = FileManager.default.temporaryDirectory.appending(path: "chatbill-slack-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for channel in ["enrique", "traveling-sailor"] {
            try FileManager.default.createDirectory(
                at: root.appending(path: channel), withIntermediateDirectories: true)
        }
        for name in ["users.json", "channels.json"] {
            try FileManager.default.copyItem(at: source.appending(path: name), to: root.appending(path: name))
        }
        for (flat, day) in [
            ("enrique_2016-02-07.json", "enrique/2016-02-07.json"),
            ("enrique_2016-03-26.json", "enrique/2016-03-26.json"),
            ("traveling-sailor_2016-03-26.json", "traveling-sailor/2016-03-26.json"),
        ] {
            try FileManager.default.copyItem(at: source.appending(path: flat), to: root.appending(path: day))
        }
        let folder = try #require(ExportFolder.folder(at: root.path))
        let (parser, members) = try #require(ParserRegistry.standard.folderParser(for: folder, named: nil))
        for (channel, count) in [("enrique", 38), ("traveling-sailor", 14)] {
            let transcript = try parser.parse(
                folder.read(members), options: ParseOptions(timeZone: Fixtures.berlin, chat: channel))
            #expect(transcript.messages.count == count, "\(channel)")
            #expect(transcript.messages.allSatisfy { !$0.sender.hasPrefix("U0") }, "\(channel): names, not ids")
        }
    }
}
