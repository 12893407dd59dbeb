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

    /// The problem as a warning, when it was an error the parser got past (markup that breaks
    /// after some messages were read): the file is still billed, so the problem is counted with
    /// the warnings and fails `--strict`, rather than printed as an error the exit code denies.
    var gotPast: Diagnostic {
        severity == .error ? Diagnostic(.warning, file: file, at: location, message) : self
    }

    /// `path:line:column: severity: message`, or `path: severity: message` for a whole file.
    public var description: String {
        if let location {
            return "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        }
        return "\(file): \(severity.rawValue): \(message)"
    }
}
