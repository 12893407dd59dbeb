import Foundation

/// Windows Live Messenger's own XML history (`<Name><number>.xml`):
///
///     <Log FirstSessionID="1" LastSessionID="2">
///     <Message Date="11/28/2026" Time="9:15:02 AM" DateTime="2026-11-28T08:15:02.000Z" SessionID="1">
///       <From><User FriendlyName="Dana"/></From><To><User FriendlyName="Sam"/></To>
///       <Text Style="…">hi</Text></Message>
///     <Join …>, <Leave …>, <Invitation …> …
///
/// `DateTime` is UTC. Joins, leaves and invitations are system lines.
public struct WindowsLiveMessengerParser: TranscriptParser {
    public let name = "wlm-xml"
    public let displayName = "Windows Live Messenger XML history"
    public let fileExtensions = ["xml"]

    private static let systemElements: Set<String> = ["Join", "Leave", "Invitation", "InvitationResponse"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(4096), as: UTF8.self)
        guard head.contains("<Log"), head.contains("SessionID=") || head.contains("MessageLog.xsl") else {
            return .no("no Messenger <Log> with sessions")
        }
        return Detection(confidence: 95, reason: "a Messenger <Log> history")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        var collector = XMLMessageCollector(input: input, zone: TimeZone(identifier: "UTC")!)
        var element: (name: String, location: InputLocation, dateTime: String, kind: MessageKind)?
        var inFrom = false
        var sender = ""
        var text = ""
        let readTime = TimestampLayout.readISO(_:)
        let problems = XMLStreamReader.read(input.bytes, file: input.displayName) { node in
            switch node {
            case .startElement(let name, let attributes, let location, _):
                if name == "Message" || Self.systemElements.contains(name) {
                    element = (name, location, attributes["DateTime"] ?? "", name == "Message" ? .text : .system)
                    sender = ""
                    text = ""
                } else if name == "From" {
                    inFrom = true
                } else if name == "User", inFrom, element != nil {
                    sender = attributes["FriendlyName"] ?? sender
                }
            case .text(let value, _):
                if element != nil { text += value }
            case .endElement(let name):
                if name == "From" { inFrom = false }
                guard let open = element, open.name == name else { return }
                element = nil
                collector.begin(
                    .init(
                        time: open.dateTime, sender: open.kind == .system ? "" : sender, kind: open.kind,
                        fallbackText: open.kind == .system ? "\(open.name) \(sender)" : ""),
                    element: name, at: open.location)
                collector.addText(text, at: open.location)
                collector.end(name, timestamp: readTime)
            }
        }
        return try collector.transcript(
            parser: name, zone: options.timeZone, problems: problems,
            nothingRead: "no <Message> in this Messenger history")
    }
}
