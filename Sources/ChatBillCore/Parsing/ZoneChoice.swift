import Foundation

/// The time zone in which wall-clock timestamps are read and days are counted, and why.
public struct ZoneChoice: Sendable, Hashable {
    public enum Source: String, Sendable {
        /// The export states the zone or offset itself.
        case export
        /// The user passed `--tz`.
        case flag
        /// The client's configuration names it.
        case config
        /// Nothing said otherwise, so the machine's own zone.
        case machine
    }

    public let timeZone: TimeZone
    public let source: Source

    public init(_ timeZone: TimeZone, source: Source) {
        self.timeZone = timeZone
        self.source = source
    }

    /// The machine's zone.
    public static var machine: ZoneChoice { ZoneChoice(TimeZone.current, source: .machine) }

    /// Reads an IANA zone name such as `Europe/Berlin` (or `UTC`).
    ///
    /// - Throws: `ChatBillError.needsChoice` for an unknown name.
    public static func named(_ identifier: String, source: Source) throws(ChatBillError) -> ZoneChoice {
        guard let zone = TimeZone(identifier: identifier) else {
            throw .needsChoice(
                Diagnostic(
                    .error, file: "--tz",
                    "unknown time zone '\(identifier)'; use an IANA name such as Europe/Berlin or America/New_York"))
        }
        return ZoneChoice(zone, source: source)
    }

    /// `Europe/Berlin (from --tz)`.
    public var summary: String {
        let why =
            switch source {
            case .export: "from the export"
            case .flag: "from --tz"
            case .config: "from the configuration"
            case .machine: "the machine's zone; pass --tz to choose"
            }
        return "\(timeZone.identifier) (\(why))"
    }

    /// The zone for counting days in an export that writes its UTC offset: a fixed offset from
    /// the export, unless the user chose a zone with `--tz`.
    public func orExportOffset(_ offset: Int?) -> ZoneChoice {
        guard source != .flag, let offset, let fixed = TimeZone(secondsFromGMT: offset) else { return self }
        return ZoneChoice(fixed, source: .export)
    }
}
