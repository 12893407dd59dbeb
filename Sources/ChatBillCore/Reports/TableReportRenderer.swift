import Foundation

/// The terminal report: a header that says what was read and by which rules, one row per session
/// (with the silences bridged as work, remote connections and surcharges under it), a line per
/// day, the total, and what the total would be under other gaps.
public struct TableReportRenderer: ReportRenderer {
    public init() {}

    public func write(_ report: Report, to output: (String) -> Void) {
        output(header(report) + "\n")
        let places = LinePlaces(report)
        let columns = Columns(report, places: places)
        var text = TextBuffer(capacity: 1 << 17)
        columns.writeTitles(into: &text)
        forEachRow(report, places: places, columns: columns, into: &text) { text in
            text.flush(over: 1 << 16, to: output)
        }
        text.flush(to: output)
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

    /// The table's columns: which there are, and how wide each is (its title's or its widest
    /// cell's).
    private struct Columns {
        let hasMoney: Bool
        let hasSources: Bool
        let titles: [String]
        let widths: [Int]

        init(_ report: Report, places: LinePlaces) {
            hasSources = report.sources.count > 1
            let currency = report.policy.rate?.currency
            hasMoney = currency != nil
            var titles = ["date", "start-end", "raw", "billed", "provider/client", places.noun]
            if hasSources { titles.append("sources") }
            if hasMoney { titles.insert("amount", at: 4) }
            self.titles = titles
            // Only the cells whose width varies are written here (a clock span is always
            // `HH:MM-HH:MM`), so sizing the table costs a fraction of writing it.
            var widths = titles.map(\.count)
            var cell = TextBuffer()
            func width(_ write: (inout TextBuffer) -> Void) -> Int {
                cell.removeAll()
                write(&cell)
                return cell.characters(from: 0)
            }
            let counts = hasMoney ? 5 : 4
            for line in report.bill.lines {
                let session = line.session
                widths[0] = max(widths[0], line.date.count)
                widths[1] = max(widths[1], session.isBillable ? 11 : 5)
                widths[2] = max(
                    widths[2], session.isBillable ? width { $0.append(duration: line.rawSeconds) } : "unanswered".count)
                widths[3] = max(widths[3], session.isBillable ? width { $0.append(duration: line.billedSeconds) } : 1)
                if let currency, let amount = line.amount {
                    widths[4] = max(widths[4], width { $0.append(currency.format(amount)) })
                }
                widths[counts] = max(widths[counts], width { Self.writeCounts(session, into: &$0) })
                if hasSources {
                    widths[counts + 1] = max(widths[counts + 1], width { places.span(session, into: &$0) })
                }
            }
            self.widths = widths
        }

        func writeTitles(into text: inout TextBuffer) {
            for (column, title) in titles.enumerated() {
                let start = text.count
                text.append(title)
                if column < titles.count - 1 { endCell(column, from: start, in: &text) }
            }
            text.append(byte: 0x0A)
        }

        /// Pads the cell that starts at byte `start` to its column's width and separates it from
        /// the next.
        func endCell(_ column: Int, from start: Int, in text: inout TextBuffer) {
            text.pad(from: start, to: widths[column])
            text.append(spaces: 2)
        }

        /// `3/5`: the provider's and the client's messages.
        static func writeCounts(_ session: Session, into text: inout TextBuffer) {
            text.append(number: session.providerMessages)
            text.append(byte: 0x2F)
            text.append(number: session.clientMessages)
        }
    }

    /// Writes the table's rows in order, each day's sessions and then the day's line, calling
    /// `written` after each row.
    private func forEachRow(
        _ report: Report, places: LinePlaces, columns: Columns, into text: inout TextBuffer,
        written: (inout TextBuffer) -> Void
    ) {
        var zoneClock = ZoneClock(report.timeZone)
        func clock(_ instant: Date) -> String { zoneClock.local(instant).hourMinuteString }
        let currency = report.policy.rate?.currency
        func money(_ amount: Int?) -> String { currency.map { $0.format(amount ?? 0) } ?? "" }
        let days = Dictionary(uniqueKeysWithValues: report.bill.days.map { ($0.date, $0) })
        var currentDay: String?
        func closeDay() {
            guard let date = currentDay, let day = days[date] else { return }
            var note = "  day \(day.date): raw \(DurationText.format(seconds: day.rawSeconds))"
            if day.roundingSeconds != 0 { note += ", rounding \(signed(day.roundingSeconds))" }
            if day.minimumSeconds != 0 { note += ", day minimum \(signed(day.minimumSeconds))" }
            note += ", billed \(DurationText.format(seconds: day.billedSeconds))"
            if currency != nil { note += ", \(money(day.amount))" }
            if day.unanswered > 0 { note += " (\(day.unanswered) unanswered)" }
            text.append(note)
            text.append(byte: 0x0A)
            written(&text)
        }
        func row(_ line: Bill.Line) {
            if line.date != currentDay {
                closeDay()
                currentDay = line.date
            }
            let session = line.session
            // Cells: date, span, raw, billed, [amount], counts, places, [sources].
            var column = 0
            var start = text.count
            func endCell() {
                columns.endCell(column, from: start, in: &text)
                column += 1
                start = text.count
            }
            text.append(line.date)
            endCell()
            text.append(hourMinute: zoneClock.local(session.start))
            if session.isBillable {
                text.append(byte: 0x2D)
                text.append(hourMinute: zoneClock.local(session.end))
            }
            endCell()
            if session.isBillable { text.append(duration: line.rawSeconds) } else { text.append("unanswered") }
            endCell()
            if session.isBillable { text.append(duration: line.billedSeconds) } else { text.append(byte: 0x2D) }
            endCell()
            if columns.hasMoney {
                if session.isBillable { text.append(money(line.amount)) }
                endCell()
            }
            Columns.writeCounts(session, into: &text)
            endCell()
            places.span(session, into: &text)
            if columns.hasSources {
                endCell()
                for (index, member) in session.sources.members.enumerated() {
                    if index > 0 { text.append(byte: 0x2C) }
                    text.append(number: member + 1)
                }
            }
            text.append(byte: 0x0A)
            if session.isBillable {
                for note in notes(line, report: report, places: places, clock: clock) {
                    text.append(spaces: columns.widths[0] + 2)
                    text.append("+ ")
                    text.append(note)
                    text.append(byte: 0x0A)
                }
            }
            written(&text)
        }
        if report.bill.linesAreInDateOrder {
            for line in report.bill.lines { row(line) }
        } else {
            let sorted = report.bill.lines.enumerated().sorted {
                ($0.element.date, $0.offset) < ($1.element.date, $1.offset)
            }
            for (_, line) in sorted { row(line) }
        }
        closeDay()
    }

    /// The notes under a billable session's row: silences bridged as work, remote connections,
    /// the parts at other rates, the session minimum.
    private func notes(
        _ line: Bill.Line, report: Report, places: LinePlaces, clock: (Date) -> String
    ) -> [String] {
        let session = line.session
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
        return notes
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
