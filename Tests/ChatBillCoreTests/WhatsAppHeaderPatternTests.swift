import Testing

@testable import ChatBillCore

/// The narrowed header grammar that reads most lines of an export must read every line exactly as
/// the whole grammar does, or leave it to the whole grammar.
@Suite("WhatsApp header pattern")
struct WhatsAppHeaderPatternTests {
    let scanner = WhatsAppHeaderScanner(vocabulary: .standard)

    /// Headers of many shapes: 24-hour clocks the pattern takes, and lines it must leave alone
    /// (12-hour markers, marks, Arabic digits, dots after the date or the time).
    static let headers = [
        "19/02/2025, 21:20 - Lena: hi", "[19/02/2025, 21:20:33] Lena: hi", "2025-02-19 21:20 - A: b",
        "19.02.25, 21:20 - A: b", "19.02.25 21:20 - A: b", "[31.12.24 um 21:05:33] A: b", "31/12/2024 à 21:05 - A: b",
        "31.12.2024 klo 21.05 - A: b", "31.12.2024 в 21:05 \u{2013} A: b", "31/12/24,21:05 - A: b",
        "31/12/24 21:05: A: b", "2024/12/31, 21:05:33 - A: b", "1/2/24, 9:05 - A: b", "[1/2/24, 09:05:07] A: b",
        "12/31/24, 9:05 PM - A: b", "12/31/24, 9:05\u{202F}p.\u{00A0}m. - A: b", "[2024/12/31 下午9:05:33] A: b",
        "\u{200F}٣١\u{200F}/١٢\u{200F}/٢٠٢٤، ٩:٠٥ م - A: b", "\u{FEFF}19/02/2025, 21:20 - A: b",
        "31/12/24, 21:05. - A: b", "31.12.24., 21:05 - A: b", "[19/02/2025, 21:20:33]A: b",
    ]

    func header(_ line: [UInt8]) -> WhatsAppHeader? {
        line.withUnsafeBufferPointer { scanner.match($0, line: 0..<$0.count) }
    }

    func describe(_ header: WhatsAppHeader?) -> String { header.map { "\($0)" } ?? "none" }

