import Foundation

/// What an evidence page shows: the report, and for each billed session the messages it is made
/// of, verbatim, with their places in the export and a hash of the lines they occupy (so
/// `chatbill verify` can re-read them).
public struct Evidence: Sendable {
    /// A message as the evidence shows it.
    public struct Entry: Sendable {
        public let message: Message
        /// The message's text after redaction.
        public let text: String
        /// SHA-256 of the message's lines in its file, as `verify` re-reads them; nil for an
        /// export of database rows.
        public let linesSHA256: String?
    }

    /// A session of the bill with its messages.
    public struct Excerpt: Sendable {
        public let line: Bill.Line
        public let entries: [Entry]
        /// For an invoice's evidence, the invoiced time that falls in this session.
        public let invoiced: [Ledger.TimeSpan]

        /// The invoiced seconds within the session's bounds.
        public var invoicedSeconds: Int {
            let session = line.session
            return Int(
                invoiced.reduce(0.0) { total, span in
                    total + max(0, min(span.end, session.end).timeIntervalSince(max(span.start, session.start)))
                }.rounded())
        }
    }

    public let report: Report
    /// The billed sessions (and the unanswered ones when asked for), in time order.
    public let excerpts: [Excerpt]
    /// Unanswered sessions left out, and how many messages they hold.
    public let unansweredLeftOut: Int
    public let unansweredMessagesLeftOut: Int
    public let isRedacted: Bool
    /// The ledger's invoice this evidence is for: its sessions are those the invoiced time falls
    /// in, and its totals the invoice's.
    public let invoice: Ledger.Invoice?
    /// Invoiced time in which no session of the exports falls (the exports cited are not the
    /// ones that recorded it).
    public let uncited: [Ledger.TimeSpan]

    /// The evidence for one client's exports, billed as `billing` says; for `invoice`, the
    /// sessions of those exports that its time falls in.
    public init(
        _ billing: ReportRun.Billing, includeUnanswered: Bool = false, redact: Bool = false,
        invoice: Ledger.Invoice? = nil
    ) {
        report = billing.report
        isRedacted = redact
        self.invoice = invoice
        let merged = MergedSources(billing.sources, provider: billing.provider)
        let senders = SenderTable()
        let inputs = Sessionizer(policy: billing.policy, provider: billing.provider).inputs(
            from: merged.messages, sourceOfFile: merged.sourceOfFile, senders: senders)
        let files = billing.sources.flatMap(\.inputs)
        let hasLines = billing.sources.allSatisfy { $0.rowTable == nil }
        let redaction = redact ? Redaction(keeping: billing.provider.names) : nil
        // The sessions come from the same inputs in the same order as the bill's lines, each made
        // of the inputs up to the one that opens the next; the bill leaves out those outside the
        // period, so its lines are matched in order.
        var builder = SessionBuilder(policy: billing.policy, senders: senders)
        var sessions: [(session: Session, inputs: Range<Int>)] = []
        var start = 0
        for (index, input) in inputs.enumerated() {
            if builder.add(input) {
                let closed = builder.takeClosed()
                sessions.append((closed, start..<index))
                start = index
            }
        }
        if let last = builder.finish() { sessions.append((last, start..<inputs.count)) }
        var excerpts: [Excerpt] = []
        var leftOut = 0
        var leftOutMessages = 0
        var lines = report.bill.lines.makeIterator()
        var nextLine = lines.next()
        var cited = Set<Ledger.TimeSpan>()
        for (session, range) in sessions {
            guard let line = nextLine, line.session == session else { continue }
            nextLine = lines.next()
            let invoiced = invoice?.spans.filter { $0.start < session.end && $0.end > session.start } ?? []
            if invoice != nil {
                guard !invoiced.isEmpty else { continue }
                cited.formUnion(invoiced)
            } else if !session.isBillable && !includeUnanswered {
                leftOut += 1
                leftOutMessages += range.count
                continue
            }
            let entries = inputs[range].map { input in
                let message = merged.messages[input.order]
                let file = files[message.file]
                let hash =
                    hasLines
                    ? ExportFile.sha256(
                        of: Array(file.bytes[file.span(lines: message.location.line, through: message.lastLine).bytes]))
                    : nil
                return Entry(message: message, text: redaction?.apply(message.text) ?? message.text, linesSHA256: hash)
            }
            excerpts.append(Excerpt(line: line, entries: entries, invoiced: invoiced))
        }
        self.excerpts = excerpts
        uncited = invoice?.spans.filter { !cited.contains($0) } ?? []
        unansweredLeftOut = leftOut
        unansweredMessagesLeftOut = leftOutMessages
    }
}
