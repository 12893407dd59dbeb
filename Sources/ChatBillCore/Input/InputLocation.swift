/// A place in an input file, as people and editors count: the line is 1-based, and the column is
/// the 1-based offset in UTF-8 bytes from the start of the line (a tab or an emoji is not
/// expanded).
public struct InputLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 1-based line number.
    public let line: Int
    /// 1-based column, counted in UTF-8 bytes.
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: InputLocation, rhs: InputLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}
