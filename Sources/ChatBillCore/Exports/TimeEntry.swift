import Foundation

/// One entry for an invoicing or time-tracking tool: a billed session (or a day of them), with
/// raw and billed time, its price, and a note that cites the export's lines and hash.
public struct TimeEntry: Sendable {
    /// The local day, `YYYY-MM-DD`.
    public let date: String
    public let start: Date
    public let end: Date
    public let rawSeconds: Int
    public let billedSeconds: Int
    /// In minor units of the policy's currency; nil without a rate.
    public let amount: Int?
    /// `Chat with Dana Fischer: lines 4-9 of WhatsApp Chat with Dana Fischer.txt (sha256 c21cecbd…)`.
    public let notes: String
    /// Stable across runs on the same exports and rules: the client, the provider and the start.
    public let identifier: String

    /// How entries are cut: one per billed session, or one per day (its rounding included).
    public enum Grouping: String, Sendable, CaseIterable {
        case session, day
    }

    /// The entries of `report`'s billed sessions (or days), in time order.
    public static func entries(of report: Report, per grouping: Grouping) -> [TimeEntry] {
        var clock = ZoneClock(report.timeZone)
        let citation = Citation(report)
        func cite(_ session: Session) -> String { citation.cite(session) }
        func identifier(_ start: Date, _ kind: String) -> String { citation.identifier(start, kind) }
        let lines = report.bill.lines.filter { $0.session.isBillable }
        switch grouping {
        case .session:
            // Each session, then what the day's rounding and minimum add (or take away) as an
            // entry of its own, and the invoice's rounding last: the entries sum to the report.
            var entries: [TimeEntry] = []
            var dayAmount = 0
            for (index, line) in lines.enumerated() {
                let session = line.session
                var notes = "Support session \(clock.span(session.start, session.end))"
                notes += " (raw \(DurationText.format(seconds: line.rawSeconds))): " + cite(session)
                entries.append(
                    TimeEntry(
                        date: line.date, start: session.start, end: session.end, rawSeconds: line.rawSeconds,
                        billedSeconds: line.billedSeconds, amount: line.amount, notes: notes,
                        identifier: identifier(session.start, "session")))
                dayAmount += line.amount ?? 0
                guard index == lines.count - 1 || lines[index + 1].date != line.date,
                    let day = report.bill.day(line.date)
                else {
                    continue
                }
                let adjustment = day.roundingSeconds + day.minimumSeconds
                if adjustment != 0 {
                    entries.append(
                        TimeEntry(
                            date: day.date, start: session.end, end: session.end, rawSeconds: 0,
                            billedSeconds: adjustment,
                            amount: day.amount.map { $0 - dayAmount },
                            notes: "Rounding and minimum for \(day.date) (\(report.policy.rounding.summary))",
                            identifier: identifier(session.end, "day-adjustment")))
                }
                dayAmount = 0
            }
            if report.bill.totalRoundingSeconds != 0, let last = lines.last {
                entries.append(
                    TimeEntry(
                        date: last.date, start: last.session.end, end: last.session.end, rawSeconds: 0,
                        billedSeconds: report.bill.totalRoundingSeconds, amount: report.bill.totalRoundingAmount,
                        notes: "Rounding of the invoice (\(report.policy.rounding.summary))",
                        identifier: identifier(last.session.end, "invoice-adjustment")))
            }
            return entries
        case .day:
            var entries: [TimeEntry] = []
            var byDate: [(String, [Bill.Line])] = []
            for line in lines {
                if byDate.last?.0 == line.date {
                    byDate[byDate.count - 1].1.append(line)
                } else {
                    byDate.append((line.date, [line]))
                }
            }
            for (date, dayLines) in byDate {
                guard let day = report.bill.day(date) else { continue }
                let notes =
                    CountText.format(dayLines.count, "support session", plural: "support sessions") + ": "
                    + dayLines.map { line in
                        "\(clock.span(line.session.start, line.session.end)) "
                            + cite(line.session)
                    }.joined(separator: "; ")
                entries.append(
                    TimeEntry(
                        date: date, start: dayLines[0].session.start, end: dayLines.last!.session.end,
                        rawSeconds: day.rawSeconds, billedSeconds: day.billedSeconds, amount: day.amount, notes: notes,
                        identifier: identifier(dayLines[0].session.start, "day")))
            }
            return entries
        }
    }

    /// How an entry's note cites the export, and its stable identifier.
    struct Citation {
        let places: LinePlaces
        let files: [ExportFile]
        /// The client and the provider: the same work of another pair is another entry.
        let scope: String

        init(_ report: Report) {
            places = LinePlaces(report)
            files = report.files
            scope = [report.client ?? "", report.provider.names.first ?? ""].joined(separator: "|")
        }

        /// `lines 4-9 of WhatsApp Chat with Dana Fischer.txt (sha256 c21cecbd…)`.
        func cite(_ session: Session) -> String {
            let first = files[session.files.lowerBound]
            var text = "\(places.noun) \(places.span(session)) of \(first.fileNames.last ?? first.displayName)"
            text += " (sha256 \(first.sha256.prefix(16)))"
            if session.files.count > 1 || session.sources.members.count > 1 {
                let others = session.sources.members.count
                text += " and \(others - 1) more \(others == 2 ? "export" : "exports")"
            }
            return text
        }

        func identifier(_ start: Date, _ kind: String) -> String {
            let digest = ExportFile.sha256(of: Array("\(scope)|\(kind)|\(Int(start.timeIntervalSince1970))".utf8))
            return "\(digest.prefix(32))@chatbill"
        }
    }
}
