import Foundation

extension TimeEntry {
    /// The entries of a ledger invoice's evidence: one per stretch of invoiced time, citing the
    /// session it falls in, with the invoice's amount handed out by time so the entries sum to it.
    public static func entries(ofInvoice evidence: Evidence) -> [TimeEntry] {
        guard let invoice = evidence.invoice else { return [] }
        var clock = ZoneClock(evidence.report.timeZone)
        let citation = Citation(evidence.report)
        let total = invoice.spans.reduce(0) { $0 + $1.seconds }
        var elapsed = 0.0
        var handedOut = 0
        return invoice.spans.map { span in
            let excerpt = evidence.excerpts.first { $0.invoiced.contains(span) }
            var amount: Int?
            if let whole = invoice.amountMinor, total > 0 {
                elapsed += span.seconds
                let target = Int((Double(whole) * elapsed / total).rounded())
                amount = target - handedOut
                handedOut = target
            }
            let seconds = Int(span.seconds.rounded())
            var notes =
                "Invoice \(invoice.number): support \(clock.span(span.start, span.end))"
            notes += excerpt.map { ": " + citation.cite($0.line.session) } ?? " (no message of the exports cited)"
            return TimeEntry(
                date: span.date, start: span.start, end: span.end, rawSeconds: seconds, billedSeconds: seconds,
                amount: amount, notes: notes, identifier: citation.identifier(span.start, "invoice-\(invoice.number)"))
        }
    }
}
