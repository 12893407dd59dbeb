/// The billing rules someone set, each with where: the config's `[defaults]`, a client's table,
/// or flags. A rule nobody set is nil and takes its built-in default when the settings are
/// resolved into a `BillingPolicy`.
public struct RuleSettings: Sendable {
    public var gap: Setting<Int>?
    /// nil inside the setting turns the work gap off.
    public var workGap: Setting<Int?>?
    public var leadIn: Setting<Int>?
    public var leadOut: Setting<Int>?
    public var roundIncrement: Setting<Int>?
    public var roundMode: Setting<Rounding.Mode>?
    public var roundPer: Setting<Rounding.Scope>?
    public var roundGrace: Setting<Int>?
    public var minimumSession: Setting<Int>?
    public var minimumDay: Setting<Int>?
    /// The hourly rate as written (`90`, `92.50`); read in the currency's minor units on resolving.
    public var rate: Setting<String>?
    public var currency: Setting<Currency>?
    public var afterHours: Setting<Rate.AfterHours>?
    public var weekend: Setting<Rate.SpecialDays>?
    public var holidays: Setting<Set<String>>?
    public var holidayPercent: Setting<Int>?
    public var timeZone: Setting<String>?
    public var dateOrder: Setting<DateOrder>?
    public var invoiceThreshold: Setting<Int>?

    public init() {}

    /// These settings with `other`'s wherever `other` sets a rule.
    public func overridden(by other: RuleSettings) -> RuleSettings {
        var merged = self
        merged.gap = other.gap ?? gap
        merged.workGap = other.workGap ?? workGap
        merged.leadIn = other.leadIn ?? leadIn
        merged.leadOut = other.leadOut ?? leadOut
        merged.roundIncrement = other.roundIncrement ?? roundIncrement
        merged.roundMode = other.roundMode ?? roundMode
        merged.roundPer = other.roundPer ?? roundPer
        merged.roundGrace = other.roundGrace ?? roundGrace
        merged.minimumSession = other.minimumSession ?? minimumSession
        merged.minimumDay = other.minimumDay ?? minimumDay
        merged.rate = other.rate ?? rate
        merged.currency = other.currency ?? currency
        merged.afterHours = other.afterHours ?? afterHours
        merged.weekend = other.weekend ?? weekend
        merged.holidays = other.holidays ?? holidays
        merged.holidayPercent = other.holidayPercent ?? holidayPercent
        merged.timeZone = other.timeZone ?? timeZone
        merged.dateOrder = other.dateOrder ?? dateOrder
        merged.invoiceThreshold = other.invoiceThreshold ?? invoiceThreshold
        return merged
    }

    /// The policy these settings make, built-in defaults filling what is not set, and where each
    /// rule of `BillingPolicy.summary` came from.
    ///
    /// - Throws: `ChatBillError` at the setting that conflicts: a work gap shorter than the gap,
    ///   a grace not shorter than the increment, a rate without a currency or with more decimals
    ///   than the currency has.
    public func resolve() throws(ChatBillError) -> (policy: BillingPolicy, origins: [String: String]) {
        let defaults = BillingPolicy()
        var origins: [String: String] = [:]
        func note(_ rule: String, _ settings: [SettingOrigin?]) {
            if let places = SettingOrigin.describe(settings.compactMap { $0 }) { origins[rule] = places }
        }
        let gapSeconds = gap?.value ?? defaults.gapSeconds
        let workGapSeconds = workGap.map(\.value) ?? defaults.workGapSeconds
        if let workGapSeconds, workGapSeconds < gapSeconds {
            throw (workGap?.origin ?? gap!.origin).error(
                "the work gap (\(DurationText.format(seconds: workGapSeconds))) is shorter than the gap "
                    + "(\(DurationText.format(seconds: gapSeconds))); make it longer or `off`")
        }
        let increment = roundIncrement?.value ?? defaults.rounding.incrementSeconds
        let grace = roundGrace?.value ?? 0
        if let roundGrace, increment > 0, grace >= increment {
            throw roundGrace.origin.error(
                "the grace (\(DurationText.format(seconds: grace))) must be shorter than the rounding increment "
                    + "(\(DurationText.format(seconds: increment)))")
        }
        var rate: Rate?
        if let rateSetting = self.rate {
            guard let currency = currency?.value else {
                throw rateSetting.origin.error("a rate needs a currency (currency = \"EUR\", or --currency EUR)")
            }
            guard let minor = currency.minorUnits(rateSetting.value) else {
                throw rateSetting.origin.error(
                    "'\(rateSetting.value)' is not an amount in \(currency.code) (at most \(currency.minorDigits) "
                        + "digits after the point, like \(currency.format(9050).split(separator: " ")[0]))")
            }
            rate = Rate(
                minorUnitsPerHour: minor, currency: currency, afterHours: afterHours?.value, weekend: weekend?.value,
                holidays: holidays?.value ?? [], holidayPercent: holidayPercent?.value)
        }
        note("gap", [gap?.origin])
        note("work gap", [workGap?.origin])
        note("lead-in", [leadIn?.origin])
        note("lead-out", [leadOut?.origin])
        note("rounding", [roundIncrement?.origin, roundMode?.origin, roundPer?.origin, roundGrace?.origin])
        note("minimum", [minimumSession?.origin, minimumDay?.origin])
        if rate != nil {
            note(
                "rate",
                [
                    self.rate?.origin, currency?.origin, afterHours?.origin, weekend?.origin, holidays?.origin,
                    holidayPercent?.origin,
                ])
        }
        note("threshold", [invoiceThreshold?.origin])
        let policy = BillingPolicy(
            gapSeconds: gapSeconds, workGapSeconds: workGapSeconds,
            leadInSeconds: leadIn?.value ?? defaults.leadInSeconds,
            leadOutSeconds: leadOut?.value ?? defaults.leadOutSeconds,
            rounding: Rounding(
                incrementSeconds: increment, mode: roundMode?.value ?? defaults.rounding.mode,
                scope: roundPer?.value ?? defaults.rounding.scope, graceSeconds: grace),
            minimumSessionSeconds: minimumSession?.value ?? 0, minimumDaySeconds: minimumDay?.value ?? 0, rate: rate,
            invoiceThresholdSeconds: invoiceThreshold?.value)
        return (policy, origins)
    }
}
