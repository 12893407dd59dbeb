import Foundation
import Testing

@testable import ChatBillCore

@Suite("Evidence and verify")
struct EvidenceTests {
    /// ACME's November: the WhatsApp chat and the TeamViewer report, by the bundled config.
    func acme(includeUnanswered: Bool = false, redact: Bool = false) throws -> Evidence {
        let request = ReportRequest(
            paths: [MonthBillingTests.chats[0], MonthBillingTests.connections], config: try MonthBillingTests.config,
            clientName: "acme", flags: RuleSettings(), providerNames: [],
            period: Setting(BillingPeriod.month("2026-11")!, .flag("--month 2026-11")), options: ParseOptions())
        let billings = try ReportRun.billings(request, load: MonthBillingTests.load)
        return Evidence(try #require(billings.first), includeUnanswered: includeUnanswered, redact: redact)
    }

    @Test func everyBilledSessionWithItsMessagesAndTheReportsTotals() throws {
        let evidence = try acme()
        #expect(evidence.report.bill.billedSeconds == 150 * 60)
        #expect(evidence.report.bill.amount == 30_375)
        #expect(evidence.excerpts.map(\.line.rawSeconds) == [49, 45, 39].map { $0 * 60 })
        #expect(
            evidence.excerpts.map { $0.entries.map(\.message.location.line) } == [
                [4, 5, 6, 7, 8, 9], [10, 11, 12, 13], [14, 15, 2, 16],
            ])
        #expect(evidence.excerpts[2].entries[2].message.kind == .remote)
        #expect(evidence.unansweredLeftOut == 1)
        #expect(evidence.unansweredMessagesLeftOut == 1)
        let all = try acme(includeUnanswered: true)
        #expect(all.excerpts.count == 4)
        #expect(
            all.excerpts[3].entries.map(\.message.text) == [
                "Can you add the new colleague to the mailing list next week?"
            ])
        for format in EvidenceFormat.allCases {
            let text = format.renderer().render(evidence)
            #expect(text.contains("1h45m"), "\(format)")
            #expect(text.contains(format == .markdown ? "303\\.75 EUR" : "303.75 EUR"), "\(format)")
            #expect(text.contains("c21cecbdb80fc52f1b8874f8ebfa585b5d7d11bec559f59ed6f85fc652f86046"), "\(format)")
            #expect(EvidenceManifest.extract(from: text) == EvidenceManifest(evidence), "\(format)")
        }
    }

    @Test(arguments: EvidenceFormat.allCases)
    func eachFormatMatchesItsGoldenFile(format: EvidenceFormat) throws {
        let ending =
            switch format {
            case .html: "html"
            case .markdown: "md"
            case .text: "txt"
            }
        try expectGolden(format.renderer().render(try acme()), "billing/expected/acme.evidence.\(ending)")
    }

    /// Hostile message text goes through every format as text, never as markup.
    @Test func hostileTextIsEscapedInEveryFormat() throws {
        let hostile = [
            "<script>alert(1)</script>", "</style><b>bold</b>", "\"><img src=x onerror=alert(1)>",
            "pay \u{202E}0001\u{202C} EUR", "`code` *stars* [link](http://x) <!-- -->",
            String(repeating: "A", count: 10_000),
            "مرحبا שלום 你好 👩‍💻 👨‍👩‍👧",
        ]
        var text = "02/11/2026, 09:00 - Dana Fischer: hello\n"
        for (index, line) in hostile.enumerated() {
            text += "02/11/2026, 09:0\(index + 1) - \(index % 2 == 0 ? "Sam Keller" : "Dana Fischer"): \(line)\n"
        }
        let transcript = try WhatsAppParser().parse(
            InputFile(displayName: "WhatsApp Chat with Dana Fischer.txt", bytes: Array(text.utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin, dateOrder: .dmy))
        let billing = ReportRun.Billing(
            sources: [transcript], client: nil, provider: ProviderIdentity(names: ["Sam Keller"]),
            policy: BillingPolicy(), period: nil, origins: [:])
        let evidence = Evidence(billing)
        #expect(evidence.excerpts.first?.entries.count == hostile.count + 1)

        let html = HTMLEvidenceRenderer().render(evidence)
        #expect(html.components(separatedBy: "<script").count == 2)  // only the manifest's
        #expect(html.components(separatedBy: "</style>").count == 2)  // only the page's own
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>bold"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!html.unicodeScalars.contains { EvidenceText.isBidiControl($0) })
        #expect(html.contains("pay ⟨U+202E⟩0001⟨U+202C⟩ EUR"))
        #expect(html.contains(String(repeating: "A", count: 10_000)))
        #expect(html.contains("مرحبا שלום 你好 👩‍💻 👨‍👩‍👧"))

        let markdown = MarkdownEvidenceRenderer().render(evidence)
        #expect(markdown.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"))
        #expect(markdown.contains("\\`code\\` \\*stars\\* \\[link\\]\\(http://x\\) &lt;\\!\\-\\- \\-\\-&gt;"))
        #expect(!markdown.unicodeScalars.contains { EvidenceText.isBidiControl($0) })

        let plain = TextEvidenceRenderer().render(evidence)
        #expect(plain.contains("<script>alert(1)</script>"))
        #expect(!plain.unicodeScalars.contains { EvidenceText.isBidiControl($0) })

        for format in EvidenceFormat.allCases {
            #expect(EvidenceManifest.extract(from: format.renderer().render(evidence)) == EvidenceManifest(evidence))
        }
    }

    @Test func redactionMasksNumbersAndAddressesButNotTheProvider() {
        let redaction = Redaction(keeping: ["Sam Keller", "sam@keller-it.de"])
        #expect(
            redaction.apply("call me on +49 151 2345 6789 or 0151-23456789") == "call me on [redacted] or [redacted]")
        #expect(redaction.apply("mail dana@acme.example.") == "mail [redacted].")
        #expect(redaction.apply("write to sam@keller-it.de") == "write to sam@keller-it.de")
        #expect(redaction.apply("IBAN DE89 3704 0044 0532 0130 00 please") == "IBAN [redacted] please")
        #expect(redaction.apply("on 02.11.2026 at 10:05, ticket 4711") == "on 02.11.2026 at 10:05, ticket 4711")
        #expect(redaction.apply("(555) 123-4567") == "[redacted]")
    }

    @Test func verifySaysVerifiedOrWhichLineDiffers() throws {
        let evidence = try acme()
        let manifest = try #require(EvidenceManifest.extract(from: HTMLEvidenceRenderer().render(evidence)))
        let chat = try Fixtures.input(MonthBillingTests.chats[0])
        let connections = try Fixtures.input(MonthBillingTests.connections)
        #expect(Verification.verify(manifest, against: [chat, connections]).isVerified)

        var text = String(decoding: chat.bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "Done, please try again", with: "Done, please try again!!")
        let changed = InputFile(displayName: "WhatsApp Chat with Dana Fischer.txt", bytes: Array(text.utf8))
        let outcome = Verification.verify(manifest, against: [changed, connections])
        #expect(!outcome.isVerified)
        #expect(
            outcome.diagnostics.filter { $0.severity == .error }.map(\.description).first
                == "WhatsApp Chat with Dana Fischer.txt:8:1: error: line 8 differs from what the evidence quotes")

        // A newer export that only adds messages still reads as quoted: a warning, not verified.
        let longer = InputFile(
            displayName: "WhatsApp Chat with Dana Fischer.txt",
            bytes: chat.bytes + Array("12/11/2026, 09:00 - Dana Fischer: thanks again\n".utf8))
        let extended = Verification.verify(manifest, against: [longer, connections])
        #expect(!extended.isVerified)
        #expect(
            extended.diagnostics.contains { $0.severity == .warning && $0.message.contains("still reads as quoted") })
        #expect(!extended.diagnostics.contains { $0.severity == .error })

        let missing = Verification.verify(manifest, against: [chat])
        #expect(missing.diagnostics.contains { $0.severity == .error && $0.message.contains("no export given") })
    }

    @Test func aJSONReportIsVerifiedByItsHashesAndLines() throws {
        let report = try acme().report
        let json = JSONReportRenderer().render(report)
        let manifest = try #require(Verification.manifest(in: json))
        #expect(manifest.files.map(\.sha256) == report.files.map(\.sha256))
        let chat = try Fixtures.input(MonthBillingTests.chats[0])
        let connections = try Fixtures.input(MonthBillingTests.connections)
        #expect(Verification.verify(manifest, against: [chat, connections]).isVerified)
        let cut = InputFile(displayName: "WhatsApp Chat with Dana Fischer.txt", bytes: Array(chat.bytes.prefix(200)))
        #expect(
            Verification.verify(manifest, against: [cut, connections]).diagnostics.contains {
                $0.message.contains("past the end")
            })
    }
}
