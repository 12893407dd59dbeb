/// The timestamp prefix that starts every WhatsApp message line, read from bytes.
///
/// Android: `12/31/24, 9:05 PM - Alice: text`; iOS: `[31/12/2024, 21:05:33] Alice: text`, both
/// possibly behind invisible marks (BOM, LRM). Only a line whose whole prefix matches starts a
/// message; anything else continues the message before it.
struct WhatsAppHeader {
    enum Style { case android, iOS }

    // Whole numbers first and the small fields together at the end: a header is copied as it is
    // handed on, and small fields strewn between whole numbers make the copy slow.

    /// The three numbers of the date in the order written, and how many digits the first had.
    var fields: (Int, Int, Int)
    var firstFieldDigits: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// Which of the scanner's date-time joiners joins date and time.
    var joiner: Int
    /// 0 for an iOS header (`] `), else 1 + which of the scanner's Android separators ends it.
    var terminator: Int
    /// Byte offset where the timestamp text starts (after invisible marks and `[`).
    var timestampStart: Int
    /// Byte offset just after the timestamp text (before `]` or ` - `).
    var timestampEnd: Int
    /// Byte offset where the sender (or system text) starts.
    var bodyStart: Int
    /// What every header of one export has in common (brackets, separators, year digits, clock),
    /// packed into bits; a pasted line of another shape is not a header of this file.
    var shape: UInt32
    /// `/`, `.` or `-`.
    var dateSeparator: UInt8
    /// `:` or `.`, between hours and minutes.
    var timeSeparator: UInt8
    var style: Style
    /// nil for a 24-hour clock, else whether the marker meant the afternoon.
    var isPM: Bool?
    var hasSeconds: Bool
    /// Whether the date is written year first: with four digits first (`2024/12/31`), or spaced
    /// and closed by a dot as Korean and Hungarian write it (`24. 12. 31.`, `2024. 12. 31.`).
    var isYearFirst: Bool
    /// Whether a space follows each dot of the date (`24. 12. 31.`, Slovak `31. 12. 2024`).
    var hasSpacedDate: Bool

    /// The date this header names when its fields are read in `order`; nil when the fields are not a
    /// real date and time.
    func civil(order: DateOrder) -> CivilDateTime? {
        let (a, b, c) = fields
        var year: Int
        var month: Int
        var day: Int
        if isYearFirst {
            (year, month, day) = (a, b, c)
        } else {
            switch order {
            case .dmy: (day, month, year) = (a, b, c)
            case .mdy: (month, day, year) = (a, b, c)
            case .ymd: (year, month, day) = (a, b, c)
            }
        }
        if year < 100 { year += 2000 }
        if year > 2400 { year -= 543 }  // Thai Buddhist era
        var hour = hour
        if let isPM {
            guard hour <= 12 else { return nil }  // `00:08 a. m.` occurs too
            hour = hour % 12 + (isPM ? 12 : 0)
        }
        let civil = CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return civil.isValid ? civil : nil
    }

    /// Whether a date whose first number has `aDigits` digits and whose last has `cDigits` is
    /// written as WhatsApp writes dates: the year first with four digits (or two, in a date
    /// `spacedYearFirst` as Korean writes it), or last with two or four.
    static func hasDateDigits(first aDigits: Int, last cDigits: Int, spacedYearFirst: Bool = false) -> Bool {
        if spacedYearFirst { return (aDigits == 4 || aDigits == 2) && cDigits <= 2 }
        return aDigits == 4 ? cDigits <= 2 : (cDigits == 2 || cDigits == 4)
    }

    /// The `shape` of a header written so.
    static func shape(
        bracketed: Bool, dateSeparator: UInt8, firstFieldDigits aDigits: Int, lastFieldDigits cDigits: Int,
        timeSeparator: UInt8, hasSeconds: Bool, isPM: Bool?, markerBeforeTime: Bool, terminator: Int,
        spacedDate: Bool = false, isYearFirst: Bool = false
    ) -> UInt32 {
        let yearDigits: UInt32 = aDigits == 4 ? 2 : (cDigits == 4 ? 1 : 0)
        let clock: UInt32 = isPM == nil ? 0 : markerBeforeTime ? 2 : 1
        return (bracketed ? 1 : 0) | UInt32(dateSeparator) << 1 | yearDigits << 9
            | (timeSeparator == 0x2E ? 1 : 0) << 11 | (hasSeconds ? 1 : 0) << 12 | clock << 13
            | UInt32(terminator) << 15 | (spacedDate ? 1 : 0) << 28 | (isYearFirst ? 1 : 0) << 29
    }
}

/// Matches `WhatsAppHeader`s at the start of lines, with the markers of a `WhatsAppVocabulary`.
struct WhatsAppHeaderScanner {
    private let meridiems: [(bytes: [UInt8], isPM: Bool)]
    /// In the order they are tried (the longest first); `WhatsAppHeader.joiner` indexes them.
    let joiners: [[UInt8]]
    /// In the order they are tried (the longest first); `WhatsAppHeader.terminator` indexes them.
    let separators: [[UInt8]]
    /// Which bytes start a marker (a 256-entry table), to skip the search when none can follow.
    let startsMeridiem: [Bool]

