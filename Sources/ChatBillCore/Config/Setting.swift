/// A rule's value with where it was set, so a report can say where each value came from and an
/// error can point at the line to fix.
public struct Setting<Value: Sendable>: Sendable {
    public let value: Value
    public let origin: SettingOrigin

    public init(_ value: Value, _ origin: SettingOrigin) {
        self.value = value
        self.origin = origin
    }
}

/// Where a setting was made.
public enum SettingOrigin: Sendable, Hashable, CustomStringConvertible {
    /// A command-line flag (`--gap`).
    case flag(String)
    /// A key of the config file, at a line.
    case config(file: String, line: Int, key: String)

    /// `--gap`, or `chatbill.toml:12`.
    public var description: String {
        switch self {
        case .flag(let name): name
        case .config(let file, let line, _): "\(file):\(line)"
        }
    }

    /// Several places in one phrase: `chatbill.toml:12, 13, 15` or `--gap, chatbill.toml:4`; nil
    /// for none.
    static func describe(_ origins: [SettingOrigin]) -> String? {
        var parts: [String] = []
        var lastFile: String?
        for origin in origins {
            var part = origin.description
            if case .config(let file, let line, _) = origin {
                if file == lastFile { part = "\(line)" }
                lastFile = file
            } else {
                lastFile = nil
            }
            if !parts.contains(part) { parts.append(part) }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// An error about the value, pointing at the flag or the config line.
    func error(_ message: String) -> ChatBillError {
        switch self {
        case .flag(let name): .needsChoice(Diagnostic(.error, file: name, message))
        case .config(let file, let line, let key):
            .badConfig(Diagnostic(.error, file: file, at: InputLocation(line: line, column: 1), "\(key): \(message)"))
        }
    }
}
