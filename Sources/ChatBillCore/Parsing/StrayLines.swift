/// Lines before a file's first message: the first few are reported one by one with their place,
/// the rest counted in one warning, so that a wrong file does not bury the user in warnings.
struct StrayLines {
    static let reported = 10

    let file: String
    let message: String
    private(set) var count = 0

    init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// Counts a stray line; the warning to report for it, while there are few.
    mutating func add(line: Int) -> Diagnostic? {
        count += 1
        guard count <= Self.reported else { return nil }
        return Diagnostic(.warning, file: file, at: InputLocation(line: line, column: 1), message)
    }

    /// The warning for the lines not reported one by one, if any.
    var summary: Diagnostic? {
        guard count > Self.reported else { return nil }
        return Diagnostic(
            .warning, file: file, "\(count - Self.reported) more lines before the first message were not read")
    }
}
