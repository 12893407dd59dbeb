import Foundation

/// The terminal report: a header that says what was read and by which rules, one row per session
/// (with the silences bridged as work, remote connections and surcharges under it), a line per
/// day, the total, and what the total would be under other gaps.
public struct TableReportRenderer: ReportRenderer {
    /// A long table's rows are written in parts of this many, as many parts at once as there are
    /// cores, and joined in order.
    let rowsPerPart: Int

    public init() {
        self.init(rowsPerPart: 4096)
    }

    /// `rowsPerPart`: a multiple of `BillLines.checkpointInterval`.
    init(rowsPerPart: Int) {
        precondition(rowsPerPart > 0 && rowsPerPart % BillLines.checkpointInterval == 0, "parts start at checkpoints")
        self.rowsPerPart = rowsPerPart
    }

    public func write(_ report: Report, to output: (String) -> Void) {
        output(header(report) + "\n")
        let places = LinePlaces(report)
        var columns = TableColumns(report, places: places)
        var text = TextBuffer(capacity: 1 << 17)
        var lastDay: String?
        if report.bill.linesAreInDateOrder {
            lastDay = writeRowsInParts(report, places: places, columns: &columns, to: output)
        } else {
            let lines = report.bill.lines.enumerated().sorted {
                ($0.element.date, $0.offset) < ($1.element.date, $1.offset)
            }.map(\.element)
            lastDay = columns.fit(lines.map(Bill.LineFigures.init))
            columns.writeTitles(into: &text)
            var rows = TableRowWriter(report: report, places: places, columns: columns, after: nil)
            for line in lines {
                rows.write(line, into: &text)
                text.flush(over: 1 << 16, to: output)
            }
        }
        var rows = TableRowWriter(report: report, places: places, columns: columns, after: lastDay)
        rows.closeDay(into: &text)
        text.flush(to: output)
        output("\n" + totalLine(report) + "\n" + whatIfLine(report))
    }

    /// Writes the titles and the rows of a bill whose lines are in date order, measuring and then
    /// writing its parts on all cores; the date of the last line.
    private func writeRowsInParts(
        _ report: Report, places: LinePlaces, columns: inout TableColumns,
        to output: (String) -> Void
    ) -> String? {
        let lines = report.bill.lines
        let parts = stride(from: 0, to: lines.count, by: rowsPerPart).map {
            (first: $0, count: min(rowsPerPart, lines.count - $0))
        }
        let titles = columns
        let measured = Slots<(columns: TableColumns, lastDay: String?)>(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            var part = titles
            let lastDay = part.fit(lines.figures(from: parts[index].first, count: parts[index].count))
            measured[index] = (part, lastDay)
        }
        let measures = measured.values
        for measure in measures { columns.fit(measure.columns) }
        var text = TextBuffer()
        columns.writeTitles(into: &text)
        text.flush(to: output)
        let fitted = columns
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for round in stride(from: 0, to: parts.count, by: threads) {
            let batch = round..<min(round + threads, parts.count)
            // Each part is made a String where it is written, so that only handing it on is left
            // to this thread.
            let written = Slots<String>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { offset in
                let index = batch.lowerBound + offset
                var rows = TableRowWriter(
                    report: report, places: places, columns: fitted,
                    after: index > 0 ? measures[index - 1].lastDay : nil)
                var part = TextBuffer(capacity: parts[index].count * 128)
                for line in lines.lines(from: parts[index].first, count: parts[index].count) {
                    rows.write(line, into: &part)
                }
                written[offset] = part.string
            }
            for part in written.values { output(part) }
        }
        return measures.last?.lastDay
    }

    public func write(_ reports: [Report], to output: (String) -> Void) {
        for (index, report) in reports.enumerated() {
            output((index == 0 ? "" : "\n") + "== \(report.client ?? "no client") ==\n\n")
            write(report, to: output)
        }
        guard reports.count > 1 else { return }
        let seconds = reports.reduce(0) { $0 + $1.bill.billedSeconds }
        var text = "\nall clients: billed \(DurationText.format(seconds: seconds)) (\(Self.hours(seconds)) h)"
        for (currency, amount) in MoneyTotals(reports).amounts { text += ", \(currency.format(amount))" }
        output(text + "\n")
    }

