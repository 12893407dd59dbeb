/// A problem found in an input, with where it is. Printed the way compilers print them, so
/// editors and terminals can jump to the line: `path:line:column: warning: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case note, warning, error
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
