import Foundation
import Testing

@testable import ChatBillCore

@Suite("Remote-control logs: TeamViewer and AnyDesk")
struct RemoteLogTests {
    static let outgoing = "teamviewer/Connections.txt"
    static let incoming = "teamviewer/Connections_incoming.txt"
    static let report = "billing/TeamViewer connections.csv"
    static let anyDesk = "anydesk/connection_trace.txt"

    func parse(_ parser: any TranscriptParser, _ fixture: String) throws -> Transcript {
        try parser.parse(Fixtures.input(fixture), options: ParseOptions(timeZone: Fixtures.berlin))
    }

    func utc(_ message: Message) -> String { ISOTimestamp.format(message.instant, in: TimeZone(identifier: "UTC")!) }

    @Test func teamViewersLocalLogsAreConnectionsInUTC() throws {
        let outgoing = try parse(TeamViewerParser(), Self.outgoing)
        #expect(outgoing.messages.map(\.sender) == ["1234567890", "1234567890", "987654321"])
        #expect(
            outgoing.messages.map(utc) == [
                "2026-10-14T07:14:02+00:00", "2026-10-15T06:58:10+00:00", "2026-11-03T15:32:00+00:00",
            ])
        #expect(outgoing.messages.map(\.seconds) == [938, 455, 1860])
        #expect(outgoing.messages.allSatisfy { $0.kind == .remote })
        #expect(outgoing.timeZone.timeZone.secondsFromGMT() == 0)
        let incoming = try parse(TeamViewerParser(), Self.incoming)
        #expect(incoming.messages.map(\.sender) == ["ACME-SRV01", "ACME-SRV01"])
        #expect(incoming.messages.map(\.seconds) == [938, 455])
        #expect(incoming.diagnostics.isEmpty)
    }

    @Test func aConnectionReportIsReadByItsHeader() throws {
        let report = try parse(TeamViewerParser(), Self.report)
        #expect(report.messages.map(\.sender) == ["ACME-SRV01", "NORDLICHT-PC"])
        #expect(report.messages.map(utc) == ["2026-11-07T10:04:00+00:00", "2026-11-03T15:32:00+00:00"])
        #expect(report.messages.map(\.seconds) == [36 * 60, 31 * 60])
        #expect(report.headerLines == [1])
    }

    /// A connection report saved by Excel with its `sep=,` line reads the same, one line on.
    @Test func aConnectionReportWithExcelsDelimiterLineReadsTheSame() throws {
        let bytes = Array("sep=,\r\n".utf8) + (try Fixtures.input(Self.report).bytes)
        let input = InputFile(displayName: "TeamViewer connections.csv", bytes: bytes)
        #expect(TeamViewerParser().detect(DetectionProbe(input)).confidence == 60)
        let report = try TeamViewerParser().parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(report.messages.map(\.sender) == ["ACME-SRV01", "NORDLICHT-PC"])
        #expect(report.messages.map(\.location.line) == [3, 4])
        #expect(report.headerLines == [1, 2])
        #expect(report.diagnostics.isEmpty)
    }

    @Test func badConnectionLinesAreWarnedAboutNotLost() throws {
        let text =
            "1234567890\t14-10-2026 07:14:02\t14-10-2026 07:29:40\tsam\tRemoteControl\t{g}\n"
            + "1234567890\t14-10-2026 09:00:00\t14-10-2026 08:00:00\tsam\tRemoteControl\t{g}\n"
            + "some note\n"
        let transcript = try TeamViewerParser().parse(
            InputFile(displayName: "Connections.txt", bytes: Array(text.utf8)), options: ParseOptions())
        #expect(transcript.messages.count == 1)
        #expect(transcript.diagnostics.map { $0.location?.line } == [2, 3])
        #expect(transcript.diagnostics[0].message.contains("ends"))
        #expect(throws: ChatBillError.self) {
            try TeamViewerParser().parse(
                InputFile(displayName: "x.txt", bytes: Array("nothing here\n".utf8)), options: ParseOptions())
        }
    }

    @Test func anyDeskTracesAreConnectionsWithoutLength() throws {
        let trace = try parse(AnyDeskParser(), Self.anyDesk)
        #expect(trace.messages.map(\.kind) == [.remote, .remote, .system, .remote])
        #expect(
            trace.messages.map(\.sender) == [
                "sam@ad 123456789", "sam@ad 123456789", "someone@ad 987654321", "sam@ad 123456789",
            ])
        #expect(trace.messages.map(\.seconds) == [0, 0, 0, 0])
        #expect(
            ISOTimestamp.format(trace.messages[0].instant, in: Fixtures.berlin.timeZone) == "2026-10-14T09:15:00+02:00")
    }

    @Test func detectionNamesTheRemoteLogs() throws {
        for (fixture, name) in [
            (Self.outgoing, "teamviewer"), (Self.incoming, "teamviewer"), (Self.report, "teamviewer"),
            (Self.anyDesk, "anydesk"),
        ] {
            #expect(ParserRegistry.standard.rank(try Fixtures.input(fixture)).first?.parser.name == name, "\(fixture)")
        }
    }

    /// A connection is the provider's work for its whole length: it bridges the silence it covers
    /// and ends the session at its own end, and a session it opens has no lead-in.
    @Test func aConnectionBridgesTheSilenceItCovers() {
        let provider = ProviderIdentity(names: ["P"])
        var messages = Chat.messages([("10:00", "C"), ("10:05", "P"), ("11:20", "P"), ("14:00", "C")])
        var connection = Chat.message(messages[1].instant.addingTimeInterval(120), "PC-01", line: 9, kind: .remote)
        connection.seconds = 70 * 60
        messages.insert(connection, at: 2)
        let policy = BillingPolicy(workGapSeconds: nil)
        let sessions = Sessionizer(policy: policy, provider: provider).sessions(from: messages)
        // 10:03 (lead-in before 10:05) to 11:20; without the connection 10:05→11:20 would end it.
        #expect(sessions.map(\.rawSeconds) == [77 * 60, 0])
        #expect(sessions[0].reasons.connections.map(\.seconds) == [70 * 60])
        #expect(sessions[0].reasons.silentWork.isEmpty)
        let alone = Chat.message(messages[0].instant, "PC-01", line: 1, kind: .remote)
        var opening = alone
        opening.seconds = 600
        let opened = Sessionizer(policy: policy, provider: provider).sessions(from: [opening])
        #expect(opened.map(\.rawSeconds) == [600])
        #expect(opened.first?.reasons.start == .remoteConnection)
    }
}
