/// The open elements of an HTML walk with their classes, to ask where a piece of text is
/// (`inside("message_part")`).
struct HTMLElementStack {
    private(set) var elements: [(name: String, classes: [Substring])] = []

    /// Opens `name` with the classes of its `class` attribute; returns those classes.
    @discardableResult
    mutating func push(_ name: String, attributes: [String: String]) -> [Substring] {
        let classes = (attributes["class"] ?? "").split(separator: " ")
        elements.append((name, classes))
        return classes
    }

    @discardableResult
    mutating func pop() -> (name: String, classes: [Substring])? { elements.popLast() }

    var last: (name: String, classes: [Substring])? { elements.last }
    var depth: Int { elements.count }

    /// Whether any open element has the class.
    func inside(_ className: String) -> Bool { elements.contains { $0.classes.contains(Substring(className)) } }
}
