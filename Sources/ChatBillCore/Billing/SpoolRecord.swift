import Foundation

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
            let (raw, billed, minimum, amount) = amounts()
            let parts = (0..<int()).map { _ in part() }
            let session = sessionFigures()
            let openedBy = reference()
            let startReason = SpoolRecord.starts[int()]
            let silentWork = (0..<int()).map { _ in
                SessionReasons.SilentWork(after: reference(), before: reference(), seconds: int())
            }
            let connections = (0..<int()).map { _ in
                SessionReasons.Connection(reference: reference(), seconds: int())
            }
            let ending: SessionReasons.Ending = int() == 0 ? .endOfExport : .silence(next: reference(), seconds: int())
            return Bill.Line(
                session: Session(
                    isBillable: session.isBillable, start: session.start, end: session.end,
                    providerMessages: session.provider, clientMessages: session.client, firstLine: session.firstLine,
                    lastLine: session.lastLine, files: session.files, sources: session.sources,
                    reasons: SessionReasons(
                        openedBy: openedBy, start: startReason, silentWork: silentWork, connections: connections,
                        ending: ending)),
                date: day, rawSeconds: raw, billedSeconds: billed, minimumSeconds: minimum, parts: parts,
                amount: amount)
        }

        /// The line's figures, read as `line()` reads them; its parts are passed over and its
        /// session's reasons (which come last) not read at all.
        mutating func figures() -> Bill.LineFigures {
            let day = string()
            let (raw, billed, _, amount) = amounts()
            for _ in 0..<int() { _ = part() }
            let session = sessionFigures()
            return Bill.LineFigures(
                date: day, rawSeconds: raw, billedSeconds: billed, amount: amount, isBillable: session.isBillable,
                providerMessages: session.provider, clientMessages: session.client, firstLine: session.firstLine,
                lastLine: session.lastLine, files: session.files)
        }

        private mutating func amounts() -> (raw: Int, billed: Int, minimum: Int, amount: Int?) {
            let raw = int()
            let billed = int()
            let minimum = int()
            let amountValue = int()
            return (raw, billed, minimum, int() == 1 ? amountValue : nil)
        }

        private mutating func part() -> Rate.Part {
            Rate.Part(start: date(), end: date(), band: SpoolRecord.bands[int()], percent: int())
        }

        /// The session's fields before its reasons.
        private mutating func sessionFigures() -> (
            isBillable: Bool, start: Date, end: Date, provider: Int, client: Int, firstLine: Int, lastLine: Int,
            files: ClosedRange<Int>, sources: SourceSet
        ) {
            (
                int() == 1, date(), date(), int(), int(), int(), int(), int()...int(),
                SourceSet(bits: UInt64(UInt(bitPattern: int())))
            )
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
