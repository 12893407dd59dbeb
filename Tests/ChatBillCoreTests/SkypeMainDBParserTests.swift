import Foundation
import Testing

@testable import ChatBillCore

@Suite("Skype main.db parser")
struct SkypeMainDBParserTests {
    static let fixture = "skype-db/sam.keller.it/main.db"

    func transcript(chat: String?) throws -> Transcript {
        try SkypeMainDBParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin, chat: chat))
    }

    @Test func messagesCallsFilesAndTheAccountFromTheDatabase() throws {
        let transcript = try transcript(chat: "Dana")
        #expect(transcript.messages.map(\.kind) == [.text, .text, .attachment, .call, .call, .system])
        #expect(transcript.messages.map(\.location.line) == [101, 102, 103, 104, 105, 106])
        #expect(transcript.messages[1].text == "Please shut it down & don't power it on again")
        #expect(transcript.messages[1].isEdited)
        #expect(transcript.messages[2].text == "drive-smart.txt")
        #expect(transcript.messages[4].text == "call ended (20m54s)")
        #expect(transcript.accountSenders == ["Sam Keller"])
        #expect(transcript.rowTable == "Messages")
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: TimeZone(identifier: "UTC")!)
                == "2013-03-12T09:00:00+00:00")
    }

    @Test func theReportSaysItsPlacesAreRows() throws {
        let transcript = try transcript(chat: "Dana")
        let report = Report(
            transcript: transcript, provider: try ProviderIdentity.resolve(names: [], for: transcript),
            policy: BillingPolicy())
        let table = TableReportRenderer().render(report)
        #expect(table.contains("places    rows of the Messages table"))
        #expect(table.contains("provider/client  rows"))
        #expect(JSONReportRenderer().render(report).contains("\"places\" : \"rows of Messages\""))
    }

    /// The plain-text evidence counts a file's messages and lines; a database's places are rows.
    @Test func thePlainEvidenceNamesItsPlacesAsRows() throws {
        let transcript = try transcript(chat: "Dana")
        let billing = ReportRun.Billing(
            sources: [transcript], client: nil, provider: try ProviderIdentity.resolve(names: [], for: transcript),
            policy: BillingPolicy(), period: nil, origins: [:])
        let plain = TextEvidenceRenderer().render(Evidence(billing))
        #expect(plain.contains("main.db: skype-db, 6 messages, rows of Messages\n"))
    }

    @Test func theFileIsLeftUntouchedAndAConversationMustBeChosen() throws {
        let before = try Data(contentsOf: Fixtures.url(Self.fixture))
        #expect(throws: ChatBillError.self) { try transcript(chat: nil) }
        _ = try transcript(chat: "Jonas")
        #expect(try Data(contentsOf: Fixtures.url(Self.fixture)) == before)
        #expect(!FileManager.default.fileExists(atPath: Fixtures.url(Self.fixture).path + "-journal"))
    }

    @Test func anotherDatabaseIsRefusedWithAPlace() throws {
        let other = FileManager.default.temporaryDirectory.appending(path: "chatbill-other-\(UUID().uuidString).db")
        defer { try? FileManager.default.removeItem(at: other) }
        var bytes = Array("SQLite format 3\u{0}".utf8)
        bytes += [UInt8](repeating: 0, count: 200)
        try Data(bytes).write(to: other)
        let input = try InputFile.read(path: other.path)
        #expect(ParserRegistry.standard.rank(input).first { $0.parser.name == "skype-db" }?.detection.confidence == 0)
        do {
            _ = try SkypeMainDBParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
            Issue.record("a database without Skype's tables was read")
        } catch {
            #expect(error.diagnostic.location != nil)
        }
    }
}
