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
        private var records: Records<Bill.Line>

        init(_ lines: BillLines, from first: Int = 0) {
            records = Records(lines, from: first, kept: { $0 }, read: { $0.line() })
        }

        public mutating func next() -> Bill.Line? { records.next() }
    }

    public func makeIterator() -> Iterator { Iterator(self) }

    /// The `count` lines from `first` on (`first` a multiple of `checkpointInterval`).
    func lines(from first: Int, count: Int) -> some Sequence<Bill.Line> {
        IteratorSequence(Iterator(self, from: first)).prefix(count)
    }

    /// The figures of the `count` lines from `first` on (`first` a multiple of
    /// `checkpointInterval`), read from the spool without the parts and reasons of each line.
    func figures(from first: Int, count: Int) -> some Sequence<Bill.LineFigures> {
        IteratorSequence(Records(self, from: first, kept: Bill.LineFigures.init, read: { $0.figures() })).prefix(count)
    }

    /// The lines from `first` (a multiple of `checkpointInterval`) to the end, each made into an
    /// `Element`: a line kept in memory by `kept`, a line in the spool by `read` from its record.
    private struct Records<Element>: IteratorProtocol {
        private var memory: IndexingIterator<ArraySlice<Bill.Line>>
        private let kept: (Bill.Line) -> Element
        private let read: (inout SpoolRecord.Reader) -> Element
        private let descriptor: Int32?
        private let end: Int
        private var offset = 0
        private var buffer: [UInt8] = []
        private var position = 0

        init(
            _ lines: BillLines, from first: Int, kept: @escaping (Bill.Line) -> Element,
            read: @escaping (inout SpoolRecord.Reader) -> Element
        ) {
            precondition(first % BillLines.checkpointInterval == 0, "a reader starts at a checkpoint")
            self.kept = kept
            self.read = read
            if let spool = lines.spool {
                memory = ArraySlice().makeIterator()
                descriptor = fileno(spool.file)
                end = spool.bytes
                offset =
                    first / BillLines.checkpointInterval < spool.checkpoints.count
                    ? spool.checkpoints[first / BillLines.checkpointInterval] : end
            } else {
                memory = lines.memory.dropFirst(first).makeIterator()
                descriptor = nil
                end = 0
            }
        }

        mutating func next() -> Element? {
            guard let descriptor else { return memory.next().map(kept) }
            guard fill(4, descriptor) else { return nil }
            let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: UInt32.self) })
            position += 4
            guard fill(length, descriptor) else { return nil }
            defer { position += length }
            return buffer.withUnsafeBytes { raw in
                var reader = SpoolRecord.Reader(UnsafeRawBufferPointer(rebasing: raw[position..<position + length]))
                return read(&reader)
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

    public var underestimatedCount: Int { count }
}
