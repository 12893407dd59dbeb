import Foundation
import Testing

@testable import ChatBillCore

/// A month billed for two clients from three sources (two chats and a TeamViewer connection
/// report) through `Fixtures/billing/chatbill.toml`, against a computation done by hand.
@Suite("A month for two clients")
struct MonthBillingTests {
    static let chats = ["billing/WhatsApp Chat with Dana Fischer.txt", "billing/_chat.txt"]
    static let connections = "billing/TeamViewer connections.csv"

    /// Reads a fixture named as `chatbill` run from the package root names it.
    static func load(_ path: String, _ options: ParseOptions) throws(ChatBillError) -> Transcript {
        let input: InputFile
        do {
            input = try Fixtures.input(path)
        } catch {
            throw .unreadableInput(Diagnostic(.error, file: path, "\(error)"))
        }
        return try ParserRegistry.standard.choose(for: input).parse(input, options: options)
    }

    static var config: ChatBillConfig {
        get throws {
            try ChatBillConfig.parse(
                String(contentsOfFile: ConfigTests.path, encoding: .utf8), file: "Fixtures/billing/chatbill.toml")
        }
    }

    func request(paths: [String], client: String? = nil, period: String? = "2026-11") throws -> ReportRequest {
        ReportRequest(
            paths: paths, config: try Self.config,
            clientName: client, flags: RuleSettings(), providerNames: [],
            period: period.map { Setting(BillingPeriod.month($0)!, .flag("--month \($0)")) }, options: ParseOptions())
    }

    func reports(paths: [String], client: String? = nil, period: String? = "2026-11") throws -> [Report] {
        try ReportRun.reports(request(paths: paths, client: client, period: period), load: Self.load)
    }

    /// One export of a known client can stream; clients to tell apart by their senders, or
    /// several exports, need the exports read first.
    @Test func onlyOneExportOfAKnownClientStreams() throws {
        #expect(try ReportRun.streamPlan(request(paths: [Self.chats[0]])) == nil)
        #expect(try ReportRun.streamPlan(request(paths: Self.chats, client: "acme")) == nil)
        let plan = try #require(try ReportRun.streamPlan(request(paths: [Self.chats[0]], client: "acme")))
        #expect(plan.client == "ACME GmbH")
        #expect(plan.providerNames == ["Sam Keller"])
        #expect(plan.providerSource == .config("Fixtures/billing/chatbill.toml:5"))
        #expect(plan.policy.rate?.minorUnitsPerHour == 9000)
        #expect(plan.options.timeZone.timeZone.identifier == "Europe/Berlin")
        #expect(plan.period == "2026-11-01"..."2026-11-30")
    }

