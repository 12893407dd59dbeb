/// A timestamp layout the user writes (`DD.MM.YYYY HH:mm`, `M/D/YY h:mm A`,
/// `YYYY-MM-DDTHH:mm:ssZ`) for exports chatbill has no parser for, read from bytes.
///
/// Tokens: `YYYY` `YY` year, `MM`/`M` month, `MMM` month by its English abbreviation (`Nov`),
/// `DD`/`D` day, `HH`/`H` 24-hour hour, `hh`/`h` 12-hour hour, `mm` minutes, `ss` seconds, `SSS`
/// fractions of a second, `A` AM/PM, `Z` a UTC offset (`Z`, `+01:00`, `+0100`). Anything else
/// must appear as written.
public struct TimestampLayout: Sendable, Hashable, CustomStringConvertible {
    enum Field: Hashable { case year, shortYear, month, day, hour24, hour12, minute, second }

    enum Token: Hashable {
        /// A number; `digits` fixed (`MM`: exactly 2) or nil for 1–2 digits (`M`).
        case number(Field, digits: Int?)
        case monthName, fraction, meridiem, offset
        case literal(UInt8)
    }

    let tokens: [Token]
    public let description: String

    /// nil when the layout has no year, month, day, hour and minute.
    public init?(_ text: String) {
        var tokens: [Token] = []
        var rest = Substring(text)
        let names: [(String, Token)] = [
            ("YYYY", .number(.year, digits: 4)), ("YY", .number(.shortYear, digits: 2)),
            ("MMM", .monthName), ("MM", .number(.month, digits: 2)), ("M", .number(.month, digits: nil)),
            ("DD", .number(.day, digits: 2)), ("D", .number(.day, digits: nil)),
            ("HH", .number(.hour24, digits: 2)), ("H", .number(.hour24, digits: nil)),
            ("hh", .number(.hour12, digits: 2)), ("h", .number(.hour12, digits: nil)),
            ("mm", .number(.minute, digits: 2)), ("ss", .number(.second, digits: 2)),
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
        let fields = Set(
            tokens.compactMap { token -> Field? in
                switch token {
                case .number(let field, _): field
                case .monthName: .month
                default: nil
                }
            })
        let required: [[Field]] = [[.year, .shortYear], [.month], [.day], [.hour24, .hour12], [.minute]]
        guard required.allSatisfy({ options in options.contains(where: fields.contains) }) else { return nil }
        self.tokens = tokens
        self.description = text
    }

    /// The wall clock a value names, and its UTC offset in seconds when the layout has `Z`; nil
    /// when the value is not written so or, unless `validated` is false, names no real date.
    func read(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, validated: Bool = true
    ) -> (CivilDateTime, offset: Int?)? {
        var cursor = TextCursor(bytes, range)
        var civil = CivilDateTime(year: 0, month: 0, day: 0)
        var hour12: Int?
        var isPM: Bool?
        var offset: Int?
        for token in tokens {
            switch token {
            case .number(let field, let digits):
                let read = digits.map { cursor.fixedNumber(digits: $0) } ?? cursor.number(maxDigits: 2)?.value
                guard let value = read else { return nil }
                switch field {
                case .year: civil.year = value
                case .shortYear: civil.year = 2000 + value
                case .month: civil.month = value
                case .day: civil.day = value
                case .hour24: civil.hour = value
                case .hour12:
                    guard value >= 1, value <= 12 else { return nil }
                    hour12 = value
                case .minute: civil.minute = value
                case .second: civil.second = value
                }
            case .monthName:
                guard cursor.position + 3 <= range.upperBound,
                    let month = MonthNames.month(bytes, cursor.position..<cursor.position + 3)
                else { return nil }
                civil.month = month
                cursor.advance(3)
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
        return !validated || civil.isValid ? (civil, offset) : nil
    }

    /// `Z`, `+01:00`, `+0100` or `-05`.
    static func readOffset(_ cursor: inout TextCursor) -> Int? {
        if cursor.consume(0x5A) { return 0 }
        guard let sign = cursor.peek(), sign == 0x2B || sign == 0x2D else { return nil }
        cursor.advance()
        guard let hours = cursor.fixedNumber(digits: 2) else { return nil }
        cursor.consume(0x3A)
        let minutes = cursor.fixedNumber(digits: 2) ?? 0
        return (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
    }

    /// ISO 8601 as exporters write it: `2026-11-20T09:02:00`, with a space instead of `T`, with or
    /// without seconds, fractions and an offset.
    static let isoCandidates: [TimestampLayout] = [
        "YYYY-MM-DDTHH:mm:ss.SSSZ", "YYYY-MM-DDTHH:mm:ssZ", "YYYY-MM-DDTHH:mm:ss.SSS", "YYYY-MM-DDTHH:mm:ss",
        "YYYY-MM-DDTHH:mmZ", "YYYY-MM-DDTHH:mm", "YYYY-MM-DD HH:mm:ss.SSSZ", "YYYY-MM-DD HH:mm:ssZ",
        "YYYY-MM-DD HH:mm:ss.SSS", "YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD HH:mm",
    ].compactMap(TimestampLayout.init)

    /// The layouts a CSV's times are tried in when none is given: ISO 8601, and the default of
    /// DiscordChatExporter 2 (`20-Nov-18 09:02 AM`), neither of which can be read two ways.
    static let unambiguousCandidates = isoCandidates + [discordChatExporter2]

    /// DiscordChatExporter 2's default date format (`dd-MMM-yy hh:mm tt`), in its TXT and CSV.
    static let discordChatExporter2 = TimestampLayout("DD-MMM-YY hh:mm A")!

    /// An ISO 8601 timestamp in any of the `isoCandidates` shapes: the wall clock and its offset,
    /// when written.
    static func readISO(_ text: String) -> (CivilDateTime, offset: Int?)? {
        Array(text.utf8).withUnsafeBufferPointer { readISO(bytes: $0) }
    }

    static func readISO(bytes buffer: UnsafeBufferPointer<UInt8>) -> (CivilDateTime, offset: Int?)? {
        var hint = 0
        return readISO(bytes: buffer, hint: &hint)
    }

    /// The same, trying the shape at `hint` first and leaving there the one that read: a log
    /// writes every time in one shape.
    static func readISO(bytes buffer: UnsafeBufferPointer<UInt8>, hint: inout Int) -> (CivilDateTime, offset: Int?)? {
        if let read = readPlainISO(buffer) { return read }
        if let read = isoCandidates[hint].read(buffer, 0..<buffer.count) { return read }
        for (index, layout) in isoCandidates.enumerated() where index != hint {
            if let read = layout.read(buffer, 0..<buffer.count) {
                hint = index
                return read
            }
        }
        return nil
    }

    /// `2026-10-14T09:02:00+02:00` or `2026-10-14T09:02:00Z`, read by position: the shape nearly
    /// every log writes, as the `YYYY-MM-DDTHH:mm:ssZ` layout reads it, in a tenth of the time.
    static func readPlainISO(_ bytes: UnsafeBufferPointer<UInt8>) -> (CivilDateTime, offset: Int?)? {
        guard bytes.count == 20 || bytes.count == 25 else { return nil }
        guard bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A,
            let year = bytes.digits(at: 0, count: 4), let month = bytes.digits(at: 5, count: 2),
            let day = bytes.digits(at: 8, count: 2), let hour = bytes.digits(at: 11, count: 2),
            let minute = bytes.digits(at: 14, count: 2), let second = bytes.digits(at: 17, count: 2)
        else { return nil }
        let offset: Int
        if bytes.count == 20 {
            guard bytes[19] == 0x5A else { return nil }
            offset = 0
        } else {
            let sign = bytes[19]
            guard sign == 0x2B || sign == 0x2D, bytes[22] == 0x3A, let hours = bytes.digits(at: 20, count: 2),
                let minutes = bytes.digits(at: 23, count: 2)
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
        }
        let civil = CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return civil.isValid ? (civil, offset) : nil
    }
}
