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
