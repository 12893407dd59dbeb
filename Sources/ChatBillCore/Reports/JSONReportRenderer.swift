import Foundation

/// `report --format json`: the versioned `chatbill.report/1` contract that scripts rely on
/// (documented in the README). Fields are only ever added within a schema version.
public struct JSONReportRenderer: ReportRenderer {
    public static let schema = "chatbill.report/1"

    public init() {}

    public func render(_ report: Report) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(ReportDocument(report))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The shape of `chatbill.report/1`.
struct ReportDocument: Encodable {
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
    let sessions: [Session]
    let days: [Day]
    let totals: Totals

    init(_ report: Report) {
        let transcript = report.transcript
        let zone = report.timeZone
        func reference(_ ref: SessionReasons.Reference) -> MessageReference {
            MessageReference(line: ref.line, sender: ref.sender, time: ISOTimestamp.format(ref.instant, in: zone))
        }
        inputs = [
            Input(
                file: transcript.input.displayName, sha256: transcript.input.sha256, parser: transcript.parserName,
                messages: transcript.messages.count, lines: transcript.input.lines.lineCount,
                warnings: transcript.warningCount, dateOrder: transcript.dateOrder?.order.rawValue,
                archive: transcript.input.container.map { Archive(file: $0.path, sha256: $0.sha256) },
                date: transcript.contextDate.map { Input.Day(day: $0.day.dateString, source: $0.sourceName) })
        ]
        timeZone = TimeZoneInfo(identifier: zone.identifier, source: transcript.timeZone.source.rawValue)
        provider = report.provider.names
        let policy = report.policy
        self.policy = Policy(
            gapSeconds: policy.gapSeconds, workGapSeconds: policy.workGapSeconds, leadInSeconds: policy.leadInSeconds,
            leadOutSeconds: policy.leadOutSeconds,
            rounding: RoundingRule(
                incrementSeconds: policy.rounding.incrementSeconds, mode: policy.rounding.mode.rawValue,
                per: policy.rounding.scope.rawValue))
        sessions = report.bill.lines.map { line in
            let session = line.session
            let ending: Ending =
                switch session.reasons.ending {
                case .endOfExport: Ending(kind: "end-of-export", next: nil, silenceSeconds: nil)
                case .silence(let next, let seconds):
                    Ending(kind: "silence", next: reference(next), silenceSeconds: seconds)
                }
            return Session(
                date: line.date, start: ISOTimestamp.format(session.start, in: zone),
                end: ISOTimestamp.format(session.end, in: zone), billable: session.isBillable,
                rawSeconds: line.rawSeconds, billedSeconds: line.billedSeconds,
                providerMessages: session.providerMessages, clientMessages: session.clientMessages,
                firstLine: session.lines.lowerBound, lastLine: session.lines.upperBound,
                reasons: Reasons(
                    openedBy: reference(session.reasons.openedBy), start: session.reasons.start.rawValue,
                    silentWork: session.reasons.silentWork.map {
                        SilentWork(after: reference($0.after), before: reference($0.before), seconds: $0.seconds)
                    },
                    ending: ending))
        }
        days = report.bill.days.map {
            Day(
                date: $0.date, rawSeconds: $0.rawSeconds, roundingSeconds: $0.roundingSeconds,
                billedSeconds: $0.billedSeconds, sessions: $0.sessions, unanswered: $0.unanswered)
        }
        totals = Totals(
            rawSeconds: report.bill.rawSeconds,
            roundingSeconds: report.bill.billedSeconds - report.bill.lines.reduce(0) { $0 + $1.billedSeconds },
            billedSeconds: report.bill.billedSeconds, sessions: report.bill.billableSessions,
            unanswered: report.bill.unansweredSessions)
    }
}
