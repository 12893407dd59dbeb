/// The names of the people in one billing pass, each kept once. A `SessionInput` names its sender
/// by index here, so that inputs are plain values that copy without reference counting; the
/// sessions' reasons look the names up when they cite a message.
///
/// Used by one thread at a time (a streamed report's billing thread, once it is handed over).
public final class SenderTable: @unchecked Sendable {
    public private(set) var names: [String] = []
    private var indexByName: [String: Int] = [:]

    public init() {}

    /// The index of `name`, added if it is new.
    public func index(of name: String) -> Int {
        if let index = indexByName[name] { return index }
        names.append(name)
        indexByName[name] = names.count - 1
        return names.count - 1
    }

    public subscript(index: Int) -> String { names[index] }
}
