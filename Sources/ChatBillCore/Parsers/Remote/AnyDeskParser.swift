import Foundation

/// AnyDesk's `connection_trace.txt`: one line per incoming connection, columns separated by runs
/// of spaces or tabs:
///
///     Incoming    2026-11-03, 09:15    User      sam@ad    123456789
///
/// direction, date and time (the machine's local time, to the minute), how it was accepted
/// (`User`, `Passwd`, `Token`, or `REJECTED`), and the connecting alias and id. The trace has no
/// end time, so an accepted connection is provider activity at its start (it can bridge a silence
/// like a message can, not by a length); a rejected one is a system line.
public struct AnyDeskParser: TranscriptParser {
    public let name = "anydesk"
    public let displayName = "AnyDesk connection trace (connection_trace.txt)"
    public let fileExtensions = ["txt"]

    public init() {}

    struct Line {
        var direction: String
        var civil: CivilDateTime
        var timestamp: String
        var method: String
        var partner: String
    }

    static func read(_ text: String) -> Line? {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 4, ["incoming", "outgoing"].contains(fields[0].lowercased()),
            fields[1].hasSuffix(","), let day = ContextDate.parseISODate(String(fields[1].dropLast()))
        else { return nil }
        let time = fields[2].split(separator: ":")
        guard time.count == 2, let hour = Int(time[0]), let minute = Int(time[1]), hour < 24, minute < 60 else {
            return nil
        }
        var civil = day
        civil.hour = hour
        civil.minute = minute
        return Line(
            direction: fields[0], civil: civil, timestamp: "\(fields[1]) \(fields[2])", method: fields[3],
            partner: fields.dropFirst(4).joined(separator: " "))
    }

    public func detect(_ probe: DetectionProbe) -> Detection {
        let text = String(decoding: probe.head, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).prefix(30).filter { !$0.allSatisfy(\.isWhitespace) }
        let connections = lines.filter { Self.read(String($0)) != nil }.count
        guard connections > 0 else { return .no("no AnyDesk trace lines ('Incoming  2026-11-03, 09:15  User …')") }
        let named = probe.fileName.lowercased() == "connection_trace.txt" ? 10 : 0
        return Detection(
            confidence: min(100, 40 + 50 * connections / max(lines.count, 1) + named),
            reason: "\(connections) of the first \(lines.count) lines are AnyDesk connections")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        var headerLines: [Int] = []
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        input.bytes.withUnsafeBufferPointer { bytes in
            for line in LineReader(bytes) {
                let text = bytes.decodedText(line.content)
                guard !text.allSatisfy(\.isWhitespace) else { continue }
                guard let read = Self.read(text) else {
                    if messages.isEmpty, text.lowercased().contains("direction") {
                        headerLines.append(line.number)
                    } else {
                        diagnostics.append(
                            Diagnostic(
                                .warning, file: file, at: InputLocation(line: line.number, column: 1),
                                "not an AnyDesk connection line; it is not billed"))
                    }
                    continue
                }
                let accepted = read.method.uppercased() != "REJECTED"
                messages.append(
                    Message(
                        instant: resolver.instant(of: read.civil).instant, timestampText: read.timestamp,
                        sender: read.partner,
                        text: "AnyDesk \(read.direction.lowercased()) connection (\(read.method))",
                        kind: accepted ? .remote : .system, location: InputLocation(line: line.number, column: 1),
                        lastLine: line.number, byteRange: line.content))
            }
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(
                Diagnostic(
                    .error, file: file, at: InputLocation(line: 1, column: 1),
                    "no line of this file is an AnyDesk connection ('Incoming  2026-11-03, 09:15  User …')"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            headerLines: headerLines)
    }
}
