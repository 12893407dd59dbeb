/// The order of day, month and year in a numeric date such as `03/04/25`.
public enum DateOrder: String, Sendable, CaseIterable, Codable {
    case dmy, mdy, ymd

    /// Reads `dmy`, `mdy` or `ymd` (any case).
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

/// The order a file's dates were read with, and what decided it.
public struct DateOrderChoice: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// A field above 12 (or a four-digit first field) at this line decided it.
        case inferred(line: Int)
        /// Every date in the file has the same day and month number, so either order reads alike.
        case indifferent
        /// The user passed `--date-order`.
        case flag
        /// The config file says so at this place (`chatbill.toml:7`).
        case config(String)
    }

    public let order: DateOrder
    public let source: Source

    public init(_ order: DateOrder, source: Source) {
        self.order = order
        self.source = source
    }

    public var summary: String {
        switch source {
        case .inferred(let line): "\(order.rawValue) (inferred from line \(line))"
        case .indifferent: "\(order.rawValue) (every date reads the same either way)"
        case .flag: "\(order.rawValue) (from --date-order)"
        case .config(let place): "\(order.rawValue) (from \(place))"
        }
    }
}
