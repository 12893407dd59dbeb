import Foundation

/// Empathy's logs, written by telepathy-logger (`~/.local/share/TpLogger/logs/<account>/<contact>/
/// 20100111.log`, calls in `….call.log`):
///
///     <log>
///     <message time='20100111T00:00:01' id='dana@example.org' name='Dana' isuser='false' type='normal'>hi</message>
///     <call time='20100113T17:48:01' … duration='120' actorname='Dana' isuser='false' …/>
///
/// Times are UTC. Calls are call events with their duration. Senders marked `isuser='true'` are
/// the provider unless `--me` says otherwise.
public struct EmpathyParser: TranscriptParser {
    public let name = "empathy"
    public let displayName = "Empathy / telepathy-logger XML logs"
    public let fileExtensions = ["log"]

    private static let layout = TimestampLayout("YYYYMMDDTHH:mm:ss")!

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(4096), as: UTF8.self)
        guard head.contains("<log>") || head.contains("<log ") else { return .no("no <log> element") }
        let hasEntries = head.contains("<message time=") || head.contains("<call time=")
        return Detection(
            confidence: hasEntries ? 95 : 50,
            reason: hasEntries ? "telepathy-logger <log> with <message time=…> entries" : "a <log> document")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let utc = TimeZone(identifier: "UTC")!
        var collector = XMLMessageCollector(input: input, zone: utc)
        var accountSenders: [String] = []
        let readTime = { (text: String) -> (CivilDateTime, offset: Int?)? in
            let value = Array(text.utf8)
            return value.withUnsafeBufferPointer { buffer in
                Self.layout.read(buffer, 0..<buffer.count).map { ($0.0, offset: 0) }
            }
        }
        let problems = XMLStreamReader.read(input.bytes, file: input.displayName) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                guard element == "message" || element == "call" else { break }
                let isCall = element == "call"
                let sender = (isCall ? attributes["actorname"] : nil) ?? attributes["name"] ?? attributes["id"] ?? ""
                if attributes["isuser"] == "true", !accountSenders.contains(sender) { accountSenders.append(sender) }
                let duration = attributes["duration"].flatMap(Int.init) ?? 0
                collector.begin(
                    .init(
                        time: attributes["time"] ?? "", sender: sender, kind: isCall ? .call : .text,
                        fallbackText: isCall ? "call, \(DurationText.format(seconds: duration))" : ""),
                    element: element, at: location)
            default:
                collector.take(node, timestamp: readTime)
            }
        }
        return try collector.transcript(
            parser: name, zone: options.timeZone, problems: problems, accountSenders: accountSenders,
            nothingRead: "no <message> or <call> in this Empathy log")
    }
}
