import ArgumentParser
import ChatBillCore

/// The days to bill, in the billing zone: `--from`/`--through`, `--month`, or `--week`. A
/// session belongs to the day its billable start falls on, so a period never cuts a session.
/// (`report` and `evidence` also take `--to` for `--through`; in `export`, `--to` names the format.)
struct PeriodOptions: ParsableArguments {
    @Option(help: "Bill sessions from this day on (YYYY-MM-DD).")
    var from: DateArgument?

    @Option(
        name: [.customLong("through"), .customLong("until")],
        help: "Bill sessions up to and including this day (YYYY-MM-DD).")
    var through: DateArgument?

    @Option(help: "Bill one month (YYYY-MM).")
    var month: String?

    @Option(help: "Bill one ISO week, Monday to Sunday (YYYY-Www, e.g. 2026-W48).")
    var week: String?

    /// The period the flags name (`to` is `--to` where a command has it), or nil for every day.
    func period(to: DateArgument? = nil) throws(ChatBillError) -> Setting<ClosedRange<String>>? {
        let to = to ?? through
        let chosen = [from != nil || to != nil, month != nil, week != nil].filter { $0 }.count
        guard chosen <= 1 else {
            throw .needsChoice(Diagnostic(.error, file: "--month", "give one of --from/--through, --month or --week"))
        }
        if let month {
            guard let days = BillingPeriod.month(month) else {
                throw .needsChoice(Diagnostic(.error, file: "--month", "'\(month)' is not a month like 2026-11"))
            }
            return Setting(days, .flag("--month \(month)"))
        }
        if let week {
            guard let days = BillingPeriod.isoWeek(week) else {
                throw .needsChoice(Diagnostic(.error, file: "--week", "'\(week)' is not an ISO week like 2026-W48"))
            }
            return Setting(days, .flag("--week \(week)"))
        }
        guard from != nil || to != nil else { return nil }
        let first = from?.day.dateString ?? "0000-01-01"
        let last = to?.day.dateString ?? "9999-12-31"
        guard first <= last else {
            throw .needsChoice(Diagnostic(.error, file: "--from", "--from \(first) is after the period's end \(last)"))
        }
        return Setting(first...last, .flag("--from/--through"))
    }
}

/// `--to` as the end of the period, in the commands where `--to` means nothing else.
struct PeriodEndOption: ParsableArguments {
    @Option(help: "The same as --through.")
    var to: DateArgument?
}
