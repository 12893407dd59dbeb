/// A cursor over JSON bytes for readers that stream: it steps over whitespace, strings, numbers
/// and whole values without building anything, counting lines as it goes. A step either
/// completes, runs out of bytes (`Stop.incomplete`: the caller reads on and starts again from a
/// place it saved), or finds something that is not JSON (`Stop.malformed`).
struct JSONCursor {
    enum Stop: Error {
        case incomplete
        /// What was expected, at the cursor.
        case malformed(String)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    /// The line `index` is on, and the index of that line's first byte (for columns).
    var line: Int
    var lineStart: Int

    /// The 1-based column of `index`, in bytes.
    var column: Int { index - lineStart + 1 }

    /// Steps over spaces, tabs and line breaks; there must be a byte after them.
    mutating func skipSpace() throws(Stop) {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
        throw .incomplete
    }

    /// The next byte that is not space, not consumed.
    mutating func peek() throws(Stop) -> UInt8 {
        try skipSpace()
        return bytes[index]
    }

    /// Consumes `byte` (after spaces), or says that `what` was expected.
    mutating func expect(_ byte: UInt8, _ what: String) throws(Stop) {
        guard try peek() == byte else { throw .malformed("expected \(what)") }
        index += 1
    }

    /// Consumes `byte` (after spaces) when it is next.
    mutating func take(_ byte: UInt8) throws(Stop) -> Bool {
        guard try peek() == byte else { return false }
        index += 1
        return true
    }

    /// Consumes a string; returns the range of its raw content and whether it has escapes.
    mutating func string() throws(Stop) -> (range: Range<Int>, escaped: Bool) {
        guard try peek() == 0x22 else { throw .malformed("expected a string") }
        index += 1
        let start = index
        var escaped = false
        while index < bytes.count {
            switch bytes[index] {
            case 0x22:
                index += 1
                return (start..<index - 1, escaped)
            case 0x5C:
                escaped = true
                index += 2
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: index += 1
            }
        }
        throw .incomplete
    }

    /// Consumes a number, `true`, `false` or `null`; returns its bytes.
    mutating func scalar() throws(Stop) -> Range<Int> {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), 0x2B, 0x2D, 0x2E,
                UInt8(ascii: "E"):
                index += 1
            default:
                guard index > start else { throw .malformed("expected a value") }
                return start..<index
            }
        }
        throw .incomplete
    }

    /// Consumes one value of any kind.
    mutating func skipValue() throws(Stop) {
        switch try peek() {
        case 0x22: _ = try string()
        case 0x7B, 0x5B:
            // Nesting is counted, not checked: a reader that needs a value's parts reads them.
            var depth = 0
            repeat {
                switch try peek() {
                case 0x22: _ = try string()
                case 0x7B, 0x5B:
                    depth += 1
                    index += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    index += 1
                default: index += 1
                }
            } while depth > 0
        default: _ = try scalar()
        }
    }

    /// Reads an object (the cursor at its `{`): `member` is given each key and the byte its value
    /// starts with, and reads the value, or returns false to have it skipped.
    mutating func object(_ member: (Range<Int>, UInt8, inout JSONCursor) throws(Stop) -> Bool) throws(Stop) {
        try expect(0x7B, "'{'")
        if try take(0x7D) { return }
        repeat {
            let key = try string().range
            try expect(0x3A, "':'")
            if try !member(key, try peek(), &self) { try skipValue() }
        } while try take(0x2C)
        try expect(0x7D, "',' or '}'")
    }

    /// Reads a list (the cursor at its `[`): `element` is given the byte each value starts with,
    /// and reads the value, or returns false to have it skipped.
    mutating func array(_ element: (UInt8, inout JSONCursor) throws(Stop) -> Bool) throws(Stop) {
        try expect(0x5B, "'['")
        if try take(0x5D) { return }
        repeat {
            if try !element(try peek(), &self) { try skipValue() }
        } while try take(0x2C)
        try expect(0x5D, "',' or ']'")
    }

    /// Whether the raw bytes of `range` are `word`.
    func range(_ range: Range<Int>, is word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let pointer = word.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }

    /// The whole number written in `range` (a JSON number or the digits of a string), if it is one.
    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for index in range {
            let digit = Int(bytes[index]) - 0x30
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// The content of a string with its escapes decoded, as UTF-8.
    func decoded(_ range: Range<Int>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= range.upperBound else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = bytes[at + offset]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 0x30
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 0x57
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 0x37
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < range.upperBound {
            let byte = bytes[index]
            guard byte == 0x5C, index + 1 < range.upperBound else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex(index) else {
                    output.append(contentsOf: [0x5C, escape])
                    continue
                }
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 6 <= range.upperBound, bytes[index] == 0x5C,
                    bytes[index + 1] == UInt8(ascii: "u"), let low = hex(index + 2), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                output.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
            default: output.append(escape)  // \" \\ \/
            }
        }
        return output
    }
}
