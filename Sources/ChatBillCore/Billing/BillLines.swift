import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lines of a bill in session order. The first thousand are kept in memory; a longer bill is
/// moved to an anonymous temporary file and read back line by line, so a report on years of chat
/// needs no more memory than one on a week. Written once by `BillBuilder`, then only read, by
/// any number of readers at once, each from the start or from a checkpoint.
public final class BillLines: Sequence, @unchecked Sendable {
    static let memoryLimit = 1024
    /// Every this many lines, where the next line starts in the spool is noted, so that a reader
    /// can start there.
    static let checkpointInterval = 256

    // Written by one thread, then only read: the checks Swift makes that no two accesses to a
    // class's stored property overlap (once per line appended) are left out.
    @exclusivity(unchecked) private var memory: [Bill.Line] = []
    /// The temporary file, once the lines are moved there.
    @exclusivity(unchecked) private var spool: Spool?
    @exclusivity(unchecked) public private(set) var count = 0

    /// A bill's lines, kept as they are appended.
    init() {}

    /// The lines of a bill kept only for its sums: `count` of them, none stored.
    init(counted count: Int) {
        self.count = count
    }

    deinit {
        if let spool { fclose(spool.file) }
    }

    func append(_ line: Bill.Line) {
        count += 1
        if spool != nil {
            spool!.write(line)
            return
        }
        memory.append(line)
        if memory.count > Self.memoryLimit, let file = tmpfile() {
            var spool = Spool(file: file)
            for kept in memory { spool.write(kept) }
            self.spool = spool
            memory = []
        }
    }

    /// Makes every written line readable; called once, after the last `append`.
    func finishWriting() {
        if let spool { fflush(spool.file) }
    }

    /// The lines written to a temporary file: each a 4-byte length and a `SpoolRecord`.
    private struct Spool {
        let file: UnsafeMutablePointer<FILE>
        private(set) var bytes = 0
        /// Where lines 0, `checkpointInterval`, 2 × `checkpointInterval`, … start.
        private(set) var checkpoints: [Int] = []
        private var lines = 0
        /// The record being written, its storage kept from one line to the next.
        private var record = SpoolRecord()

        init(file: UnsafeMutablePointer<FILE>) {
            self.file = file
        }

        mutating func write(_ line: Bill.Line) {
            if lines % BillLines.checkpointInterval == 0 { checkpoints.append(bytes) }
            lines += 1
            record.encode(line)
            var length = UInt32(record.count)
            _ = withUnsafeBytes(of: &length) { fwrite($0.baseAddress, 1, 4, file) }
            _ = record.withBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            bytes += 4 + record.count
        }
    }

    public struct Iterator: IteratorProtocol {
        private var memory: IndexingIterator<[Bill.Line]>
        private let descriptor: Int32?
        private let end: Int
        private var offset = 0
        private var buffer: [UInt8] = []
        private var position = 0

        init(_ lines: BillLines) {
            memory = lines.memory.makeIterator()
            descriptor = lines.spool.map { fileno($0.file) }
            end = lines.spool?.bytes ?? 0
        }

        /// The lines from `first` (a multiple of `checkpointInterval`) to the end of `lines`.
        init(_ lines: BillLines, from first: Int) {
            precondition(first % BillLines.checkpointInterval == 0, "a reader starts at a checkpoint")
            if let spool = lines.spool {
                memory = [].makeIterator()
                descriptor = fileno(spool.file)
                end = spool.bytes
                offset =
                    first / BillLines.checkpointInterval < spool.checkpoints.count
                    ? spool.checkpoints[first / BillLines.checkpointInterval] : end
            } else {
                memory = Array(lines.memory.dropFirst(first)).makeIterator()
                descriptor = nil
                end = 0
            }
        }

