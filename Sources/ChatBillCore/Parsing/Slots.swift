/// One place for each result of work done on several threads at once, each filled by exactly one
/// of them (`DispatchQueue.concurrentPerform`), read once all are done.
final class Slots<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        _ = buffer.deinitialize()
        buffer.deallocate()
    }

    subscript(index: Int) -> Value? {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    /// Every value, once every slot is filled.
    var values: [Value] { buffer.map { $0! } }
}
