import ArgumentParser
import ChatBillCore

/// The billing rules as flags (DESIGN.md, "Sessions: the billing rules"). A flag overrides the
/// config; a rule set nowhere has the default its help names.
struct PolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("me"),
        help: ArgumentHelp(
            "Your name as it appears in the export (repeatable).",
            discussion: "Needed unless the config's [provider] names it or the export is a 1:1 chat named after the "
                + "other person.",
            valueName: "name"))
    var providerNames: [String] = []

    @Option(help: "A silence longer than this ends a session (90s, 15m, 1h30m). Default: 15m.")
    var gap: DurationArgument?

    @Option(help: "A longer silence you end within this of your own last message is silent work; `off`. Default: 1h.")
    var workGap: OptionalDurationArgument?

    @Option(help: "Billable time starts this long before your first message of a session. Default: 2m.")
    var leadIn: DurationArgument?

    @Option(help: "Billable time ends this long after a session's last message. Default: 0m.")
    var leadOut: DurationArgument?

    @Option(help: "Round billable time to this increment; `none` (or 0) to disable. Default: 15m.")
    var round: OptionalDurationArgument?

    @Option(help: "Rounding direction: up, nearest or down. Default: up.")
    var roundMode: Rounding.Mode?

    @Option(help: "What is rounded: each session, each day's sum, or the invoice (the whole report). Default: day.")
    var roundPer: Rounding.Scope?

    @Option(help: "Round up only past this much of an increment (up only). Default: 0m.")
    var roundGrace: DurationArgument?

    @Option(help: "A billable session bills at least this long. Default: none.")
    var minimumSession: DurationArgument?

    @Option(help: "A day with billable time bills at least this long. Default: none.")
    var minimumDay: DurationArgument?

    @Option(help: "Hourly rate in the currency's units (90, 92.50); needs --currency or the config's.")
    var rate: String?

    @Option(help: "ISO 4217 currency of the rate (EUR, USD, JPY).")
    var currency: String?

    /// The rules the flags set, each marked as coming from its flag (or, for rules the ledger
    /// recorded, from `place`: `--gap (bank rules from 2027-01-01)`).
    func settings(place: String? = nil) throws(ChatBillError) -> RuleSettings {
        var settings = RuleSettings()
        func flag(_ name: String) -> SettingOrigin { .flag("--" + name + (place.map { " (\($0))" } ?? "")) }
        settings.gap = gap.map { Setting($0.seconds, flag("gap")) }
        settings.workGap = workGap.map { Setting($0.seconds, flag("work-gap")) }
        settings.leadIn = leadIn.map { Setting($0.seconds, flag("lead-in")) }
        settings.leadOut = leadOut.map { Setting($0.seconds, flag("lead-out")) }
        settings.roundIncrement = round.map { Setting($0.seconds ?? 0, flag("round")) }
        settings.roundMode = roundMode.map { Setting($0, flag("round-mode")) }
        settings.roundPer = roundPer.map { Setting($0, flag("round-per")) }
        settings.roundGrace = roundGrace.map { Setting($0.seconds, flag("round-grace")) }
        settings.minimumSession = minimumSession.map { Setting($0.seconds, flag("minimum-session")) }
        settings.minimumDay = minimumDay.map { Setting($0.seconds, flag("minimum-day")) }
        settings.rate = rate.map { Setting($0, flag("rate")) }
        if let currency {
            guard let code = Currency(code: currency) else {
                throw .needsChoice(
                    Diagnostic(.error, file: "--currency", "'\(currency)' is not an ISO 4217 code such as EUR or USD"))
            }
            settings.currency = Setting(code, flag("currency"))
        }
        return settings
    }
}

extension PolicyOptions {
    /// The rule flags set, as they would be typed again (without `--me`): what the ledger keeps
    /// of `bank rules`.
    var arguments: [String] {
        func duration(_ seconds: Int?) -> String { seconds.map { DurationText.format(seconds: $0) } ?? "off" }
        let flags: [(String, String?)] = [
            ("gap", gap.map { duration($0.seconds) }), ("work-gap", workGap.map { duration($0.seconds) }),
            ("lead-in", leadIn.map { duration($0.seconds) }), ("lead-out", leadOut.map { duration($0.seconds) }),
            ("round", round.map { duration($0.seconds) }), ("round-mode", roundMode?.rawValue),
            ("round-per", roundPer?.rawValue), ("round-grace", roundGrace.map { duration($0.seconds) }),
            ("minimum-session", minimumSession.map { duration($0.seconds) }),
            ("minimum-day", minimumDay.map { duration($0.seconds) }), ("rate", rate), ("currency", currency),
        ]
        return flags.flatMap { name, value in value.map { ["--" + name, $0] } ?? [] }
    }

    /// The rules of flags the ledger kept, marked as coming from `place`.
    static func settings(of arguments: [String], place: String) throws(ChatBillError) -> RuleSettings {
        let options: PolicyOptions
        do {
            options = try PolicyOptions.parse(arguments)
        } catch {
            throw .badConfig(
                Diagnostic(
                    .error, file: place,
                    "the ledger's rules '\(arguments.joined(separator: " "))' no longer read: \(PolicyOptions.message(for: error))"
                ))
        }
        return try options.settings(place: place)
    }
}

/// A duration flag: `90s`, `15m`, `1h30m`.
struct DurationArgument: ExpressibleByArgument {
    let seconds: Int

    init?(argument: String) {
        guard let seconds = DurationText.parse(argument) else { return nil }
        self.seconds = seconds
    }
}

/// A duration flag that can be switched off with `off` or `none`.
struct OptionalDurationArgument: ExpressibleByArgument {
    let seconds: Int?

    init?(argument: String) {
        if ["off", "none"].contains(argument.lowercased()) {
            seconds = nil
            return
        }
        guard let seconds = DurationText.parse(argument) else { return nil }
        self.seconds = seconds == 0 ? nil : seconds
    }
}

extension Rounding.Mode: ExpressibleByArgument {}

extension Rounding.Scope: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(name: argument.lowercased())
    }
}
