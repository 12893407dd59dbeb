import Foundation

/// The files `chatbill export --to` writes, each in the layout its tool documents for import.
public enum TimeEntryFormat: String, Sendable, CaseIterable {
    case harvest, toggl, clockify, kimai, iif, timeclock, ics

    /// Who and what the entries are booked as.
    public struct Booking: Sendable {
        public var client: String
        public var project: String
        public var task: String
        /// The person's name as the tool knows them (`Sam Keller`).
        public var person: String
        /// The person's e-mail, which Toggl, Clockify and Kimai match users by.
        public var email: String

        public init(client: String, project: String, task: String, person: String, email: String) {
            self.client = client
            self.project = project
            self.task = task
            self.person = person
            self.email = email
        }
    }

    /// Entries booked the same way (one client's), with the zone their times are written in.
    public struct Batch: Sendable {
        public let entries: [TimeEntry]
        public let booking: Booking
        public let zone: TimeZone

        public init(entries: [TimeEntry], booking: Booking, zone: TimeZone) {
            self.entries = entries
            self.booking = booking
            self.zone = zone
        }
    }

    /// One file of every batch's entries, in order.
    public func write(_ batches: [Batch]) -> String {
        if self == .ics {
            return ICalendarWriter(batches: batches.map { ($0.entries, $0.booking) }).text
        }
        // The file's header (CSV header row, IIF header records) comes once, before the first batch.
        return batches.enumerated().map { write($1.entries, booking: $1.booking, zone: $1.zone, header: $0 == 0) }
            .joined()
    }