    init(vocabulary: WhatsAppVocabulary) {
        // Longest first, so `a. m.` is tried before `a`-something shorter and `, ` before ` `.
        meridiems = vocabulary.meridiems.map { (Array($0.marker.utf8), $0.isPM) }.sorted {
            $0.bytes.count > $1.bytes.count
        }
        joiners = vocabulary.dateTimeJoiners.map { Array($0.utf8) }.sorted { $0.count > $1.count }
        var startsMeridiem = [Bool](repeating: false, count: 256)
        for marker in meridiems { if let first = marker.bytes.first { startsMeridiem[Int(first)] = true } }
        self.startsMeridiem = startsMeridiem
        separators = vocabulary.androidSeparators.map { Array($0.utf8) }.sorted { $0.count > $1.count }
    }

    /// The header at the start of `line` (a range of `bytes` without its line ending), if the whole
    /// header grammar matches.
    func match(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> WhatsAppHeader? {
        var cursor = TextCursor(bytes, line)
        cursor.skipInvisibleMarks()
        let bracketed = cursor.consume(0x5B)  // [
        let timestampStart = cursor.position
        guard let (a, aDigits) = cursor.localizedNumber(maxDigits: 4) else { return nil }
        cursor.skipInvisibleMarks()  // Arabic dates put RLM after each part
        guard let separator = cursor.peek(), separator == 0x2F || separator == 0x2E || separator == 0x2D else {
            return nil
        }
        cursor.advance()
        // Korean, Hungarian and Slovak put a space after each dot: `24. 12. 31.`, `31. 12. 2024`.
        let spaced = separator == 0x2E && cursor.consume(0x20)
        guard let (b, _) = cursor.localizedNumber(maxDigits: 2) else { return nil }
        cursor.skipInvisibleMarks()
        guard cursor.consume(separator), !spaced || cursor.consume(0x20),
            let (c, cDigits) = cursor.localizedNumber(maxDigits: 4)
        else { return nil }
        cursor.skipInvisibleMarks()
        // Some locales end the date with a dot: `31.12.24.`; a spaced date that ends so is
        // written year first (Korean `24. 12. 31.`, Hungarian `2024. 12. 31.`).
        let spacedYearFirst = cursor.consume(0x2E) && spaced
        guard WhatsAppHeader.hasDateDigits(first: aDigits, last: cDigits, spacedYearFirst: spacedYearFirst) else {
            return nil
        }
        let isYearFirst = spacedYearFirst || aDigits >= 3
        guard let joiner = joiners.firstIndex(where: { cursor.consume($0) }) else { return nil }
        // Chinese, Japanese and Korean exports put the 12-hour marker before the time.
        var isPM = meridiem(&cursor)
        let markerBeforeTime = isPM != nil
        if markerBeforeTime { cursor.skipSpaces() }
        guard let (hour, _) = cursor.localizedNumber(maxDigits: 2), let timeSeparator = cursor.peek(),
            timeSeparator == 0x3A || timeSeparator == 0x2E
        else { return nil }
        cursor.advance()
        guard let (minute, minuteDigits) = cursor.localizedNumber(maxDigits: 2), minuteDigits == 2 else { return nil }
        var second = 0
        var hasSeconds = false
        var afterMinute = cursor
        if afterMinute.consume(timeSeparator), let (value, digits) = afterMinute.localizedNumber(maxDigits: 2),
            digits == 2
        {
            second = value
            hasSeconds = true
            cursor = afterMinute
        }
        if isPM == nil {
            var afterTime = cursor
            afterTime.skipSpaces()
            if let marker = meridiem(&afterTime) {
                isPM = marker
                cursor = afterTime
            }
        }
        cursor.consume(0x2E)  // a trailing dot after the time: `13:01.`
        let timestampEnd = cursor.position
        let style: WhatsAppHeader.Style
        var terminator = 0
        if bracketed {
            guard cursor.consume(0x5D) else { return nil }  // ]
            cursor.consume(0x20)
            style = .iOS
        } else {
            guard let index = separators.firstIndex(where: { cursor.consume($0) }) else { return nil }
            terminator = index + 1
            style = .android
        }
        let shape = WhatsAppHeader.shape(
            bracketed: bracketed, dateSeparator: separator, firstFieldDigits: aDigits, lastFieldDigits: cDigits,
            timeSeparator: timeSeparator, hasSeconds: hasSeconds, isPM: isPM, markerBeforeTime: markerBeforeTime,
            terminator: terminator, spacedDate: spaced, isYearFirst: spacedYearFirst)
        return WhatsAppHeader(
            fields: (a, b, c), firstFieldDigits: aDigits, hour: hour, minute: minute, second: second, joiner: joiner,
            terminator: terminator, timestampStart: timestampStart, timestampEnd: timestampEnd,
            bodyStart: cursor.position, shape: shape, dateSeparator: separator, timeSeparator: timeSeparator,
            style: style, isPM: isPM, hasSeconds: hasSeconds, isYearFirst: isYearFirst, hasSpacedDate: spaced)
    }

    /// Consumes a 12-hour marker and says whether it means the afternoon.
    private func meridiem(_ cursor: inout TextCursor) -> Bool? {
        guard let next = cursor.peek(), startsMeridiem[Int(next)] else { return nil }
        for marker in meridiems where cursor.consumeMarker(marker.bytes) {
            return marker.isPM
        }
        return nil
    }
}
