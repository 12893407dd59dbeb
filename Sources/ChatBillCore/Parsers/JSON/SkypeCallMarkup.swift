/// The `<partlist>` markup both of Skype's histories write for calls:
/// `<partlist type="ended"><part identity="…"><name>…</name><duration>754</duration></part>…`.
struct SkypeCallMarkup {
    /// Whether the markup says the call ended (`type="ended"`).
    let isEnded: Bool
    /// The longest participant's `<duration>`, in whole seconds; 0 when none is written.
    let seconds: Int

    init(_ content: String) {
        var isEnded = false
        var inDuration = false
        var longest = 0
        HTMLStreamReader.read(Array(content.utf8), file: "") { node in
            switch node {
            case .startElement(let name, let attributes, _, _):
                if name == "partlist" { isEnded = attributes["type"] == "ended" }
                inDuration = name == "duration"
            case .text(let text, _) where inDuration:
                longest = max(longest, Int(Double(text.trimmingWhitespace()) ?? 0))
            case .endElement:
                inDuration = false
            default: break
            }
        }
        self.isEnded = isEnded
        seconds = longest
    }

    /// `call ended (12m34s)`, or `call ended` without a length.
    static func endedText(seconds: Int) -> String {
        seconds > 0 ? "call ended (\(DurationText.format(seconds: seconds)))" : "call ended"
    }
}
