import Foundation
import TOMLKit

/// Reads the values of a config's tables, turning each wrong key or value into an error at its
/// line that says what the key takes.
struct ConfigReader {
    let file: String
    let lines: TOMLKeyLines

    /// The rule keys of `[defaults]` and `[clients.NAME]`, with what each takes.
    static let ruleKeys: [(key: String, takes: String)] = [
        ("gap", "a duration from 1s to 24h, like \"15m\""),
        ("work_gap", "a duration from the gap to 24h, or \"off\""),
        ("lead_in", "a duration from 0m to 1h"),
        ("lead_out", "a duration from 0m to 1h"),
        ("round", "a duration from 1m to 24h, or \"none\""),
        ("round_mode", "\"up\", \"nearest\" or \"down\""),
        ("round_per", "\"session\", \"day\" or \"invoice\""),
        ("round_grace", "a duration shorter than the rounding increment"),
        ("minimum_session", "a duration from 0m to 24h"),
        ("minimum_day", "a duration from 0m to 24h"),
        ("rate", "an hourly amount such as \"90.00\" (in the currency's units)"),
        ("currency", "an ISO 4217 code such as \"EUR\""),
        ("after_hours", "a table { day_starts = \"08:00\", day_ends = \"18:00\", multiplier = 1.5 }"),
        ("weekend", "a table { days = [\"sat\", \"sun\"], multiplier = 2 }"),
        ("holidays", "a list of dates, like [2026-12-25, 2026-12-26]"),
        ("holiday_multiplier", "a multiplier from 1 to 10, like 2 or 1.5"),
        ("time_zone", "an IANA zone name such as \"Europe/Berlin\""),
        ("date_order", "\"dmy\", \"mdy\" or \"ymd\""),
        ("invoice_threshold", "a duration from 0m to 1000h, like \"2h\""),
    ]

    func origin(_ path: [String]) -> SettingOrigin {
        .config(file: file, line: lines.line(of: path), key: path.joined(separator: "."))
    }

    func fail(_ path: [String], _ message: String) -> ChatBillError {
        origin(path).error(message)
    }

    /// Fails at the first key of `table` that is not in `known`.
    func expectOnly(_ known: [String], in table: TOMLTable, at path: [String]) throws(ChatBillError) {
        for key in table.keys where !known.contains(key) {
            let place = path.isEmpty ? "the top level" : "[\(path.joined(separator: "."))]"
            throw .badConfig(
                Diagnostic(
                    .error, file: file, at: InputLocation(line: lines.line(of: path + [key]), column: 1),
                    "unknown key '\(key)' in \(place); the keys are \(known.joined(separator: ", "))"))
        }
    }

    func table(_ value: (any TOMLValueConvertible)?, at path: [String]) throws(ChatBillError) -> TOMLTable? {
        guard let value else { return nil }
        guard let table = value.table else { throw fail(path, "must be a table ([\(path.joined(separator: "."))])") }
        return table
    }

    func string(_ value: any TOMLValueConvertible, at path: [String]) throws(ChatBillError) -> String {
        guard let string = value.string else { throw fail(path, "must be a string in quotes") }
        return string
    }

    func strings(_ value: any TOMLValueConvertible, at path: [String]) throws(ChatBillError) -> [String] {
        if let single = value.string { return [single] }
        guard let array = value.array else { throw fail(path, "must be a list of strings, like [\"Sam\"]") }
        var strings: [String] = []
        for element in array {
            guard let string = element.string else { throw fail(path, "must be a list of strings, like [\"Sam\"]") }
            strings.append(string)
        }
        return strings
    }

    /// The rules of a `[defaults]` or client table; `allowing` names its other keys.
    func rules(_ table: TOMLTable, at path: [String], allowing: [String]) throws(ChatBillError) -> RuleSettings {
        try expectOnly(allowing + Self.ruleKeys.map(\.key), in: table, at: path)
        var rules = RuleSettings()
        for key in table.keys where !allowing.contains(key) {
            try read(key, table[key]!, at: path + [key], into: &rules)
        }
        return rules
    }

