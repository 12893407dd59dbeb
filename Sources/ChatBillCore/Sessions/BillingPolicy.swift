/// The rules that turn messages into billable time (DESIGN.md, "Sessions: the billing rules").
/// Every value is printed in reports so anyone can re-run the same computation.
public struct BillingPolicy: Sendable, Hashable {
    /// A silence longer than this ends a session.
    public var gapSeconds: Int
    /// A longer silence that the provider ends, at most this long after the provider's own previous
    /// message in the session, is silent work and does not end the session; nil turns this off.
    public var workGapSeconds: Int?
    /// Billable time starts this long before the provider's first message of a session (never before
    /// the client's first message when the client opened the session).
    public var leadInSeconds: Int
    /// Added after the session's last message.
    public var leadOutSeconds: Int
    public var rounding: Rounding
    /// A billable session bills at least this long (after rounding per session); 0 for none.
    public var minimumSessionSeconds: Int
    /// A day with billable time bills at least this long (after rounding per day); 0 for none.
    public var minimumDaySeconds: Int
    /// The price of billed time; nil bills time only.
    public var rate: Rate?
    /// Unbilled time at which an invoice is due (the time log); nil for none.
    public var invoiceThresholdSeconds: Int?

    public init(
        gapSeconds: Int = 15 * 60,
        workGapSeconds: Int? = 60 * 60,
        leadInSeconds: Int = 2 * 60,
        leadOutSeconds: Int = 0,
        rounding: Rounding = .standard,
        minimumSessionSeconds: Int = 0,
        minimumDaySeconds: Int = 0,
        rate: Rate? = nil,
        invoiceThresholdSeconds: Int? = nil
    ) {
        self.gapSeconds = max(0, gapSeconds)
        self.workGapSeconds = workGapSeconds.map { max(0, $0) }
        self.leadInSeconds = max(0, leadInSeconds)
        self.leadOutSeconds = max(0, leadOutSeconds)
        self.rounding = rounding
        self.minimumSessionSeconds = max(0, minimumSessionSeconds)
        self.minimumDaySeconds = max(0, minimumDaySeconds)
        self.rate = rate
        self.invoiceThresholdSeconds = invoiceThresholdSeconds.map { max(0, $0) }
    }

    /// The rules in plain words, one per line, for report headers.
    public var summary: [(rule: String, value: String)] {
        [
            ("gap", "\(DurationText.format(seconds: gapSeconds)) (a longer silence ends a session)"),
            (
                "work gap",
                workGapSeconds.map {
                    "\(DurationText.format(seconds: $0)) (a longer silence the provider ends within this of their own "
                        + "last message is silent work)"
                } ?? "off"
            ),
            ("lead-in", "\(DurationText.format(seconds: leadInSeconds)) before the provider's first message"),
            ("lead-out", "\(DurationText.format(seconds: leadOutSeconds)) after the last message"),
            ("rounding", rounding.summary),
            (
                "minimum",
                minimumSessionSeconds == 0 && minimumDaySeconds == 0
                    ? "none"
                    : [
                        minimumSessionSeconds > 0
                            ? "\(DurationText.format(seconds: minimumSessionSeconds)) per session" : nil,
                        minimumDaySeconds > 0 ? "\(DurationText.format(seconds: minimumDaySeconds)) per day" : nil,
                    ].compactMap { $0 }.joined(separator: ", ")
            ),
            (
                "rate",
                rate.map { $0.summary + "; rounding and minimums are priced at the base rate" } ?? "none (time only)"
            ),
            (
                "threshold",
                invoiceThresholdSeconds.map { "invoice when unbilled time reaches \(DurationText.format(seconds: $0))" }
                    ?? "none"
            ),
            ("billable", "sessions in which the provider wrote; system lines neither open nor extend a session"),
            ("day", "the day a session's billable start falls on, in the report's time zone"),
        ]
    }
}
