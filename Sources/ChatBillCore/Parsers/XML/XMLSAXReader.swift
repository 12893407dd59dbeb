import CLibXML2
import Foundation

/// libxml2's SAX2 push parser, fed a document in chunks of any size: element starts and ends and
/// text reach the handlers as libxml2's own bytes, with the line the parser is on (the line a
/// tree builder would give the node), and libxml2 drops what it has consumed, so memory stays
/// that of a chunk. No network, no DTD loading, and no entity handlers: an entity the document
/// declares is never expanded and an external one never read.
final class XMLSAXReader {
    /// An element's attributes as libxml2 hands them over: five pointers each (local name,
    /// prefix, namespace, value start, value end).
    struct Attributes {
        let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
        let count: Int

        /// The value of the attribute with local name `name`, without copying it.
        func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
            var found: UnsafeBufferPointer<UInt8>?
            forEach { local, value in
                if found == nil, local.spells(name) { found = value }
            }
            return found
        }

        /// Each attribute's local name and value, without copying them.
        @inline(__always)
        func forEach(_ body: (UnsafePointer<xmlChar>, UnsafeBufferPointer<UInt8>) -> Void) {
            guard let pointers else { return }
            for index in 0..<count {
                let base = index * 5
                guard let local = pointers[base], let start = pointers[base + 3], let end = pointers[base + 4] else {
                    continue
                }
                body(local, UnsafeBufferPointer(start: start, count: end - start))
            }
        }

        /// Every attribute as Strings.
        var dictionary: [String: String] {
            var result: [String: String] = [:]
            forEach { local, value in result[String(cString: local)] = String(decoding: value, as: UTF8.self) }
            return result
        }
    }

    private let state: UnsafeMutablePointer<SAXState<Attributes>>

    init(file: String) {
        state = .allocate(capacity: 1)
        state.initialize(to: SAXState(file: file))
    }

    deinit {
        if let context = state.pointee.context { xmlFreeParserCtxt(context) }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    var file: String { state.pointee.file }
    /// libxml2's complaints, located.
    var diagnostics: [Diagnostic] { state.pointee.diagnostics }
    /// The line the parser is on.
    var line: Int { state.pointee.line }

    /// Parses the next chunk of the document, calling `handler` as it goes; `isLast` ends it.
    func push<Handler: SAXHandler>(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool, to handler: inout Handler)
    where Handler.Attributes == Attributes {
        SAXState.feeding(state, to: &handler) { push(bytes, isLast: isLast) }
    }

    private func push(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool) {
        var start = 0
        if state.pointee.context == nil {
            // The first bytes tell libxml2 the encoding.
            start = min(4, bytes.count)
            var handler = Self.handler
            state.pointee.context = xmlCreatePushParserCtxt(
                &handler, UnsafeMutableRawPointer(state), Self.chars(bytes.baseAddress), Int32(start), file)
            guard let context = state.pointee.context else {
                state.pointee.diagnostics.append(
                    Diagnostic(.error, file: file, "libxml2 could not start reading this file"))
                return
            }
            // Recovering: an undeclared entity (every entity, with no entity handlers) or broken
            // markup is reported and skipped, and the messages after it are still read.
            xmlCtxtUseOptions(context, XMLStreamReader.parseOptions | Int32(XML_PARSE_RECOVER.rawValue))
        }
        guard let context = state.pointee.context else { return }
        let rest = UnsafeBufferPointer(rebasing: bytes[start...])
        xmlParseChunk(context, Self.chars(rest.baseAddress), Int32(rest.count), isLast ? 1 : 0)
        let open = state.pointee.open
        if isLast, let innermost = open.last {
            // libxml2 says "Extra content at the end of the document"; say what is unfinished.
            state.pointee.diagnostics.append(
                Diagnostic(
                    .error, file: file, at: InputLocation(line: line, column: 1),
                    "the file ends inside <\(String(cString: innermost))> (\(open.count) "
                        + "\(open.count == 1 ? "element" : "elements") left open): is it cut short?"))
        }
    }

    private static func chars(_ pointer: UnsafePointer<UInt8>?) -> UnsafePointer<CChar>? {
        UnsafeRawPointer(pointer)?.assumingMemoryBound(to: CChar.self)
    }

    /// Parses a whole document held in memory, in chunks of 64 KiB.
    func parse<Handler: SAXHandler>(_ bytes: UnsafeBufferPointer<UInt8>, to handler: inout Handler)
    where Handler.Attributes == Attributes {
        let chunk = 1 << 16
        var offset = 0
        repeat {
            let end = min(bytes.count, offset + chunk)
            push(UnsafeBufferPointer(rebasing: bytes[offset..<end]), isLast: end == bytes.count, to: &handler)
            offset = end
        } while offset < bytes.count
    }

    private static func record(_ error: xmlError, in state: UnsafeMutablePointer<SAXState<Attributes>>) {
        let text = error.message.map { String(cString: $0) } ?? "malformed XML"
        let severity: Diagnostic.Severity = error.level.rawValue >= XML_ERR_ERROR.rawValue ? .error : .warning
        let location = error.line > 0 ? InputLocation(line: Int(error.line), column: Int(max(1, error.int2))) : nil
        state.pointee.diagnostics.append(
            Diagnostic(
                severity, file: state.pointee.file, at: location,
                text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The callbacks: only elements, text and structured errors.
    private static var handler: xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, localName, _, _, _, _, count, _, attributes in
            guard let localName else { return }
            let state = SAXState<Attributes>.at(context)
            state.pointee.open.append(localName)
            state.pointee.startElement?(
                localName, Attributes(pointers: attributes, count: Int(count)), state.pointee.line)
        }
        handler.endElementNs = { context, localName, _, _ in
            guard let localName else { return }
            let state = SAXState<Attributes>.at(context)
            _ = state.pointee.open.popLast()
            state.pointee.endElement?(localName, state.pointee.line)
        }
        handler.characters = { context, bytes, count in
            guard let bytes, count > 0 else { return }
            let state = SAXState<Attributes>.at(context)
            state.pointee.characters?(UnsafeBufferPointer(start: bytes, count: Int(count)), state.pointee.line)
        }
        handler.cdataBlock = handler.characters
        handler.serror = { context, error in
            guard let context, let error else { return }
            XMLSAXReader.record(error.pointee, in: SAXState<Attributes>.at(context))
        }
        return handler
    }
}
