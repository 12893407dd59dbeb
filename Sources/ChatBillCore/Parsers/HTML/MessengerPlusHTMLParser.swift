import Foundation

/// Messenger Plus! HTML logs of MSN / Windows Live Messenger (usually UTF-16LE with a BOM):
///
///     <div class="mplsession" id="Session_2007-04-19T17-27-28">
///     <tr><th><span class="time">(17:27)</span> dana :</th><td>hey?</td></tr>
///     <tr class="msgplus"><th><span class="time">(19:58)</span></th><td>dana is now Offline</td></tr>
///
/// Each session's id names its day; a time earlier than the one before moves to the next day.
/// Rows of Messenger Plus! itself (`msgplus`, `messenger`) are system lines.
public struct MessengerPlusHTMLParser: TranscriptParser {
    public let name = "msn-plus-html"
    public let displayName = "Messenger Plus! HTML logs (MSN / Windows Live Messenger)"
    public let fileExtensions = ["html", "htm"]

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = Array(probe.head)
        let text: String
        if head.count >= 2, head[0] == 0xFF, head[1] == 0xFE {
            text = String(
                decoding: stride(from: 2, to: head.count - 1, by: 2).map {
                    UInt16(head[$0]) | UInt16(head[$0 + 1]) << 8
                }, as: UTF16.self)
        } else {
            text = String(decoding: head, as: UTF8.self)
        }
        guard text.contains("mplsession") || text.contains("Messenger Plus!") else {
            return .no("no Messenger Plus! session markup")
        }
        return Detection(confidence: 95, reason: "Messenger Plus! session markup")
    }

    /// The day in a session id such as `Session_2007-04-19T17-27-28`.
    static func sessionDay(_ id: String) -> CivilDateTime? {
        guard id.hasPrefix("Session_") else { return nil }
        return ContextDate.parseISODate(String(id.dropFirst(8).prefix(10)))
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        var clock = options.date.map { DayClock(day: $0) }
        var firstDay = options.date.map { ContextDate(day: $0, source: .flag) }
        var resolver = LocalTimeResolver(timeZone: options.timeZone.timeZone)
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        var row: (isSystem: Bool, line: Int, lastLine: Int, header: String, text: String)?
        var cell: String?  // "th" or "td" while inside one
        var missingDay = false
        /// Inside the title, headings or the participant list: lines read as the log's header.
        var headerDepth = 0
        var headerLines = LineSet()
        let headerElements: Set<String> = ["title", "h1", "h2", "ul"]

        func finishRow() {
            guard let current = row else { return }
            row = nil
            var header = current.header.trimmingCharacters(in: .whitespacesAndNewlines)
            guard header.hasPrefix("("), let close = header.firstIndex(of: ")") else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: InputLocation(line: current.line, column: 1),
                        "a row without a time; it is not billed"))
                return
            }
            let stamp = String(header[...close])
            header = String(header[header.index(after: close)...]).trimmingCharacters(in: .whitespaces)
            if header.hasSuffix(":") { header = String(header.dropLast()).trimmingCharacters(in: .whitespaces) }
            let parts = stamp.dropFirst().dropLast().split(separator: ":").compactMap { Int($0) }
            guard parts.count >= 2, parts.count <= 3, parts[0] < 24, parts[1] < 60 else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file, at: InputLocation(line: current.line, column: 1),
                        "'\(stamp)' is not a time; the row is not billed"))
                return
            }
            guard clock != nil else {
                missingDay = true
                return
            }
            let civil = clock!.dateTime(hour: parts[0], minute: parts[1], second: parts.count == 3 ? parts[2] : 0)
            let (lastLine, bytes) = input.span(lines: current.line, through: current.lastLine)
            let isSystem = current.isSystem || header.isEmpty
            messages.append(
                Message(
                    instant: resolver.instant(of: civil).instant, timestampText: stamp, sender: isSystem ? "" : header,
                    text: HTMLText.normalized(current.text),
                    kind: isSystem ? .system : .text,
                    location: InputLocation(line: current.line, column: 1), lastLine: lastLine,
                    byteRange: bytes))
        }

        let problems = HTMLStreamReader.read(input.bytes, file: file) { node in
            switch node {
            case .startElement(let element, let attributes, let location, _):
                switch element {
                case "div":
                    if options.date == nil, let day = attributes["id"].flatMap(Self.sessionDay) {
                        if clock == nil { clock = DayClock(day: day) } else { clock!.set(day: day) }
                        firstDay = firstDay ?? ContextDate(day: day, source: .header(line: location.line))
                    }
                case "tr":
                    finishRow()
                    let rowClass = attributes["class"] ?? ""
                    row = (rowClass == "msgplus" || rowClass == "messenger", location.line, location.line, "", "")
                case "th", "td": cell = element
                case "br": if cell == "td" { row?.text += HTMLText.lineBreak }
                default: if headerElements.contains(element) { headerDepth += 1 }
                }
            case .endElement(let element):
                if headerElements.contains(element) { headerDepth = max(0, headerDepth - 1) }
                switch element {
                case "th", "td": cell = nil
                case "tr": finishRow()
                default: break
                }
            case .text(let text, let location):
                let lines = HTMLText.contentLines(text, startingAt: location.line)
                if headerDepth > 0 {
                    headerLines.insert(lines)
                }
                guard row != nil, let cell else { return }
                if cell == "th" { row!.header += text } else { row!.text += text }
                if let lines { row!.lastLine = max(row!.lastLine, lines.upperBound) }
            }
        }
        finishRow()
        diagnostics += problems.filter { $0.location != nil }
        if missingDay {
            throw .needsChoice(
                Diagnostic(
                    .error, file: file, "no session with a date before the first message; pass --date YYYY-MM-DD"))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: file, "no message row in this Messenger Plus! log"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: options.timeZone,
            contextDate: firstDay, headerLines: headerLines.sorted)
    }
}
