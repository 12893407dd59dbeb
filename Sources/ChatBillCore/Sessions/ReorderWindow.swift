import Foundation

/// Puts messages that an export lists slightly out of time order (a message written offline and
/// delivered later) back in time order while they stream past, holding at most `capacity` of
/// them. A message that is earlier than one already let out comes too late for the window;
/// `overflowed` then says the stream cannot be ordered this way and must be sorted whole.
///
/// The held messages are kept sorted in a ring: a message in order is appended in constant time,
/// one out of order is moved back to its place.
struct ReorderWindow {
    let capacity: Int
    /// The held messages from `head` on; the other slots hold stale values never read.
    private var ring: [SessionInput]
    private var head = 0
    private var count = 0
    /// Where the last message let out stands in time order: all a later message is compared with.
    private var lastReleased: (instant: Date, order: Int)?
    private(set) var overflowed = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        let unused = SessionInput(
            instant: .distantPast, sender: 0, isProvider: false, line: 0, lastLine: 0, order: 0)
        ring = Array(repeating: unused, count: self.capacity + 1)
    }

    /// Adds a message; returns the earliest one held when the window is full.
    mutating func push(_ input: SessionInput) -> SessionInput? {
        if let lastReleased, input.position < lastReleased { overflowed = true }
        var index = count
        while index > 0, SessionInput.precedes(input, ring[slot(index - 1)]) {
            ring[slot(index)] = ring[slot(index - 1)]
            index -= 1
        }
        ring[slot(index)] = input
        count += 1
        guard count > capacity else { return nil }
        let earliest = popEarliest()
        lastReleased = earliest.position
        return earliest
    }

    /// Everything still held, earliest first.
    mutating func drain() -> [SessionInput] {
        var ordered: [SessionInput] = []
        ordered.reserveCapacity(count)
        while count > 0 { ordered.append(popEarliest()) }
        return ordered
    }

    private mutating func popEarliest() -> SessionInput {
        let earliest = ring[head]
        head = head + 1 == ring.count ? 0 : head + 1
        count -= 1
        return earliest
    }

    private func slot(_ offset: Int) -> Int {
        let slot = head + offset
        return slot >= ring.count ? slot - ring.count : slot
    }
}
