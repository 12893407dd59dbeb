import Foundation

/// Durations as people write them on the command line and read them in reports: `90s`, `15m`,
/// `1h30m`, `2h`.
public enum DurationText {
    /// Reads `90s`, `15m`, `1h30m`, `1h 30m`, `2h`; a bare `0` is zero. Units: h, m (or min), s.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "0" { return 0 }
        var total = 0
        var number: Int?
        var sawUnit = false
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let character = trimmed[index]
            if let digit = character.wholeNumberValue, character.isASCII {
                number = (number ?? 0) * 10 + digit
                guard number! < 1_000_000 else { return nil }
                index = trimmed.index(after: index)
                continue
            }
            if character == " " {
                index = trimmed.index(after: index)
                continue
            }
            guard let value = number else { return nil }
            let rest = trimmed[index...]
            let unit: Int
            if rest.hasPrefix("min") {
                unit = 60
                index = trimmed.index(index, offsetBy: 3)
            } else {
                switch character {
                case "h": unit = 3600
                case "m": unit = 60
                case "s": unit = 1
                default: return nil
                }
                index = trimmed.index(after: index)
            }
            total += value * unit
            number = nil
            sawUnit = true
        }
        return sawUnit && number == nil ? total : nil
    }

    /// `1h30m`, `15m`, `45s`, `0m`, `1h5m30s`.
    public static func format(seconds: Int) -> String {
        var text = TextBuffer()
        text.append(duration: seconds)
        return text.string
    }

    /// `format` with a `+` before a time added: `+5m`, `-10m`, `0m`.
    public static func signed(seconds: Int) -> String {
        var text = TextBuffer()
        text.append(signedDuration: seconds)
        return text.string
    }
}
