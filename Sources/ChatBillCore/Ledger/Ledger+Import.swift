import Foundation
import GRDB

extension Ledger {
    /// What an import added.
    public struct ImportResult: Sendable {
        public let messagesAdded: Int
        public let messagesAlreadyKnown: Int
        /// New billable time drawn from prepaid blocks.
        public let prepaidSeconds: Int
        /// New billable time logged for an invoice (no block left, or none bought).
        public let loggedSeconds: Int
    }

    /// Imports exports of a chat with `client`: records the messages not seen before (by content),
    /// sessionizes everything the ledger knows of the client by the rules in force on each day,
    /// and records the billable time not recorded before — drawn from prepaid blocks in work-time
    /// order (oldest-expiring block first; a session that runs past a block is split), the rest
    /// logged. Records where the exports are, so an invoice can cite them. One transaction.
    public func importChat(
        client key: String, sources: [Transcript], provider: ProviderIdentity, rules: PolicyTimeline, zone: TimeZone
    ) throws(ChatBillError) -> ImportResult {
        let files = sources.flatMap(\.inputs).map { "\($0.file.displayName) (sha256 \($0.file.sha256))" }
        return try write { db in
            let client = try clientID(key, in: db)
            let operation = try operation(
                "import", "\(key): " + files.joined(separator: ", "), client: client, rules: rules.summary, in: db)
            for export in RecordedExport.exports(of: sources) {
                try db.execute(
                    sql: "INSERT INTO source (operationId, path, sha256) VALUES (?, ?, ?)",
                    arguments: [operation, export.path, export.sha256])
            }
            var written = 0
            func wrote() {
                written += 1
                if let limit = Ledger.crashAfter, written >= limit { _exit(3) }
            }
            // Messages by content: the same message in two exports (or from two devices) is one row.
            var added = 0
            var known = 0
            var occurrences: [String: Int] = [:]
            let merged = MergedSources(sources, provider: provider)
            for message in merged.messages where message.kind.isParticipantActivity {
                let isProvider = message.kind == .remote || provider.isProvider(message.sender)
                let fingerprint = Self.fingerprint(message, isProvider: isProvider)
                let occurrence = occurrences[fingerprint, default: 0]
                occurrences[fingerprint] = occurrence + 1
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO message (clientId, fingerprint, occurrence, instant, isProvider, seconds, operationId)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        client, fingerprint, occurrence, message.instant.timeIntervalSince1970, isProvider,
                        message.seconds, operation,
                    ])
                if db.changesCount > 0 {
                    added += 1
                    wrote()
                } else {
                    known += 1
                }
            }
            // Sessions of everything known, minus the time already recorded.
            let rows = try Row.fetchAll(
                db, sql: "SELECT instant, isProvider, seconds FROM message WHERE clientId = ? ORDER BY instant, id",
                arguments: [client])
            var clock = ZoneClock(zone)
            var period = 0
            var builder: SessionBuilder?
            var sessions: [Session] = []
            let senders = SenderTable()
            let parties = [false: senders.index(of: "client"), true: senders.index(of: "provider")]
            for (order, row) in rows.enumerated() {
                let isProvider: Bool = row["isProvider"]
                let instant = Date(timeIntervalSince1970: row["instant"])
                let input = SessionInput(
                    instant: instant, sender: parties[isProvider]!, isProvider: isProvider, line: 0,
                    lastLine: 0, order: order, seconds: row["seconds"])
                // A session takes the rules of the day its first message falls on.
                let now = rules.changes.isEmpty ? 0 : rules.period(of: clock.local(instant).dateString)
                guard builder != nil else {
                    period = now
                    builder = SessionBuilder(policy: rules.policy(ofPeriod: now), senders: senders, keepsReasons: false)
                    _ = builder!.add(input)
                    continue
                }
                if builder!.add(input) {
                    sessions.append(builder!.takeClosed())
                    if now != period {
                        // The message opened a session under other rules: open it again under its own.
                        period = now
                        builder = SessionBuilder(
                            policy: rules.policy(ofPeriod: now), senders: senders, keepsReasons: false)
                        _ = builder!.add(input)
                    }
                }
            }
            if let last = builder?.finish() { sessions.append(last) }
            let recorded = try Row.fetchAll(
                db, sql: "SELECT start, end FROM entry WHERE clientId = ? ORDER BY start", arguments: [client]
            ).map { (start: $0["start"] as Double, end: $0["end"] as Double) }
            let fresh = Self.subtract(
                recorded, from: Self.newTime(of: sessions.filter(\.isBillable), recorded: recorded))
            // Draw down, in work-time order.
            var deposits = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.id, d.date, d.expires, d.seconds - IFNULL((SELECT SUM(e.end - e.start) FROM entry e
                        WHERE e.depositId = d.id), 0) AS remaining
                    FROM deposit d WHERE d.clientId = ? ORDER BY IFNULL(d.expires, '9999-12-31'), d.date, d.id
                    """, arguments: [client]
            ).map {
                (
                    id: $0["id"] as Int64, date: $0["date"] as String, expires: $0["expires"] as String?,
                    remaining: $0["remaining"] as Double
                )
            }
            var prepaid = 0.0
            var logged = 0.0
            for interval in fresh {
                var start = interval.start
                let date = clock.local(Date(timeIntervalSince1970: start)).dateString
                for index in deposits.indices where start < interval.end {
                    let deposit = deposits[index]
                    guard deposit.remaining > 0.5, deposit.date <= date, deposit.expires.map({ $0 >= date }) ?? true
                    else {
                        continue
                    }
                    let end = min(interval.end, start + deposit.remaining)
                    try db.execute(
                        sql:
                            "INSERT INTO entry (clientId, start, end, date, depositId, operationId) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [client, start, end, date, deposit.id, operation])
                    wrote()
                    deposits[index].remaining -= end - start
                    prepaid += end - start
                    start = end
                }
                if start < interval.end {
                    try db.execute(
                        sql: "INSERT INTO entry (clientId, start, end, date, operationId) VALUES (?, ?, ?, ?, ?)",
                        arguments: [client, start, interval.end, date, operation])
                    wrote()
                    logged += interval.end - start
                }
            }
            return ImportResult(
                messagesAdded: added, messagesAlreadyKnown: known, prepaidSeconds: Int(prepaid.rounded()),
                loggedSeconds: Int(logged.rounded()))
        }
    }

    /// A message's identity by content: its minute, whether the provider sent it (else who), its
    /// kind, its text with spacing normalised, and a connection's length.
    static func fingerprint(_ message: Message, isProvider: Bool) -> String {
        let minute = Int64((message.instant.timeIntervalSince1970 / 60).rounded(.down))
        let sender = isProvider ? "\u{0}provider" : ProviderIdentity.normalize(message.sender)
        let text = message.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return ExportFile.sha256(
            of: Array("\(minute)|\(sender)|\(message.kind.rawValue)|\(message.seconds)|\(text)".utf8))
    }

    /// The time of each session that may still be recorded: all of a session nothing of which is
    /// recorded yet; of one already (partly) recorded, only what runs past its recorded end (a
    /// newer export that extends it). So rules changed later apply to new sessions only, and
    /// recorded time never moves.
    static func newTime(of sessions: [Session], recorded: [(start: Double, end: Double)]) -> [(Double, Double)] {
        sessions.compactMap { session in
            let start = session.start.timeIntervalSince1970
            let end = session.end.timeIntervalSince1970
            let overlapping = recorded.filter { $0.end > start && $0.start < end }
            guard let recordedEnd = overlapping.map(\.end).max() else { return (start, end) }
            return recordedEnd < end ? (recordedEnd, end) : nil
        }
    }

    /// `intervals` with every part covered by `recorded` (sorted by start) taken out.
    static func subtract(
        _ recorded: [(start: Double, end: Double)], from intervals: [(Double, Double)]
    ) -> [(start: Double, end: Double)] {
        var result: [(start: Double, end: Double)] = []
        for (start, end) in intervals {
            var cursor = start
            for taken in recorded where taken.end > cursor && taken.start < end {
                if taken.start > cursor { result.append((cursor, taken.start)) }
                cursor = max(cursor, taken.end)
            }
            if cursor < end { result.append((cursor, end)) }
        }
        return result.filter { $0.end - $0.start >= 1 }
    }
}
