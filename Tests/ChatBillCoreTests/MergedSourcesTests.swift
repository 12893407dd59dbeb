import Foundation
import Testing

@testable import ChatBillCore

/// Several exports billed together never bill a minute twice.
@Suite("Several exports of one chat")
struct MergedSourcesTests {
    let provider = ProviderIdentity(names: ["P"])
    let utc = ZoneChoice(TimeZone(identifier: "UTC")!, source: .flag)

    /// A random chat whose messages each have their own text, as real messages mostly do.
    func chat(seed: UInt64) -> [Message] {
        SessionizerTests.randomChat(seed: seed).enumerated().map { index, message in
            var numbered = message
            numbered.text = "message \(index)"
            return numbered
        }
    }

    func transcript(_ messages: some Collection<Message>, name: String) -> Transcript {
        var lines = 0
        let renumbered = messages.map { message in
            lines += 1
            var moved = message
            moved.location = InputLocation(line: lines, column: 1)
            moved.lastLine = lines
            return moved
        }
        return Transcript(
            input: InputFile(displayName: name, bytes: []), parserName: "test", messages: renumbered, diagnostics: [],
            timeZone: utc)
    }

    func billed(_ report: Report) -> [Int] { Array(report.bill.lines).map(\.billedSeconds) }

    @Test func mergingAnExportWithItselfChangesNothing() {
        for seed in UInt64(0)..<200 {
            let policy = SessionizerTests.randomPolicy(seed: seed)
            let export = transcript(chat(seed: seed), name: "chat.txt")
            let alone = Report(sources: [export], provider: provider, policy: policy)
            let twice = Report(sources: [export, export], provider: provider, policy: policy)
            #expect(billed(twice) == billed(alone), "seed \(seed)")
            #expect(twice.bill.billedSeconds == alone.bill.billedSeconds, "seed \(seed)")
            #expect(twice.duplicates == [0, export.messages.count], "seed \(seed)")
        }
    }

    /// An older export and a newer one that overlaps it (the same chat exported twice, months
    /// apart) bill exactly what the whole chat bills, whichever is given first.
    @Test func overlappingExportsBillTheWholeChatOnce() {
        for seed in UInt64(0)..<200 {
            let policy = SessionizerTests.randomPolicy(seed: seed)
            let messages = chat(seed: seed)
            var generator = SeededGenerator(seed: seed)
            let overlapStart = Int.random(in: 0...messages.count, using: &generator)
            let overlapEnd = Int.random(in: overlapStart...messages.count, using: &generator)
            let older = transcript(messages[..<overlapEnd], name: "older.txt")
            let newer = transcript(messages[overlapStart...], name: "newer.txt")
            let whole = Report(sources: [transcript(messages, name: "whole.txt")], provider: provider, policy: policy)
            for sources in [[older, newer], [newer, older]] {
                let merged = Report(sources: sources, provider: provider, policy: policy)
                #expect(billed(merged) == billed(whole), "seed \(seed)")
                #expect(merged.bill.billedSeconds == whole.bill.billedSeconds, "seed \(seed)")
                #expect(merged.duplicates.reduce(0, +) == overlapEnd - overlapStart, "seed \(seed)")
            }
        }
    }

    /// The same message exported by a phone that keeps seconds and one that does not, and under
    /// another of the provider's names, is one message.
    @Test func theSameMessageIsFoundAcrossPrecisionAndProviderNames() {
        let day = CivilDateTime(year: 2026, month: 11, day: 2)
        let withSeconds = Chat.messages([("09:00", "C"), ("09:05", "P")], day: day).enumerated().map {
            var message = $0.element
            message.instant += 17
            message.text = ["Printer is jammed", "On it"][$0.offset]
            return message
        }
        var withoutSeconds = Chat.messages([("09:00", "C"), ("09:05", "Sam")], day: day)
        withoutSeconds[0].text = "Printer  is jammed"
        withoutSeconds[1].text = "On it"
        let both = ProviderIdentity(names: ["P", "Sam"])
        let merged = MergedSources(
            [transcript(withSeconds, name: "a.txt"), transcript(withoutSeconds, name: "b.txt")], provider: both)
        #expect(merged.duplicates == [0, 2])
        #expect(merged.messages.count == 2)
    }
}
