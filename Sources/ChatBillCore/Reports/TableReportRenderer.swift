import Foundation

/// The terminal report: a header that says what was read and by which rules, one row per session
/// (with the silences bridged as work, remote connections and surcharges under it), a line per
/// day, the total, and what the total would be under other gaps.
public struct TableReportRenderer: ReportRenderer {
    public init() {}

    public func write(_ report: Report, to output: (String) -> Void) {
        output(header(report) + "\n")
        let places = LinePlaces(report)
        let hasSources = report.sources.count > 1
        let hasMoney = report.policy.rate != nil
        var titles = ["date", "start-end", "raw", "billed", "provider/client", places.noun]
        if hasSources { titles.append("sources") }
        if hasMoney { titles.insert("amount", at: 4) }
        let widths = columnWidths(report, titles: titles, places: places)
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell.padded(to: widths[column])
            }.joined(separator: "  ") + "\n"
        }
        output(line(titles))
        var chunk = ""
        forEachRow(report, places: places) { row in
            switch row {
            case .session(var cells, let notes):
                if !hasMoney { cells.remove(at: 4) }
                if !hasSources { cells.removeLast() }
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
        output("\n" + totalLine(report) + "\n" + whatIfLine(report))
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
                "\(summary.parserName): \(summary.messageCount) messages, "
                + (summary.rowTable == nil ? "\(summary.files.reduce(0) { $0 + $1.lineCount }) lines, " : "")
                + "\(summary.warningCount) warnings"
            let duplicates = report.duplicates[sourceIndex]
            if duplicates > 0 {
                parsed +=
                    ", \(duplicates) \(duplicates == 1 ? "message" : "messages") already in an earlier file (billed once)"
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
            if outside > 0 { text += "; \(outside) \(outside == 1 ? "session" : "sessions") outside it left out" }
            field("period", text)
        }
        return header
    }

    /// The width of each column: its title's or its widest cell's. Only the cells whose width
    /// varies are formatted here (a clock span is always `HH:MM-HH:MM`), so sizing the table costs
    /// a fraction of writing it.
    private func columnWidths(_ report: Report, titles: [String], places: LinePlaces) -> [Int] {
        var widths = titles.map(\.count)
        let currency = report.policy.rate?.currency
        for line in report.bill.lines {
            let session = line.session
            widths[0] = max(widths[0], line.date.count)
            widths[1] = max(widths[1], session.isBillable ? 11 : 5)
            widths[2] = max(
                widths[2], session.isBillable ? DurationText.format(seconds: line.rawSeconds).count : "unanswered".count
            )
            widths[3] = max(widths[3], session.isBillable ? DurationText.format(seconds: line.billedSeconds).count : 1)
            var column = 4
            if let currency, let amount = line.amount {
                widths[4] = max(widths[4], currency.format(amount).count)
                column = 5
            }
            widths[column] = max(widths[column], "\(session.providerMessages)/\(session.clientMessages)".count)
            if column + 2 < widths.count { widths[column + 1] = max(widths[column + 1], places.span(session).count) }
        }
        return widths
    }

    /// A row of the table: a session with notes under it, or a note across the table. A session's
    /// cells are date, span, raw, billed, amount, counts, places, sources; the caller drops the
    /// amount and sources where the report has none.
    private enum Row {
        case session(cells: [String], notes: [String])
        case note(String)
    }

    /// The table's rows in order: each day's sessions, then the day's line.
    private func forEachRow(_ report: Report, places: LinePlaces, _ body: (Row) -> Void) {
        var zoneClock = ZoneClock(report.timeZone)
        func clock(_ instant: Date) -> String { zoneClock.local(instant).hourMinuteString }
        let currency = report.policy.rate?.currency
        func money(_ amount: Int?) -> String { currency.map { $0.format(amount ?? 0) } ?? "" }
        let days = Dictionary(uniqueKeysWithValues: report.bill.days.map { ($0.date, $0) })
        let lines: AnySequence<Bill.Line> =
            report.bill.linesAreInDateOrder
            ? AnySequence(report.bill.lines)
            : AnySequence(
                report.bill.lines.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
                    .map(\.element))
        var currentDay: String?
        func closeDay() {
            guard let date = currentDay, let day = days[date] else { return }
            var note = "day \(day.date): raw \(DurationText.format(seconds: day.rawSeconds))"
            if day.roundingSeconds != 0 { note += ", rounding \(signed(day.roundingSeconds))" }
            if day.minimumSeconds != 0 { note += ", day minimum \(signed(day.minimumSeconds))" }
            note += ", billed \(DurationText.format(seconds: day.billedSeconds))"
            if currency != nil { note += ", \(money(day.amount))" }
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
            let sources = session.sources.members.map { "\($0 + 1)" }.joined(separator: ",")
            guard session.isBillable else {
                body(
                    .session(
                        cells: [line.date, clock(session.start), "unanswered", "-", "", counts, lineText, sources],
                        notes: []))
                continue
            }
            let span = "\(clock(session.start))-\(clock(session.end))"
            var notes = session.reasons.silentWork.map { work in
                "silent work \(clock(work.after.instant))-\(clock(work.before.instant)) "
                    + "(\(DurationText.format(seconds: work.seconds))), \(places.span(work))"
            }
            notes += session.reasons.connections.map { connection in
                "remote connection \(clock(connection.reference.instant))-\(clock(connection.end)) "
                    + "(\(DurationText.format(seconds: connection.seconds))), \(places.line(connection.reference))"
            }
            if line.parts.count > 1 || line.parts.contains(where: { $0.band != .regular }) {
                notes += line.parts.map { part in
                    "\(part.band.rawValue) \(clock(part.start))-\(clock(part.end)) "
                        + "(\(DurationText.format(seconds: part.seconds))) ×\(Rate.multiplier(part.percent))"
                }
            }
            if line.minimumSeconds > 0 {
                notes.append(
                    "session minimum \(DurationText.format(seconds: report.policy.minimumSessionSeconds)): "
                        + signed(line.minimumSeconds))
            }
            body(
                .session(
                    cells: [
                        line.date, span, DurationText.format(seconds: line.rawSeconds),
                        DurationText.format(seconds: line.billedSeconds), money(line.amount), counts, lineText, sources,
                    ], notes: notes))
        }
        closeDay()
    }

    private func totalLine(_ report: Report) -> String { "total: " + Self.total(report) }

    /// `3 sessions, 1 unanswered, raw 2h13m, billed 2h30m (2.50 h), 303.75 EUR`: the total as the
    /// table and the evidence state it.
    static func total(_ report: Report) -> String {
        let bill = report.bill
        var total =
            "\(bill.billableSessions) \(bill.billableSessions == 1 ? "session" : "sessions"), "
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

    private func signed(_ seconds: Int) -> String {
        (seconds > 0 ? "+" : "") + DurationText.format(seconds: seconds)
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
