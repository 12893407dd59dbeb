import Foundation

/// `report --format json`: the versioned `chatbill.report/1` contract that scripts rely on
/// (documented in the README). Fields are only ever added within a schema version.
///
/// The document is written key by key and session by session, in the layout of Foundation's
/// pretty printer with sorted keys, so a report with any number of sessions is never held whole.
public struct JSONReportRenderer: ReportRenderer {
    public static let schema = "chatbill.report/1"

    public init() {}

    public func write(_ report: Report, to output: (String) -> Void) {
        write(report, indent: "", to: output)
        output("\n")
    }

    /// `{"reports": […], "schema": "chatbill.reports/1", "totals": […]}`: each client's report as
    /// above, and the billed time and amounts per currency of them all.
    public func write(_ reports: [Report], to output: (String) -> Void) {
        output("{\n  \"reports\" : [\n")
        for (index, report) in reports.enumerated() {
            output("    ")
            write(report, indent: "    ", to: output)
            output(index == reports.count - 1 ? "\n" : ",\n")
        }
        let totals = ReportDocument.AllClients(
            billedSeconds: reports.reduce(0) { $0 + $1.bill.billedSeconds },
            amounts: MoneyTotals(reports).amounts.map { .init(currency: $0.0.code, amount: $0.1) })
        output(
            "  ],\n  \"schema\" : \"\(Self.severalSchema)\",\n  \"totals\" : "
                + Self.encoded(totals, indent: "  ") + "\n}\n")
    }

    /// The schema of several clients' reports together.
    public static let severalSchema = "chatbill.reports/1"

    private static func encoded(_ value: some Encodable, indent: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 0 || $0.element.isEmpty ? String($0.element) : indent + $0.element }
            .joined(separator: "\n")
    }

    /// One report's object, every line after the first indented by `indent`, without a newline
    /// after its closing brace.
    private func write(_ report: Report, indent: String, to output: (String) -> Void) {
        let document = ReportDocument(report)
        let inner = indent + "  "
        func member(_ key: String, _ value: some Encodable) -> String {
            inner + "\"\(key)\" : " + Self.encoded(value, indent: inner)
        }
        var head: [String] = []
        if let client = report.client { head.append(member("client", client)) }
        head += [member("days", document.days), member("inputs", document.inputs)]
        if !report.origins.isEmpty { head.append(member("origins", report.origins)) }
        if let period = document.period { head.append(member("period", period)) }
        head += [
            member("policy", document.policy), member("provider", document.provider), member("schema", document.schema),
        ]
        output("{\n" + head.joined(separator: ",\n") + ",\n")
        if report.bill.lines.count == 0 {
            output(member("sessions", [ReportDocument.Session]()))
        } else {
            output(inner + "\"sessions\" : [\n")
            var chunk = ""
            var isFirst = true
            var clock = ZoneClock(report.timeZone)
            let element = inner + "  "
            for line in report.bill.lines {
                chunk +=
                    (isFirst ? element : ",\n" + element)
                    + Self.encoded(document.session(line, clock: &clock), indent: element)
                isFirst = false
                if chunk.utf8.count > 1 << 16 {
                    output(chunk)
                    chunk = ""
                }
            }
            output(chunk + "\n" + inner + "]")
        }
        var tail = [member("timeZone", document.timeZone), member("totals", document.totals)]
        if !document.whatIf.isEmpty { tail.append(member("whatIf", document.whatIf)) }
        output(",\n" + tail.joined(separator: ",\n") + "\n" + indent + "}")
    }
}

/// The shape of `chatbill.report/1`.
struct ReportDocument {
    struct Input: Encodable {
        let file: String
        let sha256: String
        let parser: String
        let messages: Int
        let lines: Int
        let warnings: Int
        let dateOrder: String?
        /// The archive the file was read from, if any.
        let archive: Archive?
        /// The day of an export whose lines carry only times, if any.
        let date: Day?
        /// For a database export, what its places number (`rows of Messages`); absent otherwise.
        let places: String?
        /// The source (1-based export given) the file belongs to, when a report merges several.
        let source: Int?
        /// Messages of the file's source that an earlier source already had, when any.
        let duplicates: Int?

