/// The fatal problems chatbill reports; each carries what the user needs to fix it. Recoverable
/// problems are `Diagnostic`s instead and never throw.
public enum ChatBillError: Error, Sendable, CustomStringConvertible {
    /// The file is missing, unreadable, empty, or no parser understands it.
    case unreadableInput(Diagnostic)
    /// The input needs a choice from the user (which sender is the provider, which date order)
    /// or a flag's value is out of range.
    case needsChoice(Diagnostic)
    /// The config file has a syntax error, an unknown key, or a value out of range.
    case badConfig(Diagnostic)

    public var diagnostic: Diagnostic {
        switch self {
        case .unreadableInput(let diagnostic), .needsChoice(let diagnostic), .badConfig(let diagnostic): diagnostic
        }
    }

    public var description: String { diagnostic.description }
}
