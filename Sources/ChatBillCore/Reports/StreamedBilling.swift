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

    /// What the billing thread works on, held by that thread alone while it runs: a value it owns,
    /// not properties of this shared object, so no access to it needs checking. It is handed to
    /// the thread at the start and back at the end, never used by two threads at once.
    private struct Biller: @unchecked Sendable {
        let expected: (String) -> Bool
        var window: ReorderWindow
        var pass: BillingPass
        /// By the parser's sender id: whether the sender is the provider, and their index in the
        /// pass's sender table.
        var known: [(isProvider: Bool, index: Int)?] = []
        var order = 0

        mutating func bill(_ event: MessageEvent) {
            let sender: (isProvider: Bool, index: Int)
            if event.senderID >= 0 {
                while event.senderID >= known.count { known.append(nil) }
                sender = known[event.senderID] ?? (expected(event.sender), pass.senders.index(of: event.sender))
                known[event.senderID] = sender
            } else {
                sender = (expected(event.sender), pass.senders.index(of: event.sender))
            }
            let input = SessionInput(
                instant: event.instant, sender: sender.index, isProvider: sender.isProvider, line: event.line,
                lastLine: event.lastLine, order: order, file: event.file)
            order += 1
            if let released = window.push(input) { pass.add(released) }
        }
    }

    private let inbox = Handoff<Item>(capacity: 8)
    private let done = Handoff<Biller>(capacity: 1)
    // Used only by the parser's thread.
    private var batch: [MessageEvent] = []

    /// Starts billing: `expected` tells a provider's name, as far as the names given tell it.
    init(expected: @escaping (String) -> Bool, window: ReorderWindow, pass: BillingPass) {
        batch.reserveCapacity(Self.batchSize)
        let biller = Biller(expected: expected, window: window, pass: pass)
        Thread { [inbox, done] in done.put(Self.run(biller, inbox)) }.start()
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
        let biller = done.take()
        return (biller.window, biller.pass)
    }

    private static func run(_ biller: Biller, _ inbox: Handoff<Item>) -> Biller {
        var biller = biller
        while case .messages(let events) = inbox.take() {
            for event in events where !biller.window.overflowed { biller.bill(event) }
        }
        return biller
    }
}
