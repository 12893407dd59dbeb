import Foundation

/// imessage-exporter's TXT export (one file per conversation). Each record is a timestamp line
/// (with an optional read receipt), the sender, the message lines and a blank line:
///
///     Nov 18, 2026  9:05:12 AM (Read by you after 2 minutes)
///     +15555550123
///     The scanner stopped working
///
///     Nov 18, 2026  9:07:40 AM You renamed the conversation to Office IT
///
/// A timestamp with text after it on the same line is an announcement (a system line). Replies
/// are indented under the message they answer and stay part of its text.
public struct IMessageTextParser: TranscriptParser {
    public let name = "imessage-txt"
    public let displayName = "iMessage TXT export (imessage-exporter)"
    public let fileExtensions = ["txt"]

    public init() {}

    /// `Nov 18, 2026  9:05:12 AM` at the start of a line: the wall clock and where it ends.
    static func stamp(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> (CivilDateTime, Int)? {
        var cursor = TextCursor(bytes, line)
        cursor.skipInvisibleMarks()
        guard line.upperBound - cursor.position >= 3,
            let month = MonthNames.month(bytes, cursor.position..<(cursor.position + 3))
        else { return nil }
        cursor.advance(3)
        guard cursor.consume(0x20), let (day, _) = cursor.number(maxDigits: 2), cursor.consume(0x2C),
            cursor.consume(0x20), let (year, yearDigits) = cursor.number(maxDigits: 4), yearDigits == 4
        else { return nil }
        guard cursor.consume(0x20) else { return nil }
        cursor.consume(0x20)  // `%l` pads one-digit hours with a space
        guard let (hour, _) = cursor.number(maxDigits: 2), cursor.consume(0x3A),
            let (minute, minuteDigits) = cursor.number(maxDigits: 2), minuteDigits == 2, cursor.consume(0x3A),
            let (second, secondDigits) = cursor.number(maxDigits: 2), secondDigits == 2, cursor.consume(0x20),
            hour >= 1, hour <= 12
        else { return nil }
        let marker = cursor.peek().map { $0 & 0xDF }
        guard marker == 0x41 || marker == 0x50 else { return nil }
        cursor.advance()
        guard cursor.consume(0x4D) || cursor.consume(0x6D) else { return nil }
        let civil = CivilDateTime(
            year: year, month: month, day: day, hour: hour % 12 + (marker == 0x50 ? 12 : 0), minute: minute,
            second: second)
        return civil.isValid ? (civil, cursor.position) : nil
    }

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = Array(probe.head)
        let stamps = head.withUnsafeBufferPointer { buffer in
            LineReader(buffer).prefix(200).filter { Self.stamp(buffer, $0.content) != nil }.count
        }
        guard stamps > 0 else { return .no("no line starts with an iMessage timestamp ('Nov 18, 2026  9:05:12 AM')") }
        return Detection(
            confidence: min(90, 50 + 10 * stamps), reason: "\(stamps) lines start with iMessage timestamps")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let (messages, diagnostics) = input.bytes.withUnsafeBufferPointer { bytes in
            var messages: [Message] = []
            var diagnostics: [Diagnostic] = []
            var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
            var pending:
                (civil: CivilDateTime, stampEnd: Int, sender: Range<Int>?, kind: MessageKind, lines: PendingMessage)?
            var previousBlank = true

            func finish() {
                guard let record = pending else { return }
                pending = nil
                let (instant, _) = resolver.instant(of: record.civil)
                messages.append(
                    Message(
                        instant: instant, timestampText: bytes.string(record.lines.lineStart..<record.stampEnd),
                        sender: record.sender.map(bytes.decodedText) ?? "", text: record.lines.text(bytes),
                        kind: record.kind, location: record.lines.location, lastLine: record.lines.lastLine,
                        byteRange: record.lines.byteRange))
            }

            for line in LineReader(bytes) {
                let isBlank = bytes.trimmed(line.content).isEmpty
                defer { previousBlank = isBlank }
                if previousBlank, let (civil, stampEnd) = Self.stamp(bytes, line.content) {
                    finish()
                    let rest = bytes.trimmed(stampEnd..<line.content.upperBound)
                    if rest.isEmpty || bytes.range(rest, hasPrefix: Array("(Read by ".utf8)) {
                        pending = (civil, stampEnd, nil, .text, PendingMessage(line, textStart: nil))
                    } else {
                        pending = (civil, stampEnd, nil, .system, PendingMessage(line, textStart: rest.lowerBound))
                    }
                    continue
                }
                guard pending != nil else {
                    if !isBlank {
                        diagnostics.append(
                            Diagnostic(
                                .warning, file: file, at: InputLocation(line: line.number, column: 1),
                                "line before the first message is not an iMessage record; it is not billed"))
                    }
                    continue
                }
                if isBlank {
                    pending!.lines.appendBlank(line)
                } else if pending!.kind == .text, pending!.sender == nil {
                    pending!.sender = bytes.trimmed(line.content)
                    pending!.lines.extend(over: line)
                } else {
                    pending!.lines.append(line)
                }
            }
            finish()
            return (messages, diagnostics)
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(
                Diagnostic(
                    .error, file: file, at: InputLocation(line: 1, column: 1),
                    "no iMessage record in this file ('Nov 18, 2026  9:05:12 AM', the sender, the text)"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone)
    }
}
