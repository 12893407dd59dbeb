import Foundation

/// Pidgin's HTML conversation logs (`2008-01-15.071445-0500PST.html`), tag soup included:
///
///     <title>Conversation with dana@example.org at 11/25/2026 9:02:11 AM on sam (jabber)</title>
///     <font color="#A82F2F"><font size="2">(9:02:15 AM)</font> <b>Dana Fischer:</b></font> hi<br/>
///     <font color="#16569E"><font size="2">(9:03:40 AM)</font> <b>Sam Keller:</b></font> hello<br/>
///
/// The day comes from `--date`, the title or the file name, whose UTC offset is the zone unless
/// `--tz` is given; a time earlier than the one before moves to the next day; late messages carry
/// their full date. Pidgin colours the log's own account #16569E: that sender is the provider
/// unless `--me` says otherwise. A bold line without a colon is a status line.
public struct PidginHTMLParser: TranscriptParser {
    public let name = "pidgin-html"
    public let displayName = "Pidgin HTML logs (.html)"
    public let fileExtensions = ["html", "htm"]

    private static let ownColour = "#16569e"
    private static let titleLayouts = [
        "M/D/YYYY h:mm:ss A", "YYYY-MM-DD HH:mm:ss", "D.M.YYYY HH:mm:ss", "M/D/YYYY HH:mm:ss",
    ]
    .compactMap(TimestampLayout.init)

    public init() {}

    public func detect(_ probe: DetectionProbe) -> Detection {
        let head = String(decoding: probe.head.prefix(4096), as: UTF8.self)
        guard head.contains("<title>Conversation with ") || head.contains("<h3>Conversation with ") else {
            return .no("no Pidgin 'Conversation with …' title")
        }
        return Detection(confidence: 95, reason: "a Pidgin 'Conversation with … at …' title")
    }

    /// The date in a title such as `Conversation with X at 9/3/2011 1:47:22 PM on Y (jabber)`.
    static func titleDate(_ title: String) -> CivilDateTime? {
        guard let at = title.range(of: " at ") else { return nil }
        let rest = title[at.upperBound...]
        let value = String(rest[..<(rest.range(of: " on ")?.lowerBound ?? rest.endIndex)])
        return Array(value.utf8).withUnsafeBufferPointer { buffer in
            titleLayouts.lazy.compactMap { $0.read(buffer, 0..<buffer.count)?.0 }.first
                ?? MonthNames.date(in: buffer, 0..<buffer.count)
        }
    }

    public func parse(_ input: InputFile, options: ParseOptions) throws(ChatBillError) -> Transcript {
        let file = input.displayName
        let zone = options.timeZone.orExportOffset(PidginTextParser.fileNameFacts(input.fileName)?.offsetSeconds)
        var title = ""
        var titleLine = 1
        var inTitle = false
        var clock = PidginClock(input: input, options: options, zone: zone)
        let order =
            options.dateOrder
            ?? input.bytes.withUnsafeBufferPointer { PidginTextParser.slashedDateOrder($0, near: clock.logDay) } ?? .mdy
        var resolver = LocalTimeResolver(timeZone: zone.timeZone)
        var messages: [Message] = []
        var diagnostics: [Diagnostic] = []
        var accountSenders: [String] = []
        var colours: [String] = []
        var open: (civil: CivilDateTime, stamp: String, line: Int, lastLine: Int, sender: String?, text: String)?
        var inBold = false
        var bold = ""
        var missingDay = false
        var headerLines = LineSet()
        var inHeading = false

        func finish() {
            guard let message = open else { return }
            open = nil
            let (instant, _) = resolver.instant(of: message.civil)
            let (lastLine, bytes) = input.span(lines: message.line, through: message.lastLine)
            let text = HTMLText.normalized(message.text)
            messages.append(
                Message(
                    instant: instant, timestampText: message.stamp, sender: message.sender ?? "", text: text,
                    kind: message.sender == nil ? .system : .text,
                    location: InputLocation(line: message.line, column: 1),
                    lastLine: lastLine,
                    byteRange: bytes))
        }

        let problems = HTMLStreamReader.read(input.bytes, file: file) { node in
            switch node {
            case .startElement(let element, let attributes, _, _):
                switch element {
                case "title": inTitle = true
                case "h3": inHeading = true
                case "font": colours.append(attributes["color"]?.lowercased() ?? colours.last ?? "")
                case "b":
                    inBold = true
                    bold = ""
                case "br": open?.text += HTMLText.lineBreak
                default: break
                }
            case .endElement(let element):
                switch element {
                case "title":
                    inTitle = false
                    if let date = Self.titleDate(title) { clock.named(date, line: titleLine) }
                case "h3": inHeading = false
                case "font": if !colours.isEmpty { colours.removeLast() }
                case "b":
                    inBold = false
                    guard var message = open, message.sender == nil,
                        message.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    else { break }
                    let name = bold.trimmingCharacters(in: .whitespacesAndNewlines)
                    if name.hasSuffix(":") {
                        let sender = String(name.dropLast()).trimmingCharacters(in: .whitespaces)
                        message.sender = sender
                        if colours.contains(Self.ownColour), !accountSenders.contains(sender) {
                            accountSenders.append(sender)
                        }
                    } else {
                        message.text = name
                    }
                    open = message
                default: break
                }
            case .text(let text, let location):
                if inTitle || inHeading {
                    let lines = HTMLText.contentLines(text, startingAt: location.line)
                    if inTitle {
                        if title.isEmpty, let first = lines?.lowerBound { titleLine = first }
                        title += text
                    }
                    headerLines.insert(lines)
                    return
                }
                if inBold {
                    bold += text
                    return
                }
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                let bytes = Array(trimmed.utf8)
                let stamp = bytes.withUnsafeBufferPointer { buffer in
                    PidginTextParser.stamp(buffer, 0..<buffer.count, order: order).flatMap {
                        $0.1 == buffer.count ? $0.0 : nil
                    }
                }
                if let stamp {
                    finish()
                    guard let civil = clock.civil(for: stamp) else {
                        missingDay = true
                        return
                    }
                    let line = HTMLText.contentLines(text, startingAt: location.line)?.lowerBound ?? location.line
                    open = (civil, trimmed, line, line, nil, "")
                } else if open != nil {
                    open!.text += text
                    if let lines = HTMLText.contentLines(text, startingAt: location.line) {
                        open!.lastLine = max(open!.lastLine, lines.upperBound)
                    }
                }
            }
        }
        finish()
        diagnostics += problems.filter { $0.location != nil }
        if missingDay {
            throw .needsChoice(Diagnostic(.error, file: file, "this log has times but no date; pass --date YYYY-MM-DD"))
        }
        guard !messages.isEmpty else {
            throw .unreadableInput(
                Diagnostic(.error, file: file, "no '(09:30:15) Name:' message line in this Pidgin HTML log"))
        }
        return Transcript(
            input: input, parserName: name, messages: messages, diagnostics: diagnostics, timeZone: zone,
            contextDate: clock.usedDay, headerLines: headerLines.sorted, accountSenders: accountSenders)
    }
}
