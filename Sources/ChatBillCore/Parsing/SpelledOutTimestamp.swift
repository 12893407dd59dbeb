/// Timestamps that Facebook and Google write out in English words:
/// `Friday, October 4, 2013 at 10:05pm PDT` (Facebook's legacy download) and
/// `Thursday, November 3, 2016 at 11:59:50 AM UTC` (Google Chat), with the marker joined to the
/// time or apart from it (after a space, NBSP or U+202F), and a zone abbreviation or `UTC+01`.
enum SpelledOutTimestamp {
    /// UTC offsets of the zone abbreviations these exports write, in seconds.
    static let zoneOffsets: [String: Int] = [
        "UTC": 0, "GMT": 0, "WET": 0, "BST": 3600, "WEST": 3600, "CET": 3600, "CEST": 7200, "EET": 7200,
        "EEST": 10_800, "MSK": 10_800, "EST": -18_000, "EDT": -14_400, "CST": -21_600, "CDT": -18_000,
        "MST": -25_200, "MDT": -21_600, "PST": -28_800, "PDT": -25_200, "AKST": -32_400, "AKDT": -28_800,
        "HST": -36_000, "AEST": 36_000, "AEDT": 39_600, "JST": 32_400,
    ]

    /// The wall clock and, when the text names a zone chatbill knows, its UTC offset.
    static func read(_ text: String) -> (CivilDateTime, offset: Int?)? {
        var spaced = ""
        for scalar in text.unicodeScalars {
            spaced.unicodeScalars.append(scalar == "," || scalar == "\u{A0}" || scalar == "\u{202F}" ? " " : scalar)
        }
        var words = spaced.split(separator: " ").map(String.init)
        guard let at = words.firstIndex(of: "at"), at >= 3, at + 1 < words.count else { return nil }
        if at + 2 < words.count, ["am", "pm"].contains(words[at + 2].lowercased()) {
            words[at + 1] += words.remove(at: at + 2)
        }
        let month = Array(words[at - 3].utf8).withUnsafeBufferPointer { MonthNames.month($0, 0..<$0.count) }
        guard let month, let day = Int(words[at - 2]), let year = Int(words[at - 1]) else { return nil }
        let clock = words[at + 1].lowercased()
        let isPM = clock.hasSuffix("pm")
        guard isPM || clock.hasSuffix("am") else { return nil }
        let parts = clock.dropLast(2).split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 || parts.count == 3, parts[0] >= 1, parts[0] <= 12 else { return nil }
        let civil = CivilDateTime(
            year: year, month: month, day: day, hour: parts[0] % 12 + (isPM ? 12 : 0), minute: parts[1],
            second: parts.count == 3 ? parts[2] : 0)
        guard civil.isValid else { return nil }
        return (civil, at + 2 < words.count ? offset(of: words[at + 2]) : nil)
    }

    /// `PDT`, `UTC`, `UTC+01`, `GMT-05:30`.
    private static func offset(of zone: String) -> Int? {
        let zone = zone.uppercased()
        if let known = zoneOffsets[zone] { return known }
        guard zone.hasPrefix("UTC") || zone.hasPrefix("GMT") else { return nil }
        return Array(zone.dropFirst(3).utf8).withUnsafeBufferPointer { buffer in
            var cursor = TextCursor(buffer, 0..<buffer.count)
            guard let sign = cursor.peek(), sign == 0x2B || sign == 0x2D else { return nil }
            cursor.advance()
            guard let (hours, _) = cursor.number(maxDigits: 2) else { return nil }
            let minutes = cursor.consume(0x3A) ? cursor.fixedNumber(digits: 2) ?? 0 : 0
            return (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
        }
    }
}
