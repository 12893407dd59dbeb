import Testing

@testable import ChatBillCore

/// The byte-level helpers parsers read text with.
@Suite("Byte matching")
struct ByteMatchingTests {
    /// What `trimmed` takes off, told by characters: before the text, invisible marks, spaces, tabs
    /// and line breaks; after it, invisible marks (an Android phone number ends with U+202C),
    /// spaces, tabs and line breaks.
    static func reference(_ text: String) -> String {
        let marks: Set<Unicode.Scalar> = [
            "\u{FEFF}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
            "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
        ]
        let leading = marks.union([" ", "\u{00A0}", "\u{202F}", "\t", "\n", "\r"])
        let trailing = marks.union([" ", "\t", "\n", "\r"])
        var scalars = Array(text.unicodeScalars)
        while let first = scalars.first, leading.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, trailing.contains(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    @Test func trimmingTakesOffWhatSurroundsTheText() {
        var generator = SeededGenerator(seed: 0x7819)
        let pieces = [
            "a", "Z", "!", "~", "é", "👍", " ", "\t", "\u{00A0}", "\u{202F}", "\u{200E}", "\u{200F}", "\u{FEFF}",
            "\u{202B}", "\u{2069}", "\u{202A}", "\u{202C}", "\n", "\r",
        ]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let bytes = Array(text.utf8)
            let trimmed = bytes.withUnsafeBufferPointer { $0.string($0.trimmed(0..<$0.count)) }
            #expect(trimmed == Self.reference(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }
}
