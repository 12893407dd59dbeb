import Foundation

/// The billing side of a streamed report, on a thread of its own: the parser hands the messages
/// over in batches and reads on while they go through the reorder window into the sessionizer,
/// the bill and the what-if totals, so parsing and billing share the two cores.
final class StreamedBilling: @unchecked Sendable {
    /// How many messages a batch holds.
    static let batchSize = 4096

    private enum Item {
        case messages([MessageEvent])
        case end
    }

    // Read and written only by the billing thread until `finish()` has its result.
    private let expected: (String) -> Bool
    private var window: ReorderWindow
    private var pass: BillingPass
    private var isProviderByID: [Bool?] = []
    private var order = 0

    private let inbox = Handoff<Item>(capacity: 8)
    private let done = Handoff<Bool>(capacity: 1)
    private var batch: [MessageEvent] = []

    /// Starts billing: `expected` tells a provider's name, as far as the names given tell it.
    init(expected: @escaping (String) -> Bool, window: ReorderWindow, pass: BillingPass) {
        self.expected = expected
        self.window = window
        self.pass = pass
        batch.reserveCapacity(Self.batchSize)
        Thread { [self] in run() }.start()
    }

    /// Takes one message (on the parser's thread).
    func add(_ event: MessageEvent) {
        guard event.kind.isParticipantActivity else { return }
        batch.append(event)
        if batch.count == Self.batchSize {
            inbox.put(.messages(batch))
            batch = []
            batch.reserveCapacity(Self.batchSize)
        }
    }

    /// Waits until every message taken is billed; the window (with what it still holds) and the
    /// pass.
    func finish() -> (window: ReorderWindow, pass: BillingPass) {
        if !batch.isEmpty { inbox.put(.messages(batch)) }
        batch = []
        inbox.put(.end)
        _ = done.take()
        return (window, pass)
    }

    private func run() {
        while case .messages(let events) = inbox.take() {
            for event in events where !window.overflowed { bill(event) }
        }
        done.put(true)
    }

    private func bill(_ event: MessageEvent) {
        let isProvider: Bool
        if event.senderID >= 0 {
            while event.senderID >= isProviderByID.count { isProviderByID.append(nil) }
            isProvider = isProviderByID[event.senderID] ?? expected(event.sender)
            isProviderByID[event.senderID] = isProvider
        } else {
            isProvider = expected(event.sender)
        }
        let input = SessionInput(
            instant: event.instant, sender: event.sender, isProvider: isProvider, line: event.line,
            lastLine: event.lastLine, order: order, file: event.file)
        order += 1
        if let released = window.push(input) { pass.add(released) }
    }
}
