import Foundation

/// XMPP message archives as servers return them (XEP-0313 results, each message forwarded with
/// its XEP-0203 delay stamp), saved as a sequence of stanzas:
///
///     <message to="sam@example.org/laptop"><result xmlns="urn:xmpp:mam:2" id="…">
///       <forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-11-28T08:15:02Z"/>
///         <message from="dana@example.org/phone" to="sam@example.org" type="chat"><body>hi</body></message>
///     </forwarded></result></message>
///
/// Senders are bare JIDs; the archive's owner (the outer `to`) is the provider unless `--me` says
/// otherwise.
public struct XMPPArchiveParser: TranscriptParser {
    public let name = "xmpp-mam"
    public let displayName = "XMPP message archive (XEP-0313 results)"
    public let fileExtensions = ["xml"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(8192), as: UTF8.self)
        guard head.contains("urn:xmpp:mam:"), head.contains("urn:xmpp:forward:") else {
            return .no("no XEP-0313 archive results")
        }
        return Detection(confidence: 95, reason: "XEP-0313 archive results")
    }

    static func bare(_ jid: String) -> String {
        jid.split(separator: "/", maxSplits: 1).first.map(String.init) ?? jid
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        var collector = XMLMessageCollector(input: input, zone: TimeZone(identifier: "UTC")!)
        var owners: [String] = []
        var stamp: String?
        var inBody = false
        var forwarded: (location: InputLocation, from: String, body: String)?
        var depthInForwarded = 0
        let readTime = TimestampLayout.readISO(_:)
        let problems = XMLStreamReader.readFragments(input.bytes, file: input.displayName) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                switch element {
                case "message" where depthInForwarded == 0:
                    if let to = attributes["to"], !owners.contains(Self.bare(to)) { owners.append(Self.bare(to)) }
                case "forwarded":
                    depthInForwarded += 1
                    stamp = nil
                case "delay" where depthInForwarded > 0:
                    stamp = attributes["stamp"]
                case "message" where depthInForwarded > 0:
                    forwarded = (location, Self.bare(attributes["from"] ?? ""), "")
                case "body" where forwarded != nil:
                    inBody = true
                default: break
                }
            case .text(let value, _):
                if inBody { forwarded?.body += value }
            case .endElement(let element):
                switch element {
                case "body": inBody = false
                case "forwarded":
                    depthInForwarded = max(0, depthInForwarded - 1)
                    if let message = forwarded, let stamp {
                        collector.begin(
                            .init(time: stamp, sender: message.from, kind: .text, fallbackText: ""), element: "message",
                            at: message.location)
                        collector.addText(message.body, at: message.location)
                        collector.end("message", timestamp: readTime)
                    }
                    forwarded = nil
                default: break
                }
            }
        }
        let senders = Set(collector.messages.map(\.sender))
        return try collector.transcript(
            parser: name, zone: options.timeZone, problems: problems, accountSenders: owners.filter(senders.contains),
            nothingRead: "no forwarded message with a delay stamp in this archive")
    }
}
