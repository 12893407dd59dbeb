import Foundation

/// Kopete's history (`~/.kde/share/apps/kopete/logs/<protocol>/<account>/<contact>.202611.xml`):
///
///     <kopete-history version="0.9">
///      <head><date month="11" year="2026"/><contact type="myself" contactId="sam@example.org"/>…</head>
///      <msg nick="Dana" in="1" from="dana@example.org" time="28 9:15:02">text</msg>
///
/// Each message has its day of the month and time; the month and year are in the head. Messages
/// from the `myself` contact are the provider unless `--me` says otherwise.
public struct KopeteParser: TranscriptParser {
    public let name = "kopete"
    public let displayName = "Kopete XML history"
    public let fileExtensions = ["xml"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(4096), as: UTF8.self)
        guard head.contains("<kopete-history") else { return .no("no <kopete-history>") }
        return Detection(confidence: 98, reason: "a <kopete-history> document")
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        var collector = XMLMessageCollector(input: input, zone: options.timeZone.timeZone)
        var month: Int?
        var year: Int?
        var myself: String?
        var accountSenders: [String] = []
        let readTime = { (value: String) -> (CivilDateTime, offset: Int?)? in
            // `28 9:15:02`: the day of the month and the time.
            guard let year, let month else { return nil }
            let parts = value.split(separator: " ")
            guard parts.count == 2, let day = Int(parts[0]) else { return nil }
            let clock = parts[1].split(separator: ":").compactMap { Int($0) }
            guard clock.count >= 2 else { return nil }
            let civil = CivilDateTime(
                year: year, month: month, day: day, hour: clock[0], minute: clock[1],
                second: clock.count > 2 ? clock[2] : 0)
            return civil.isValid ? (civil, nil) : nil
        }
        let problems = XMLStreamReader.read(input.bytes, file: input.displayName) { node in
            switch node {
            case .startElement(let name, let attributes, let location, _):
                switch name {
                case "date":
                    month = attributes["month"].flatMap(Int.init)
                    year = attributes["year"].flatMap(Int.init)
                case "contact" where attributes["type"] == "myself":
                    myself = attributes["contactId"]
                case "msg":
                    let sender = attributes["nick"].flatMap { $0.isEmpty ? nil : $0 } ?? attributes["from"] ?? ""
                    if let myself, attributes["from"] == myself, !accountSenders.contains(sender) {
                        accountSenders.append(sender)
                    }
                    collector.begin(
                        .init(time: attributes["time"] ?? "", sender: sender, kind: .text, fallbackText: ""),
                        element: name, at: location)
                default: break
                }
            default:
                collector.take(node, timestamp: readTime)
            }
        }
        return try collector.transcript(
            parser: name, zone: options.timeZone, problems: problems, accountSenders: accountSenders,
            nothingRead: "no <msg> with a time in this Kopete history")
    }
}
