extension String {
    /// The string without white space or line breaks at either end. Foundation's
    /// `trimmingCharacters(in:)` goes through `NSString` on Linux, which costs more than reading a
    /// message; this stays in Swift.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is white space, without Unicode's property tables for ASCII.
    @inline(__always)
    var isWhitespace: Bool {
        switch value {
        case 0x20, 0x09...0x0D: return true
        case 0..<0x80: return false
        default: return properties.isWhitespace
        }
    }
}
