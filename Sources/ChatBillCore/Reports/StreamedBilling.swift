import Foundation

/// The billing side of a streamed report, on a thread of its own: the parser hands the messages
/// over in batches and reads on while they go through the reorder window into the sessionizer,
/// the bill and the what-if totals, so parsing and billing share the two cores.
final class StreamedBilling: @unchecked Sendable {
    /// How many messages a batch holds.
    static let batchSize = 4096

    private enum Item {
        /// Messages as the sessionizer takes them, and the names of the senders they are the
        /// first of, in the order the inputs index them.
        case inputs([SessionInput], newSenders: [String])
        case end
    }

    /// What the billing thread works on, held by that thread alone while it runs: a value it owns,
    /// not properties of this shared object, so no access to it needs checking. It is handed to
    /// the thread at the start and back at the end, never used by two threads at once.
    private struct Biller: @unchecked Sendable {
        var window: ReorderWindow
        var pass: BillingPass

        mutating func bill(_ inputs: [SessionInput], newSenders: [String]) {
            for name in newSenders {
                let index = pass.senders.index(of: name)
                precondition(
                    index + 1 == pass.senders.names.count, "the parser's thread numbers senders as the pass does")
            }
            for input in inputs where !window.overflowed {
                if let released = window.push(input) { pass.add(released) }
            }
        }
    }

    private let inbox = Handoff<Item>(capacity: 8)
    private let done = Handoff<Biller>(capacity: 1)
    /// Used only on the parser's thread, once per message: the check that no two accesses to it
    /// overlap, which Swift makes for a class's stored property, is left out.
    @exclusivity(unchecked) private var intake: Intake

    /// What the parser's thread keeps: the batch being filled and how its senders are numbered.
    private struct Intake {
        let expected: (String) -> Bool
        /// The senders as the parser's thread numbers them: the same names in the same order as
        /// the pass's table, which the billing thread fills from the names each batch brings.
        let senders = SenderTable()
        /// By the parser's sender id: whether the sender is the provider, and their index.
        var known: [(isProvider: Bool, index: Int)?] = []
        var batch: [SessionInput] = []
        var newSenders: [String] = []
        var order = 0

        init(expected: @escaping (String) -> Bool) {
            self.expected = expected
            batch.reserveCapacity(StreamedBilling.batchSize)
        }

        /// Adds `event` to the batch; true when the batch is full.
        mutating func add(_ event: MessageEvent) -> Bool {
            let sender: (isProvider: Bool, index: Int)
            if event.senderID >= 0 {
                while event.senderID >= known.count { known.append(nil) }
                if let seen = known[event.senderID] {
                    sender = seen
                } else {
                    sender = self.sender(named: event.sender)
                    known[event.senderID] = sender
                }
            } else {
                sender = self.sender(named: event.sender)
            }
            batch.append(
                SessionInput(
                    instant: event.instant, sender: sender.index, isProvider: sender.isProvider, line: event.line,
                    lastLine: event.lastLine, order: order, file: event.file))
            order += 1
            return batch.count == StreamedBilling.batchSize
        }

        /// Whether `name` is the provider's, and its index; a new name goes with the next batch.
        private mutating func sender(named name: String) -> (isProvider: Bool, index: Int) {
            let count = senders.names.count
            let index = senders.index(of: name)
            if index == count { newSenders.append(name) }
            return (expected(name), index)
        }

        /// The batch and the names of its new senders, taken out.
        mutating func take() -> Item {
            defer {
                batch = []
                batch.reserveCapacity(StreamedBilling.batchSize)
                newSenders = []
            }
            return .inputs(batch, newSenders: newSenders)
        }

        var isEmpty: Bool { batch.isEmpty && newSenders.isEmpty }
    }

    /// Starts billing: `expected` tells a provider's name, as far as the names given tell it.
    /// `pass` is new: its sender table is empty.
    init(expected: @escaping (String) -> Bool, window: ReorderWindow, pass: BillingPass) {
        precondition(pass.senders.names.isEmpty, "a streamed pass starts with no senders")
        intake = Intake(expected: expected)
        let biller = Biller(window: window, pass: pass)
        Thread { [inbox, done] in done.put(Self.run(biller, inbox)) }.start()
    }

    /// Takes one message (on the parser's thread).
    func add(_ event: MessageEvent) {
        guard event.kind.isParticipantActivity else { return }
        if intake.add(event) { inbox.put(intake.take()) }
    }

    /// Waits until every message taken is billed; the window (with what it still holds) and the
    /// pass.
    func finish() -> (window: ReorderWindow, pass: BillingPass) {
        if !intake.isEmpty { inbox.put(intake.take()) }
        inbox.put(.end)
        let biller = done.take()
        return (biller.window, biller.pass)
    }

    private static func run(_ biller: Biller, _ inbox: Handoff<Item>) -> Biller {
        var biller = biller
        while case .inputs(let inputs, let newSenders) = inbox.take() { biller.bill(inputs, newSenders: newSenders) }
        return biller
    }
}