        public mutating func next() -> Bill.Line? {
            guard let descriptor else { return memory.next() }
            guard fill(4, descriptor) else { return nil }
            let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt32.self) })
            position += 4
            guard fill(length, descriptor) else { return nil }
            defer { position += length }
            return buffer.withUnsafeBytes { raw in
                var reader = SpoolRecord.Reader(UnsafeRawBufferPointer(rebasing: raw[position..<position + length]))
                return reader.line()
            }
        }

        /// Makes at least `count` unread bytes available; false at the end of the spool.
        private mutating func fill(_ count: Int, _ descriptor: Int32) -> Bool {
            if buffer.count - position >= count { return true }
            buffer.removeSubrange(0..<position)
            position = 0
            let wanted = Swift.max(count - buffer.count, 64 * 1024)
            let available = Swift.min(wanted, end - offset)
            guard available > 0 else { return buffer.count >= count }
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: available))
            let read = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + start, available, off_t(offset))
            }
            guard read > 0 else {
                buffer.removeSubrange(start...)
                return false
            }
            buffer.removeSubrange((start + read)...)
            offset += read
            return buffer.count >= count
        }
    }

    public func makeIterator() -> Iterator { Iterator(self) }

    /// The `count` lines from `first` on (`first` a multiple of `checkpointInterval`).
    func lines(from first: Int, count: Int) -> some Sequence<Bill.Line> {
        IteratorSequence(Iterator(self, from: first)).prefix(count)
    }

    public var underestimatedCount: Int { count }
}

/// The bytes of one bill line in the spool: whole numbers in as few bytes as they need (7 bits
/// a byte, the sign folded into the lowest bit), instants as the 8 bytes of their `Double`, and
/// length-prefixed strings.
struct SpoolRecord {
    /// The record's bytes are the first `count`; the buffer only grows, so that encoding a line
    /// allocates nothing once it has room for the longest.
    private var buffer: [UInt8] = []
    private(set) var count = 0

    /// The record's bytes, valid while `body` runs.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    /// Encodes `line`, replacing what was encoded before. A line that does not fit the buffer is
    /// still counted through; the buffer then grows to its length and it is written again.
    mutating func encode(_ line: Bill.Line) {
        let written = buffer.withUnsafeMutableBytes { raw in
            var writer = Writer(raw)
            writer.line(line)
            return (length: writer.position, fits: writer.fits)
        }
        count = written.length
        guard !written.fits else { return }
        buffer = [UInt8](repeating: 0, count: Swift.max(count, 2 * buffer.count))
        buffer.withUnsafeMutableBytes { raw in
            var writer = Writer(raw)
            writer.line(line)
            precondition(writer.fits && writer.position == count, "a spool record is as long as counted")
        }
    }

    /// The codes of the enumerations a record holds, by their place in these lists.
    fileprivate static let bands = Rate.Band.allCases
    fileprivate static let starts = SessionReasons.Start.allCases

    /// Writes a record into memory, or, past its end, only counts the bytes it would write.
    private struct Writer {
        private let bytes: UnsafeMutableRawBufferPointer
        private(set) var position = 0

        init(_ bytes: UnsafeMutableRawBufferPointer) {
            self.bytes = bytes
        }

        /// Whether every byte counted was written.
        var fits: Bool { position <= bytes.count }

        mutating func line(_ line: Bill.Line) {
            string(line.date)
            int(line.rawSeconds)
            int(line.billedSeconds)
            int(line.minimumSeconds)
            int(line.amount ?? -1)
            int(line.amount == nil ? 0 : 1)
            int(line.parts.count)
            for part in line.parts {
                date(part.start)
                date(part.end)
                int(SpoolRecord.bands.firstIndex(of: part.band)!)
                int(part.percent)
            }
            let session = line.session
            int(session.isBillable ? 1 : 0)
            date(session.start)
            date(session.end)
            int(session.providerMessages)
            int(session.clientMessages)
            int(session.firstLine)
            int(session.lastLine)
            int(session.files.lowerBound)
            int(session.files.upperBound)
            int(Int(bitPattern: UInt(session.sources.bits)))
            let reasons = session.reasons
            reference(reasons.openedBy)
            int(SpoolRecord.starts.firstIndex(of: reasons.start)!)
            int(reasons.silentWork.count)
            for work in reasons.silentWork {
                reference(work.after)
                reference(work.before)
                int(work.seconds)
            }
            int(reasons.connections.count)
            for connection in reasons.connections {
                reference(connection.reference)
                int(connection.seconds)
            }
            switch reasons.ending {
            case .endOfExport: int(0)
            case .silence(let next, let seconds):
                int(1)
                reference(next)
                int(seconds)
            }
        }

