import Foundation

/// Text gathered from HTML as a browser would show it: runs of white space (the source's own
/// line breaks and indentation) become one space, and `<br>` becomes a line break.
enum HTMLText {
    /// What a parser appends for `<br>` while gathering text (U+2028 LINE SEPARATOR, which
    /// `normalized` turns into `\n`).
    static let lineBreak = "\u{2028}"

    static func normalized(_ raw: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in raw.unicodeScalars {
            if scalar == "\u{2028}" {
                while result.last == " " { result.removeLast() }
                result.append("\n")
                pendingSpace = false
            } else if scalar.isWhitespace {
                pendingSpace = !result.isEmpty && result.last != "\n"
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }

    /// The lines a piece of text that starts on `line` puts content on (blank lines at its ends
    /// left out), or nil when it is only white space.
    static func contentLines(_ text: String, startingAt line: Int) -> ClosedRange<Int>? {
        var text = text
        return text.withUTF8 { bytes in
            contentBreaks(bytes).map { (line + $0.first)...(line + $0.last) }
        }
    }

    /// Where a piece of UTF-8 text shows something: how many line breaks come before its first
    /// and before its last character that is not white space, and how many it has in all; nil
    /// when it is only white space. Non-ASCII white space (U+00A0, U+2028, U+3000…) is told by
    /// its bytes; any other non-ASCII byte, even a broken one, shows something.
    static func contentBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> (first: Int, last: Int, total: Int)? {
        var first = -1
        var last = -1
        var breaks = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                breaks += 1
                index += 1
                continue
            }
            let width = whitespaceWidth(bytes, at: index)
            if width == 0 {
                if first < 0 { first = breaks }
                last = breaks
                index += 1
            } else {
                index += width
            }
        }
        return first < 0 ? nil : (first, last, breaks)
    }

    /// The byte length of the white-space character at `index`, or 0 when it is not one.
    @inline(__always)
    private static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09...0x0D: return 1
        case 0..<0x80: return 0
        case 0xC2, 0xE1, 0xE2, 0xE3:
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            switch (byte, next, third) {
            case (0xC2, 0x85, _), (0xC2, 0xA0, _): return 2  // U+0085, U+00A0
            case (0xE1, 0x9A, 0x80): return 3  // U+1680
            case (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9), (0xE2, 0x80, 0xAF): return 3
            case (0xE2, 0x81, 0x9F): return 3  // U+205F
            case (0xE3, 0x80, 0x80): return 3  // U+3000
            default: return 0
            }
        default: return 0
        }
    }

    /// The text of an HTML fragment (a chat message's body) as a browser shows it: tags dropped,
    /// entities decoded, `<br>` and the ends of paragraphs, divs and list items as line breaks.
    static func plainText(ofFragment html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return normalized(html) }
        var raw = ""
        HTMLStreamReader.read(Array(html.utf8), file: "") { node in
            switch node {
            case .startElement(let name, _, _, _) where name == "br": raw += lineBreak
            case .endElement(let name) where ["p", "div", "li", "tr"].contains(name): raw += lineBreak
            case .text(let text, _): raw += text
            default: break
            }
        }
        return normalized(raw)
    }
}
