/// CSV as RFC 4180 writes it (CRLF line ends, fields quoted where they hold a comma, quote or
/// line break), with every cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// carriage return first) neutralised by a leading apostrophe.
struct CSVWriter {
    private(set) var text = ""

    mutating func row(_ cells: [String]) {
        text += cells.map(Self.cell).joined(separator: ",") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
