import Foundation
import Testing

@testable import ChatBillCore

@Suite("Reports")
struct ReportTests {
    func danaReport(policy: BillingPolicy = BillingPolicy()) throws -> Report {
        let transcript = try WhatsAppParser().parse(
            Fixtures.input("whatsapp/WhatsApp Chat with Dana Fischer.txt"),
            options: ParseOptions(timeZone: Fixtures.berlin))
        return Report(transcript: transcript, provider: ProviderIdentity(names: ["Sam Keller"]), policy: policy)
    }

    /// The bundled fixture, computed by hand from its lines (Europe/Berlin, default rules):
    /// - 14 Oct, lines 2–8: Dana opens 09:02, Sam's first reply 09:10 → start 09:08 (lead-in 2m);
    ///   09:13→09:31 is Sam's silent work (18m ≤ 1h); ends 09:33 → 25m.
    /// - 14 Oct, lines 9–12: Dana 11:47, Sam 11:52 → start 11:50; 11:52→12:30 silent work; ends 12:31 → 41m.
    /// - 14 Oct, line 13: Dana 16:05, no reply → unanswered. Day: 66m raw, rounded up to 75m.
    /// - 15 Oct, lines 14–19: Sam opens 08:58 → start 08:56; ends 09:08 → 12m.
    /// - 15 Oct, line 20: Sam's missed call at 10:40, 1h35m after his 09:05 → own session 10:38–10:40 → 2m.
    ///   Day: 14m raw, rounded up to 15m.
    /// Total: 80m raw, 90m billed.
    @Test func theBundledFixtureMatchesTheHandComputation() throws {
        let report = try danaReport()
        let bill = report.bill
        let zone = Fixtures.berlin.timeZone
        #expect(
            bill.lines.map {
                "\(ISOTimestamp.format($0.session.start, in: zone)) \(ISOTimestamp.format($0.session.end, in: zone))"
            }
                == [
                    "2026-10-14T09:08:00+02:00 2026-10-14T09:33:00+02:00",
                    "2026-10-14T11:50:00+02:00 2026-10-14T12:31:00+02:00",
                    "2026-10-14T16:05:00+02:00 2026-10-14T16:05:00+02:00",
                    "2026-10-15T08:56:00+02:00 2026-10-15T09:08:00+02:00",
                    "2026-10-15T10:38:00+02:00 2026-10-15T10:40:00+02:00",
                ])
        #expect(bill.lines.map(\.rawSeconds) == [25, 41, 0, 12, 2].map { $0 * 60 })
        #expect(bill.lines.map { $0.session.lines } == [2...8, 9...12, 13...13, 14...19, 20...20])
        #expect(
            bill.lines.map { "\($0.session.providerMessages)/\($0.session.clientMessages)" } == [
                "3/3", "2/2", "0/1", "2/3", "1/0",
            ])
        #expect(bill.days.map(\.date) == ["2026-10-14", "2026-10-15"])
        #expect(bill.days.map(\.rawSeconds) == [66 * 60, 14 * 60])
        #expect(bill.days.map(\.billedSeconds) == [75 * 60, 15 * 60])
        #expect(bill.rawSeconds == 80 * 60)
        #expect(bill.billedSeconds == 90 * 60)
        #expect(bill.unansweredSessions == 1)
    }

    @Test func theTableMatchesItsGoldenFile() throws {
        try expectGolden(
            TableReportRenderer().render(danaReport()), "whatsapp/WhatsApp Chat with Dana Fischer.report.txt")
    }

    @Test func theJSONContractMatchesItsGoldenFile() throws {
        let json = JSONReportRenderer().render(try danaReport())
        try expectGolden(json, "whatsapp/WhatsApp Chat with Dana Fischer.report.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "chatbill.report/1")
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["billedSeconds"] as? Int == 5400)
        #expect(totals["rawSeconds"] as? Int == 4800)
        let inputs = try #require(object["inputs"] as? [[String: Any]])
        #expect(
            inputs.first?["sha256"] as? String
                == (try Fixtures.input("whatsapp/WhatsApp Chat with Dana Fischer.txt")).sha256)
    }

    @Test func theHeaderStatesEveryRuleUsed() throws {
        let policy = BillingPolicy(
            gapSeconds: 600, workGapSeconds: nil, leadInSeconds: 0, leadOutSeconds: 60,
            rounding: Rounding(incrementSeconds: 360, mode: .nearest, scope: .session))
        let table = TableReportRenderer().render(try danaReport(policy: policy))
        for expected in [
            "gap: 10m", "work gap: off", "lead-in: 0m", "lead-out: 1m", "rounding: to the nearest 6m per session",
            "zone      Europe/Berlin (from --tz)", "provider  Sam Keller (from --me)",
            "dates     dmy (inferred from line 1)",
        ] {
            #expect(table.contains(expected), "\(expected)")
        }
    }

    /// The columns line up under their titles whatever the bill holds (the widths are sized
    /// apart from the rows, so this holds the two together).
    @Test func theTablesColumnsLineUpForAnyBill() throws {
        for seed in UInt64(0)..<40 {
            let messages = SessionizerTests.randomChat(seed: seed)
            let policy = SessionizerTests.randomPolicy(seed: seed)
            let provider = ProviderIdentity(names: ["P"])
            let sessions = Sessionizer(policy: policy, provider: provider).sessions(from: messages)
            let utc = TimeZone(identifier: "UTC")!
            let summary = TranscriptSummary(
                file: ExportFile(displayName: "x.txt", sha256: "", lineCount: messages.count), parserName: "test",
                messageCount: messages.count, diagnostics: [], timeZone: ZoneChoice(utc, source: .flag), senders: [])
            let report = Report(
                sources: [summary], provider: provider, policy: policy,
                bill: Bill(sessions: sessions, policy: policy, timeZone: utc))
            let rows = TableReportRenderer().render(report).split(separator: "\n", omittingEmptySubsequences: false)
            let title = try #require(rows.first { $0.hasPrefix("date ") })
            let column = title.distance(from: title.startIndex, to: try #require(title.range(of: "lines")).lowerBound)
            for row in rows where row.first?.isNumber == true {
                #expect(row.count > column && row[row.index(row.startIndex, offsetBy: column - 2)...].hasPrefix("  "))
                #expect(row[row.index(row.startIndex, offsetBy: column)] != " ", "seed \(seed): \(row)")
            }
        }
    }

    /// Only a lead-in longer than the gap can start a session on an earlier day than the
    /// unanswered session before it; the table still lists each day once, in date order.
    @Test func aSessionStartingOnAnEarlierDayIsListedUnderItsDay() throws {
        let utc = TimeZone(identifier: "UTC")!
        let messages = Chat.messages([("00:00", "C"), ("00:03", "P")])
        let provider = ProviderIdentity(names: ["P"])
        let policy = BillingPolicy(gapSeconds: 60, workGapSeconds: nil, leadInSeconds: 3600)
        let sessions = Sessionizer(policy: policy, provider: provider).sessions(from: messages)
        let bill = Bill(sessions: sessions, policy: policy, timeZone: utc)
        #expect(bill.lines.map(\.date) == ["2026-10-14", "2026-10-13"])
        #expect(!bill.linesAreInDateOrder)
        let summary = TranscriptSummary(
            file: ExportFile(displayName: "x.txt", sha256: "", lineCount: 2), parserName: "test", messageCount: 2,
            diagnostics: [], timeZone: ZoneChoice(utc, source: .flag), senders: [])
        let table = TableReportRenderer().render(
            Report(sources: [summary], provider: provider, policy: policy, bill: bill))
        let days = table.split(separator: "\n").filter { $0.hasPrefix("  day ") }.map { $0.prefix(16) }
        #expect(days == ["  day 2026-10-13", "  day 2026-10-14"])
    }

    /// A session across the clocks going back (Berlin, 25 October 2026, 03:00 CEST → 02:00 CET)
    /// or forward (29 March) keeps its row's `HH:MM-HH:MM` and says each end's offset, on the
    /// table, the evidence and the time entries alike.
    @Test(arguments: [
        (
            "25/10/2026, 02:50 - Dana: down?\n25/10/2026, 02:55 - Sam: looking\n25/10/2026, 02:05 - Sam: fixed\n",
            "02:53-02:05", "02:53 (UTC+02:00)-02:05 (UTC+01:00)", 12 * 60
        ),
        (
            "29/03/2026, 01:50 - Dana: down?\n29/03/2026, 01:55 - Sam: looking\n29/03/2026, 03:05 - Sam: fixed\n",
            "01:53-03:05", "01:53 (UTC+01:00)-03:05 (UTC+02:00)", 12 * 60
        ),
    ])
    func aSessionAcrossAClockChangeSaysEachEndsOffset(text: String, cell: String, span: String, seconds: Int) throws {
        let transcript = try WhatsAppParser().parse(
            InputFile(displayName: "WhatsApp Chat with Dana.txt", bytes: Array(text.utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin))
        let report = Report(transcript: transcript, provider: ProviderIdentity(names: ["Sam"]), policy: BillingPolicy())
        #expect(report.bill.lines.map(\.rawSeconds) == [seconds])
        let day = span.hasPrefix("02") ? "2026-10-25" : "2026-03-29"
        let table = TableReportRenderer().render(report)
        #expect(table.contains("\(day)  \(cell)  12m"))
        #expect(table.contains("+ across the clock change: \(span)\n"))
        let entries = TimeEntry.entries(of: report, per: .session)
        #expect(entries.first?.notes.hasPrefix("Support session \(span) (raw 12m)") == true)
        let evidence = Evidence(
            ReportRun.Billing(
                sources: [transcript], client: nil, provider: ProviderIdentity(names: ["Sam"]), policy: BillingPolicy(),
                period: nil, origins: [:]))
        let html = HTMLEvidenceRenderer().render(evidence)
        #expect(html.contains("<h3>\(day) \(span.replacingOccurrences(of: ")-", with: ")–"))</h3>"))
        #expect(html.contains("width=\"12.0\"") || html.contains("width=\"72.0\""))
    }
}

@Suite("Provider identity")
struct ProviderIdentityTests {
    func transcript(_ name: String, _ text: String) throws -> Transcript {
        try WhatsAppParser().parse(
            InputFile(displayName: "exports/" + name, bytes: Array(text.utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin))
    }

    let twoSenders =
        "14/10/2026, 09:00 - Alice: hi\n14/10/2026, 09:01 - Sam: hello\n14/10/2026, 09:02 - Alice: thanks\n"

    @Test func aOneToOneExportNamedAfterTheClientNamesTheProvider() throws {
        let identity = try ProviderIdentity.resolve(
            names: [], for: transcript("WhatsApp Chat with Alice.txt", twoSenders))
        #expect(identity.names == ["Sam"])
        #expect(identity.summary == "Sam (the other sender of 'WhatsApp Chat with Alice.txt')")
    }

    /// Android names the export in the phone's language.
    @Test(arguments: [
        "WhatsApp-Chat mit Alice.txt", "Chat de WhatsApp con Alice.txt", "Discussion WhatsApp avec Alice.txt",
    ])
    func aLocalisedExportNameNamesTheProviderToo(name: String) throws {
        let identity = try ProviderIdentity.resolve(names: [], for: transcript(name, twoSenders))
        #expect(identity.names == ["Sam"])
        #expect(identity.source == .inferredFromFileName(name))
    }

    /// imessage-exporter names a one-to-one chat's file after the other party's handle, and
    /// with `--custom-name` writes the account's own messages under that name instead of `Me`.
    @Test(arguments: ["+15555550123", "dana@example.com"])
    func anExportNamedAfterTheOtherPartysHandleNamesTheProvider(handle: String) throws {
        let text = "Nov 18, 2026  9:05:12 AM\n\(handle)\nHi\n\nNov 18, 2026  9:08:40 AM\nSam Keller\nMorning!\n"
        let transcript = try IMessageTextParser().parse(
            InputFile(displayName: "exports/\(handle).txt", bytes: Array(text.utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin))
        let identity = try ProviderIdentity.resolve(names: [], for: transcript)
        #expect(identity.names == ["Sam Keller"])
        #expect(identity.source == .inferredFromFileName("\(handle).txt"))
    }

    @Test(arguments: [
        ("+15555550123", true), ("dana@example.com", true), ("+1555", false), ("+1 555 555 0123", false),
        ("Dana", false), ("dana@example", false), ("dana@example.", false), ("a@b@c.d", false),
        ("dana@example.org (2026-11-24T09.30.00+0100)", false), ("@example.com", false),
    ])
    func handlesAreAccountAddressesOnly(text: String, isHandle: Bool) {
        #expect(ProviderIdentity.isHandle(text) == isHandle)
        // What the file name says is also matched against the clients' `match` lists.
        #expect(ProviderIdentity.namedParties(in: [text + ".txt"]) == (isHandle ? [text] : []))
    }

    @Test func withoutThatTheSendersAreListed() throws {
        #expect {
            try ProviderIdentity.resolve(names: [], for: transcript("_chat.txt", twoSenders))
        } throws: { error in
            guard case .needsChoice(let diagnostic) = error as? ChatBillError else { return false }
            return diagnostic.message.contains("'Alice' (2 messages), 'Sam' (1 message)")
                && diagnostic.message.contains("--me")
        }
    }

    @Test func aNameThatIsNoSenderIsAnError() throws {
        #expect(throws: ChatBillError.self) {
            try ProviderIdentity.resolve(names: ["Bob"], for: transcript("_chat.txt", twoSenders))
        }
    }

    /// A chat of nothing but lines the app wrote bills nothing: the names given stand unchecked,
    /// none given is no error, and the report says so instead of naming nobody.
    @Test func anExportWithOnlySystemLinesHasNobodyToName() throws {
        let systemOnly = try transcript(
            "_chat.txt", "14/10/2026, 09:00 - Messages and calls are end-to-end encrypted. Tap to learn more.\n")
        #expect(systemOnly.summary.senders.isEmpty)
        #expect(try ProviderIdentity.resolve(names: ["Sam"], for: systemOnly).names == ["Sam"])
        let nobody = try ProviderIdentity.resolve(names: [], for: systemOnly)
        #expect(nobody.summary == "none named (no chat messages in the export)")
        let table = TableReportRenderer().render(
            Report(transcript: systemOnly, provider: nobody, policy: BillingPolicy()))
        #expect(table.contains("parser    whatsapp: 1 message, 1 line, 0 warnings\n"))
        #expect(table.contains("provider  none named (no chat messages in the export)\n"))
        #expect(table.contains("total: 0 sessions, 0 unanswered"))
    }

    @Test func namesMatchIgnoringCaseSpacesAndInvisibleMarks() {
        let identity = ProviderIdentity(names: ["sam keller"])
        #expect(identity.isProvider("Sam Keller "))
        #expect(identity.isProvider("\u{200E}Sam Keller"))
        #expect(!identity.isProvider("Sam"))
    }
}
