import Foundation

/// What every evidence format says in words: the header facts, each session's heading, the
/// notes between messages, and the totals, so the formats differ only in markup.
struct EvidenceWords {
    let evidence: Evidence
    let places: LinePlaces
    private var clock: ZoneClock

    init(_ evidence: Evidence) {
        self.evidence = evidence
        places = LinePlaces(evidence.report)
        clock = ZoneClock(evidence.report.timeZone)
    }

    var report: Report { evidence.report }

    var title: String {
        if let invoice = evidence.invoice { return "Invoice \(invoice.number): time evidence for \(invoice.client)" }
        return "Time evidence" + (report.client.map { " for \($0)" } ?? "")
    }

    /// Label/value pairs for the page's header.
    var facts: [(String, String)] {
        var facts: [(String, String)] = [("Provider", report.provider.names.joined(separator: ", "))]
        if let client = report.client { facts.append(("Client", client)) }
        if let invoice = evidence.invoice {
            facts.append(("Invoice", "\(invoice.number) of the ledger: logged time through \(invoice.through), locked"))
            if let first = invoice.spans.first?.date, let last = invoice.spans.last?.date {
                facts.append(("Period", first == last ? first : "\(first) to \(last)"))
            }
        } else if let period = report.bill.period {
            facts.append(("Period", "\(period.lowerBound) to \(period.upperBound)"))
        } else if let first = report.bill.days.first?.date, let last = report.bill.days.last?.date {
            facts.append(("Period", first == last ? first : "\(first) to \(last)"))
        }
        facts.append(("Time zone", report.zone.summary))
        facts.append(("Billed", totalText))
        if evidence.isRedacted { facts.append(("Redacted", "phone numbers, e-mail addresses and account numbers")) }
        return facts
    }

    /// `2h30m (2.50 h), 303.75 EUR`: the report's, or the invoice's.
    var totalText: String {
        guard let invoice = evidence.invoice else { return TableReportRenderer.billed(report) }
        var text = "\(DurationText.format(seconds: invoice.seconds)) (\(TableReportRenderer.hours(invoice.seconds)) h)"
        if let amount = invoice.amountMinor, let currency = invoice.currency.flatMap(Currency.init(code:)) {
            text += ", \(currency.format(amount))"
        }
        return text
    }

    /// The report's total line, word for word; for an invoice, what it bills.
    var totalLine: String {
        guard let invoice = evidence.invoice else { return TableReportRenderer.total(report) }
        let count = invoice.spans.count
        return
            "invoice \(invoice.number): \(CountText.format(count, "stretch", plural: "stretches")) of logged time, "
            + totalText
    }

    /// One row per export file: name, SHA-256, parser, messages, lines.
    var files: [[String]] {
        var rows: [[String]] = []
        for summary in report.sources {
            for (file, messages) in zip(summary.files, summary.messageCounts) {
                rows.append([
                    file.displayName, file.sha256, summary.parserName, "\(messages)",
                    summary.rowTable == nil ? "\(file.lineCount)" : "rows of \(summary.rowTable!)",
                ])
            }
        }
        return rows
    }

    /// The rules in plain words with where each was set; for an invoice, the rules of the imports
    /// that recorded its time.
    var rules: [(String, String)] {
        if let invoice = evidence.invoice {
            return invoice.rules.enumerated().map { index, rules in
                ("recorded by" + (invoice.rules.count > 1 ? " (\(index + 1))" : ""), rules)
            }
        }
        return report.policy.summary.map { rule in
            (rule.rule, rule.value + (report.origins[rule.rule].map { " [\($0)]" } ?? ""))
        }
    }

    mutating func clockText(_ instant: Date) -> String { clock.local(instant).hourMinuteString }

    mutating func time(_ instant: Date) -> String { clock.local(instant).timeString }

    /// `2026-11-02 09:03–09:52`, or `16:05 unanswered`.
    mutating func heading(_ excerpt: Evidence.Excerpt) -> String {
        let session = excerpt.line.session
        guard session.isBillable else { return "\(excerpt.line.date) \(clockText(session.start)), unanswered" }
        return "\(excerpt.line.date) \(clock.span(session.start, session.end, dash: "–"))"
    }

