import Foundation
import Testing

@testable import ChatBillCore

/// Where each layout comes from: Harvest's "Importing data" help (8 columns in order, YYYY-MM-DD,
/// decimal hours); Toggl Track's "Editing and uploading a CSV file" (allowed English headers);
/// Clockify's timesheet import help and its example CSV; Kimai's importer plugin
/// (kevinpapst/ImportBundle, `TimesheetImporter`'s supported and required headers); QuickBooks
/// Desktop IIF timer records as tools that feed QuickBooks write them (no Intuit document was at
/// hand); hledger's timeclock format (`i`/`o` lines); RFC 5545 for iCalendar.
@Suite("Time entries for invoicing tools")
struct TimeEntryExportTests {
    /// The month of two clients, as `chatbill export` writes it.
    func batches(per grouping: TimeEntry.Grouping = .session) throws -> [TimeEntryFormat.Batch] {
        try MonthBillingTests().reports(paths: MonthBillingTests.chats + [MonthBillingTests.connections]).map {
            report in
            TimeEntryFormat.Batch(
                entries: TimeEntry.entries(of: report, per: grouping),
                booking: .init(
                    client: report.client!, project: "Support", task: "Remote support", person: "Sam Keller",
                    email: "sam@keller-it.example"),
                zone: report.timeZone)
        }
    }

    @Test(arguments: TimeEntryFormat.allCases)
    func eachFormatMatchesItsGoldenFile(format: TimeEntryFormat) throws {
        try expectGolden(format.write(try batches()), "billing/expected/month.\(format.rawValue)")
    }

    @Test(arguments: TimeEntry.Grouping.allCases)
    func entriesAddUpToTheBill(grouping: TimeEntry.Grouping) throws {
        let reports = try MonthBillingTests().reports(paths: MonthBillingTests.chats + [MonthBillingTests.connections])
        for report in reports {
            let entries = TimeEntry.entries(of: report, per: grouping)
            #expect(entries.reduce(0) { $0 + $1.billedSeconds } == report.bill.billedSeconds)
            #expect(entries.reduce(0) { $0 + ($1.amount ?? 0) } == report.bill.amount)
        }
        // Harvest's decimal hours add up to the bill's too: 2.50 h for ACME and 1.30 h for Nordlicht.
        let harvest = TimeEntryFormat.harvest.write(try batches(per: grouping))
        let hours = harvest.split(separator: "\r\n").dropFirst().map { row -> Double in
            let cells = row.split(separator: ",")
            return Double(cells[cells.count - 3])!
        }
        #expect(abs(hours.reduce(0, +) - 3.80) < 0.001)
    }

    @Test func csvQuotesAndNeutralisesFormulas() {
        #expect(CSVWriter.cell("plain") == "plain")
        #expect(CSVWriter.cell("a, b") == "\"a, b\"")
        #expect(CSVWriter.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.cell("two\nlines") == "\"two\nlines\"")
        for formula in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"] {
            #expect(CSVWriter.cell(formula).drop { $0 == "\"" }.hasPrefix("'"), "\(formula)")
        }
    }

    @Test func calendarEventsKeepTheirUIDsAcrossRuns() throws {
        let first = TimeEntryFormat.ics.write(try batches())
        let second = TimeEntryFormat.ics.write(try batches())
        #expect(first == second)
        let uids = first.split(separator: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(uids.count == Set(uids).count)
        #expect(uids.count == 8)
        #expect(first.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        // A later month adds events; the ones already exported keep their UIDs.
        let november = try MonthBillingTests().reports(paths: [MonthBillingTests.chats[0]], client: "acme")[0]
        let all = try MonthBillingTests().reports(paths: [MonthBillingTests.chats[0]], client: "acme", period: nil)[0]
        let novemberUIDs = Set(TimeEntry.entries(of: november, per: .session).map(\.identifier))
        let allUIDs = Set(TimeEntry.entries(of: all, per: .session).map(\.identifier))
        #expect(novemberUIDs.isSubset(of: allUIDs))
        #expect(ICalendarWriter.escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne")
    }
}
