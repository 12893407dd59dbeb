/// How billable time is rounded: to an increment, in a direction, over a scope, with a grace.
public struct Rounding: Sendable, Hashable {
    public enum Mode: String, Sendable, CaseIterable, Codable {
        case up, nearest, down
    }

    /// What is rounded: each session, each day's sum, or the sum of the invoice period (the whole
    /// report).
    public enum Scope: String, Sendable, CaseIterable, Codable {
        case session, day, invoice

        /// Reads a scope by name; `total` is the name earlier versions used for `invoice`.
        public init?(name: String) {
            if name == "total" {
                self = .invoice
            } else {
                self.init(rawValue: name)
            }
        }
    }

    /// The increment in seconds; 0 means no rounding.
    public var incrementSeconds: Int
    public var mode: Mode
    public var scope: Scope
    /// Rounding up only happens past this much of an increment; a smaller remainder is dropped
    /// (`up` only: 15m with 2m grace bills 62m as 60m and 63m as 75m).
    public var graceSeconds: Int

    public init(incrementSeconds: Int, mode: Mode = .up, scope: Scope = .day, graceSeconds: Int = 0) {
        self.incrementSeconds = max(0, incrementSeconds)
        self.mode = mode
        self.scope = scope
        self.graceSeconds = max(0, graceSeconds)
    }

    /// Up to 15 minutes per day.
    public static let standard = Rounding(incrementSeconds: 15 * 60, mode: .up, scope: .day)

    /// `seconds` rounded to the increment; zero stays zero.
    public func apply(_ seconds: Int) -> Int {
        guard incrementSeconds > 0, seconds > 0 else { return seconds }
        let whole = seconds / incrementSeconds * incrementSeconds
        let remainder = seconds - whole
        guard remainder > 0 else { return seconds }
        switch mode {
        case .up: return remainder <= graceSeconds ? whole : whole + incrementSeconds
        case .down: return whole
        case .nearest: return remainder * 2 >= incrementSeconds ? whole + incrementSeconds : whole
        }
    }

    /// `up to 15m per day`, `up to 15m per day past 2m`, or `none`.
    public var summary: String {
        guard incrementSeconds > 0 else { return "none" }
        let direction =
            switch mode {
            case .up: "up to"
            case .nearest: "to the nearest"
            case .down: "down to"
            }
        var text = "\(direction) \(DurationText.format(seconds: incrementSeconds)) per \(scope.rawValue)"
        if mode == .up, graceSeconds > 0 {
            text += " (only past \(DurationText.format(seconds: graceSeconds)) of an increment)"
        }
        return text
    }
}
