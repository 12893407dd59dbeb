/// Masks what a client may not want on an invoice attachment: phone numbers, e-mail addresses
/// and IBAN-like account numbers in message text, leaving the provider's own names alone.
struct Redaction: Sendable {
    let kept: [String]

    init(keeping names: [String]) {
        kept = names.filter { !$0.isEmpty }
    }

    func apply(_ text: String) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            if let end = Self.match(in: text, at: index), !isKept(text[index..<end]) {
                result += "[redacted]"
                index = end
            } else {
                result.append(text[index])
                index = text.index(after: index)
            }
        }
        return result
    }

    private func isKept(_ found: Substring) -> Bool {
        kept.contains { $0.localizedCaseInsensitiveContains(found) }
    }

    /// The end of a phone number, e-mail address or IBAN starting at `start`, if one does.
    private static func match(in text: String, at start: String.Index) -> String.Index? {
        if start > text.startIndex, isWordCharacter(text[text.index(before: start)]) { return nil }
        return email(in: text, at: start) ?? iban(in: text, at: start) ?? phone(in: text, at: start)
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "+" || character == "."
    }

    /// `name@example.org`.
    private static func email(in text: String, at start: String.Index) -> String.Index? {
        func isLocal(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || "._%+-".contains(c)) }
        var index = start
        while index < text.endIndex, isLocal(text[index]) { index = text.index(after: index) }
        guard index > start, index < text.endIndex, text[index] == "@" else { return nil }
        index = text.index(after: index)
        let domainStart = index
        var lastDot: String.Index?
        while index < text.endIndex, text[index].isASCII,
            text[index].isLetter || text[index].isNumber || text[index] == "-" || text[index] == "."
        {
            if text[index] == "." { lastDot = index }
            index = text.index(after: index)
        }
        // A sentence's full stop after the address is not part of it.
        if index > domainStart, text[text.index(before: index)] == "." {
            index = text.index(before: index)
            lastDot = text[domainStart..<index].lastIndex(of: ".")
        }
        guard let lastDot, lastDot > domainStart, text.distance(from: lastDot, to: index) >= 3 else { return nil }
        return index
    }

    /// `DE89 3704 0044 0532 0130 00` or `GB29NWBK60161331926819`: two letters, two check
    /// digits, then 11 to 30 letters or digits, unspaced or in groups of up to four.
    private static func iban(in text: String, at start: String.Index) -> String.Index? {
        func isAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isUppercase || c.isNumber) }
        var groups: [String] = []
        var index = start
        var end = start
        while index < text.endIndex {
            var group = ""
            var cursor = index
            while cursor < text.endIndex, isAlphanumeric(text[cursor]), group.count < 34 {
                group.append(text[cursor])
                cursor = text.index(after: cursor)
            }
            // After the first group, a group is at most four characters, the last one may be shorter.
            guard !group.isEmpty, groups.isEmpty || group.count <= 4 else { break }
            if cursor < text.endIndex, text[cursor].isLetter || text[cursor].isNumber { break }
            groups.append(group)
            end = cursor
            // Only a full group of four is followed by another.
            guard cursor < text.endIndex, text[cursor] == " ", group.count == 4 else { break }
            index = text.index(after: cursor)
        }
        let characters = Array(groups.joined())
        guard characters.count >= 15, characters.count <= 34, characters[0].isLetter, characters[1].isLetter,
            characters[2].isNumber, characters[3].isNumber, characters.dropFirst(4).contains(where: \.isNumber)
        else { return nil }
        return end
    }

    /// A phone number: `+`, `(` or `0` then at least 7 digits, or at least 10 digits, with
    /// spaces, dashes, dots, slashes or parentheses between them; a date (`02.11.2026`,
    /// `2026-11-02`) is not one.
    private static func phone(in text: String, at start: String.Index) -> String.Index? {
        var index = start
        let first = text[index]
        if first == "+" { index = text.index(after: index) }
        var groups: [Int] = [0]
        var end = start
        while index < text.endIndex {
            let c = text[index]
            if c.isASCII, c.isNumber {
                groups[groups.count - 1] += 1
                index = text.index(after: index)
                end = index
            } else if " -./()".contains(c), groups.contains(where: { $0 > 0 }) || c == "(" {
                if groups.last! > 0 { groups.append(0) }
                index = text.index(after: index)
            } else {
                break
            }
        }
        let digitGroups = groups.filter { $0 > 0 }
        let digits = digitGroups.reduce(0, +)
        let marked = first == "+" || first == "(" || first == "0"
        guard digits <= 15, digits >= (marked ? 7 : 10),
            ![[2, 2, 4], [4, 2, 2], [2, 2, 2], [1, 2, 4], [2, 1, 4], [1, 1, 4]].contains(digitGroups)
        else { return nil }
        return end
    }
}
