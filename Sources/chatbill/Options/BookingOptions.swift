import ArgumentParser
import ChatBillCore

/// Where time entries are booked in the invoicing tool: project, task, person. Shared by
/// `export` and `bank invoice`.
struct BookingOptions: ParsableArguments {
    @Option(help: "The project the time is booked on.")
    var project = "Support"

    @Option(help: "The task (activity, item) the time is booked as.")
    var task = "Remote support"

    @Option(help: "Your name as the tool knows you. Default: the provider's first name in the export.")
    var person: String?

    @Option(help: "Your e-mail as the tool knows you (Toggl, Clockify and Kimai match people by it).")
    var email: String?

    /// Refuses a format that books by e-mail without one.
    func check(_ format: TimeEntryFormat) throws {
        if [.toggl, .clockify, .kimai].contains(format), email == nil {
            throw ValidationError(
                "--to \(format.rawValue) needs --email: the tool books time to the person with that e-mail")
        }
    }

    /// The booking of `report`'s time: its client (or the first sender who is not the provider).
    func booking(for report: Report) -> TimeEntryFormat.Booking {
        let client =
            report.client
            ?? report.sources.flatMap(\.senders).first { !report.provider.isProvider($0.name) }?.name ?? "Client"
        return TimeEntryFormat.Booking(
            client: client, project: project, task: task, person: person ?? report.provider.names.first ?? "",
            email: email ?? "")
    }
}
