import Foundation

/// What the SAX walk of a Telegram HTML page keeps as elements pass, in libxml2's own bytes:
/// which of the classes that matter are open (counted as elements open and close, so asking costs
/// one load however deep the page), and the message block being read.
struct TelegramWalk {
    /// A `<div class="message default">` being read.
    struct Block {
        var line = 0
        var lastLine = 0
        var joined = false
        /// The `title` of its first date outside a forwarded or replied-to message.
        var title: [UInt8] = []
        /// The `from_name` text as written (runs of white space and all).
        var sender: [UInt8] = []
        /// The text (`<br>` as U+2028) and the media captions, gathered only when texts are kept.
        var text: [UInt8] = []
        var media: [UInt8] = []
        /// Whether the text and the media captions show anything.
        var hasText = false
        var hasMedia = false
    }

    /// The classes the walk asks about, a bit each.
    private enum Class: Int, CaseIterable {
        case message, `default`, joined, date, details, forwarded, replyTo, text, fromName, mediaWrap, title,
            description

        var spelling: String {
            switch self {
            case .replyTo: "reply_to"
            case .fromName: "from_name"
            case .mediaWrap: "media_wrap"
            default: "\(self)"
            }
        }

        var bit: UInt16 { 1 << UInt16(rawValue) }
    }

    private static let spellings = Class.allCases.map { Array($0.spelling.utf8) }
    private static let lineBreak = Array(HTMLText.lineBreak.utf8)

    /// Whether the text and media of messages are gathered (a transcript) or only whether they
    /// show anything (a streamed report).
    let keepsText: Bool
    /// The block being read, or the one that just ended when `end` says so.
    private(set) var block = Block()
    private var inBlock = false
    private var blockDepth = 0
    /// The classes of each open element, as bits.
    private var masks: [UInt16] = []
    /// How many open elements carry each class.
    private var openCounts = [Int](repeating: 0, count: Class.allCases.count)
    /// The lines text outside any message puts content on (kept with texts).
    private(set) var headerLines = LineSet()

    init(keepsText: Bool) {
        self.keepsText = keepsText
    }

    private func inside(_ name: Class) -> Bool { openCounts[name.rawValue] > 0 }

    /// The bits of the known classes in a `class` attribute's value.
    private static func classes(_ value: UnsafeBufferPointer<UInt8>) -> UInt16 {
        var mask: UInt16 = 0
        var start = 0
        for index in 0...value.count {
            guard
                index == value.count || value[index] == 0x20 || value[index] == 0x09 || value[index] == 0x0A
                    || value[index] == 0x0D
            else { continue }
            for (bit, spelling) in spellings.enumerated() where value.range(start..<index, equals: spelling) {
                mask |= 1 << UInt16(bit)
                break
            }
            start = index + 1
        }
        return mask
    }

    mutating func start(_ name: UnsafePointer<UInt8>, _ attributes: HTMLSAXReader.Attributes, line: Int) {
        let mask = attributes.value("class").map(Self.classes) ?? 0
        masks.append(mask)
        if mask != 0 {
            for name in Class.allCases where mask & name.bit != 0 { openCounts[name.rawValue] += 1 }
        }
        let isDiv = name.spells("div")
        if isDiv, mask & Class.message.bit != 0, mask & Class.default.bit != 0 {
            block.line = line
            block.lastLine = line
            block.joined = mask & Class.joined.bit != 0
            block.title.removeAll(keepingCapacity: true)
            block.sender.removeAll(keepingCapacity: true)
            block.text.removeAll(keepingCapacity: true)
            block.media.removeAll(keepingCapacity: true)
            (block.hasText, block.hasMedia) = (false, false)
            inBlock = true
            blockDepth = masks.count
        } else if inBlock, isDiv, mask & Class.date.bit != 0, mask & Class.details.bit != 0, !inside(.forwarded),
            !inside(.replyTo), block.title.isEmpty
        {
            if let title = attributes.value("title") { block.title.append(contentsOf: title) }
        } else if inBlock, keepsText, name.spells("br"), inside(.text) {
            block.text.append(contentsOf: Self.lineBreak)
        }
    }

    /// Closes the innermost element; true when that ends a message block, which `block` then holds
    /// until the next starts.
    mutating func end() -> Bool {
        let ends = inBlock && masks.count == blockDepth
        if ends { inBlock = false }
        if let mask = masks.popLast(), mask != 0 {
            for name in Class.allCases where mask & name.bit != 0 { openCounts[name.rawValue] -= 1 }
        }
        return ends
    }

    /// A piece of text that ends on `line`.
    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
        guard inBlock || keepsText else { return }
        // libxml2 gives the line where the text ends.
        let lines = HTMLText.contentBreaks(bytes).map { breaks in
            let first = max(1, line - breaks.total)
            return (first + breaks.first)...(first + breaks.last)
        }
        guard inBlock else {
            headerLines.insert(lines)
            return
        }
        if let lines { block.lastLine = max(block.lastLine, lines.upperBound) }
        if inside(.forwarded) || inside(.replyTo) || inside(.date) { return }
        if inside(.fromName) {
            block.sender.append(contentsOf: bytes)
        } else if inside(.text) {
            block.hasText = block.hasText || lines != nil
            if keepsText { block.text.append(contentsOf: bytes) }
        } else if inside(.mediaWrap), inside(.title) || inside(.description) {
            block.hasMedia = block.hasMedia || lines != nil
            if keepsText {
                block.media.append(contentsOf: bytes)
                block.media.append(0x20)
            }
        }
    }

    /// Walks the page in `bytes`, calling `message` with each message block as it ends; returns
    /// libxml2's complaints (notes) and the lines outside any message.
    static func walk(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, keepsText: Bool, message: (Block) -> Void
    ) -> (diagnostics: [Diagnostic], headerLines: [Int]) {
        var walk = TelegramWalk(keepsText: keepsText)
        let reader = HTMLSAXReader(file: file)
        walk.push(bytes, isLast: true, into: reader, message: message)
        return (reader.diagnostics, walk.headerLines.sorted)
    }

    /// Pushes the next chunk of a page (or the whole page, `isLast`) into `reader`, calling
    /// `message` with each message block as it ends.
    mutating func push(
        _ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool, into reader: HTMLSAXReader, message: (Block) -> Void
    ) {
        withoutActuallyEscaping(message) { message in
            var handler = Handler(walk: TelegramWalk(keepsText: keepsText), message: message)
            swap(&handler.walk, &self)
            reader.push(bytes, isLast: isLast, to: &handler)
            swap(&handler.walk, &self)
        }
    }

    /// The walk as libxml2's handler, handing on each message block as it ends.
    private struct Handler: SAXHandler {
        var walk: TelegramWalk
        let message: (Block) -> Void

        mutating func startElement(_ name: UnsafePointer<UInt8>, _ attributes: HTMLSAXReader.Attributes, line: Int) {
            walk.start(name, attributes, line: line)
        }

        mutating func endElement(_ name: UnsafePointer<UInt8>, line: Int) {
            if walk.end() { message(walk.block) }
        }

        mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
            walk.characters(bytes, line: line)
        }
    }
}
