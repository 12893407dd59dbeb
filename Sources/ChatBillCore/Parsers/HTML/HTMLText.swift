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
        var first: Int?
        var last = line
        var current = line
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                current += 1
            } else if !scalar.isWhitespace {
                first = first ?? current
                last = current
            }
        }
        return first.map { $0...last }
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
