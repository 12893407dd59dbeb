import Foundation

/// Time entries as an iCalendar file (RFC 5545): one event per entry from its start for its
/// billed time, in UTC, with a UID that stays the same on every export of the same work, so a
/// calendar re-importing the file updates the events instead of duplicating them.
struct ICalendarWriter {
    let batches: [(entries: [TimeEntry], booking: TimeEntryFormat.Booking)]

    var text: String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//chatbill//time entries//EN", "CALSCALE:GREGORIAN",
        ]
        for (entries, booking) in batches {
            for entry in entries { lines += event(entry, booking: booking) }
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    private func event(_ entry: TimeEntry, booking: TimeEntryFormat.Booking) -> [String] {
        [
            "BEGIN:VEVENT",
            "UID:\(entry.identifier)",
            "DTSTAMP:\(Self.utc(entry.end))",
            "DTSTART:\(Self.utc(entry.start))",
            "DTEND:\(Self.utc(entry.start.addingTimeInterval(TimeInterval(entry.billedSeconds))))",
            "SUMMARY:\(Self.escape("\(booking.client): \(booking.task) (\(DurationText.format(seconds: entry.billedSeconds)))"))",
            "DESCRIPTION:\(Self.escape(entry.notes))",
            "CATEGORIES:\(Self.escape(booking.project))",
            "END:VEVENT",
        ]
    }

    /// `20261102T080300Z`.
    static func utc(_ date: Date) -> String {
        let civil = CivilDateTime(secondsSinceEpochAsUTC: Int64(date.timeIntervalSince1970.rounded(.down)))
        return civil.dateString.replacingOccurrences(of: "-", with: "") + "T"
            + civil.timeString.replacingOccurrences(of: ":", with: "") + "Z"
    }

    /// TEXT values: backslash, semicolon, comma and line breaks escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// Lines longer than 75 octets folded (CRLF and a space), never inside a character.
    static func fold(_ line: String) -> String {
        var result = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result
    }
}
