import Foundation

/// The machine-readable part of an evidence page: what `chatbill verify` needs to re-check it
/// against the exports (their hashes, each cited message's lines and their hash) and the rules
/// and totals it states. Embedded in every format.
public struct EvidenceManifest: Codable, Sendable, Equatable {
    public static let schema = "chatbill.evidence/1"

    public struct File: Codable, Sendable, Equatable {
        public let file: String
        public let sha256: String
        public let lines: Int
    }

    /// A message the evidence quotes: its file (1-based, as `files` lists them) and lines.
    public struct Citation: Codable, Sendable, Equatable {
        public let file: Int
        public let line: Int
        public let lastLine: Int
        /// SHA-256 of those lines' bytes; absent for database rows.
        public let sha256: String?
    }

    public struct Session: Codable, Sendable, Equatable {
        public let start: String
        public let end: String
        public let billedSeconds: Int
        public let messages: [Citation]
    }

    public let schema: String
    public let files: [File]
    /// The rules in plain words, as `[rule, value]` pairs.
    public let rules: [[String]]
    public let sessions: [Session]
    public let billedSeconds: Int
    public let amount: Int?
    public let currency: String?
    /// The ledger's invoice number, for an invoice's evidence (whose totals are the invoice's).
    public let invoice: Int64?

    init(
        files: [File], rules: [[String]] = [], sessions: [Session], billedSeconds: Int, amount: Int?, currency: String?
    ) {
        schema = Self.schema
        self.files = files
        self.rules = rules
        self.sessions = sessions
        self.billedSeconds = billedSeconds
        self.amount = amount
        self.currency = currency
        invoice = nil
    }

    init(_ evidence: Evidence) {
        let report = evidence.report
        schema = Self.schema
        files = report.files.map { File(file: $0.displayName, sha256: $0.sha256, lines: $0.lineCount) }
        // The rules the page states: for an invoice, those its time was recorded by.
        rules =
            evidence.invoice?.rules.map { ["recorded by", $0] } ?? report.policy.summary.map { [$0.rule, $0.value] }
        var clock = ZoneClock(report.timeZone)
        sessions = evidence.excerpts.map { excerpt in
            Session(
                start: ISOTimestamp.format(excerpt.line.session.start, clock: &clock),
                end: ISOTimestamp.format(excerpt.line.session.end, clock: &clock),
                billedSeconds: evidence.invoice == nil ? excerpt.line.billedSeconds : excerpt.invoicedSeconds,
                messages: excerpt.entries.map {
                    Citation(
                        file: $0.message.file + 1, line: $0.message.location.line, lastLine: $0.message.lastLine,
                        sha256: $0.linesSHA256)
                })
        }
        if let invoice = evidence.invoice {
            billedSeconds = invoice.seconds
            amount = invoice.amountMinor
            currency = invoice.currency
        } else {
            billedSeconds = report.bill.billedSeconds
            amount = report.bill.amount
            currency = report.policy.rate?.currency.code
        }
        invoice = evidence.invoice?.number
    }

    /// The manifest as one line of JSON.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// The lines around the manifest in Markdown and text evidence.
    static let begin = "-----BEGIN CHATBILL EVIDENCE-----"
    static let end = "-----END CHATBILL EVIDENCE-----"
    /// The element that holds it in HTML evidence.
    static let scriptOpening = "<script type=\"application/json\" id=\"chatbill-evidence\">"

    /// The manifest embedded in an evidence file of any format; nil when there is none.
    public static func extract(from text: String) -> EvidenceManifest? {
        var json: Substring?
        if let open = text.range(of: scriptOpening),
            let close = text.range(of: "</script>", range: open.upperBound..<text.endIndex)
        {
            json = text[open.upperBound..<close.lowerBound]
        } else if let open = text.range(of: begin),
            let close = text.range(of: end, range: open.upperBound..<text.endIndex)
        {
            json = text[open.upperBound..<close.lowerBound]
        }
        guard let json else { return nil }
        return try? JSONDecoder().decode(EvidenceManifest.self, from: Data(json.utf8))
    }
}