    private func read(
        _ key: String, _ value: any TOMLValueConvertible, at path: [String], into rules: inout RuleSettings
    ) throws(ChatBillError) {
        let origin = origin(path)
        let takes = Self.ruleKeys.first { $0.key == key }!.takes
        func wrong() -> ChatBillError { fail(path, "must be \(takes)") }
        func duration(_ range: ClosedRange<Int>, off: String? = nil) throws(ChatBillError) -> Int? {
            if let off, value.string?.lowercased() == off { return nil }
            let seconds: Int? = value.int.map { $0 * 60 } ?? value.string.flatMap(DurationText.parse)
            guard let seconds, range.contains(seconds) else { throw wrong() }
            return seconds
        }
        func choice<T>(_ make: (String) -> T?) throws(ChatBillError) -> T {
            guard let text = value.string, let made = make(text.lowercased()) else { throw wrong() }
            return made
        }
        switch key {
        case "gap": rules.gap = Setting(try duration(1...86_400)!, origin)
        case "work_gap": rules.workGap = Setting(try duration(1...86_400, off: "off"), origin)
        case "lead_in": rules.leadIn = Setting(try duration(0...3600)!, origin)
        case "lead_out": rules.leadOut = Setting(try duration(0...3600)!, origin)
        case "round": rules.roundIncrement = Setting(try duration(60...86_400, off: "none") ?? 0, origin)
        case "round_mode": rules.roundMode = Setting(try choice { Rounding.Mode(rawValue: $0) }, origin)
        case "round_per": rules.roundPer = Setting(try choice { Rounding.Scope(name: $0) }, origin)
        case "round_grace": rules.roundGrace = Setting(try duration(0...86_400)!, origin)
        case "minimum_session": rules.minimumSession = Setting(try duration(0...86_400)!, origin)
        case "minimum_day": rules.minimumDay = Setting(try duration(0...86_400)!, origin)
        case "invoice_threshold": rules.invoiceThreshold = Setting(try duration(0...3_600_000)!, origin)
        case "rate":
            let text: String? =
                value.string ?? value.int.map { "\($0)" }
                ?? value.double.map { String(format: "%.6f", $0) }.map(Self.trimZeros)
            guard let text, !text.hasPrefix("-") else { throw wrong() }
            rules.rate = Setting(text, origin)
        case "currency": rules.currency = Setting(try choice { Currency(code: $0) }, origin)
        case "time_zone":
            guard let name = value.string, TimeZone(identifier: name) != nil else { throw wrong() }
            rules.timeZone = Setting(name, origin)
        case "date_order": rules.dateOrder = Setting(try choice { DateOrder(rawValue: $0) }, origin)
        case "holiday_multiplier": rules.holidayPercent = Setting(try percent(value, at: path), origin)
        case "holidays":
            guard let array = value.array else { throw wrong() }
            var days: Set<String> = []
            for element in array {
                if let date = element.date {
                    days.insert(CivilDateTime(year: date.year, month: date.month, day: date.day).dateString)
                } else if let text = element.string, let day = ContextDate.parseISODate(text) {
                    days.insert(day.dateString)
                } else {
                    throw wrong()
                }
            }
            rules.holidays = Setting(days, origin)
        case "after_hours":
            guard let table = value.table else { throw wrong() }
            try expectOnly(["day_starts", "day_ends", "multiplier"], in: table, at: path)
            guard let starts = table["day_starts"], let ends = table["day_ends"], let multiplier = table["multiplier"]
            else { throw wrong() }
            let start = try minuteOfDay(starts, at: path + ["day_starts"])
            let end = try minuteOfDay(ends, at: path + ["day_ends"])
            guard start < end else { throw fail(path, "day_starts must come before day_ends") }
            rules.afterHours = Setting(
                Rate.AfterHours(
                    dayStartMinute: start, dayEndMinute: end,
                    percent: try percent(multiplier, at: path + ["multiplier"])),
                origin)
        case "weekend":
            guard let table = value.table else { throw wrong() }
            try expectOnly(["days", "multiplier"], in: table, at: path)
            guard let multiplier = table["multiplier"] else { throw wrong() }
            var weekdays: Set<Int> = [6, 7]
            if let days = table["days"] {
                weekdays = []
                for name in try strings(days, at: path + ["days"]) {
                    guard
                        let index = Rate.weekdayNames.firstIndex(where: {
                            $0.lowercased() == name.lowercased().prefix(3)
                        })
                    else { throw fail(path + ["days"], "'\(name)' is not a weekday (mon, tue, … sun)") }
                    weekdays.insert(index + 1)
                }
            }
            rules.weekend = Setting(
                Rate.SpecialDays(weekdays: weekdays, percent: try percent(multiplier, at: path + ["multiplier"])),
                origin)
        default: throw wrong()
        }
    }

    /// A multiplier (`1.5`, `2`) as whole percent, from 1 to 10.
    private func percent(_ value: any TOMLValueConvertible, at path: [String]) throws(ChatBillError) -> Int {
        let number = value.double ?? value.int.map(Double.init)
        guard let number, number >= 1, number <= 10 else {
            throw fail(path, "must be a multiplier from 1 to 10, like 1.5")
        }
        let percent = Int((number * 100).rounded())
        guard abs(Double(percent) - number * 100) < 1e-6 else {
            throw fail(path, "must have at most two decimals, like 1.25")
        }
        return percent
    }

    /// `"08:00"` as minutes after midnight (`"24:00"` is the end of the day).
    private func minuteOfDay(_ value: any TOMLValueConvertible, at path: [String]) throws(ChatBillError) -> Int {
        if let time = value.time { return time.hour * 60 + time.minute }
        let parts = value.string?.split(separator: ":") ?? []
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour),
            (0..<60).contains(minute), hour * 60 + minute <= 1440
        else { throw fail(path, "must be a time of day like \"08:00\"") }
        return hour * 60 + minute
    }

    private static func trimZeros(_ text: String) -> String {
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
