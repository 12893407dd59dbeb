/// The evidence as plain text, for e-mail bodies and terminals.
public struct TextEvidenceRenderer: EvidenceRenderer {
    public init() {}

    private func clean(_ text: String) -> String { EvidenceText.visible(text) }

    public func write(_ evidence: Evidence, to output: (String) -> Void) {
        var words = EvidenceWords(evidence)
        var text = clean(words.title) + "\n" + String(repeating: "=", count: words.title.count) + "\n\n"
        for (label, value) in words.facts { text += clean(label).padded(to: 11) + clean(value) + "\n" }
        text += "\nExports\n"
        for row in words.files {
            // A count with its noun; the places of a database export are named, not counted.
            func counted(_ cell: String, _ noun: String) -> String {
                Int(cell).map { CountText.format($0, noun) } ?? cell
            }
            text += "  \(clean(row[0])): \(row[2]), \(counted(row[3], "message")), \(counted(row[4], "line"))\n"
            text += "    sha256 \(row[1])\n"
        }
        text += "\nRules\n"
        for (rule, value) in words.rules { text += "  \(clean(rule)): \(clean(value))\n" }
        output(text + "\nSessions\n")
        for excerpt in evidence.excerpts {
            var section = "\n\(clean(words.heading(excerpt)))\n  \(clean(words.details(excerpt)))\n"
            for entry in excerpt.entries {
                if let note = words.note(before: entry, in: excerpt) { section += "    ... \(clean(note)) ...\n" }
                let head =
                    "  \(words.time(entry.message.instant))  \(clean(words.sender(entry))) [\(words.place(entry))]: "
                let body = clean(entry.text).split(separator: "\n", omittingEmptySubsequences: false)
                    .joined(separator: "\n" + String(repeating: " ", count: 12))
                section += head + body + "\n"
            }
            output(section)
        }
        var tail = ""
        for note in [words.unansweredNote, words.uncitedNote()].compactMap({ $0 }) { tail += "\n\(clean(note))\n" }
        tail += "\nDays\n"
        for row in words.days { tail += "  " + row.filter { !$0.isEmpty }.joined(separator: "  ") + "\n" }
        tail += "\nTotal: \(clean(words.totalLine))\n\n"
        tail += "\(EvidenceManifest.begin)\n\(EvidenceManifest(evidence).json)\n\(EvidenceManifest.end)\n"
        output(tail)
    }
}
