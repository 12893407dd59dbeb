import Foundation

/// Trillian's XML logs: a sequence of elements without one root, times in Unix seconds, texts
/// URL-encoded:
///
///     <session type="start" time="1795000000" medium="AIM" to="dana" from="sam"/>
///     <message type="incoming_privateMessage" time="1795000012" medium="AIM" to="sam" from="dana"
///              from_display="Dana" text="hello%20there"/>
///
/// `outgoing_…` messages are the log's own account (the provider unless `--me` says otherwise);
/// session starts and stops are system lines.
public struct TrillianParser: TranscriptParser {
    public let name = "trillian-xml"
    public let displayName = "Trillian XML logs"
    public let fileExtensions = ["xml"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(4096), as: UTF8.self)
        guard head.contains("<session type=") || head.contains("_privateMessage\"") else {
            return .no("no Trillian session or message elements")
        }
        return Detection(confidence: 90, reason: "Trillian <session>/<message> elements")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        var collector = XMLMessageCollector(input: input, zone: TimeZone(identifier: "UTC")!)
        var accountSenders: [String] = []
        let readTime = { (value: String) -> (CivilDateTime, offset: Int?)? in
            guard let seconds = Double(value), seconds > 0 else { return nil }
            return (CivilDateTime(secondsSinceEpochAsUTC: Int64(seconds)), 0)
        }
        let problems = XMLStreamReader.readFragments(input.bytes, file: input.displayName) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                guard element == "message" || element == "session" else { return }
                let type = attributes["type"] ?? ""
                let shown = attributes["from_display"].flatMap { $0.isEmpty ? nil : $0 } ?? attributes["from"] ?? ""
                let sender = shown.removingPercentEncoding ?? shown
                let isMessage = element == "message"
                if isMessage, type.hasPrefix("outgoing"), !accountSenders.contains(sender) {
                    accountSenders.append(sender)
                }
                let text = (attributes["text"] ?? "").removingPercentEncoding ?? attributes["text"] ?? ""
                collector.begin(
                    .init(
                        time: attributes["time"] ?? "", sender: isMessage ? sender : "",
                        kind: isMessage ? .text : .system,
                        fallbackText: isMessage ? text : "session \(type) \(attributes["medium"] ?? "")"),
                    element: element, at: location)
            default:
                collector.take(node, timestamp: readTime)
            }
        }
        return try collector.transcript(
            parser: name, zone: options.timeZone, problems: problems, accountSenders: accountSenders,
            nothingRead: "no <message> in this Trillian log")
    }
}
