/// The evidence as Markdown: the same content as the HTML page, without the timeline picture.
public struct MarkdownEvidenceRenderer: EvidenceRenderer {
    public init() {}

    private func escape(_ text: String) -> String { EvidenceText.markdown(text) }

    public func write(_ evidence: Evidence, to output: (String) -> Void) {
        var words = EvidenceWords(evidence)
        var text = "# \(escape(words.title))\n\n"
        for (label, value) in words.facts { text += "- **\(escape(label))**: \(escape(value))\n" }
        text += "\n## Exports\n\n| file | SHA\\-256 | parser | messages | lines |\n|---|---|---|---|---|\n"
        for row in words.files { text += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        text += "\n## Rules\n\n"
        for (rule, value) in words.rules { text += "- **\(escape(rule))**: \(escape(value))\n" }
        output(text + "\n## Sessions\n")
        for excerpt in evidence.excerpts {
            var section = "\n### \(escape(words.heading(excerpt)))\n\n\(escape(words.details(excerpt)))\n\n"
            for entry in excerpt.entries {
                if let note = words.note(before: entry, in: excerpt) { section += "- *\(escape(note))*\n" }
                section +=
                    "- \(escape(words.time(entry.message.instant))) **\(escape(words.sender(entry)))** "
                    + "(\(escape(words.place(entry)))): \(escape(entry.text))\n"
            }
            output(section)
        }
        var tail = ""
        for note in [words.unansweredNote, words.uncitedNote()].compactMap({ $0 }) { tail += "\n\(escape(note))\n" }
        tail += "\n## Days and total\n\n| " + words.dayTitles.joined(separator: " | ") + " |\n|"
        tail += String(repeating: "---|", count: words.dayTitles.count) + "\n"
        for row in words.days { tail += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        tail += "\n**Total**: \(escape(words.totalLine))\n\n"
        tail += "<!-- chatbill verify reads the block below -->\n```\n\(EvidenceManifest.begin)\n"
        tail += EvidenceText.scriptJSON(EvidenceManifest(evidence).json) + "\n\(EvidenceManifest.end)\n```\n"
        output(tail)
    }
}