    /// The text of `entries` in `zone`, with the file's header when `header`.
    func write(_ entries: [TimeEntry], booking: Booking, zone: TimeZone, header: Bool) -> String {
        var clock = ZoneClock(zone)
        func hours(_ seconds: Int) -> String { TableReportRenderer.hours(seconds) }
        func clockTime(_ date: Date) -> String { clock.local(date).timeString }
        func hms(_ seconds: Int) -> String {
            "\(CivilDateTime.pad(seconds / 3600, 2)):\(CivilDateTime.pad(seconds / 60 % 60, 2)):\(CivilDateTime.pad(seconds % 60, 2))"
        }
        let names = booking.person.split(separator: " ", maxSplits: 1).map(String.init)
        var csv = CSVWriter()
        switch self {
        case .harvest:
            // Harvest's "Importing data" help: these 8 columns in this order, Date as YYYY-MM-DD,
            // Hours in decimal hours; Harvest cannot update entries, so a re-import duplicates.
            if header { csv.row(["Date", "Client", "Project", "Task", "Notes", "Hours", "First name", "Last name"]) }
            // Hundredths of hours handed out against the running total, so the rows add up to the
            // bill's hours exactly.
            var seconds = 0
            var hundredths = 0
            for entry in entries {
                seconds += entry.billedSeconds
                let total = Int((Double(seconds) / 36).rounded())
                let share = total - hundredths
                hundredths = total
                csv.row([
                    entry.date, booking.client, booking.project, booking.task,
                    entry.notes + (entry.rawSeconds > 0 ? " [raw \(hours(entry.rawSeconds)) h]" : ""),
                    (share < 0 ? "-" : "") + "\(abs(share) / 100).\(CivilDateTime.pad(abs(share) % 100, 2))",
                    names.first ?? "", names.count > 1 ? names[1] : "",
                ])
            }
        case .toggl:
            // Toggl Track's CSV import ("Editing and uploading a CSV file"): English headers, any
            // order; time entries need Email, Start date, Start time and Duration (hh:mm:ss).
            if header {
                csv.row([
                    "User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date", "Start time",
                    "Duration", "Tags",
                ])
            }
            for entry in entries {
                csv.row([
                    booking.person, booking.email, booking.client, booking.project, booking.task, entry.notes, "Yes",
                    entry.date, clockTime(entry.start), hms(entry.billedSeconds), "chatbill",
                ])
            }
        case .clockify:
            // Clockify's timesheet import (its example CSV): Project, Client, Description, Task,
            // Email, Tags, Billable, Start Date, Start Time, Duration (h); dates and times in the
            // formats of the importing profile, here ISO and 24-hour, duration as hh:mm:ss.
            if header {
                csv.row([
                    "Project", "Client", "Description", "Task", "Email", "Tags", "Billable", "Start Date", "Start Time",
                    "Duration (h)",
                ])
            }
            for entry in entries {
                csv.row([
                    booking.project, booking.client, entry.notes, booking.task, booking.email, "chatbill", "Yes",
                    entry.date,
                    clockTime(entry.start), hms(entry.billedSeconds),
                ])
            }
        case .kimai:
            // Kimai's importer plugin (TimesheetImporter): Date, From, To or Duration (seconds),
            // Rate, User, Customer, Project, Activity required; Email, Description, Billable.
            if header {
                csv.row([
                    "Date", "From", "To", "Duration", "Rate", "User", "Email", "Customer", "Project", "Activity",
                    "Description", "Billable",
                ])
            }
            for entry in entries {
                csv.row([
                    entry.date, clockTime(entry.start),
                    clockTime(entry.start.addingTimeInterval(TimeInterval(max(0, entry.billedSeconds)))),
                    "\(entry.billedSeconds)",
                    entry.amount.map { Self.decimal($0) } ?? "0", booking.person, booking.email, booking.client,
                    booking.project, booking.task, entry.notes, "1",
                ])
            }
        case .iif:
            // QuickBooks Desktop's timer import (IIF), as tools that feed it write it: the TIMERHDR
            // record (VER and REL with a space before the number), then TIMEACT records, tab-
            // separated; DATE as MM/DD/YYYY, DURATION in decimal hours, billable (BILLINGSTATUS 1).
            var text = ""
            if header {
                text += "!TIMERHDR\tVER\tREL\tCOMPANYNAME\tIMPORTEDBEFORE\tFROMTIMER\tCOMPANYCREATETIME\r\n"
                text += "TIMERHDR\t 8\t 0\t\tN\tY\t0\r\n"
                text += "!TIMEACT\tDATE\tJOB\tEMP\tITEM\tPITEM\tDURATION\tPROJ\tNOTE\tXFERTOPAYROLL\tBILLINGSTATUS\r\n"
            }
            for entry in entries {
                let parts = entry.date.split(separator: "-")
                let usDate = "\(parts[1])/\(parts[2])/\(parts[0])"
                let fields = [
                    "TIMEACT", usDate, booking.client, booking.person, booking.task, "", hours(entry.billedSeconds), "",
                    entry.notes, "N", "1",
                ]
                text += fields.map(Self.iifField).joined(separator: "\t") + "\r\n"
            }
            return text
        case .timeclock:
            // hledger's timeclock format: `i DATE TIME ACCOUNT  DESCRIPTION` and `o DATE TIME`,
            // billed time from the session's start.
            var text = ""
            for entry in entries {
                let start = clock.local(entry.start)
                let end = clock.local(entry.start.addingTimeInterval(TimeInterval(entry.billedSeconds)))
                func stamp(_ civil: CivilDateTime) -> String {
                    "\(civil.dateString.replacingOccurrences(of: "-", with: "/")) \(civil.timeString)"
                }
                let account = [booking.client, booking.project].map { $0.replacingOccurrences(of: "  ", with: " ") }
                    .joined(separator: ":")
                text += "i \(stamp(start)) \(account)  \(Self.oneLine(entry.notes))\n"
                text += "o \(stamp(end))\n"
            }
            return text
        case .ics:
            return ICalendarWriter(batches: [(entries, booking)]).text
        }
        return csv.text
    }

    /// `12.50` for 1250 minor units of a two-digit currency (Kimai reads plain decimals).
    private static func decimal(_ minorUnits: Int) -> String {
        "\(minorUnits / 100).\(CivilDateTime.pad(minorUnits % 100, 2))"
    }

    private static func iifField(_ value: String) -> String {
        oneLine(value).replacingOccurrences(of: "\t", with: " ")
    }

    private static func oneLine(_ value: String) -> String {
        value.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
