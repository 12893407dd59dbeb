import Testing

@testable import ChatBillCore

/// The vocabulary lists a parser tells kinds of lines by: the tables that turn texts away before
/// any comparison must never turn away a text that is an entry.
@Suite("Byte strings")
struct ByteStringsTests {
    static let long = String(repeating: "long placeholder ", count: 20)  // 340 bytes
    let strings = ByteStrings(["<Media omitted>", "This message was deleted", "é", Self.long, "This"])

    func check(_ text: String, _ test: (ByteStrings, UnsafeBufferPointer<UInt8>, Range<Int>) -> Bool) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { test(strings, $0, 0..<$0.count) }
    }

    @Test func aTextIsWholeExactlyWhenItIsAnEntry() {
        for entry in ["<Media omitted>", "This message was deleted", "é", Self.long, "This"] {
            #expect(check(entry) { $0.isWhole($1, $2) }, "\(entry.prefix(20))")
        }
        for other in [
            "", "<Media omitted", "<Media omitted>.", "This message was deleted!", "Thi", "That", "e",
            Self.long + " ", String(Self.long.dropLast()) + "!",
        ] {
            #expect(!check(other) { $0.isWhole($1, $2) }, "\(other.prefix(20))")
        }
    }

    @Test func prefixesAndSuffixesAreFoundByTheirFirstAndLastBytes() {
        #expect(check("This message was deleted by Dana") { $0.startsWithOne($1, $2) })
        #expect(!check("this message") { $0.startsWithOne($1, $2) })
        #expect(check("photo.jpg <Media omitted>") { $0.suffix(of: $1, $2) == Array("<Media omitted>".utf8) })
        #expect(check("café") { $0.suffix(of: $1, $2) == Array("é".utf8) })
        #expect(check("cafe") { $0.suffix(of: $1, $2) == nil })
    }
}
