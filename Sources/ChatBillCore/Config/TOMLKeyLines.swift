/// The line each key of a TOML document is written on, for errors that point at the line to fix
/// (the TOML library gives values, not places). Follows `[table]` and `[[array]]` headers and
/// `key = value` lines; a key inside an inline table is placed on its table's line.
struct TOMLKeyLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table: [String] = []
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = String(rawLine).trimmingWhitespace()
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = Self.path(inner)
                let key = table.joined(separator: ".")
                if lines[key] == nil { lines[key] = number }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = (table + Self.path(line[..<equals])).joined(separator: ".")
            if lines[key] == nil { lines[key] = number }
        }
    }

    /// The line of the key at `path` (`clients.acme.gap`), else of the nearest table holding it.
    func line(of path: [String]) -> Int {
        var path = path
        while !path.isEmpty {
            if let line = lines[path.joined(separator: ".")] { return line }
            path.removeLast()
        }
        return 1
    }

    /// `clients."acme co".gap` as its parts, quotes removed.
    private static func path(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingWhitespace())
        return parts
    }
}
