import ArgumentParser
import ChatBillCore

/// The billing rules as flags (DESIGN.md, "Sessions: the billing rules").
struct PolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("me"),
        help: ArgumentHelp(
            "Your name as it appears in the export (repeatable).",
            discussion: "Needed unless the export is a 1:1 chat named after the other person.",
            valueName: "name"))
    var providerNames: [String] = []

    @Option(help: "A silence longer than this ends a session (90s, 15m, 1h30m).")
    var gap = DurationArgument(seconds: 15 * 60)

    @Option(help: "A longer silence you end within this of your own last message is silent work; `off` to disable.")
    var workGap = OptionalDurationArgument(seconds: 60 * 60)

    @Option(help: "Billable time starts this long before your first message of a session.")
    var leadIn = DurationArgument(seconds: 2 * 60)

    @Option(help: "Billable time ends this long after a session's last message.")
    var leadOut = DurationArgument(seconds: 0)

    @Option(help: "Round billable time to this increment; `none` (or 0) to disable.")
    var round = OptionalDurationArgument(seconds: 15 * 60)

    @Option(help: "Rounding direction: up, nearest or down.")
    var roundMode: Rounding.Mode = .up

    @Option(help: "What is rounded: each session, each day's sum, or the total.")
    var roundPer: Rounding.Scope = .day

    var policy: BillingPolicy {
        BillingPolicy(
            gapSeconds: gap.seconds, workGapSeconds: workGap.seconds, leadInSeconds: leadIn.seconds,
            leadOutSeconds: leadOut.seconds,
            rounding: Rounding(incrementSeconds: round.seconds ?? 0, mode: roundMode, scope: roundPer))
    }

    func validate() throws {
        if let workGap = workGap.seconds, workGap < gap.seconds {
            throw ValidationError(
                "--work-gap (\(DurationText.format(seconds: workGap))) is shorter than --gap "
                    + "(\(DurationText.format(seconds: gap.seconds))); make it longer or `off`")
        }
    }
}

/// A duration flag: `90s`, `15m`, `1h30m`.
struct DurationArgument: ExpressibleByArgument {
    let seconds: Int

    init(seconds: Int) {
        self.seconds = seconds
    }

    init?(argument: String) {
        guard let seconds = DurationText.parse(argument) else { return nil }
        self.seconds = seconds
    }

    var defaultValueDescription: String { DurationText.format(seconds: seconds) }
}

/// A duration flag that can be switched off with `off` or `none`.
struct OptionalDurationArgument: ExpressibleByArgument {
    let seconds: Int?

    init(seconds: Int?) {
        self.seconds = seconds
    }

    init?(argument: String) {
        if ["off", "none"].contains(argument.lowercased()) {
            seconds = nil
            return
        }
        guard let seconds = DurationText.parse(argument) else { return nil }
        self.seconds = seconds == 0 ? nil : seconds
    }

    var defaultValueDescription: String { seconds.map { DurationText.format(seconds: $0) } ?? "off" }
}

extension Rounding.Mode: ExpressibleByArgument {}
extension Rounding.Scope: ExpressibleByArgument {}
