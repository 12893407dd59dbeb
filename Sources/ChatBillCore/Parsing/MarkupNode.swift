/// One step of a walk over an XML or HTML document, as `XMLStreamReader` and
/// `HTMLStreamReader` deliver them in document order.
public enum MarkupNode: Equatable, Sendable {
    case startElement(name: String, attributes: [String: String], location: InputLocation, isEmpty: Bool)
    case endElement(name: String)
    case text(String, location: InputLocation)
}
