/// How billable time is rounded: to an increment, in a direction, over a scope.
public struct Rounding: Sendable, Hashable {
    public enum Mode: String, Sendable, CaseIterable, Codable {
        case up, nearest, down
    }

    /// What is rounded: each session, each day's sum, or the whole report's sum.
    public enum Scope: String, Sendable, CaseIterable, Codable {
        case session, day, total
    }

    /// The increment in seconds; 0 means no rounding.
    public var incrementSeconds: Int
    public var mode: Mode
    public var scope: Scope

    public init(incrementSeconds: Int, mode: Mode = .up, scope: Scope = .day) {
        self.incrementSeconds = max(0, incrementSeconds)
        self.mode = mode
        self.scope = scope
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
        case .up: return whole + incrementSeconds
        case .down: return whole
        case .nearest: return remainder * 2 >= incrementSeconds ? whole + incrementSeconds : whole
        }
    }

    /// `up to 15m per day`, or `none`.
    public var summary: String {
        guard incrementSeconds > 0 else { return "none" }
        let direction =
            switch mode {
            case .up: "up to"
            case .nearest: "to the nearest"
            case .down: "down to"
            }
        return "\(direction) \(DurationText.format(seconds: incrementSeconds)) per \(scope.rawValue)"
    }
}