    @Test func eachClientIsBilledByItsOwnRules() throws {
        let reports = try reports(paths: Self.chats + [Self.connections])
        #expect(reports.map(\.client) == ["ACME GmbH", "Nordlicht Trading LLC"])
        let acme = reports[0].bill
        let nordlicht = reports[1].bill

        // ACME (Europe/Berlin, 90 EUR/h, ×1.5 outside 08:00-18:00, ×2 at weekends, 10m minimum
        // per session, up to 15m per day). 30 Oct is outside November.
        //  2 Nov 09:03-09:52: Dana wrote 09:00, Sam 09:05 (lead-in 2m), 09:12→09:50 silent work: 49m,
        //        all working hours: 49m × 1.50 EUR = 73.50.
        //  2 Nov 17:42-18:27: 18m regular (27.00) + 27m after-hours × 1.5 (60.75) = 45m, 87.75.
        //        Day: 94m rounded up to 105m; the 11m at the base rate: 16.50. Day: 177.75.
        //  7 Nov (Saturday) 11:01-11:40: Sam 11:03 (lead-in), TeamViewer 10:04-10:40 UTC is
        //        11:04-11:40 in Berlin and ends the session: 39m × 1.50 × 2 = 117.00.
        //        Day: 39m rounded up to 45m; 6m at the base rate: 9.00. Day: 126.00.
        // 10 Nov: unanswered.
        #expect(acme.lines.map(\.rawSeconds) == [49, 45, 39, 0].map { $0 * 60 })
        #expect(acme.lines.map(\.amount) == [7350, 8775, 11_700, 0])
        #expect(acme.days.map(\.date) == ["2026-11-02", "2026-11-07", "2026-11-10"])
        #expect(acme.days.map(\.billedSeconds) == [105, 45, 0].map { $0 * 60 })
        #expect(acme.days.map(\.amount) == [17_775, 12_600, 0])
        #expect(acme.billedSeconds == 150 * 60)
        #expect(acme.amount == 30_375)
        #expect(acme.sessionsOutsidePeriod == 1)
        #expect(acme.unansweredSessions == 1)
        let saturday = Array(acme.lines)[2]
        #expect(saturday.session.sources.members == [0, 1])
        #expect(saturday.session.reasons.connections.map(\.seconds) == [36 * 60])
        #expect(saturday.parts.map(\.band) == [.weekend])

        // Nordlicht (America/New_York, dates m/d/y, 120 USD/h, to the nearest 6m per session,
        // 30m minimum per day).
        //  3 Nov 10:18-11:07:30: Sam 10:20 (lead-in), TeamViewer 15:32-16:03 UTC is 10:32-11:03
        //        EST: 49m30s → 48m (the 1m30s remainder is under half of 6m); 99.00 - 3.00 = 96.00.
        //  5 Nov 16:00-16:01: Chris opened at 16:00; 1m → 0m; 2.00 - 2.00 = 0.00. The day
        //        minimum brings the day to 30m: 60.00.
        #expect(nordlicht.lines.map(\.rawSeconds) == [2970, 60])
        #expect(nordlicht.lines.map(\.billedSeconds) == [48 * 60, 0])
        #expect(nordlicht.lines.map(\.amount) == [9600, 0])
        #expect(nordlicht.days.map(\.minimumSeconds) == [0, 30 * 60])
        #expect(nordlicht.billedSeconds == 78 * 60)
        #expect(nordlicht.amount == 15_600)
        #expect(reports[1].timeZone.identifier == "America/New_York")
        #expect(reports[1].sources[0].dateOrder?.order == .mdy)

        let all = TableReportRenderer().render(reports)
        #expect(all.hasSuffix("all clients: billed 3h48m (3.80 h), 303.75 EUR, 156.00 USD\n"))
        try expectGolden(all, "billing/expected/month.report.txt")
        try expectGolden(JSONReportRenderer().render(reports), "billing/expected/month.report.json")
    }

    @Test func mergingAnExportWithItselfChangesNothing() throws {
        let once = try reports(paths: [Self.chats[0], Self.connections], client: "acme")[0]
        let twice = try reports(paths: [Self.chats[0], Self.chats[0], Self.connections], client: "acme")[0]
        #expect(twice.bill.billedSeconds == once.bill.billedSeconds)
        #expect(twice.bill.amount == once.bill.amount)
        #expect(twice.duplicates == [0, 17, 0])
        #expect(
            Array(twice.bill.lines).map(\.session.sources.members)
                == Array(once.bill.lines).map { line in
                    line.session.sources.members.map { $0 == 0 ? 0 : $0 + 1 }
                })
    }

    @Test func withClientEveryExportIsBilledByThatClient() throws {
        let reports = try reports(paths: [Self.chats[0]], client: "ACME GmbH", period: nil)
        #expect(reports.count == 1)
        #expect(reports[0].client == "ACME GmbH")
        // 30 Oct 10:02-10:20 joins November's sessions without a period.
        #expect(reports[0].bill.lines.count == 5)
        #expect(reports[0].origins["rate"]?.hasSuffix("chatbill.toml:19, 20, 22, 23, 24") == true)
    }
}
