import Foundation

/// Adium's chat logs in the Unified Logging Format (`<buddy> (2014-03-16T23.55.48-0400).chatlog`
/// or the `.xml` inside such a bundle):
///
///     <chat xmlns="http://purl.org/net/ulf/ns/0.4-02" account="sam" service="Jabber">
///     <event type="windowOpened" sender="sam" time="2026-11-23T10:00:00+01:00"/>
///     <message sender="dana@example.org" time="2026-11-23T10:00:05+01:00" alias="Dana"><div>Hi</div></message>
///     <status type="away" sender="dana@example.org" time="2026-11-23T10:40:00+01:00"/>
///
/// Times carry their UTC offset; the XHTML body becomes plain text; events and status changes
/// are system lines. The chat's `account` is the provider unless `--me` says otherwise.
public struct AdiumParser: TranscriptParser {
    public let name = "adium"
    public let displayName = "Adium chat logs (.chatlog, Unified Logging Format XML)"
    public let fileExtensions = ["chatlog", "xml"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(4096), as: UTF8.self)
        guard head.contains("<chat") else { return .no("no <chat> element") }
        if head.contains("purl.org/net/ulf") {
            return Detection(confidence: 98, reason: "the Unified Logging Format namespace")
        }
        return Detection(confidence: probe.fileName.hasSuffix(".chatlog") ? 80 : 40, reason: "a <chat> log")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        var collector = XMLMessageCollector(input: input, zone: options.timeZone.timeZone)
        var account: String?
        var accountSenders: [String] = []
        var firstOffset: Int?
        let readTime = { (text: String) -> (CivilDateTime, offset: Int?)? in
            let value = Array(text.utf8)
            return value.withUnsafeBufferPointer { buffer in
                TimestampLayout.isoCandidates.lazy.compactMap { $0.read(buffer, 0..<buffer.count) }.first
            }
        }
        let problems = XMLStreamReader.read(input.bytes, file: input.displayName) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                switch element {
                case "chat":
                    account = attributes["account"]
                case "message", "event", "status":
                    let sender = attributes["sender"] ?? ""
                    let shown = attributes["alias"] ?? sender
                    let isMessage = element == "message"
                    if isMessage, let account, sender == account, !accountSenders.contains(shown) {
                        accountSenders.append(shown)
                    }
                    collector.begin(
                        .init(
                            time: attributes["time"] ?? "", sender: isMessage ? shown : "",
                            kind: isMessage ? .text : .system,
                            fallbackText: isMessage
                                ? "" : [attributes["type"], sender].compactMap { $0 }.joined(separator: " ")),
                        element: element, at: location)
                    if firstOffset == nil, let time = attributes["time"] { firstOffset = readTime(time)?.offset }
                case "br":
                    collector.addLineBreak()
                default:
                    break
                }
            default:
                collector.take(node, timestamp: readTime)
            }
        }
        // Days are counted in the log's own offset unless --tz names a zone.
        let zone = options.timeZone.orExportOffset(firstOffset)
        return try collector.transcript(
            parser: name, zone: zone, problems: problems, accountSenders: accountSenders,
            nothingRead: "no <message> in this Adium log")
    }
}
