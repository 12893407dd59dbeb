import Foundation

/// A bounded first-in, first-out queue from one thread to another: `put` waits while it is full,
/// `take` while it is empty. What two threads of one read hand each other (blocks read ahead,
/// batches of messages); the bound keeps memory flat however far one runs ahead.
final class Handoff<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int

    init(capacity: Int, holding items: [Element] = []) {
        self.capacity = max(1, capacity)
        self.items = items
    }

    func put(_ item: Element) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    func take() -> Element {
        condition.lock()
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        condition.unlock()
        return item
    }
}
