import CLibXML2
import Foundation

/// What the SAX walk of an Adium log keeps as elements pass: the chat's account, the element
/// being read (its time read and its sender named as it starts), the first UTC offset (the log's
/// own zone), and the senders.
private struct AdiumWalk: SAXHandler {
    /// A `<message>`, `<event>` or `<status>` being read.
    struct Open {
        let element: StaticString
        let time: (CivilDateTime, offset: Int?)?
        /// The time as written, kept only when it does not read.
        let unreadTime: String?
        /// -1 for an event or a status.
        let senderID: Int
        let line: Int
        var lastLine: Int
    }

    var account: [UInt8]?
    var accountSenders: [String] = []
    var open: Open?
    /// Whether text is being read (a text node's first line counts, as in a tree).
    var inText = false
    var firstOffset: Int?
    var senders = SenderNames()
    private var timeShape = 0

    /// `message`, `event` or `status` when `name` is one (told by its first letter first: most
    /// elements are the message bodies' `div` and `span`).
    static func element(_ name: UnsafePointer<xmlChar>) -> StaticString? {
        switch name[0] {
        case UInt8(ascii: "m"): name.spells("message") ? "message" : nil
        case UInt8(ascii: "e"): name.spells("event") ? "event" : nil
        case UInt8(ascii: "s"): name.spells("status") ? "status" : nil
        default: nil
        }
    }

    /// Opens a message element, reading its time and naming its sender.
    mutating func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: XMLSAXReader.Attributes, line: Int) {
        inText = false
        if name[0] == UInt8(ascii: "c"), name.spells("chat") {
            account = attributes.value("account").map(Array.init)
            return
        }
        guard let element = Self.element(name) else { return }
        var senderID = -1
        var sender: UnsafeBufferPointer<UInt8>?
        var alias: UnsafeBufferPointer<UInt8>?
        var written: UnsafeBufferPointer<UInt8>?
        // One pass over the attributes; the first of a name counts, as `value` finds it.
        attributes.forEach { name, value in
            switch name[0] {
            case UInt8(ascii: "s") where name.spells("sender"): sender = sender ?? value
            case UInt8(ascii: "a") where name.spells("alias"): alias = alias ?? value
            case UInt8(ascii: "t") where name.spells("time"): written = written ?? value
            default: break
            }
        }
        if name.spells("message") {
            let shown = alias ?? sender ?? UnsafeBufferPointer(start: nil, count: 0)
            senderID = senders.intern(shown, 0..<shown.count)
            if let account, let sender, sender.elementsEqual(account), !accountSenders.contains(senders.names[senderID])
            {
                accountSenders.append(senders.names[senderID])
            }
        }
        let time = written.flatMap { TimestampLayout.readISO(bytes: $0, hint: &timeShape) }
        if firstOffset == nil, written != nil { firstOffset = time?.offset }
        open = Open(
            element: element, time: time,
            unreadTime: time == nil ? written.map { String(decoding: $0, as: UTF8.self) } ?? "" : nil,
            senderID: senderID, line: line, lastLine: line)
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
        guard !inText else { return }
        inText = true
        if open != nil { open!.lastLine = max(open!.lastLine, line) }
    }

    /// The element that `name` closes, if it is the open one.
    mutating func end(_ name: UnsafePointer<xmlChar>) -> Open? {
        inText = false
        guard let element = open?.element, name.spells(element) else { return nil }
        defer { open = nil }
        return open
    }
}

/// The walk of a log as it streams: each message element, as it ends, a message handed on.
private struct AdiumEvents: SAXHandler {
    let path: String
    let consume: (MessageEvent) -> Void
    var walk = AdiumWalk()
    var resolver: LocalTimeResolver
    var tally = SenderTally()
    var warnings: [Diagnostic] = []
    var count = 0

    mutating func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: XMLSAXReader.Attributes, line: Int) {
        walk.startElement(name, attributes, line: line)
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
        walk.characters(bytes, line: line)
    }

    mutating func endElement(_ name: UnsafePointer<xmlChar>, line: Int) {
        guard let message = walk.end(name) else { return }
        guard let (civil, offset) = message.time else {
            warnings.append(
                Diagnostic(
                    .warning, file: path, at: InputLocation(line: message.line, column: 1),
                    "'\(message.unreadTime ?? "")' is not a time chatbill can read; the message is not billed"))
            return
        }
        let instant = offset.map { civil.instant(atOffset: $0) } ?? resolver.instant(of: civil).instant
        let sender = message.senderID >= 0 ? walk.senders.names[message.senderID] : ""
        if message.senderID >= 0 { tally.add(id: message.senderID, name: sender) }
        count += 1
        consume(
            MessageEvent(
                instant: instant, sender: sender, senderID: message.senderID,
                kind: message.senderID >= 0 ? .text : .system, line: message.line, lastLine: message.lastLine))
    }
}

extension AdiumParser: StreamingTranscriptParser {
    /// The log's own offset, from its first timed element, unless `--tz` names a zone.
    public func streamingZone(head: [UInt8], options: ParseOptions) -> ZoneChoice {
        var walk = AdiumWalk()
        head.withUnsafeBufferPointer { XMLSAXReader(file: "").push($0, isLast: false, to: &walk) }
        return options.timeZone.orExportOffset(walk.firstOffset)
    }

    /// Reads the log in blocks through libxml2's SAX2 push parser, as `parse` reads it but without
    /// its text: each message goes on when its element ends.
    public func stream(
        path: String, options: ParseOptions, blockSize: Int, to consume: (MessageEvent) -> Void
    ) throws(ChatBillError) -> TranscriptSummary {
        let file = try BlockReader(path: path, blockSize: blockSize)
        let reader = XMLSAXReader(file: path)
        let outcome = withoutActuallyEscaping(consume) { consume in
            var events = AdiumEvents(
                path: path, consume: consume, resolver: LocalTimeResolver(timeZone: options.timeZone.timeZone))
            let totals = Result { () throws(ChatBillError) in
                try file.forEachBlock(hashing: true) { block in
                    reader.push(
                        UnsafeBufferPointer(rebasing: block.bytes[block.lines]), isLast: block.isLast, to: &events)
                    return BlockReader.Progress(keepFrom: Int.max, lastLine: block.lastLineNumber)
                }
            }
            return (totals, events.walk, events.tally, events.warnings, events.count)
        }
        let (read, walk, tally, warnings, count) = outcome
        let totals = try read.get()
        guard count > 0 else {
            throw .unreadableInput(
                reader.diagnostics.first { $0.severity == .error }
                    ?? Diagnostic(.error, file: path, "no <message> in this Adium log"))
        }
        return TranscriptSummary(
            file: file.exportFile(totals), parserName: name, messageCount: count,
            diagnostics: warnings + reader.diagnostics.map(\.gotPast),
            timeZone: options.timeZone.orExportOffset(walk.firstOffset),
            senders: tally.senders, accountSenders: walk.accountSenders)
    }
}
