/// A problem found in an input, with where it is. Printed the way compilers print them, so
/// editors and terminals can jump to the line: `path:line:column: warning: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public let severity: Severity
    /// The file as the user named it.
    public let file: String
    /// Where in the file, when the problem is at a place rather than the whole file.
    public let location: InputLocation?
    public let message: String

    public init(_ severity: Severity, file: String, at location: InputLocation? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
    }

    /// `path:line:column: severity: message`, or `path: severity: message` for a whole file.
    public var description: String {
        if let location {
            return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        }
        return "\(file): \(severity.rawValue): \(message)"
    }
}
