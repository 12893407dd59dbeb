import Foundation
import Testing

@testable import ChatBillCore

@Suite("JSON documents")
struct JSONDocumentTests {
    func error(_ text: String) -> Diagnostic? {
        do {
            _ = try JSONDocument.parse(InputFile(displayName: "x.json", bytes: Array(text.utf8)))
            return nil
        } catch {
            return error.diagnostic
        }
    }

    @Test func aFileCutShortSaysWhereItEnds() throws {
        let diagnostic = try #require(error("{\n  \"messages\": [\n    {\"a\": 1},\n    {\"b\""))
        #expect(diagnostic.location?.line == 4)
        #expect(diagnostic.message.contains("cut short"))
    }

    @Test func aBadValueIsLocated() throws {
        let diagnostic = try #require(error("{\n  \"a\": 1,\n  \"b\": tru\n}"))
        #expect(diagnostic.location?.line == 3)
    }

    @Test func wrongTopLevelTypesSayWhatWasExpected() throws {
        #expect(throws: ChatBillError.self) {
            try JSONDocument.object(InputFile(displayName: "x.json", bytes: Array("[1, 2]".utf8)), expected: "a test")
        }
        #expect(throws: ChatBillError.self) {
            try FacebookJSONParser().parse(
                InputFile(displayName: "x.json", bytes: Array(#"{"messages": "none"}"#.utf8)),
                options: ParseOptions(timeZone: Fixtures.berlin))
        }
    }
}
