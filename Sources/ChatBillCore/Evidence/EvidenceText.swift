/// Escaping for each format evidence is written in. Bidi overrides, embeddings and isolates are
/// shown as visible marks in every format, so no message can reorder the text around it.
enum EvidenceText {
    /// Unicode's explicit bidi formatting characters (not the marks LRM/RLM, which are harmless).
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Bidi controls and other invisible controls (except tab and line breaks) as `⟨U+202E⟩`.
    static func visible(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar)
                || (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
            {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "⟨U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "⟩"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Text for HTML element content and attribute values.
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in visible(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Text inside Markdown: punctuation that Markdown or inline HTML would read is
    /// backslash-escaped, `<` and `&` become entities, and line breaks stay within the list item.
    static func markdown(_ text: String) -> String {
        var result = ""
        for character in visible(text) {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n": result += "  \n  "
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "~":
                result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    /// JSON inside `<script type="application/json">`: `<`, `>` and `&` as `\u` escapes, so the
    /// block cannot be closed by what it holds.
    static func scriptJSON(_ json: String) -> String {
        var result = ""
        for character in json {
            switch character {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            default: result.append(character)
            }
        }
        return result
    }
}
