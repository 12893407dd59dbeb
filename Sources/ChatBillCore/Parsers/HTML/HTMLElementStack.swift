/// The open elements of an HTML walk with their classes, to ask where a piece of text is
/// (`inside("message_part")`). How many open elements carry each class is counted as they open
/// and close, so asking costs one lookup however deep the page.
struct HTMLElementStack {
    private(set) var elements: [(name: String, classes: [Substring])] = []
    private var openClasses: [Substring: Int] = [:]

    /// Opens `name` with the classes of its `class` attribute; returns those classes.
    @discardableResult
    mutating func push(_ name: String, attributes: [String: String]) -> [Substring] {
        let classes = (attributes["class"] ?? "").split(separator: " ")
        elements.append((name, classes))
        for name in classes { openClasses[name, default: 0] += 1 }
        return classes
    }

    @discardableResult
    mutating func pop() -> (name: String, classes: [Substring])? {
        guard let closed = elements.popLast() else { return nil }
        for name in closed.classes {
            let count = openClasses[name, default: 1] - 1
            openClasses[name] = count > 0 ? count : nil
        }
        return closed
    }

    var last: (name: String, classes: [Substring])? { elements.last }
    var depth: Int { elements.count }

    /// Whether any open element has the class.
    func inside(_ className: String) -> Bool { openClasses[Substring(className)] != nil }
}
