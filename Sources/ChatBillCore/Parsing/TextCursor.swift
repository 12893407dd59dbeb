/// A position in a line of UTF-8 bytes with the small steps text grammars are made of.
/// Parsers use it on hot paths: it never builds a `String`.
struct TextCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    var isAtEnd: Bool { position >= end }

    func peek() -> UInt8? { position < end ? bytes[position] : nil }

    mutating func advance(_ count: Int = 1) { position = min(end, position + count) }

    /// Consumes `byte` if it is next.
    @discardableResult
    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < end, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Consumes `sequence` if it comes next, exactly.
    mutating func consume(_ sequence: [UInt8]) -> Bool {
        guard end - position >= sequence.count else { return false }
        for (offset, byte) in sequence.enumerated() where bytes[position + offset] != byte { return false }
        position += sequence.count
        return true
    }

    /// Consumes a marker in which each space matches any space-like character (see `skipSpaces`).
    mutating func consumeMarker(_ marker: [UInt8]) -> Bool {
        var probe = self
        for byte in marker {
            if byte == 0x20 {
                guard probe.consumeSpace() else { return false }
            } else if !probe.consume(byte) {
                return false
            }
        }
        self = probe
        return true
    }

    /// An unsigned decimal number of 1...`maxDigits` ASCII digits, and how many digits it had.
    mutating func number(maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while digits < maxDigits, position < end, bytes[position] &- 0x30 < 10 {
            value = value * 10 + Int(bytes[position] &- 0x30)
            position += 1
            digits += 1
        }
        if digits == 0 || (position < end && bytes[position] &- 0x30 < 10) { return nil }
        return (value, digits)
    }

    /// A number of exactly `digits` ASCII digits (`20100111` reads as 2010, 01, 11).
    mutating func fixedNumber(digits: Int) -> Int? {
        guard end - position >= digits else { return nil }
        var value = 0
        for offset in 0..<digits {
            let digit = bytes[position + offset] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        position += digits
        return value
    }

    /// A decimal number of 1...`maxDigits` digits written with ASCII, Arabic-Indic (U+0660…) or
    /// Persian (U+06F0…) digits, and how many digits it had.
    mutating func localizedNumber(maxDigits: Int) -> (value: Int, digits: Int)? {
        if let ascii = peek(), ascii &- 0x30 < 10 { return number(maxDigits: maxDigits) }
        var value = 0
        var digits = 0
        while let digit = nonASCIIDigit() {
            guard digits < maxDigits else { return nil }
            value = value * 10 + digit
            position += 2
            digits += 1
        }
        return digits == 0 ? nil : (value, digits)
    }

    /// The value of an Arabic-Indic or Persian digit at the cursor.
    private func nonASCIIDigit() -> Int? {
        guard end - position >= 2 else { return nil }
        let lead = bytes[position]
        let trail = bytes[position + 1]
        if lead == 0xD9, trail >= 0xA0, trail <= 0xA9 { return Int(trail - 0xA0) }
        if lead == 0xDB, trail >= 0xB0, trail <= 0xB9 { return Int(trail - 0xB0) }
        return nil
    }

    /// Consumes one space: U+0020, NBSP (U+00A0) or NARROW NO-BREAK SPACE (U+202F).
    mutating func consumeSpace() -> Bool {
        consume(0x20) || consume([0xC2, 0xA0]) || consume([0xE2, 0x80, 0xAF])
    }

    mutating func skipSpaces() {
        while consumeSpace() {}
    }

    /// Skips the invisible marks exports put before text: BOM, LRM, RLM, and bidi embeddings and
    /// isolates (U+202A–U+202E, U+2066–U+2069).
    mutating func skipInvisibleMarks() {
        while end - position >= 3 {
            let b0 = bytes[position]
            let b1 = bytes[position + 1]
            let b2 = bytes[position + 2]
            guard Self.isInvisibleMark(b0, b1, b2) else { return }
            position += 3
        }
    }

    /// Whether the three bytes are the UTF-8 of one of those marks.
    static func isInvisibleMark(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF)
            || (b0 == 0xE2 && b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (0xAA...0xAE).contains(b2)))
            || (b0 == 0xE2 && b1 == 0x81 && (0xA6...0xA9).contains(b2))
    }
}
