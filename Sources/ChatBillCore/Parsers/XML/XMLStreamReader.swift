import CLibXML2
import Foundation

/// A safe, streaming walk over an XML document with libxml2's SAX2 push parser
/// (`XMLSAXReader`): the base the XML export parsers (Adium, Empathy, Trillian…) build on. Memory
/// stays flat for large files, and hostile input is harmless: no network, no external entities,
/// no DTD loading, and entities are not expanded (so "billion laughs" documents cost nothing).
public enum XMLStreamReader {
    public typealias Node = MarkupNode

    /// The options every chatbill XML read uses: no network, no entity substitution, no DTD
    /// loading or validation, no huge-document limits lifted.
    static let parseOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOWARNING.rawValue)

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Walks `bytes`, calling `visit` for each element start, element end and piece of text (the
    /// text between two tags as one node), in document order, each at the line libxml2 was on
    /// (for an element, the line its start tag ends on). Returns libxml2's complaints as
    /// diagnostics located in `file`; after broken markup libxml2 recovers what it can and the
    /// walk goes on.
    @discardableResult
    public static func read(_ bytes: [UInt8], file: String, visit: (Node) -> Void) -> [Diagnostic] {
        precondition(initialized)
        return withoutActuallyEscaping(visit) { visit in
            var visitor = NodeVisitor(visit: visit)
            let reader = XMLSAXReader(file: file)
            bytes.withUnsafeBufferPointer { reader.parse($0, to: &visitor) }
            visitor.flush()
            return reader.diagnostics
        }
    }

    /// Hands libxml2's events on as nodes, the text between two tags as one.
    private struct NodeVisitor: SAXHandler {
        let visit: (Node) -> Void
        var text: [UInt8] = []
        var textLine = 0

        mutating func flush() {
            guard !text.isEmpty else { return }
            visit(.text(String(decoding: text, as: UTF8.self), location: InputLocation(line: textLine, column: 1)))
            text.removeAll(keepingCapacity: true)
        }

        mutating func startElement(_ name: UnsafePointer<UInt8>, _ attributes: XMLSAXReader.Attributes, line: Int) {
            flush()
            visit(
                .startElement(
                    name: String(cString: name), attributes: attributes.dictionary,
                    location: InputLocation(line: line, column: 1), isEmpty: false))
        }

        mutating func endElement(_ name: UnsafePointer<UInt8>, line: Int) {
            flush()
            visit(.endElement(name: String(cString: name)))
        }

        mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
            if text.isEmpty { textLine = line }
            text.append(contentsOf: bytes)
        }
    }

    /// Walks a log that is a sequence of elements without one root (Trillian, a dump of XMPP
    /// stanzas) by wrapping it in one on its first line, after any XML declaration, so that line
    /// numbers stay those of the file.
    @discardableResult
    public static func readFragments(_ bytes: [UInt8], file: String, visit: (Node) -> Void) -> [Diagnostic] {
        var wrapped = bytes
        var insertAt = 0
        if wrapped.starts(with: Array("<?xml".utf8)), let end = wrapped.firstIndex(of: 0x3E) { insertAt = end + 1 }
        wrapped.insert(contentsOf: Array("<chatbill-fragments>".utf8), at: insertAt)
        wrapped.append(contentsOf: Array("</chatbill-fragments>".utf8))
        return read(wrapped, file: file) { node in
            switch node {
            case .startElement("chatbill-fragments", _, _, _), .endElement("chatbill-fragments"): break
            default: visit(node)
            }
        }
    }
}
