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

    /// What imessage-exporter calls the database's owner by default: the provider unless `--me`
    /// says otherwise.
    static let ownName = "Me"

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
        let outcome = input.bytes.withUnsafeBufferPointer { bytes -> Result<Transcript, ChatBillError> in
            var builder = LineTranscriptBuilder(
                bytes: bytes, file: file, zone: options.timeZone.timeZone,
                example: "an iMessage record ('Nov 18, 2026  9:05:12 AM', the sender, the text)")
            var previousBlank = true
            for line in LineReader(bytes) {
                let isBlank = bytes.trimmed(line.content).isEmpty
                defer { previousBlank = isBlank }
                if previousBlank, let (civil, stampEnd) = Self.stamp(bytes, line.content) {
                    let rest = bytes.trimmed(stampEnd..<line.content.upperBound)
                    let isMessage = rest.isEmpty || bytes.range(rest, hasPrefix: Array("(Read by ".utf8))
                    builder.begin(
                        line, at: civil, timestamp: line.content.lowerBound..<stampEnd, sender: nil,
                        kind: isMessage ? .text : .system, textStart: isMessage ? nil : rest.lowerBound)
                } else if !isBlank, let reading = builder.reading, reading.kind == .text, reading.sender == nil {
                    builder.setSender(bytes.trimmed(line.content), from: line)
                } else {
                    builder.add(line)
                }
            }
            // imessage-exporter names the database owner `Me` (unless told another name).
            builder.finish()
            let ownsMessages = builder.messages.contains { $0.sender == Self.ownName && $0.kind.isParticipantActivity }
            return builder.transcript(
                of: input, parser: name, zone: options.timeZone, accountSenders: ownsMessages ? [Self.ownName] : [])
        }
        return try outcome.get()
    }
}