        /// Stores `value` zigzagged (0, -1, 1, -2, … as 0, 1, 2, 3, …), 7 bits a byte, low bits
        /// first, the top bit of each byte but the last set.
        private mutating func int(_ value: Int) {
            var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1))))
            while rest >= 0x80 {
                store(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            store(UInt8(rest))
        }

        private mutating func store(_ byte: UInt8) {
            if position < bytes.count { bytes[position] = byte }
            position += 1
        }

        /// Stores the 8 bytes of the instant's `Double`, little end first.
        private mutating func date(_ value: Date) {
            if position + 8 <= bytes.count {
                bytes.storeBytes(
                    of: value.timeIntervalSince1970.bitPattern.littleEndian, toByteOffset: position, as: UInt64.self)
            }
            position += 8
        }

        private mutating func string(_ value: String) {
            let utf8 = value.utf8
            int(utf8.count)
            if position + utf8.count <= bytes.count {
                let target = UnsafeMutableRawBufferPointer(rebasing: bytes[position..<position + utf8.count])
                let copied: Void? = utf8.withContiguousStorageIfAvailable {
                    target.copyMemory(from: UnsafeRawBufferPointer($0))
                }
                if copied == nil { target.copyBytes(from: utf8) }
            }
            position += utf8.count
        }

        private mutating func reference(_ value: SessionReasons.Reference) {
            int(value.line)
            string(value.sender)
            date(value.instant)
            int(value.file)
        }
    }

    /// Reads back what `encode` wrote, from bytes valid while it reads.
    struct Reader {
        private let bytes: UnsafeRawBufferPointer
        private var position = 0

        init(_ bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        mutating func line() -> Bill.Line {
            let day = string()
            let raw = int()
            let billed = int()
            let minimum = int()
            let amountValue = int()
            let amount = int() == 1 ? amountValue : nil
            let parts = (0..<int()).map { _ in
                Rate.Part(start: date(), end: date(), band: SpoolRecord.bands[int()], percent: int())
            }
            let isBillable = int() == 1
            let start = self.date()
            let end = self.date()
            let provider = int()
            let client = int()
            let firstLine = int()
            let lastLine = int()
            let files = int()...int()
            let sources = SourceSet(bits: UInt64(UInt(bitPattern: int())))
            let openedBy = reference()
            let startReason = SpoolRecord.starts[int()]
            let silentWork = (0..<int()).map { _ in
                SessionReasons.SilentWork(after: reference(), before: reference(), seconds: int())
            }
            let connections = (0..<int()).map { _ in
                SessionReasons.Connection(reference: reference(), seconds: int())
            }
            let ending: SessionReasons.Ending = int() == 0 ? .endOfExport : .silence(next: reference(), seconds: int())
            let session = Session(
                isBillable: isBillable, start: start, end: end, providerMessages: provider, clientMessages: client,
                firstLine: firstLine, lastLine: lastLine, files: files, sources: sources,
                reasons: SessionReasons(
                    openedBy: openedBy, start: startReason, silentWork: silentWork, connections: connections,
                    ending: ending))
            return Bill.Line(
                session: session, date: day, rawSeconds: raw, billedSeconds: billed, minimumSeconds: minimum,
                parts: parts, amount: amount)
        }

        private mutating func int() -> Int {
            var zigzag: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = bytes[position]
                position += 1
                zigzag |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
        }

        private mutating func date() -> Date {
            defer { position += 8 }
            let pattern = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            return Date(timeIntervalSince1970: Double(bitPattern: pattern))
        }

        private mutating func string() -> String {
            let count = int()
            defer { position += count }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + count]), as: UTF8.self)
        }

        private mutating func reference() -> SessionReasons.Reference {
            SessionReasons.Reference(line: int(), sender: string(), instant: date(), file: int())
        }
    }
}
