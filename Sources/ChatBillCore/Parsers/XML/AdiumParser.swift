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
        let readTime = TimestampLayout.readISO(_:)
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

extension AdiumParser: FolderTranscriptParser {
    /// The logs of a `.chatlog` bundle folder, or of a contact's whole log folder: every file named
    /// as Adium names them (`dana (2026-11-23T10.00.00+0100).xml` or `.chatlog`), in time order.
    public func members(of listing: [String]) -> [String] {
        listing.filter { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard name.hasSuffix(".xml") || name.hasSuffix(".chatlog"), let open = name.lastIndex(of: "(") else {
                return false
            }
            let stamp = name[name.index(after: open)...].prefix(17)
            return stamp.count == 17 && stamp.dropFirst(10).first == "T" && stamp.prefix(4).allSatisfy(\.isNumber)
        }.sorted { Self.stamp($0) < Self.stamp($1) }
    }

    /// The time in an Adium log's name, which orders the logs.
    private static func stamp(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.lastIndex(of: "(").map { String(name[$0...]) } ?? name
    }

    /// Every log read on its own, then joined: each message keeps its file. A log that cannot be
    /// read (one with no message, say) is left out with its error as a warning.
    public func parse(_ inputs: [InputFile], options: ParseOptions) throws(ChatBillError) -> Transcript {
        var parts: [Transcript] = []
        var skipped: [Diagnostic] = []
        var lastError: ChatBillError?
        for input in inputs {
            do {
                parts.append(try parse(input, options: options))
            } catch {
                let diagnostic = error.diagnostic
                skipped.append(
                    Diagnostic(
                        .warning, file: diagnostic.file, at: diagnostic.location,
                        diagnostic.message + "; this log is left out"))
                lastError = error
            }
        }
        guard !parts.isEmpty else { throw lastError ?? .unreadableInput(Diagnostic(.error, file: "", "no Adium log")) }
        let joined = Transcript(joining: parts)
        return Transcript(
            input: joined.input, parserName: name, messages: joined.messages, diagnostics: skipped + joined.diagnostics,
            timeZone: joined.timeZone, accountSenders: joined.accountSenders, inputs: joined.inputs,
            headerLinesByFile: joined.headerLinesByFile)
    }
}
