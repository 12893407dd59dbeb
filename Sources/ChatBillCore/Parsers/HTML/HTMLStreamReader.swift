import CLibXML2
import Foundation

/// A streaming walk over an HTML document with libxml2's HTML push parser and SAX callbacks:
/// it survives the tag soup of real exports (unclosed `<font>`, no `<body>`), decodes entities,
/// never builds a tree, and never touches the network.
public enum HTMLStreamReader {
    private static let chunkSize = 64 * 1024

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// The state the C callbacks reach through their context pointer.
    private final class Walk {
        let visit: (MarkupNode) -> Void
        let file: String
        var context: htmlParserCtxtPtr?
        var diagnostics: [Diagnostic] = []

        init(visit: @escaping (MarkupNode) -> Void, file: String) {
            self.visit = visit
            self.file = file
        }

        var location: InputLocation {
            guard let context else { return InputLocation(line: 1, column: 1) }
            let line = xmlSAX2GetLineNumber(UnsafeMutableRawPointer(context))
            let column = xmlSAX2GetColumnNumber(UnsafeMutableRawPointer(context))
            return InputLocation(line: max(1, Int(line)), column: max(1, Int(column)))
        }

        static func from(_ pointer: UnsafeMutableRawPointer?) -> Walk? {
            pointer.map { Unmanaged<Walk>.fromOpaque($0).takeUnretainedValue() }
        }
    }

    /// Walks `bytes` (UTF-8, or UTF-16 with a byte-order mark), calling `visit` for each element
    /// start (names in lower case), element end and piece of text. Returns libxml2's complaints about
    /// the markup as notes located in `file`.
    @discardableResult
    public static func read(_ bytes: [UInt8], file: String, visit: (MarkupNode) -> Void) -> [Diagnostic] {
        precondition(initialized)
        return withoutActuallyEscaping(visit) { visit in
            let walk = Walk(visit: visit, file: file)
            var handler = htmlSAXHandler()
            handler.startElement = { pointer, name, attributes in
                guard let walk = Walk.from(pointer), let name else { return }
                var values: [String: String] = [:]
                if var cursor = attributes {
                    while let key = cursor.pointee {
                        // libxml2's HTML parser gives element and attribute names in lower case.
                        values[String(cString: key)] =
                            cursor.advanced(by: 1).pointee.map { String(cString: $0) } ?? ""
                        cursor = cursor.advanced(by: 2)
                    }
                }
                walk.visit(
                    .startElement(
                        name: String(cString: name), attributes: values, location: walk.location,
                        isEmpty: false))
            }
            handler.endElement = { pointer, name in
                guard let walk = Walk.from(pointer), let name else { return }
                walk.visit(.endElement(name: String(cString: name)))
            }
            handler.characters = { pointer, characters, length in
                guard let walk = Walk.from(pointer), let characters, length > 0 else { return }
                let buffer = UnsafeBufferPointer(start: characters, count: Int(length))
                let text = String(decoding: buffer, as: UTF8.self)
                // libxml2 reports where the text ends; its first line is earlier by its line breaks.
                let end = walk.location
                let breaks = buffer.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                walk.visit(.text(text, location: InputLocation(line: max(1, end.line - breaks), column: 1)))
            }
            handler.serror = { pointer, error in
                guard let walk = Walk.from(pointer), let error else { return }
                let message = error.pointee.message.map { String(cString: $0) } ?? "malformed HTML"
                let line = Int(error.pointee.line)
                // Tag soup is what real exports are made of: libxml2's complaints are notes, which
                // keep their place for the curious but do not fail `--strict`.
                walk.diagnostics.append(
                    Diagnostic(
                        .note, file: walk.file,
                        at: line > 0 ? InputLocation(line: line, column: max(1, Int(error.pointee.int2))) : nil,
                        message.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            handler.initialized = XML_SAX2_MAGIC
            let pointer = Unmanaged.passUnretained(walk).toOpaque()
            // The encoding: UTF-16 by its byte-order mark (skipped), else UTF-8.
            var encoding = XML_CHAR_ENCODING_UTF8
            var first = 0
            if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
                (encoding, first) = (XML_CHAR_ENCODING_UTF16LE, 2)
            } else if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
                (encoding, first) = (XML_CHAR_ENCODING_UTF16BE, 2)
            }
            guard let context = htmlCreatePushParserCtxt(&handler, pointer, nil, 0, file, encoding) else {
                return [Diagnostic(.error, file: file, "libxml2 could not start reading this file")]
            }
            defer { htmlFreeParserCtxt(context) }
            walk.context = context
            htmlCtxtUseOptions(
                context, Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_RECOVER.rawValue))
            bytes.withUnsafeBufferPointer { buffer in
                var offset = first
                while offset < buffer.count {
                    let count = min(chunkSize, buffer.count - offset)
                    let start = UnsafeRawPointer(buffer.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
                    htmlParseChunk(context, start, Int32(count), 0)
                    offset += count
                }
                htmlParseChunk(context, nil, 0, 1)
            }
            return walk.diagnostics
        }
    }
}
