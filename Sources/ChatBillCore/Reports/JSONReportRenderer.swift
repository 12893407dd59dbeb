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
        let document = ReportDocument(report)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        func encoded(_ value: some Encodable, indent: String) -> String {
            let text = String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { $0.offset == 0 || $0.element.isEmpty ? String($0.element) : indent + $0.element }
                .joined(separator: "\n")
        }
        func member(_ key: String, _ value: some Encodable) -> String {
            "  \"\(key)\" : " + encoded(value, indent: "  ")
        }
        output(
            "{\n"
                + [
                    member("days", document.days), member("inputs", document.inputs), member("policy", document.policy),
                    member("provider", document.provider), member("schema", document.schema),
                ].joined(separator: ",\n") + ",\n")
        if report.bill.lines.count == 0 {
            output(member("sessions", [ReportDocument.Session]()))
        } else {
            output("  \"sessions\" : [\n")
            var chunk = ""
            var isFirst = true
            var clock = ZoneClock(report.timeZone)
            for line in report.bill.lines {
                chunk += (isFirst ? "    " : ",\n    ") + encoded(document.session(line, clock: &clock), indent: "    ")
                isFirst = false
                if chunk.utf8.count > 1 << 16 {
                    output(chunk)
                    chunk = ""
                }
            }
            output(chunk + "\n  ]")
        }
        output(
            ",\n" + [member("timeZone", document.timeZone), member("totals", document.totals)].joined(separator: ",\n")
                + "\n}\n")
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

    struct Policy: Encodable {
        let gapSeconds: Int
        let workGapSeconds: Int?
        let leadInSeconds: Int
        let leadOutSeconds: Int
        let rounding: RoundingRule

        /// `workGapSeconds` is written as null when the rule is off, not left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(gapSeconds, forKey: .gapSeconds)
            try container.encode(workGapSeconds, forKey: .workGapSeconds)
            try container.encode(leadInSeconds, forKey: .leadInSeconds)
            try container.encode(leadOutSeconds, forKey: .leadOutSeconds)
            try container.encode(rounding, forKey: .rounding)
        }

        private enum CodingKeys: String, CodingKey {
            case gapSeconds, workGapSeconds, leadInSeconds, leadOutSeconds, rounding
        }
    }

    struct RoundingRule: Encodable {
        let incrementSeconds: Int
        let mode: String
        let per: String
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

    struct Ending: Encodable {
        let kind: String
        let next: MessageReference?
        let silenceSeconds: Int?
    }

    struct Reasons: Encodable {
        let openedBy: MessageReference
        let start: String
        let silentWork: [SilentWork]
        let ending: Ending
    }

    struct Session: Encodable {
        let date: String
        let start: String
        let end: String
        let billable: Bool
        let rawSeconds: Int
        let billedSeconds: Int
        let providerMessages: Int
        let clientMessages: Int
        let firstLine: Int
        let lastLine: Int
        /// The files (1-based) of the first and last line, in an export of several files; absent otherwise.
        let firstFile: Int?
        let lastFile: Int?
        let reasons: Reasons
    }

    struct Day: Encodable {
        let date: String
        let rawSeconds: Int
        let roundingSeconds: Int
        let billedSeconds: Int
        let sessions: Int
        let unanswered: Int
    }

    struct Totals: Encodable {
        let rawSeconds: Int
        let roundingSeconds: Int
        let billedSeconds: Int
        let sessions: Int
        let unanswered: Int
    }

    let schema = JSONReportRenderer.schema
    let inputs: [Input]
    let timeZone: TimeZoneInfo
    let provider: [String]
    let policy: Policy
    let days: [Day]
    let totals: Totals
    private let isSeveralFiles: Bool

    init(_ report: Report) {
        let summary = report.summary
        let zone = report.timeZone
        isSeveralFiles = summary.files.count > 1
        inputs = zip(summary.files, summary.messageCounts).map { file, messages in
            Input(
                file: file.displayName, sha256: file.sha256, parser: summary.parserName, messages: messages,
                lines: file.lineCount,
                warnings: summary.files.count > 1 ? summary.warningCount(of: file) : summary.warningCount,
                dateOrder: summary.dateOrder?.order.rawValue,
                archive: file.container.map { Archive(file: $0.path, sha256: $0.sha256) },
                date: summary.contextDate.map { Input.Day(day: $0.day.dateString, source: $0.sourceName) },
                places: summary.rowTable.map { "rows of \($0)" })
        }
        timeZone = TimeZoneInfo(identifier: zone.identifier, source: summary.timeZone.source.rawValue)
        provider = report.provider.names
        let policy = report.policy
        self.policy = Policy(
            gapSeconds: policy.gapSeconds, workGapSeconds: policy.workGapSeconds, leadInSeconds: policy.leadInSeconds,
            leadOutSeconds: policy.leadOutSeconds,
            rounding: RoundingRule(
                incrementSeconds: policy.rounding.incrementSeconds, mode: policy.rounding.mode.rawValue,
                per: policy.rounding.scope.rawValue))
        days = report.bill.days.map {
            Day(
                date: $0.date, rawSeconds: $0.rawSeconds, roundingSeconds: $0.roundingSeconds,
                billedSeconds: $0.billedSeconds, sessions: $0.sessions, unanswered: $0.unanswered)
        }
        totals = Totals(
            rawSeconds: report.bill.rawSeconds,
            roundingSeconds: report.bill.billedSeconds - report.bill.linesBilledSeconds,
            billedSeconds: report.bill.billedSeconds, sessions: report.bill.billableSessions,
            unanswered: report.bill.unansweredSessions)
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
            rawSeconds: line.rawSeconds, billedSeconds: line.billedSeconds,
            providerMessages: session.providerMessages, clientMessages: session.clientMessages,
            firstLine: session.firstLine, lastLine: session.lastLine,
            firstFile: isSeveralFiles ? session.files.lowerBound + 1 : nil,
            lastFile: isSeveralFiles ? session.files.upperBound + 1 : nil,
            reasons: Reasons(
                openedBy: reference(session.reasons.openedBy), start: session.reasons.start.rawValue,
                silentWork: session.reasons.silentWork.map {
                    SilentWork(after: reference($0.after), before: reference($0.before), seconds: $0.seconds)
                },
                ending: ending))
    }
}
