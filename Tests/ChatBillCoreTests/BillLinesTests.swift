import Foundation
import Testing

@testable import ChatBillCore

/// A long bill's lines go to a temporary file and are read back from it: every field of every
/// line must come back as it was written, from the start and from each checkpoint.
@Suite("Bill lines")
struct BillLinesTests {
    /// Lines with every field set to something that varies: rates' parts, silences bridged,
    /// connections, both endings, amounts and none, several files and sources, names of every
    /// length in several scripts.
    static func lines(_ count: Int, seed: UInt64) -> [Bill.Line] {
        var generator = SeededGenerator(seed: seed)
        let names = [
            "", "Dana", "Sam Keller", "Ярослава Коваленко-Шевченко", "李雷",
            "A very long sender name, longer than any small string",
        ]
        func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
        func instant() -> Date {
            Date(timeIntervalSince1970: Double(number(0...2_000_000_000)) + Double(number(0...9)) / 10)
        }
        func reference() -> SessionReasons.Reference {
            .init(
                line: number(1...1_000_000), sender: names[number(0...names.count - 1)], instant: instant(),
                file: number(0...3))
        }
        return (0..<count).map { _ in
            let parts = (0..<number(0...3)).map { _ in
                Rate.Part(
                    start: instant(), end: instant(), band: Rate.Band.allCases.randomElement(using: &generator)!,
                    percent: number(100...250))
            }
            let reasons = SessionReasons(
                openedBy: reference(), start: SessionReasons.Start.allCases.randomElement(using: &generator)!,
                silentWork: (0..<number(0...2)).map { _ in
                    .init(after: reference(), before: reference(), seconds: number(0...7200))
                },
                connections: (0..<number(0...2)).map { _ in .init(reference: reference(), seconds: number(1...3600)) },
                ending: number(0...1) == 0 ? .endOfExport : .silence(next: reference(), seconds: number(900...90_000)))
            let firstFile = number(0...2)
            let session = Session(
                isBillable: number(0...3) > 0, start: instant(), end: instant(), providerMessages: number(0...50),
                clientMessages: number(0...50), firstLine: number(1...100_000), lastLine: number(1...100_000),
                files: firstFile...(firstFile + number(0...2)),
                sources: SourceSet(bits: UInt64.random(in: 0...UInt64.max, using: &generator)),
                reasons: reasons)
            return Bill.Line(
                session: session, date: CivilDateTime(dayNumber: number(-1000...40_000)).dateString,
                rawSeconds: number(0...36_000), billedSeconds: number(0...36_000), minimumSeconds: number(0...1800),
                parts: parts, amount: number(0...1) == 0 ? nil : number(-500...1_000_000))
        }
    }

    /// The index of the first line `read` differs from `written` at; nil when they are the same.
    func firstDifference(_ read: some Sequence<Bill.Line>, _ written: some Collection<Bill.Line>) -> Int? {
        let read = Array(read)
        let differing = zip(read, written).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        return differing ?? (read.count == written.count ? nil : min(read.count, written.count))
    }

    @Test func aSpooledBillReadsBackEveryFieldOfEveryLine() {
        let written = Self.lines(3 * BillLines.memoryLimit, seed: 11)
        let lines = BillLines()
        for line in written { lines.append(line) }
        lines.finishWriting()
        #expect(lines.count == written.count)
        #expect(Array(lines) == written)
        for first in stride(from: 0, to: written.count, by: 5 * BillLines.checkpointInterval) {
            #expect(
                Array(lines.lines(from: first, count: 300)) == Array(written[first..<(first + 300)]), "from \(first)")
        }
    }

    /// The figures a table is sized by, read from the spool without parts and reasons, are the
    /// written lines' own, from the start and from each checkpoint, spooled or in memory.
    @Test func figuresReadBackAsTheLinesHaveThem() {
        for count in [3 * BillLines.memoryLimit, BillLines.memoryLimit / 2] {
            let written = Self.lines(count, seed: 13)
            let lines = BillLines()
            for line in written { lines.append(line) }
            lines.finishWriting()
            for first in stride(from: 0, to: written.count, by: 3 * BillLines.checkpointInterval) {
                let read = Array(lines.figures(from: first, count: 400))
                #expect(
                    read == written[first...].prefix(400).map(Bill.LineFigures.init), "\(count) lines, from \(first)")
            }
        }
    }

    @Test func aShortBillIsKeptInMemoryAndReadsBackTheSame() {
        let written = Self.lines(BillLines.memoryLimit / 2, seed: 12)
        let lines = BillLines()
        for line in written { lines.append(line) }
        lines.finishWriting()
        #expect(firstDifference(lines, written) == nil)
        #expect(firstDifference(lines.lines(from: BillLines.checkpointInterval, count: 10), written[256..<266]) == nil)
    }
}
