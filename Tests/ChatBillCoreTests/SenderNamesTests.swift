import Testing

@testable import ChatBillCore

/// Senders read as bytes get one dense id and one String per distinct name, below and above the
/// number of senders compared with each rather than looked up by hash.
@Suite("Sender names")
struct SenderNamesTests {
    @Test func everyDistinctNameGetsTheNextIdAndTheSameNameItsOwn() {
        let names = (0..<40).map { "Sender \($0)" } + ["", "Дана", "李雷", "Sender 1 ", "sender 1"]
        var senders = SenderNames()
        var ids: [Int] = []
        // Each name three times over, interleaved, so names are met again before and after the
        // table grows past the ones compared directly.
        for round in 0..<3 {
            for name in names {
                let bytes = Array(name.utf8)
                let id = bytes.withUnsafeBufferPointer { senders.intern($0, 0..<$0.count) }
                if round == 0 { ids.append(id) } else { #expect(id == ids[names.firstIndex(of: name)!], "\(name)") }
            }
        }
        #expect(ids == Array(0..<names.count))
        #expect(senders.names == names)
        #expect(senders.intern("Sender 39") == 39)
    }

    @Test func aNameInsideLongerBytesIsReadFromItsRange() {
        var senders = SenderNames()
        let line = Array("12:00 - Dana: hi".utf8)
        let id = line.withUnsafeBufferPointer { senders.intern($0, 8..<12) }
        #expect(senders.names[id] == "Dana")
        #expect(senders.intern("Dana") == id)
    }
}
