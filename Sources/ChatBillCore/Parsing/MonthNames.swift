/// English month and weekday names as log headers write them (`Mon Jan 08 2018`,
/// `26 December 2003`), read from bytes.
enum MonthNames {
    private static let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ].map { Array($0.utf8) }

    /// Full month names in the languages old IM clients' banners are written in (French, German,
    /// Spanish, Italian, Dutch, Portuguese), lower-case.
    private static let localizedMonths: [String: Int] = {
        let languages = [
            [
                "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre",
            ],
            [
                "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
                "november", "dezember",
            ],
            [
                "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                "noviembre", "diciembre",
            ],
            [
                "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                "ottobre", "novembre", "dicembre",
            ],
            [
                "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december",
            ],
            [
                "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
                "novembro", "dezembro",
            ],
        ]
        var months: [String: Int] = [:]
        for names in languages { for (index, name) in names.enumerated() { months[name] = index + 1 } }
        return months
    }()

    /// The month (1...12) of a word that starts with an English month's three letters, any case,
    /// or that is a full month name in one of `localizedMonths`' languages.
    static func month(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Int? {
        guard word.count >= 3 else { return nil }
        let lower = (0..<3).map { bytes[word.lowerBound + $0] | 0x20 }
        if let english = months.firstIndex(of: lower) { return english + 1 }
        return localizedMonths[bytes.decodedText(word).lowercased()]
    }

    /// The date in a header such as `Mon Jan 08 10:00:00 2018`, `Mon Jan  8 2018`,
    /// `Mon 11 Jan 2010 00:01:01 GMT` or `2006-12-21 22:36:06`: a month name, a day and a
    /// four-digit year in any order, or an ISO date.
    static func date(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> CivilDateTime? {
        var month: Int?
        var day: Int?
        var year: Int?
        var index = range.lowerBound
        while index < range.upperBound {
            var end = index
            while end < range.upperBound, bytes[end] != 0x20, bytes[end] != 0x09, bytes[end] != 0x2C { end += 1 }
            let word = index..<end
            var cursor = TextCursor(bytes, word)
            if let (value, digits) = cursor.number(maxDigits: 4) {
                if digits == 4, cursor.consume(0x2D), let (m, _) = cursor.number(maxDigits: 2), cursor.consume(0x2D),
                    let (d, _) = cursor.number(maxDigits: 2)
                {
                    let civil = CivilDateTime(year: value, month: m, day: d)
                    return civil.isValid ? civil : nil
                }
                if cursor.isAtEnd || cursor.peek() == 0x2E {
                    if digits == 4 { year = year ?? value } else if digits <= 2, day == nil { day = value }
                }
            } else if month == nil, let named = Self.month(bytes, word) {
                month = named
            }
            index = end + 1
        }
        guard let month, let day, let year else { return nil }
        let civil = CivilDateTime(year: year, month: month, day: day)
        return civil.isValid ? civil : nil
    }
}
