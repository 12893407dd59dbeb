import CLibXML2

/// What a libxml2 SAX reader (`XMLSAXReader`, `HTMLSAXReader`) calls as it reads: element starts
/// and ends and pieces of text, as libxml2's own bytes, each with the line the parser is on.
/// The reader reaches the handler through a pointer, so a handler's state costs no exclusivity
/// check per call: the hot path of every markup export.
protocol SAXHandler {
    /// How the reader hands over an element's attributes.
    associatedtype Attributes

    mutating func startElement(_ name: UnsafePointer<UInt8>, _ attributes: Attributes, line: Int)
    mutating func endElement(_ name: UnsafePointer<UInt8>, line: Int)
    /// Text, possibly in several pieces for one text node.
    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int)
}

extension SAXHandler {
    mutating func endElement(_ name: UnsafePointer<UInt8>, line: Int) {}
    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {}
}

/// What a SAX reader's C callbacks reach through their context pointer: the parser, the handler
/// of the push under way, and what the read has found. Held by a pointer, so a callback costs no
/// exclusivity check.
struct SAXState<Attributes> {
    let file: String
    var context: xmlParserCtxtPtr?
    var startElement: ((UnsafePointer<xmlChar>, Attributes, Int) -> Void)?
    var endElement: ((UnsafePointer<xmlChar>, Int) -> Void)?
    var characters: ((UnsafeBufferPointer<UInt8>, Int) -> Void)?
    /// libxml2's complaints, located.
    var diagnostics: [Diagnostic] = []
    /// The elements open at this point, by libxml2's interned names (alive as long as the
    /// parser), where a reader keeps them to say where a file cut short ends.
    var open: [UnsafePointer<xmlChar>] = []

    init(file: String) {
        self.file = file
    }

    /// The line the parser is on.
    var line: Int { context.map { Int(max(1, xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0)))) } ?? 1 }

    /// The state a callback's context pointer points at.
    static func at(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<Self> {
        context!.assumingMemoryBound(to: Self.self)
    }

    /// Runs `body` (which feeds the parser) with the callbacks going to `handler`.
    static func feeding<Handler: SAXHandler>(
        _ state: UnsafeMutablePointer<Self>, to handler: inout Handler, _ body: () -> Void
    ) where Handler.Attributes == Attributes {
        withUnsafeMutablePointer(to: &handler) { handler in
            state.pointee.startElement = { handler.pointee.startElement($0, $1, line: $2) }
            state.pointee.endElement = { handler.pointee.endElement($0, line: $1) }
            state.pointee.characters = { handler.pointee.characters($0, line: $1) }
            body()
            (state.pointee.startElement, state.pointee.endElement, state.pointee.characters) = (nil, nil, nil)
        }
    }
}
