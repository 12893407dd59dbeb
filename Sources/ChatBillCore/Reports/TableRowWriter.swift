import Foundation

/// Writes the rows of a report's table: a row per bill line, with the notes under it, and a line
/// for each day after its last session. A writer can start in the middle of a bill, told the date
/// of the line before, so that parts of a long bill are written at once and joined in order.
struct TableRowWriter {
    let report: Report
    let places: LinePlaces
    let columns: TableColumns
    private var zoneClock: ZoneClock
    /// The date of the last line written (or of the line before the first, for a part).
    private(set) var currentDay: String?

    init(report: Report, places: LinePlaces, columns: TableColumns, after day: String?) {
        self.report = report
        self.places = places
        self.columns = columns
        zoneClock = ZoneClock(report.timeZone)
        currentDay = day
    }

    private var currency: Currency? { report.policy.rate?.currency }

    private func money(_ amount: Int?) -> String { currency.map { $0.format(amount ?? 0) } ?? "" }

    /// Writes `line`'s row, after the line of the day before when it starts a new day.
    mutating func write(_ line: Bill.Line, into text: inout TextBuffer) {
        if line.date != currentDay {
            closeDay(into: &text)
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
        TableColumns.writeCounts(provider: session.providerMessages, client: session.clientMessages, into: &text)
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
        guard session.isBillable else { return }
        for note in notes(line) {
            text.append(spaces: columns.widths[0] + 2)
            text.append("+ ")
            text.append(note)
            text.append(byte: 0x0A)
        }
    }

    /// Writes the line of the current day: its raw and billed time, rounding and minimum.
    mutating func closeDay(into text: inout TextBuffer) {
        guard let date = currentDay, let day = report.bill.day(date) else { return }
        text.append("  day ")
        text.append(day.date)
        text.append(": raw ")
        text.append(duration: day.rawSeconds)
        if day.roundingSeconds != 0 {
            text.append(", rounding ")
            text.append(signedDuration: day.roundingSeconds)
        }
        if day.minimumSeconds != 0 {
            text.append(", day minimum ")
            text.append(signedDuration: day.minimumSeconds)
        }
        text.append(", billed ")
        text.append(duration: day.billedSeconds)
        if currency != nil {
            text.append(", ")
            text.append(money(day.amount))
        }
        if day.unanswered > 0 {
            text.append(" (")
            text.append(number: day.unanswered)
            text.append(" unanswered)")
        }
        text.append(byte: 0x0A)
    }

    /// The notes under a billable session's row: a clock change within it, silences bridged as
    /// work, remote connections, the parts at other rates, the session minimum.
    private mutating func notes(_ line: Bill.Line) -> [String] {
        let session = line.session
        let crossesClockChange = zoneClock.crossesOffsetChange(session.start, session.end)
        guard
            !session.reasons.silentWork.isEmpty || !session.reasons.connections.isEmpty || line.parts.count > 1
                || line.parts.contains(where: { $0.band != .regular }) || line.minimumSeconds > 0 || crossesClockChange
        else { return [] }
        var notes: [String] = []
        if crossesClockChange {
            notes.append("across the clock change: \(zoneClock.span(session.start, session.end))")
        }
        notes += session.reasons.silentWork.map { work in
            "silent work \(zoneClock.span(work.after.instant, work.before.instant)) "
                + "(\(DurationText.format(seconds: work.seconds))), \(places.span(work))"
        }
        notes += session.reasons.connections.map { connection in
            "remote connection \(zoneClock.span(connection.reference.instant, connection.end)) "
                + "(\(DurationText.format(seconds: connection.seconds))), \(places.line(connection.reference))"
        }
        if line.parts.count > 1 || line.parts.contains(where: { $0.band != .regular }) {
            notes += line.parts.map { part in
                "\(part.band.rawValue) \(zoneClock.span(part.start, part.end)) "
                    + "(\(DurationText.format(seconds: part.seconds))) ×\(Rate.multiplier(part.percent))"
            }
        }
        if line.minimumSeconds > 0 {
            notes.append(
                "session minimum \(DurationText.format(seconds: report.policy.minimumSessionSeconds)): "
                    + DurationText.signed(seconds: line.minimumSeconds))
        }
        return notes
    }
}
