import Foundation

/// A streaming walk over an HTML document through `HTMLSAXReader`, as `MarkupNode`s: the base
/// the HTML export parsers build on where the markup is small or irregular enough that Strings
/// cost nothing that matters.
public enum HTMLStreamReader {
    /// Walks `bytes` (UTF-8, or UTF-16 with a byte-order mark), calling `visit` for each element
    /// start (names in lower case), element end and piece of text. Returns libxml2's complaints about
    /// the markup as notes located in `file`.
    @discardableResult
    public static func read(_ bytes: [UInt8], file: String, visit: (MarkupNode) -> Void) -> [Diagnostic] {
        withoutActuallyEscaping(visit) { visit in
            let reader = HTMLSAXReader(file: file)
            var visitor = NodeVisitor(visit: visit, reader: reader)
            bytes.withUnsafeBufferPointer { reader.parse($0, to: &visitor) }
            return reader.diagnostics
        }
    }

    /// Hands libxml2's events on as nodes, each piece of text as libxml2 gives it.
    private struct NodeVisitor: SAXHandler {
        let visit: (MarkupNode) -> Void
        /// For the column of an element.
        let reader: HTMLSAXReader

        func startElement(_ name: UnsafePointer<UInt8>, _ attributes: HTMLSAXReader.Attributes, line: Int) {
            visit(
                .startElement(
                    name: String(cString: name), attributes: attributes.dictionary, location: reader.location,
                    isEmpty: false))
        }

        func endElement(_ name: UnsafePointer<UInt8>, line: Int) {
            visit(.endElement(name: String(cString: name)))
        }

        func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
            // libxml2 reports where the text ends; its first line is earlier by its line breaks.
            let breaks = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            visit(
                .text(
                    String(decoding: bytes, as: UTF8.self),
                    location: InputLocation(line: max(1, line - breaks), column: 1)))
        }
    }
}
