import CLibXML2
import Foundation

/// libxml2's HTML push parser with SAX callbacks, fed a document in chunks of any size: it
/// survives the tag soup of real exports (unclosed `<font>`, no `<body>`), decodes entities, never
/// builds a tree and never touches the network. Element starts and ends and text reach the
/// handlers as libxml2's own bytes (names in lower case) with the line the parser is on.
final class HTMLSAXReader {
    /// An element's attributes as libxml2 hands them over: name and value in turn, ended by nil.
    struct Attributes {
        let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

        /// The value of attribute `name`, without copying it (empty for one written without a value).
        func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
            guard var cursor = pointers else { return nil }
            while let key = cursor.pointee {
                if key.spells(name) {
                    let value = cursor.advanced(by: 1).pointee
                    return UnsafeBufferPointer(start: value, count: value.map { strlen($0) } ?? 0)
                }
                cursor = cursor.advanced(by: 2)
            }
            return nil
        }

        /// Every attribute as Strings.
        var dictionary: [String: String] {
            var result: [String: String] = [:]
            guard var cursor = pointers else { return result }
            while let key = cursor.pointee {
                result[String(cString: key)] = cursor.advanced(by: 1).pointee.map { String(cString: $0) } ?? ""
                cursor = cursor.advanced(by: 2)
            }
            return result
        }

    }

    private let state: UnsafeMutablePointer<SAXState<Attributes>>

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    init(file: String) {
        precondition(Self.initialized)
        state = .allocate(capacity: 1)
        state.initialize(to: SAXState(file: file))
    }

    deinit {
        if let context = state.pointee.context { htmlFreeParserCtxt(context) }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var file: String { state.pointee.file }
    /// libxml2's complaints about the markup, as notes: tag soup is what real exports are made of,
    /// so they keep their place for the curious but do not fail `--strict`.
    var diagnostics: [Diagnostic] { state.pointee.diagnostics }
    /// The line the parser is on.
    var line: Int { state.pointee.line }

    /// The line and column the parser is on.
    var location: InputLocation {
        guard let context = state.pointee.context else { return InputLocation(line: 1, column: 1) }
        let column = xmlSAX2GetColumnNumber(UnsafeMutableRawPointer(context))
        return InputLocation(line: line, column: max(1, Int(column)))
    }

    /// Parses the next chunk of the document (UTF-8, or UTF-16 with a byte-order mark at its
    /// start), calling `handler` as it goes; `isLast` ends it.
    func push<Handler: SAXHandler>(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool, to handler: inout Handler)
    where Handler.Attributes == Attributes {
        SAXState.feeding(state, to: &handler) { push(bytes, isLast: isLast) }
    }

    private func push(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool) {
        var start = 0
        if state.pointee.context == nil {
            var encoding = XML_CHAR_ENCODING_UTF8
            if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
                (encoding, start) = (XML_CHAR_ENCODING_UTF16LE, 2)
            } else if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
                (encoding, start) = (XML_CHAR_ENCODING_UTF16BE, 2)
            }
            var handler = Self.handler
            state.pointee.context = htmlCreatePushParserCtxt(
                &handler, UnsafeMutableRawPointer(state), nil, 0, file, encoding)
            guard let context = state.pointee.context else {
                state.pointee.diagnostics.append(
                    Diagnostic(.error, file: file, "libxml2 could not start reading this file"))
                return
            }
            htmlCtxtUseOptions(context, Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_RECOVER.rawValue))
        }
        guard let context = state.pointee.context else { return }
        let rest = UnsafeBufferPointer(rebasing: bytes[start...])
        let chars = UnsafeRawPointer(rest.baseAddress)?.assumingMemoryBound(to: CChar.self)
        htmlParseChunk(context, chars, Int32(rest.count), isLast ? 1 : 0)
    }

    /// Parses a whole document held in memory. One chunk that ends the document spares libxml2
    /// the look-ahead it does to find where a chunk's markup is complete.
    func parse<Handler: SAXHandler>(_ bytes: UnsafeBufferPointer<UInt8>, to handler: inout Handler)
    where Handler.Attributes == Attributes {
        push(bytes, isLast: true, to: &handler)
    }

    private static func record(_ error: xmlError, in state: UnsafeMutablePointer<SAXState<Attributes>>) {
        let text = error.message.map { String(cString: $0) } ?? "malformed HTML"
        let location = error.line > 0 ? InputLocation(line: Int(error.line), column: Int(max(1, error.int2))) : nil
        if text.hasPrefix("Char 0x0 ") {
            // libxml2 complains once per zero byte; the damage is told once per line.
            let warning = Diagnostic(.warning, file: state.pointee.file, at: location, ZeroBytes.damage("zero bytes"))
            let last = state.pointee.diagnostics.last
            if last?.message != warning.message || last?.location?.line != location?.line {
                state.pointee.diagnostics.append(warning)
            }
            return
        }
        state.pointee.diagnostics.append(
            Diagnostic(
                .note, file: state.pointee.file, at: location, text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The callbacks: only elements, text and structured errors.
    private static var handler: htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElement = { context, name, attributes in
            guard let name else { return }
            let state = SAXState<Attributes>.at(context)
            state.pointee.startElement?(name, Attributes(pointers: attributes), state.pointee.line)
        }
        handler.endElement = { context, name in
            guard let name else { return }
            let state = SAXState<Attributes>.at(context)
            state.pointee.endElement?(name, state.pointee.line)
        }
        handler.characters = { context, bytes, count in
            guard let bytes, count > 0 else { return }
            let state = SAXState<Attributes>.at(context)
            state.pointee.characters?(UnsafeBufferPointer(start: bytes, count: Int(count)), state.pointee.line)
        }
        handler.serror = { context, error in
            guard let context, let error else { return }
            HTMLSAXReader.record(error.pointee, in: SAXState<Attributes>.at(context))
        }
        return handler
    }
}
