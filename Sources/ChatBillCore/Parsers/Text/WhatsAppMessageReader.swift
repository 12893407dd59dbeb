import Foundation

/// The second pass over a WhatsApp export: a line whose whole prefix is a header of the file
/// starts a message, any other line continues the one before. Takes the file one block of lines
/// at a time (the whole file is one block when it is in memory); positions are file offsets, so a
/// message can start in one block and end in the next.
struct WhatsAppMessageReader {
    /// A message read whole. Ranges index the bytes of the block it is handed out with.
    struct Read {
        let instant: Date
        let timestamp: Range<Int>
        let line: Int
        let lastLine: Int
        /// File offsets of the message's lines, line ending excluded at the end.
        let byteRange: Range<Int>
        let body: WhatsAppBodyReader.Body
        let hasCarriageReturns: Bool
    }

    /// A message whose header has been read and whose continuation lines are still coming; every
    /// position a file offset.
    private struct Open {
        let civil: CivilDateTime
        let line: Int
        let timestamp: Range<Int>
        let bodyStart: Int
        let lineStart: Int
        let headerLineEnd: Int
        var end: Int
        var lastLine: Int
        let style: WhatsAppHeader.Style
        var hasCarriageReturns: Bool
    }

    let file: String
    let parserName: String
    private var headers: WhatsAppHeaderReader
    private let bodyReader: WhatsAppBodyReader
    let orders: WhatsAppSurvey.DateOrders
    let shapes: Set<UInt32>
    private var resolver: LocalTimeResolver
    private var open: Open?
    private var strayLines: StrayLines
    private var zeroBytes: ZeroBytes
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var messageCount = 0
    /// Every header read, recorded when the reader was set up from a part of the file only, to
    /// check afterwards that the whole file is read the same way.
    var survey: WhatsAppSurvey?
    /// The last header shape met, whether it is one of the file's and its date order: nearly every
    /// header has the shape of the one before, so the sets are rarely asked.
    private var lastShape: (shape: UInt32, isAccepted: Bool, order: DateOrder)?

    init(
        file: String, parserName: String, scanner: WhatsAppHeaderScanner, bodyReader: WhatsAppBodyReader,
        orders: WhatsAppSurvey.DateOrders, shapes: Set<UInt32>, zone: ZoneChoice
    ) {
        self.file = file
        self.parserName = parserName
        headers = WhatsAppHeaderReader(scanner)
        self.bodyReader = bodyReader
        self.orders = orders
        self.shapes = shapes
        resolver = LocalTimeResolver(timeZone: zone.timeZone)
        strayLines = StrayLines(
            file: file, message: "line before the first message does not start like a message; it is not billed")
        zeroBytes = ZeroBytes(file: file)
    }

    /// Reads the block's lines, handing each message that ends in it to `emit` (with the block's
    /// bytes), and says which bytes the open message still needs.
    mutating func read(
        _ block: BlockReader.Block, emit: (Read, UnsafeBufferPointer<UInt8>) -> Void
    )
        -> BlockReader.Progress
    {
        let bytes = block.bytes
        let base = block.base
        var lines = block.lineReader
        let isDamaged = ZeroBytes.occur(in: bytes, block.lines)
        while let line = lines.next() {
            if isDamaged, let warning = zeroBytes.check(bytes, line: line) { diagnostics.append(warning) }
            let start = base + line.content.lowerBound
            let end = base + line.content.upperBound
            if let header = headers.match(bytes, line: line.content) {
                survey?.record(header, line: line.number)
                if lastShape?.shape != header.shape {
                    lastShape = (header.shape, shapes.contains(header.shape), orders.order(of: header))
                }
                if !lastShape!.isAccepted {
                    diagnostics.append(
                        Diagnostic(
                            .note, file: file, at: InputLocation(line: line.number, column: 1),
                            "looks like a message header but is written unlike the rest of the file; "
                                + "kept as text of the message before it"))
                } else if let civil = header.civil(order: lastShape!.order) {
                    if let previous = open { finish(previous, bytes, base: base, emit: emit) }
                    open = Open(
                        civil: civil, line: line.number,
                        timestamp: (base + header.timestampStart)..<(base + header.timestampEnd),
                        bodyStart: base + header.bodyStart, lineStart: start, headerLineEnd: end, end: end,
                        lastLine: line.number, style: header.style, hasCarriageReturns: false)
                    continue
                } else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: file, at: InputLocation(line: line.number, column: 1),
                            "'\(bytes.string(header.timestampStart..<header.timestampEnd))' is not a real date and "
                                + "time read as \(orders.order(of: header).rawValue); the line is kept as text of the "
                                + "message before it"))
                }
            }
            if open != nil {
                open!.end = end
                open!.lastLine = line.number
                open!.hasCarriageReturns = open!.hasCarriageReturns || line.hadCarriageReturn
            } else if !bytes.trimmed(line.content).isEmpty, let warning = strayLines.add(line: line.number) {
                diagnostics.append(warning)
            }
        }
        if block.isLast {
            if let last = open { finish(last, bytes, base: base, emit: emit) }
            open = nil
            if let summary = strayLines.summary { diagnostics.append(summary) }
            if let summary = zeroBytes.summary { diagnostics.append(summary) }
        }
        return BlockReader.Progress(keepFrom: open?.lineStart ?? Int.max, lastLine: lines.lastNumber)
    }

    private mutating func finish(
        _ message: Open, _ bytes: UnsafeBufferPointer<UInt8>, base: Int,
        emit: (Read, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let (instant, resolution) = resolver.instant(of: message.civil)
        let timestamp = (message.timestamp.lowerBound - base)..<(message.timestamp.upperBound - base)
        if resolution == .nonexistent {
            diagnostics.append(
                resolver.skippedTimeWarning(file: file, line: message.line, wallClock: bytes.string(timestamp)))
        }
        let body = bodyReader.read(
            bytes, style: message.style, start: message.bodyStart - base, firstLineEnd: message.headerLineEnd - base,
            end: message.end - base)
        messageCount += 1
        emit(
            Read(
                instant: instant, timestamp: timestamp, line: message.line, lastLine: message.lastLine,
                byteRange: message.lineStart..<message.end, body: body, hasCarriageReturns: message.hasCarriageReturns),
            bytes)
    }

    /// The day/month order the file's dates were read with.
    var dateOrder: DateOrderChoice { orders.main }

    /// The error for a file in which no message was found.
    var noMessagesError: ChatBillError {
        .unreadableInput(
            Diagnostic(
                .error, file: file, at: InputLocation(line: 1, column: 1),
                "no line of this file starts like a \(parserName) message ('31/12/24, 21:05 - Name: text' "
                    + "or '[31/12/24, 21:05:33] Name: text')"))
    }
}