    /// Lines like the headers with bytes replaced, put in and taken out.
    static func mutations(count: Int) -> [[UInt8]] {
        var generator = SeededGenerator(seed: 0x9A77)
        let pieces = [
            "0", "1", "3", "9", "/", ".", "-", ":", " ", ",", "[", "]", "a", "P", "M", "\u{00A0}", "\u{200E}", "١",
            " - ", ", ", " um ", "12", "2024",
        ].map { Array($0.utf8) }
        return (0..<count).map { _ in
            var line = Array(headers.randomElement(using: &generator)!.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0...min(line.count, 28), using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: line.insert(contentsOf: pieces.randomElement(using: &generator)!, at: at)
                case 1: if at < line.count { line.remove(at: at) }
                default:
                    if at < line.count { line[at] = pieces.randomElement(using: &generator)!.first! }
                }
            }
            return line
        }
    }

    @Test func aPatternReadsEveryLineAsTheGrammarDoesOrLeavesIt() {
        let lines = Self.headers.map { Array($0.utf8) } + Self.mutations(count: 20_000)
        let patterns = Self.headers.compactMap { header(Array($0.utf8)) }.compactMap {
            WhatsAppHeaderPattern($0, scanner: scanner)
        }
        var read = 0
        var differences: [String] = []
        for pattern in patterns {
            for line in lines {
                guard let fast = line.withUnsafeBufferPointer({ pattern.match($0, line: 0..<$0.count) }) else {
                    continue
                }
                read += 1
                let whole = header(line)
                if describe(fast) != describe(whole), differences.count < 5 {
                    differences.append(
                        "\(String(decoding: line, as: UTF8.self)): \(describe(fast)) ≠ \(describe(whole))")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences)")
        #expect(read > 2_000)
    }

    @Test func aPatternIsMadeOnlyWhereTheGrammarHasNoOtherChoice() {
        var patterned: [String] = []
        var readingItself: [String] = []
        for line in Self.headers {
            let bytes = Array(line.utf8)
            guard let header = header(bytes), let pattern = WhatsAppHeaderPattern(header, scanner: scanner) else {
                continue
            }
            patterned.append(line)
            let read = bytes.withUnsafeBufferPointer { pattern.match($0, line: 0..<$0.count) }
            if read != nil { readingItself.append(line) }
        }
        // Not: a 12-hour clock, Arabic digits (with a 12-hour marker), `: ` after a time with `:`.
        let writtenPlainly = [
            "19/02/2025, 21:20 - Lena: hi", "[19/02/2025, 21:20:33] Lena: hi", "2025-02-19 21:20 - A: b",
            "19.02.25, 21:20 - A: b", "19.02.25 21:20 - A: b", "[31.12.24 um 21:05:33] A: b",
            "31/12/2024 à 21:05 - A: b", "31.12.2024 klo 21.05 - A: b", "31.12.2024 в 21:05 \u{2013} A: b",
            "31/12/24,21:05 - A: b", "2024/12/31, 21:05:33 - A: b", "1/2/24, 9:05 - A: b", "[1/2/24, 09:05:07] A: b",
        ]
        // Headers of those kinds with a mark before them, a dot after the date or the time, or no
        // space after `]`: the pattern is made, and leaves such lines to the grammar.
        let withExtras = [
            "\u{FEFF}19/02/2025, 21:20 - A: b", "31/12/24, 21:05. - A: b", "31.12.24., 21:05 - A: b",
            "[19/02/2025, 21:20:33]A: b",
        ]
        #expect(Set(patterned) == Set(writtenPlainly + withExtras))
        #expect(readingItself == writtenPlainly)
    }

    /// A vocabulary may hold markers that start alike: where a longer one, tried first, could
    /// take a line the pattern would read with a shorter one, no pattern is made.
    @Test func noPatternWhereALongerMarkerCouldTakeTheLine() {
        func pattern(joiners: [String], separators: [String]) -> WhatsAppHeaderPattern? {
            var vocabulary = WhatsAppVocabulary.standard
            vocabulary.dateTimeJoiners = joiners
            vocabulary.androidSeparators = separators
            let scanner = WhatsAppHeaderScanner(vocabulary: vocabulary)
            return Array("31/12/24 9:05 - A: b".utf8).withUnsafeBufferPointer { bytes in
                scanner.match(bytes, line: 0..<bytes.count).flatMap { WhatsAppHeaderPattern($0, scanner: scanner) }
            }
        }
        #expect(pattern(joiners: [" "], separators: [" - "]) != nil)
        // ` 2`, tried first, goes on with a digit where ` ` ends: it would read `31/12/24 21:05`
        // as 1:05.
        #expect(pattern(joiners: [" ", " 2"], separators: [" - "]) == nil)
        // ` to` goes on with a letter, which never comes where the pattern reads an hour.
        #expect(pattern(joiners: [" ", " to"], separators: [" - "]) != nil)
        // ` - !`, tried first, starts like ` - `: it would take `31/12/24 9:05 - !A: b`.
        #expect(pattern(joiners: [" "], separators: [" - ", " - !"]) == nil)
    }

    /// Line after line, with the shape changing, the reader reads what the grammar reads.
    @Test func theHeaderReaderReadsEveryLineAsTheGrammarDoes() {
        var generator = SeededGenerator(seed: 7)
        let lines = Self.headers.map { Array($0.utf8) } + Self.mutations(count: 5_000)
        var reader = WhatsAppHeaderReader(scanner)
        for _ in 0..<20_000 {
            let line =
                Int.random(in: 0..<4, using: &generator) == 0 ? lines.randomElement(using: &generator)! : lines[0]
            let read = line.withUnsafeBufferPointer { reader.match($0, line: 0..<$0.count) }
            #expect(describe(read) == describe(header(line)))
        }
    }
}
