import CLibXML2
import Foundation

/// A safe, streaming walk over an XML document with libxml2's `xmlTextReader`: the base the XML
/// export parsers (Adium, Empathy, Trillian…) build on. Memory stays flat for large files, and
/// hostile input is harmless: no network, no external entities, no DTD loading, and entities
/// are not expanded (so "billion laughs" documents cost nothing).
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

    /// Walks `bytes`, calling `visit` for each element start, element end and piece of text, in
    /// document order. Returns libxml2's complaints as diagnostics located in `file`; a document
    /// that stops being well-formed ends the walk there with an error.
    @discardableResult
    public static func read(_ bytes: [UInt8], file: String, visit: (Node) -> Void) -> [Diagnostic] {
        precondition(initialized)
        let collector = ErrorCollector(file: file)
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            guard let reader = xmlReaderForMemory(base, Int32(buffer.count), nil, nil, parseOptions) else {
                collector.diagnostics.append(
                    Diagnostic(.error, file: file, "libxml2 could not start reading this file"))
                return
            }
            defer { xmlFreeTextReader(reader) }
            let context = Unmanaged.passUnretained(collector).toOpaque()
            xmlTextReaderSetStructuredErrorHandler(
                reader,
                { context, error in
                    guard let context, let error else { return }
                    Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
                }, context)
            while xmlTextReaderRead(reader) == 1 {
                // The node's own line; libxml2 keeps no column for nodes, so columns are 1.
                let location = InputLocation(
                    line: Int(max(1, xmlGetLineNo(xmlTextReaderCurrentNode(reader)))), column: 1)
                switch xmlTextReaderNodeType(reader) {
                case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                    let name = string(xmlTextReaderConstName(reader))
                    let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                    var attributes: [String: String] = [:]
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        attributes[string(xmlTextReaderConstName(reader))] = string(xmlTextReaderConstValue(reader))
                    }
                    xmlTextReaderMoveToElement(reader)
                    visit(.startElement(name: name, attributes: attributes, location: location, isEmpty: isEmpty))
                    if isEmpty { visit(.endElement(name: name)) }
                case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                    visit(.endElement(name: string(xmlTextReaderConstName(reader))))
                case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                    Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                    visit(.text(string(xmlTextReaderConstValue(reader)), location: location))
                default:
                    break
                }
            }
        }
        return collector.diagnostics
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

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    /// Receives libxml2's structured errors through the reader's context pointer.
    private final class ErrorCollector {
        let file: String
        var diagnostics: [Diagnostic] = []

        init(file: String) {
            self.file = file
        }

        func record(_ error: xmlError) {
            let text = error.message.map { String(cString: $0) } ?? "malformed XML"
            let severity: Diagnostic.Severity = error.level.rawValue >= XML_ERR_ERROR.rawValue ? .error : .warning
            let location = error.line > 0 ? InputLocation(line: Int(error.line), column: Int(max(1, error.int2))) : nil
            diagnostics.append(
                Diagnostic(severity, file: file, at: location, text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }
}
