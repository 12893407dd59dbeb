import Foundation
import Testing

@testable import ChatBillCore

@Suite("libxml2 streaming reader")
struct XMLStreamReaderTests {
    func walk(_ xml: String) -> (nodes: [XMLStreamReader.Node], diagnostics: [Diagnostic]) {
        var nodes: [XMLStreamReader.Node] = []
        let diagnostics = XMLStreamReader.read(Array(xml.utf8), file: "log.xml") { nodes.append($0) }
        return (nodes, diagnostics)
    }

    @Test func elementsAttributesAndTextComeInDocumentOrder() {
        let (nodes, diagnostics) = walk(
            "<chat account=\"sam\">\n  <message sender=\"dana\" time=\"2026-10-14T09:02:00+02:00\">Hi &amp; hello</message>\n<br/></chat>"
        )
        #expect(diagnostics.isEmpty)
        let elements = nodes.compactMap { node -> String? in
            switch node {
            case .startElement(let name, let attributes, _, _):
                "<\(name) \(attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))>"
            case .endElement(let name): "</\(name)>"
            case .text(let text, _): text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
            }
        }
        #expect(
            elements == [
                "<chat account=sam>", "<message sender=dana,time=2026-10-14T09:02:00+02:00>", "Hi & hello",
                "</message>",
                "<br >", "</br>", "</chat>",
            ])
        guard case .startElement(_, _, let location, _) = nodes[2] else {
            Issue.record("expected the message element")
            return
        }
        #expect(location.line == 2)
    }

    @Test func externalEntitiesReadNoLocalFile() throws {
        let secret = FileManager.default.temporaryDirectory.appending(path: "chatbill-xxe-\(UUID().uuidString).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let (nodes, _) = walk(
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secret.path)\">]><r>&x;</r>")
        let texts = nodes.compactMap { node -> String? in
            if case .text(let text, _) = node { return text }
            return nil
        }
        #expect(!texts.joined().contains("TOP-SECRET"))
    }

    @Test func aBillionLaughsDocumentIsNotExpanded() {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        xml += "]><lolz>&lol9;</lolz>"
        let (nodes, _) = walk(xml)
        let textLength = nodes.reduce(0) { total, node in
            if case .text(let text, _) = node { return total + text.count }
            return total
        }
        #expect(textLength < 1000)
    }

    @Test func aFileCutShortSaysWhereItEndsAndWhatIsOpen() {
        let (nodes, diagnostics) = walk("<chat>\n<message>one</message>\n<message>tw")
        #expect(nodes.contains { if case .endElement("message") = $0 { true } else { false } })
        let last = diagnostics.last
        #expect(last?.severity == .error)
        #expect(last?.location?.line == 3)
        #expect(last?.message == "the file ends inside <message> (2 elements left open): is it cut short?")
    }

    @Test func malformedMarkupIsReportedWithItsLine() {
        let (_, diagnostics) = walk("<chat>\n<message>unclosed\n</chat>")
        let error = diagnostics.first { $0.severity == .error }
        #expect(error != nil)
        #expect(error?.location?.line == 3)
        #expect(error?.file == "log.xml")
    }
}

@Suite("libxml2 HTML reader")
struct HTMLStreamReaderTests {
    func walk(_ bytes: [UInt8]) -> [MarkupNode] {
        var nodes: [MarkupNode] = []
        HTMLStreamReader.read(bytes, file: "x.html") { nodes.append($0) }
        return nodes
    }

    func texts(_ nodes: [MarkupNode]) -> String {
        nodes.compactMap { node -> String? in
            if case .text(let text, _) = node { return text }
            return nil
        }.joined()
    }

    @Test func tagSoupAndEntitiesAreRead() {
        let nodes = walk(Array("<font color=\"#A82F2F\"><b>Dana:</b> a &amp; b &lt;3<br>\nnext line".utf8))
        #expect(texts(nodes) == "Dana: a & b <3\nnext line")
        #expect(nodes.contains { if case .startElement("br", _, _, _) = $0 { true } else { false } })
        let lines = nodes.compactMap { node -> Int? in
            if case .text(let text, let location) = node, text.contains("next") {
                return HTMLText.contentLines(text, startingAt: location.line)?.lowerBound
            }
            return nil
        }
        #expect(lines == [2])
    }

    /// The byte-level reading of where text shows something agrees with Unicode's White_Space for
    /// every white-space character and its neighbours, and counts lines from the text's start.
    @Test func contentLinesTellUnicodeWhiteSpaceByItsBytes() {
        let whiteSpace = (0...0x3100).compactMap(Unicode.Scalar.init).filter(\.properties.isWhitespace)
        let neighbours = whiteSpace.flatMap { [$0.value - 1, $0.value + 1] }.compactMap(Unicode.Scalar.init)
        for scalar in whiteSpace where scalar != "\n" {
            #expect(
                HTMLText.contentLines("\n\(scalar)\n", startingAt: 5) == nil, "U+\(String(scalar.value, radix: 16))")
        }
        for scalar in neighbours where !scalar.properties.isWhitespace {
            #expect(
                HTMLText.contentLines("\n \(scalar) \n\u{3000}", startingAt: 5) == 6...6,
                "U+\(String(scalar.value, radix: 16))")
        }
        #expect(HTMLText.contentLines("\n a\n\n b \n\n", startingAt: 1) == 2...4)
        let broken: [UInt8] = [0x0A, 0xE2, 0x80]
        #expect(
            broken.withUnsafeBufferPointer(HTMLText.contentBreaks).map { [$0.first, $0.last, $0.total] } == [1, 1, 1])
    }

    /// libxml2 hands element and attribute names over in lower case, as the parsers compare them.
    @Test func upperCaseMarkupComesInLowerCase() {
        let nodes = walk(Array("<HTML><BODY><DIV CLASS=\"Message\" Title=\"T\">x</DIV></BODY></HTML>".utf8))
        let div = nodes.compactMap { node -> [String: String]? in
            if case .startElement("div", let attributes, _, _) = node { return attributes }
            return nil
        }
        #expect(div == [["class": "Message", "title": "T"]])
        #expect(nodes.contains { if case .endElement("div") = $0 { true } else { false } })
    }

    @Test func utf16WithAByteOrderMarkIsDecoded() {
        let html = "<html><body><p>Grüße</p></body></html>"
        let bytes: [UInt8] = [0xFF, 0xFE] + html.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(texts(walk(bytes)) == "Grüße")
    }

    @Test func garbageNeverCrashes() {
        var generator = SeededGenerator(seed: 3)
        let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        _ = walk(bytes)
        _ = walk([])
        _ = walk(Array("<<<>>></////<a href='".utf8))
    }
}

@Suite("libxml2 HTML complaints")
struct HTMLComplaintTests {
    @Test func tagSoupComplaintsAreNotesNotWarnings() {
        let diagnostics = HTMLStreamReader.read(Array("<xmp><font><b>x</font>\n<zzz>y".utf8), file: "x.html") { _ in }
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.severity == .note })
    }
}
