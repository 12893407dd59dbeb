import Foundation

/// The terminal report: a header that says what was read and by which rules, one row per session
/// (with the silences bridged as work under it), a line per day, and the total.
public struct TableReportRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: Report) -> String {
        let transcript = report.transcript
        let zone = report.timeZone
        var out = ""
        func field(_ name: String, _ value: String) {
            out += name.padded(to: 10) + value + "\n"
        }
        field("file", transcript.input.displayName)
        field("sha256", transcript.input.sha256)
        if let archive = transcript.input.container { field("archive", "\(archive.path), sha256 \(archive.sha256)") }
        field(
            "parser",
            "\(transcript.parserName): \(transcript.messages.count) messages, "
                + "\(transcript.input.lines.lineCount) lines, \(transcript.warningCount) warnings")
        if let order = transcript.dateOrder { field("dates", order.summary) }
        if let day = transcript.contextDate { field("date", day.summary) }
        field("zone", transcript.timeZone.summary)
        field("provider", report.provider.summary)
        for (index, rule) in report.policy.summary.enumerated() {
            field(index == 0 ? "rules" : "", "\(rule.rule): \(rule.value)")
        }
        out += "\n"

        var rows: [[String]] = [["date", "start-end", "raw", "billed", "provider/client", "lines"]]
        var notes: [Int: [String]] = [:]
        let linesByDay = Dictionary(grouping: report.bill.lines, by: \.date)
        for day in report.bill.days {
            for line in linesByDay[day.date] ?? [] {
                let session = line.session
                let lines = session.lines
                let lineText =
                    lines.lowerBound == lines.upperBound
                    ? "\(lines.lowerBound)" : "\(lines.lowerBound)-\(lines.upperBound)"
                let counts = "\(session.providerMessages)/\(session.clientMessages)"
                if session.isBillable {
                    let span = "\(clock(session.start, zone))-\(clock(session.end, zone))"
                    rows.append([
                        line.date, span, DurationText.format(seconds: line.rawSeconds),
                        DurationText.format(seconds: line.billedSeconds), counts, lineText,
                    ])
                    notes[rows.count - 1] = session.reasons.silentWork.map { work in
                        "silent work \(clock(work.after.instant, zone))-\(clock(work.before.instant, zone)) "
                            + "(\(DurationText.format(seconds: work.seconds))), lines \(work.after.line)-\(work.before.line)"
                    }
                } else {
                    rows.append([line.date, clock(session.start, zone), "unanswered", "-", counts, lineText])
                }
            }
            var dayNote = "day \(day.date): raw \(DurationText.format(seconds: day.rawSeconds))"
            if day.roundingSeconds != 0 {
                dayNote += ", rounding \(signed(day.roundingSeconds))"
            }
            dayNote += ", billed \(DurationText.format(seconds: day.billedSeconds))"
            if day.unanswered > 0 { dayNote += " (\(day.unanswered) unanswered)" }
            rows.append(["", dayNote])
        }
        out += table(rows, notes: notes)

        let bill = report.bill
        out += "\n"
        var total =
            "total: \(bill.billableSessions) \(bill.billableSessions == 1 ? "session" : "sessions"), "
            + "\(bill.unansweredSessions) unanswered, "
            + "raw \(DurationText.format(seconds: bill.rawSeconds))"
        if bill.totalRoundingSeconds != 0 { total += ", rounding \(signed(bill.totalRoundingSeconds))" }
        total += ", billed \(DurationText.format(seconds: bill.billedSeconds)) (\(hours(bill.billedSeconds)) h)"
        out += total + "\n"
        return out
    }

    /// Rows with aligned columns; a row of two cells whose first is empty is a note across the table.
    private func table(_ rows: [[String]], notes: [Int: [String]]) -> String {
        let columns = rows.filter { $0.count > 2 }
        let widths = (0..<rows[0].count).map { column in columns.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for (index, row) in rows.enumerated() {
            if row.count == 2 {
                out += "  " + row[1] + "\n"
                continue
            }
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padded(to: widths[column])
            }
            out += cells.joined(separator: "  ") + "\n"
            for note in notes[index] ?? [] {
                out += String(repeating: " ", count: widths[0] + 2) + "+ " + note + "\n"
            }
        }
        return out
    }

    private func clock(_ instant: Date, _ zone: TimeZone) -> String {
        ISOTimestamp.local(instant, in: zone).hourMinuteString
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
