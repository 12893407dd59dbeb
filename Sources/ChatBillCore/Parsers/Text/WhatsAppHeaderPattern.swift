/// The header grammar narrowed to the way one header was written, for the lines after it: an
/// export writes nearly every header alike (`19/02/2025, 21:20 - `), so a line is first read as
/// one more header of that kind, byte by byte with no choices to try, and only a line that is not
/// goes to the whole grammar (`WhatsAppHeaderScanner.match`).
///
/// A header the pattern reads is exactly the one the whole grammar reads from the same line: the
/// pattern is only made when nothing the grammar tries before or after the parts it fixes could
/// read that line otherwise (see `init`), and it leaves every line with anything else (invisible
/// marks, other digits, a 12-hour clock, a dot after the date) to the grammar.
struct WhatsAppHeaderPattern {
    private let bracketed: Bool
    private let dateSeparator: UInt8
    private let joiner: [UInt8]
    private let joinerIndex: Int
    private let timeSeparator: UInt8
    private let hasSeconds: Bool
    /// What ends the header: an Android separator, or `] ` for iOS.
    private let terminator: [UInt8]
    private let terminatorIndex: Int

    /// The pattern of headers written like `header`, nil when the grammar could read such a line
    /// in another way than the pattern does.
    init?(_ header: WhatsAppHeader, scanner: WhatsAppHeaderScanner) {
        guard header.isPM == nil, !header.hasSpacedDate else { return nil }
        let joiner = scanner.joiners[header.joiner]
        let terminator = header.terminator == 0 ? [0x5D, 0x20] : scanner.separators[header.terminator - 1]
        guard let joinerFirst = joiner.first, let terminatorFirst = terminator.first else { return nil }
        // The grammar skips invisible marks (which start 0xE2 or 0xEF) and a dot after the date,
        // and looks for a 12-hour marker before the hour: the joiner must give none of them a
        // chance.
        guard joinerFirst != 0xE2, joinerFirst != 0xEF, joinerFirst != 0x2E,
            !(0x30...0x39).contains(where: { scanner.startsMeridiem[Int($0)] })
        else { return nil }
        // A joiner tried before this one that goes on where this one ends, with a digit, would
        // take the line instead.
        guard
            !scanner.joiners[..<header.joiner].contains(where: {
                $0.count > joiner.count && $0.starts(with: joiner) && $0[joiner.count] &- 0x30 < 10
            })
        else { return nil }
        // After the minutes the grammar tries seconds, then a 12-hour marker after spaces, then a
        // dot, then the terminators in order: the terminator must start like none of them.
        guard terminatorFirst != header.timeSeparator, terminatorFirst != 0x2E, terminatorFirst &- 0x30 >= 10
        else { return nil }
        let afterSpaces = terminator.withUnsafeBufferPointer { bytes in
            var cursor = TextCursor(bytes, 0..<bytes.count)
            cursor.skipSpaces()
            return cursor.peek()
        }
        guard let afterSpaces, !scanner.startsMeridiem[Int(afterSpaces)] else { return nil }
        if header.terminator > 0 {
            guard !scanner.separators[..<(header.terminator - 1)].contains(where: { $0.starts(with: terminator) })
            else { return nil }
        }
        bracketed = header.style == .iOS
        dateSeparator = header.dateSeparator
        self.joiner = joiner
        joinerIndex = header.joiner
        timeSeparator = header.timeSeparator
        hasSeconds = header.hasSeconds
        self.terminator = terminator
        terminatorIndex = header.terminator
    }

    /// The header at the start of `line` when it is written like the pattern's; nil when it is
    /// not (it may still be a header of another kind).
    func match(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> WhatsAppHeader? {
        var index = line.lowerBound
        let end = line.upperBound
        if bracketed {
            guard index < end, bytes[index] == 0x5B else { return nil }
            index += 1
        }
        let timestampStart = index
        guard let (a, aDigits) = Self.number(bytes, &index, end, maxDigits: 4, then: dateSeparator),
            let (b, _) = Self.number(bytes, &index, end, maxDigits: 2, then: dateSeparator),
            let (c, cDigits) = Self.number(bytes, &index, end, maxDigits: 4, then: nil),
            WhatsAppHeader.hasDateDigits(first: aDigits, last: cDigits), Self.consume(joiner, bytes, &index, end),
            let (hour, _) = Self.number(bytes, &index, end, maxDigits: 2, then: timeSeparator),
            let (minute, minuteDigits) = Self.number(bytes, &index, end, maxDigits: 2, then: nil), minuteDigits == 2
        else { return nil }
        var second = 0
        if hasSeconds {
            guard index < end, bytes[index] == timeSeparator else { return nil }
            index += 1
            guard let (value, digits) = Self.number(bytes, &index, end, maxDigits: 2, then: nil), digits == 2 else {
                return nil
            }
            second = value
        }
        let timestampEnd = index
        guard Self.consume(terminator, bytes, &index, end) else { return nil }
        let shape = WhatsAppHeader.shape(
            bracketed: bracketed, dateSeparator: dateSeparator, firstFieldDigits: aDigits, lastFieldDigits: cDigits,
            timeSeparator: timeSeparator, hasSeconds: hasSeconds, isPM: nil, markerBeforeTime: false,
            terminator: terminatorIndex)
        return WhatsAppHeader(
            fields: (a, b, c), firstFieldDigits: aDigits, hour: hour, minute: minute, second: second,
            joiner: joinerIndex, terminator: terminatorIndex, timestampStart: timestampStart,
            timestampEnd: timestampEnd, bodyStart: index, shape: shape, dateSeparator: dateSeparator,
            timeSeparator: timeSeparator, style: bracketed ? .iOS : .android, isPM: nil, hasSeconds: hasSeconds,
            isYearFirst: aDigits >= 3, hasSpacedDate: false)
    }

    /// A number of 1...`maxDigits` ASCII digits at `index`, and then `separator` (consumed) if
    /// one is given; nil when the digits run on or the separator is not next.
    @inline(__always)
    private static func number(
        _ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int, maxDigits: Int, then separator: UInt8?
    ) -> (value: Int, digits: Int)? {
        let start = index
        var value = 0
        while index < end, index - start < maxDigits {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { break }
            value = value * 10 + Int(digit)
            index += 1
        }
        let digits = index - start
        guard digits > 0, index == end || bytes[index] &- 0x30 >= 10 else { return nil }
        if let separator {
            guard index < end, bytes[index] == separator else { return nil }
            index += 1
        }
        return (value, digits)
    }

    @inline(__always)
    private static func consume(
        _ literal: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int
    )
        -> Bool
    {
        guard end - index >= literal.count else { return false }
        for offset in literal.indices where bytes[index + offset] != literal[offset] { return false }
        index += literal.count
        return true
    }
}