    /// `raw 49m, billed 49m, 73.50 EUR; lines 1:4-9; 3 messages from the provider, 3 from the client`.
    mutating func details(_ excerpt: Evidence.Excerpt) -> String {
        let line = excerpt.line
        let session = line.session
        if evidence.invoice != nil {
            let spans = excerpt.invoiced.map {
                "\(clock.span($0.start, $0.end, dash: "–")) (\(DurationText.format(seconds: Int($0.seconds.rounded()))))"
            }
            return "invoiced \(spans.joined(separator: ", ")); \(places.noun) \(places.span(session)); "
                + "\(session.providerMessages) from the provider, \(session.clientMessages) from the client"
        }
        var text =
            "raw \(DurationText.format(seconds: line.rawSeconds)), billed \(DurationText.format(seconds: line.billedSeconds))"
        if let currency = report.policy.rate?.currency, let amount = line.amount {
            text += ", \(currency.format(amount))"
        }
        if line.minimumSeconds > 0 { text += " (session minimum \(DurationText.signed(seconds: line.minimumSeconds)))" }
        text += "; \(places.noun) \(places.span(session))"
        text += "; \(session.providerMessages) from the provider, \(session.clientMessages) from the client"
        return text
    }

    /// What happened between two messages, when the rules took note: a silence bridged as work.
    func note(before entry: Evidence.Entry, in excerpt: Evidence.Excerpt) -> String? {
        let reasons = excerpt.line.session.reasons
        if let work = reasons.silentWork.first(where: {
            $0.before.line == entry.message.location.line && $0.before.file == entry.message.file
        }) {
            return "\(DurationText.format(seconds: work.seconds)) of silent work (the provider's own message ended it)"
        }
        return nil
    }

    /// `TeamViewer connection … (36m)` for a connection, else the sender.
    func sender(_ entry: Evidence.Entry) -> String {
        entry.message.kind == .remote ? "remote: \(entry.message.sender)" : entry.message.sender
    }

    func place(_ entry: Evidence.Entry) -> String {
        let message = entry.message
        let first = places.place(file: message.file, line: message.location.line)
        return message.lastLine > message.location.line ? "\(first)-\(message.lastLine)" : first
    }

    var unansweredNote: String? {
        guard evidence.unansweredLeftOut > 0 else { return nil }
        let one = evidence.unansweredLeftOut == 1
        return CountText.format(evidence.unansweredLeftOut, "unanswered session")
            + " (\(CountText.format(evidence.unansweredMessagesLeftOut, "message")) nobody answered) "
            + "\(one ? "bills" : "bill") nothing and \(one ? "is" : "are") not shown."
    }

    /// Invoiced time the exports show no session for.
    mutating func uncitedNote() -> String? {
        guard !evidence.uncited.isEmpty else { return nil }
        let spans = evidence.uncited.map { "\($0.date) \(clock.span($0.start, $0.end, dash: "–"))" }
        return "No message of these exports falls in invoiced time \(spans.joined(separator: ", ")): "
            + "give the exports that were imported for it."
    }

    /// The time billed on `date`: the report's, or the invoice's.
    func billedSeconds(on date: String) -> Int {
        guard let invoice = evidence.invoice else {
            return report.bill.days.first { $0.date == date }?.billedSeconds ?? 0
        }
        return Int(invoice.spans.filter { $0.date == date }.reduce(0) { $0 + $1.seconds }.rounded())
    }

    /// One row per day: date, raw, rounding and minimum, billed, amount; for an invoice, date and
    /// invoiced time.
    var days: [[String]] {
        if let invoice = evidence.invoice {
            var dates: [String] = []
            for span in invoice.spans where dates.last != span.date { dates.append(span.date) }
            return dates.map { [$0, DurationText.format(seconds: billedSeconds(on: $0))] }
        }
        return report.bill.days.map { day in
            var row = [
                day.date, DurationText.format(seconds: day.rawSeconds),
                day.roundingSeconds + day.minimumSeconds == 0
                    ? "" : DurationText.signed(seconds: day.roundingSeconds + day.minimumSeconds),
                DurationText.format(seconds: day.billedSeconds),
            ]
            if let currency = report.policy.rate?.currency { row.append(currency.format(day.amount ?? 0)) }
            return row
        }
    }

    var dayTitles: [String] {
        if evidence.invoice != nil { return ["day", "invoiced"] }
        return ["day", "raw", "rounding", "billed"] + (report.policy.rate == nil ? [] : ["amount"])
    }
}