        struct Day: Encodable {
            let day: String
            let source: String
        }
    }

    struct Archive: Encodable {
        let file: String
        let sha256: String
    }

    struct TimeZoneInfo: Encodable {
        let identifier: String
        let source: String
    }

    struct Period: Encodable {
        let from: String
        let through: String
        let sessionsOutside: Int
    }

    struct Policy: Encodable {
        let gapSeconds: Int
        let workGapSeconds: Int?
        let leadInSeconds: Int
        let leadOutSeconds: Int
        let rounding: RoundingRule
        let minimumSessionSeconds: Int
        let minimumDaySeconds: Int
        let rate: RateRule?

        /// `workGapSeconds` is written as null when the rule is off, not left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(gapSeconds, forKey: .gapSeconds)
            try container.encode(workGapSeconds, forKey: .workGapSeconds)
            try container.encode(leadInSeconds, forKey: .leadInSeconds)
            try container.encode(leadOutSeconds, forKey: .leadOutSeconds)
            try container.encode(rounding, forKey: .rounding)
            try container.encode(minimumSessionSeconds, forKey: .minimumSessionSeconds)
            try container.encode(minimumDaySeconds, forKey: .minimumDaySeconds)
            try container.encodeIfPresent(rate, forKey: .rate)
        }

        private enum CodingKeys: String, CodingKey {
            case gapSeconds, workGapSeconds, leadInSeconds, leadOutSeconds, rounding, minimumSessionSeconds
            case minimumDaySeconds, rate
        }
    }

    struct RoundingRule: Encodable {
        let incrementSeconds: Int
        let mode: String
        /// `session`, `day`, or `total` for the invoice period (the name schema 1 started with).
        let per: String
        let graceSeconds: Int
    }

    /// Money is in minor units of `currency` (cents for EUR); multipliers are percentages.
    struct RateRule: Encodable {
        let currency: String
        let minorUnitsPerHour: Int
        let afterHours: AfterHours?
        let weekend: Weekend?
        let holidays: [String]
        let holidayPercent: Int

        struct AfterHours: Encodable {
            let dayStarts: String
            let dayEnds: String
            let percent: Int
        }

        struct Weekend: Encodable {
            let isoWeekdays: [Int]
            let percent: Int
        }
    }

    struct MessageReference: Encodable {
        let line: Int
        let sender: String
        let time: String
        /// The file (1-based, as `inputs` lists them) in an export of several files; absent otherwise.
        let file: Int?
    }

    struct SilentWork: Encodable {
        let after: MessageReference
        let before: MessageReference
        let seconds: Int
    }

    struct Connection: Encodable {
        let at: MessageReference
        let end: String
        let seconds: Int
    }

    struct Ending: Encodable {
        let kind: String
        let next: MessageReference?
        let silenceSeconds: Int?
    }

    struct Reasons: Encodable {
        let openedBy: MessageReference
        let start: String
        let silentWork: [SilentWork]
        let connections: [Connection]
        let ending: Ending
    }

    struct Part: Encodable {
        let start: String
        let end: String
        let seconds: Int
        let band: String
        let percent: Int
    }

    struct Session: Encodable {
        let date: String
        let start: String
        let end: String
        let billable: Bool
        let rawSeconds: Int
        let billedSeconds: Int
        let minimumSeconds: Int
        let amount: Int?
        let parts: [Part]?
        let providerMessages: Int
        let clientMessages: Int
        let firstLine: Int
        let lastLine: Int
        /// The files (1-based) of the first and last line, in an export of several files; absent otherwise.
        let firstFile: Int?
        let lastFile: Int?
        /// The sources (1-based) the session drew from, when a report merges several.
        let sources: [Int]?
        let reasons: Reasons
    }

    struct Day: Encodable {
        let date: String
        let rawSeconds: Int
        let roundingSeconds: Int
        let minimumSeconds: Int
        let billedSeconds: Int
        let amount: Int?
        let sessions: Int
        let unanswered: Int
    }

    struct Totals: Encodable {
        let rawSeconds: Int
        let roundingSeconds: Int
        let minimumSeconds: Int
        let billedSeconds: Int
        let amount: Int?
        let currency: String?
        let sessions: Int
        let unanswered: Int
    }

    struct WhatIfTotal: Encodable {
        let gapSeconds: Int
        let workGapSeconds: Int?
        let billedSeconds: Int
        let sessions: Int
        let amount: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(gapSeconds, forKey: .gapSeconds)
            try container.encode(workGapSeconds, forKey: .workGapSeconds)
            try container.encode(billedSeconds, forKey: .billedSeconds)
            try container.encode(sessions, forKey: .sessions)
            try container.encodeIfPresent(amount, forKey: .amount)
        }

        private enum CodingKeys: String, CodingKey {
            case gapSeconds, workGapSeconds, billedSeconds, sessions, amount
        }
    }

    /// The totals of several clients' reports.
    struct AllClients: Encodable {
        struct Amount: Encodable {
            let currency: String
            let amount: Int
        }

        let billedSeconds: Int
        let amounts: [Amount]
    }

    let schema = JSONReportRenderer.schema
    let inputs: [Input]
    let timeZone: TimeZoneInfo
    let provider: [String]
    let policy: Policy
    let period: Period?
    let days: [Day]
    let totals: Totals
    let whatIf: [WhatIfTotal]
    private let isSeveralFiles: Bool
    private let isSeveralSources: Bool

    init(_ report: Report) {
        let zone = report.timeZone
        isSeveralFiles = report.files.count > 1
        isSeveralSources = report.sources.count > 1
        var inputs: [Input] = []
        for (sourceIndex, summary) in report.sources.enumerated() {
            for (file, messages) in zip(summary.files, summary.messageCounts) {
                inputs.append(
                    Input(
                        file: file.displayName, sha256: file.sha256, parser: summary.parserName, messages: messages,
                        lines: file.lineCount,
                        warnings: summary.files.count > 1 ? summary.warningCount(of: file) : summary.warningCount,
                        dateOrder: summary.dateOrder?.order.rawValue,
                        archive: file.container.map { Archive(file: $0.path, sha256: $0.sha256) },
                        date: summary.contextDate.map { Input.Day(day: $0.day.dateString, source: $0.sourceName) },
                        places: summary.rowTable.map { "rows of \($0)" },
                        source: isSeveralSources ? sourceIndex + 1 : nil,
                        duplicates: report.duplicates[sourceIndex] > 0 ? report.duplicates[sourceIndex] : nil))
            }
        }
        self.inputs = inputs
        timeZone = TimeZoneInfo(identifier: zone.identifier, source: report.zone.source.rawValue)
        provider = report.provider.names
        let policy = report.policy
        self.policy = Policy(
            gapSeconds: policy.gapSeconds, workGapSeconds: policy.workGapSeconds, leadInSeconds: policy.leadInSeconds,
            leadOutSeconds: policy.leadOutSeconds,
            rounding: RoundingRule(
                incrementSeconds: policy.rounding.incrementSeconds, mode: policy.rounding.mode.rawValue,
                per: policy.rounding.scope == .invoice ? "total" : policy.rounding.scope.rawValue,
                graceSeconds: policy.rounding.graceSeconds),
            minimumSessionSeconds: policy.minimumSessionSeconds, minimumDaySeconds: policy.minimumDaySeconds,
            rate: policy.rate.map { rate in
                RateRule(
                    currency: rate.currency.code, minorUnitsPerHour: rate.minorUnitsPerHour,
                    afterHours: rate.afterHours.map {
                        .init(
                            dayStarts: Rate.clock($0.dayStartMinute), dayEnds: Rate.clock($0.dayEndMinute),
                            percent: $0.percent)
                    },
                    weekend: rate.weekend.map { .init(isoWeekdays: $0.weekdays.sorted(), percent: $0.percent) },
                    holidays: rate.holidays.sorted(), holidayPercent: rate.holidayPercent)
            })
        let bill = report.bill
        period = bill.period.map {
            Period(from: $0.lowerBound, through: $0.upperBound, sessionsOutside: bill.sessionsOutsidePeriod)
        }
        days = bill.days.map {
            Day(
                date: $0.date, rawSeconds: $0.rawSeconds, roundingSeconds: $0.roundingSeconds,
                minimumSeconds: $0.minimumSeconds, billedSeconds: $0.billedSeconds, amount: $0.amount,
                sessions: $0.sessions, unanswered: $0.unanswered)
        }
        let dayMinimums = bill.days.reduce(0) { $0 + $1.minimumSeconds }
        totals = Totals(
            rawSeconds: bill.rawSeconds,
            roundingSeconds: bill.days.reduce(0) { $0 + $1.roundingSeconds } + bill.totalRoundingSeconds,
            minimumSeconds: dayMinimums, billedSeconds: bill.billedSeconds, amount: bill.amount,
            currency: policy.rate?.currency.code, sessions: bill.billableSessions, unanswered: bill.unansweredSessions)
        whatIf = report.whatIf.map {
            WhatIfTotal(
                gapSeconds: $0.gapSeconds, workGapSeconds: $0.workGapSeconds, billedSeconds: $0.billedSeconds,
                sessions: $0.sessions, amount: $0.amount)
        }
    }

    /// The `sessions` element of one bill line.
    func session(_ line: Bill.Line, clock: inout ZoneClock) -> Session {
        func format(_ instant: Date) -> String { ISOTimestamp.format(instant, clock: &clock) }
        func reference(_ ref: SessionReasons.Reference) -> MessageReference {
            MessageReference(
                line: ref.line, sender: ref.sender, time: format(ref.instant), file: isSeveralFiles ? ref.file + 1 : nil
            )
        }
        let session = line.session
        let ending: Ending =
            switch session.reasons.ending {
            case .endOfExport: Ending(kind: "end-of-export", next: nil, silenceSeconds: nil)
            case .silence(let next, let seconds):
                Ending(kind: "silence", next: reference(next), silenceSeconds: seconds)
            }
        return Session(
            date: line.date, start: format(session.start), end: format(session.end), billable: session.isBillable,
            rawSeconds: line.rawSeconds, billedSeconds: line.billedSeconds, minimumSeconds: line.minimumSeconds,
            amount: line.amount,
            parts: line.amount == nil
                ? nil
                : line.parts.map {
                    Part(
                        start: format($0.start), end: format($0.end), seconds: $0.seconds, band: $0.band.rawValue,
                        percent: $0.percent)
                },
            providerMessages: session.providerMessages, clientMessages: session.clientMessages,
            firstLine: session.firstLine, lastLine: session.lastLine,
            firstFile: isSeveralFiles ? session.files.lowerBound + 1 : nil,
            lastFile: isSeveralFiles ? session.files.upperBound + 1 : nil,
            sources: isSeveralSources ? session.sources.members.map { $0 + 1 } : nil,
            reasons: Reasons(
                openedBy: reference(session.reasons.openedBy), start: session.reasons.start.rawValue,
                silentWork: session.reasons.silentWork.map {
                    SilentWork(after: reference($0.after), before: reference($0.before), seconds: $0.seconds)
                },
                connections: session.reasons.connections.map {
                    Connection(at: reference($0.reference), end: format($0.end), seconds: $0.seconds)
                },
                ending: ending))
    }
}
