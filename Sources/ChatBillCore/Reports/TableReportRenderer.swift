import Foundation

/// The terminal report: a header that says what was read and by which rules, one row per session
/// (with the silences bridged as work under it), a line per day, and the total.
public struct TableReportRenderer: ReportRenderer {
    public init() {}

    public func write(_ report: Report, to output: (String) -> Void) {
        let summary = report.summary
        var header = ""
        func field(_ name: String, _ value: String) {
            header += name.padded(to: 10) + value + "\n"
        }
        for (index, file) in summary.files.enumerated() {
            field("file", file.displayName + (summary.files.count > 1 ? " (file \(index + 1))" : ""))
            field("sha256", file.sha256)
            if let archive = file.container, index == 0 || archive != summary.files[index - 1].container {
                field("archive", "\(archive.path), sha256 \(archive.sha256)")
            }
        }
        field(
            "parser",
            "\(summary.parserName): \(summary.messageCount) messages, "
                + (summary.rowTable == nil ? "\(summary.files.reduce(0) { $0 + $1.lineCount }) lines, " : "")
                + "\(summary.warningCount) warnings")
        if let table = summary.rowTable {
            field("places", "rows of the \(table) table (the export is a database, not lines of text)")
        }
        if let order = summary.dateOrder { field("dates", order.summary) }
        if let day = summary.contextDate { field("date", day.summary) }
        field("zone", summary.timeZone.summary)
        field("provider", report.provider.summary)
        for (index, rule) in report.policy.summary.enumerated() {
            field(index == 0 ? "rules" : "", "\(rule.rule): \(rule.value)")
        }
        output(header + "\n")

        let titles = ["date", "start-end", "raw", "billed", "provider/client", LinePlaces(summary).noun]
        let widths = columnWidths(report, titles: titles)
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell.padded(to: widths[column])
            }.joined(separator: "  ") + "\n"
        }
        output(line(titles))
        var chunk = ""
        forEachRow(report) { row in
            switch row {
            case .session(let cells, let notes):
                chunk += line(cells)
                for note in notes { chunk += String(repeating: " ", count: widths[0] + 2) + "+ " + note + "\n" }
            case .note(let note):
                chunk += "  " + note + "\n"
            }
            if chunk.utf8.count > 1 << 16 {
                output(chunk)
                chunk = ""
            }
        }
        output(chunk)

        let bill = report.bill
        var total =
            "total: \(bill.billableSessions) \(bill.billableSessions == 1 ? "session" : "sessions"), "
            + "\(bill.unansweredSessions) unanswered, "
            + "raw \(DurationText.format(seconds: bill.rawSeconds))"
        if bill.totalRoundingSeconds != 0 { total += ", rounding \(signed(bill.totalRoundingSeconds))" }
        total += ", billed \(DurationText.format(seconds: bill.billedSeconds)) (\(hours(bill.billedSeconds)) h)"
        output("\n" + total + "\n")
    }

    /// The width of each column: its title's or its widest cell's. Only the cells whose width
    /// varies are formatted here (a clock span is always `HH:MM-HH:MM`), so sizing the table costs
    /// a fraction of writing it.
    private func columnWidths(_ report: Report, titles: [String]) -> [Int] {
        var widths = titles.map(\.count)
        for line in report.bill.lines {
            let session = line.session
            widths[0] = max(widths[0], line.date.count)
            widths[1] = max(widths[1], session.isBillable ? 11 : 5)
            widths[2] = max(
                widths[2], session.isBillable ? DurationText.format(seconds: line.rawSeconds).count : "unanswered".count
            )
            widths[3] = max(widths[3], session.isBillable ? DurationText.format(seconds: line.billedSeconds).count : 1)
            widths[4] = max(widths[4], "\(session.providerMessages)/\(session.clientMessages)".count)
        }
        return widths
    }

    /// A row of the table: a session with the silences bridged in it, or a note across the table.
    private enum Row {
        case session(cells: [String], notes: [String])
        case note(String)
    }

    /// The table's rows in order: each day's sessions, then the day's line.
    private func forEachRow(_ report: Report, _ body: (Row) -> Void) {
        var zoneClock = ZoneClock(report.timeZone)
        func clock(_ instant: Date) -> String { zoneClock.local(instant).hourMinuteString }
        let days = Dictionary(uniqueKeysWithValues: report.bill.days.map { ($0.date, $0) })
        let lines: AnySequence<Bill.Line> =
            report.bill.linesAreInDateOrder
            ? AnySequence(report.bill.lines)
            : AnySequence(
                report.bill.lines.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
                    .map(\.element))
        let places = LinePlaces(report.summary)
        var currentDay: String?
        func closeDay() {
            guard let date = currentDay, let day = days[date] else { return }
            var note = "day \(day.date): raw \(DurationText.format(seconds: day.rawSeconds))"
            if day.roundingSeconds != 0 { note += ", rounding \(signed(day.roundingSeconds))" }
            note += ", billed \(DurationText.format(seconds: day.billedSeconds))"
            if day.unanswered > 0 { note += " (\(day.unanswered) unanswered)" }
            body(.note(note))
        }
        for line in lines {
            if line.date != currentDay {
                closeDay()
                currentDay = line.date
            }
            let session = line.session
            let lineText = places.span(session)
            let counts = "\(session.providerMessages)/\(session.clientMessages)"
            guard session.isBillable else {
                body(
                    .session(cells: [line.date, clock(session.start), "unanswered", "-", counts, lineText], notes: []))
                continue
            }
            let span = "\(clock(session.start))-\(clock(session.end))"
            let notes = session.reasons.silentWork.map { work in
                "silent work \(clock(work.after.instant))-\(clock(work.before.instant)) "
                    + "(\(DurationText.format(seconds: work.seconds))), \(places.span(work))"
            }
            body(
                .session(
                    cells: [
                        line.date, span, DurationText.format(seconds: line.rawSeconds),
                        DurationText.format(seconds: line.billedSeconds), counts, lineText,
                    ], notes: notes))
        }
        closeDay()
    }

    private func signed(_ seconds: Int) -> String {
        (seconds > 0 ? "+" : "") + DurationText.format(seconds: seconds)
    }

    /// Hours with two decimals, as invoices show them (`1.25`).
    private func hours(_ seconds: Int) -> String {
        let hundredths = (seconds * 100 + 1800) / 3600
        return "\(hundredths / 100).\(CivilDateTime.pad(hundredths % 100, 2))"
    }
}
