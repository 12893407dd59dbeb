/// A timestamp layout the user writes (`DD.MM.YYYY HH:mm`, `M/D/YY h:mm A`,
/// `YYYY-MM-DDTHH:mm:ssZ`) for exports chatbill has no parser for, read from bytes.
///
/// Tokens: `YYYY` `YY` year, `MM`/`M` month, `DD`/`D` day, `HH`/`H` 24-hour hour, `hh`/`h`
/// 12-hour hour, `mm` minutes, `ss` seconds, `SSS` fractions of a second, `A` AM/PM, `Z` a UTC
/// offset (`Z`, `+01:00`, `+0100`). Anything else must appear as written.
public struct TimestampLayout: Sendable, Hashable, CustomStringConvertible {
    enum Token: Hashable {
        case year4, year2, month, day, hour24, hour12, minute, second, fraction, meridiem, offset
        case literal(UInt8)
    }

    let tokens: [Token]
    public let description: String

    /// nil when the layout has no year, month, day, hour and minute.
    public init?(_ text: String) {
        var tokens: [Token] = []
        var rest = Substring(text)
        let names: [(String, Token)] = [
            ("YYYY", .year4), ("YY", .year2), ("MM", .month), ("M", .month), ("DD", .day), ("D", .day),
            ("HH", .hour24), ("H", .hour24), ("hh", .hour12), ("h", .hour12), ("mm", .minute), ("ss", .second),
            ("SSS", .fraction), ("A", .meridiem), ("a", .meridiem), ("Z", .offset),
        ]
        while let first = rest.first {
            if let (name, token) = names.first(where: { rest.hasPrefix($0.0) }) {
                tokens.append(token)
                rest = rest.dropFirst(name.count)
            } else {
                tokens.append(contentsOf: String(first).utf8.map { Token.literal($0) })
                rest = rest.dropFirst()
            }
        }
        let required: [[Token]] = [[.year4, .year2], [.month], [.day], [.hour24, .hour12], [.minute]]
        guard required.allSatisfy({ options in options.contains(where: tokens.contains) }) else { return nil }
        self.tokens = tokens
        self.description = text
    }

    /// The wall clock a value names, and its UTC offset in seconds when the layout has `Z`.
    func read(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (CivilDateTime, offset: Int?)? {
        var cursor = TextCursor(bytes, range)
        var civil = CivilDateTime(year: 0, month: 0, day: 0)
        var hour12: Int?
        var isPM: Bool?
        var offset: Int?
        for token in tokens {
            switch token {
            case .year4:
                guard let (value, digits) = cursor.number(maxDigits: 4), digits == 4 else { return nil }
                civil.year = value
            case .year2:
                guard let (value, digits) = cursor.number(maxDigits: 2), digits == 2 else { return nil }
                civil.year = 2000 + value
            case .month:
                guard let (value, _) = cursor.number(maxDigits: 2) else { return nil }
                civil.month = value
            case .day:
                guard let (value, _) = cursor.number(maxDigits: 2) else { return nil }
                civil.day = value
            case .hour24:
                guard let (value, _) = cursor.number(maxDigits: 2) else { return nil }
                civil.hour = value
            case .hour12:
                guard let (value, _) = cursor.number(maxDigits: 2), value >= 1, value <= 12 else { return nil }
                hour12 = value
            case .minute:
                guard let (value, digits) = cursor.number(maxDigits: 2), digits == 2 else { return nil }
                civil.minute = value
            case .second:
                guard let (value, digits) = cursor.number(maxDigits: 2), digits == 2 else { return nil }
                civil.second = value
            case .fraction:
                guard cursor.number(maxDigits: 9) != nil else { return nil }
            case .meridiem:
                let letter = cursor.peek().map { $0 & 0xDF }
                guard letter == 0x41 || letter == 0x50 else { return nil }
                cursor.advance()
                cursor.consume(0x2E)
                guard cursor.consume(0x4D) || cursor.consume(0x6D) else { return nil }
                cursor.consume(0x2E)
                isPM = letter == 0x50
            case .offset:
                guard let value = Self.readOffset(&cursor) else { return nil }
                offset = value
            case .literal(let byte):
                guard cursor.consume(byte) else { return nil }
            }
        }
        guard cursor.isAtEnd else { return nil }
        if let hour12 { civil.hour = hour12 % 12 + (isPM == true ? 12 : 0) }
        return civil.isValid ? (civil, offset) : nil
    }

    /// `Z`, `+01:00`, `+0100` or `-05`.
    static func readOffset(_ cursor: inout TextCursor) -> Int? {
        if cursor.consume(0x5A) { return 0 }
        guard let sign = cursor.peek(), sign == 0x2B || sign == 0x2D else { return nil }
        cursor.advance()
        guard let (hours, digits) = cursor.number(maxDigits: 2), digits == 2 else { return nil }
        cursor.consume(0x3A)
        let minutes = cursor.number(maxDigits: 2)?.value ?? 0
        return (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
    }

    /// ISO 8601 as exporters write it: `2026-11-20T09:02:00`, with a space instead of `T`, with or
    /// without seconds, fractions and an offset.
    static let isoCandidates: [TimestampLayout] = [
        "YYYY-MM-DDTHH:mm:ss.SSSZ", "YYYY-MM-DDTHH:mm:ssZ", "YYYY-MM-DDTHH:mm:ss.SSS", "YYYY-MM-DDTHH:mm:ss",
        "YYYY-MM-DDTHH:mmZ", "YYYY-MM-DDTHH:mm", "YYYY-MM-DD HH:mm:ss.SSSZ", "YYYY-MM-DD HH:mm:ssZ",
        "YYYY-MM-DD HH:mm:ss.SSS", "YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD HH:mm",
    ].compactMap(TimestampLayout.init)
}
