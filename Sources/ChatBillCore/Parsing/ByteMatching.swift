#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte-level comparisons for parsers' hot paths, where building a `String` to compare would cost
/// more than the parsing itself.
extension UnsafeBufferPointer<UInt8> {
    func range(_ range: Range<Int>, equals pattern: [UInt8]) -> Bool {
        range.count == pattern.count && self.range(range, hasAt: range.lowerBound, pattern)
    }

    func range(_ range: Range<Int>, hasPrefix pattern: [UInt8]) -> Bool {
        range.count >= pattern.count && self.range(range, hasAt: range.lowerBound, pattern)
    }

    func range(_ range: Range<Int>, hasSuffix pattern: [UInt8]) -> Bool {
        range.count >= pattern.count && self.range(range, hasAt: range.upperBound - pattern.count, pattern)
    }

    /// The first place `pattern` occurs inside `range`.
    func firstIndex(of pattern: [UInt8], in range: Range<Int>) -> Int? {
        guard let first = pattern.first, range.count >= pattern.count else { return nil }
        var index = range.lowerBound
        let last = range.upperBound - pattern.count
        while index <= last {
            if self[index] == first, self.range(range, hasAt: index, pattern) { return index }
            index += 1
        }
        return nil
    }

    /// The number written in the `count` ASCII digits at `start`, or nil when one is not a digit:
    /// for timestamps read by position.
    @inline(__always)
    func digits(at start: Int, count: Int) -> Int? {
        var value = 0
        var valid = true
        for index in start..<start + count {
            let digit = Int(self[index]) &- 0x30
            valid = valid && digit >= 0 && digit <= 9
            value = value &* 10 &+ digit
        }
        return valid ? value : nil
    }

    /// The last place `pattern` occurs wholly inside `range`.
    func lastIndex(of pattern: [UInt8], in range: Range<Int>) -> Int? {
        guard let first = pattern.first, range.count >= pattern.count else { return nil }
        var index = range.upperBound - pattern.count
        while index >= range.lowerBound {
            if self[index] == first, self.range(range, hasAt: index, pattern) { return index }
            index -= 1
        }
        return nil
    }

    func range(_ range: Range<Int>, contains pattern: [UInt8]) -> Bool {
        firstIndex(of: pattern, in: range) != nil
    }

    private func range(_ range: Range<Int>, hasAt start: Int, _ pattern: [UInt8]) -> Bool {
        guard let base = baseAddress else { return pattern.isEmpty }
        return pattern.withUnsafeBufferPointer { memcmp(base + start, $0.baseAddress!, $0.count) == 0 }
    }

    /// `range` without the invisible marks (BOM, LRM, RLM, bidi controls), spaces, tabs and line
    /// breaks it starts with, and without the marks, spaces (but no-break ones), tabs and line
    /// breaks it ends with: a message's text without the blank lines around it.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        // Nearly every text starts and ends with a visible ASCII character: nothing to trim.
        if !range.isEmpty, self[range.lowerBound] &- 0x21 < 0x5E, self[range.upperBound - 1] &- 0x21 < 0x5E {
            return range
        }
        var cursor = TextCursor(self, range)
        while true {
            let before = cursor.position
            cursor.skipInvisibleMarks()
            cursor.skipSpaces()
            while cursor.consume(0x09) || cursor.consume(0x0A) || cursor.consume(0x0D) {}
            if cursor.position == before { break }
        }
        var end = range.upperBound
        while end > cursor.position {
            if self[end - 1] == 0x20 || self[end - 1] == 0x09 || self[end - 1] == 0x0A || self[end - 1] == 0x0D {
                end -= 1
            } else if end - cursor.position >= 3,
                TextCursor.isInvisibleMark(self[end - 3], self[end - 2], self[end - 1])
            {
                // A trailing LRM, as iOS writes before `<This message was edited.>`, or the end of
                // a directional run, as Android writes around a phone number (`\u{202A}+49 170
                // 1234567\u{202C}`).
                end -= 3
            } else {
                break
            }
        }
        return cursor.position..<end
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: self[range]), as: UTF8.self)
    }

    /// The text of `range`: UTF-8 when it is valid UTF-8, else Windows-1252, as old IRC and IM
    /// logs mix both line by line.
    func decodedText(_ range: Range<Int>) -> String {
        TextDecoding.text(UnsafeBufferPointer(rebasing: self[range]))
    }
}

extension UnsafePointer<UInt8> {
    /// Whether the NUL-terminated string here (an element or attribute name libxml2 handed on)
    /// spells `name`.
    func spells(_ name: StaticString) -> Bool {
        let bytes = name.utf8Start
        for index in 0..<name.utf8CodeUnitCount where self[index] != bytes[index] { return false }
        return self[name.utf8CodeUnitCount] == 0
    }
}