    /// What was read and how, who bills whom, by which rules and where each came from.
    private func header(_ report: Report) -> String {
        var header = ""
        func field(_ name: String, _ value: String) {
            header += name.padded(to: 10) + value + "\n"
        }
        if let client = report.client { field("client", client) }
        let allFiles = report.files
        var fileNumber = 0
        for (sourceIndex, summary) in report.sources.enumerated() {
            for (index, file) in summary.files.enumerated() {
                fileNumber += 1
                field("file", file.displayName + (allFiles.count > 1 ? " (file \(fileNumber))" : ""))
                field("sha256", file.sha256)
                if let archive = file.container, index == 0 || archive != summary.files[index - 1].container {
                    field("archive", "\(archive.path), sha256 \(archive.sha256)")
                }
            }
            var parsed =
                "\(summary.parserName): \(CountText.format(summary.messageCount, "message")), "
                + (summary.rowTable == nil
                    ? CountText.format(summary.files.reduce(0) { $0 + $1.lineCount }, "line") + ", " : "")
                + CountText.format(summary.warningCount, "warning")
            let duplicates = report.duplicates[sourceIndex]
            if duplicates > 0 {
                parsed += ", \(CountText.format(duplicates, "message")) already in an earlier file (billed once)"
            }
            field("parser", parsed)
            if let table = summary.rowTable {
                field("places", "rows of the \(table) table (the export is a database, not lines of text)")
            }
            if let order = summary.dateOrder { field("dates", order.summary) }
            if let day = summary.contextDate { field("date", day.summary) }
        }
        field("zone", report.zone.summary)
        field("provider", report.provider.summary)
        for (index, rule) in report.policy.summary.enumerated() {
            let origin = report.origins[rule.rule].map { " [\($0)]" } ?? ""
            field(index == 0 ? "rules" : "", "\(rule.rule): \(rule.value)\(origin)")
        }
        if let period = report.bill.period {
            var text = "\(period.lowerBound) to \(period.upperBound)"
            if let origin = report.origins["period"] { text += " [\(origin)]" }
            let outside = report.bill.sessionsOutsidePeriod
            if outside > 0 { text += "; \(CountText.format(outside, "session")) outside it left out" }
            field("period", text)
        }
        return header
    }

    private func totalLine(_ report: Report) -> String { "total: " + Self.total(report) }

    /// `3 sessions, 1 unanswered, raw 2h13m, billed 2h30m (2.50 h), 303.75 EUR`: the total as the
    /// table and the evidence state it.
    static func total(_ report: Report) -> String {
        let bill = report.bill
        var total =
            "\(CountText.format(bill.billableSessions, "session")), "
            + "\(bill.unansweredSessions) unanswered, raw \(DurationText.format(seconds: bill.rawSeconds))"
        if bill.totalRoundingSeconds != 0 {
            total +=
                ", rounding \(bill.totalRoundingSeconds > 0 ? "+" : "")"
                + DurationText.format(seconds: bill.totalRoundingSeconds)
        }
        return total + ", billed " + billed(report)
    }

    /// `2h30m (2.50 h), 303.75 EUR`.
    static func billed(_ report: Report) -> String {
        let bill = report.bill
        var text = "\(DurationText.format(seconds: bill.billedSeconds)) (\(hours(bill.billedSeconds)) h)"
        if let currency = report.policy.rate?.currency, let amount = bill.amount {
            text += ", \(currency.format(amount))"
        }
        return text
    }

    /// `what if: billed at gap 5m 1h, 10m 1h15m, …; work gap off 1h30m` (empty without totals).
    private func whatIfLine(_ report: Report) -> String {
        guard let workGapOff = report.whatIf.last else { return "" }
        return "what if: billed at gap "
            + report.whatIf.dropLast().map {
                "\(DurationText.format(seconds: $0.gapSeconds)) \(DurationText.format(seconds: $0.billedSeconds))"
            }.joined(separator: ", ") + "; work gap off \(DurationText.format(seconds: workGapOff.billedSeconds))\n"
    }

    /// Hours with two decimals, as invoices show them (`1.25`).
    static func hours(_ seconds: Int) -> String {
        let hundredths = (seconds * 100 + 1800) / 3600
        return "\(hundredths / 100).\(CivilDateTime.pad(hundredths % 100, 2))"
    }
}

/// The amounts of several reports added up per currency, in the order currencies first appear.
struct MoneyTotals {
    let amounts: [(Currency, Int)]

    init(_ reports: [Report]) {
        var amounts: [(Currency, Int)] = []
        for report in reports {
            guard let currency = report.policy.rate?.currency, let amount = report.bill.amount else { continue }
            if let index = amounts.firstIndex(where: { $0.0 == currency }) {
                amounts[index].1 += amount
            } else {
                amounts.append((currency, amount))
            }
        }
        self.amounts = amounts
    }
}
