import Foundation

/// The evidence page: one self-contained HTML file (styles inline, no scripts, fonts or images
/// from anywhere), printable on A4 or Letter, with a timeline of each day as inline SVG, every
/// billed session's messages verbatim, the totals, and the manifest `chatbill verify` reads.
public struct HTMLEvidenceRenderer: EvidenceRenderer {
    public let paper: Paper

    public init(paper: Paper = .a4) {
        self.paper = paper
    }

    private func escape(_ text: String) -> String { EvidenceText.html(text) }

    public func write(_ evidence: Evidence, to output: (String) -> Void) {
        var words = EvidenceWords(evidence)
        output(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="chatbill">
            <title>\(escape(words.title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <h1>\(escape(words.title))</h1>

            """)
        output("<dl class=\"facts\">\n")
        for (label, value) in words.facts { output("<dt>\(escape(label))</dt><dd>\(escape(value))</dd>\n") }
        output("</dl>\n<h2>Exports</h2>\n<table class=\"files\"><thead><tr><th>file</th><th>SHA-256</th>")
        output("<th>parser</th><th>messages</th><th>lines</th></tr></thead><tbody>\n")
        for row in words.files {
            output(
                "<tr>"
                    + row.enumerated().map {
                        "<td\($0.offset == 1 ? " class=\"hash\"" : "")>\(escape($0.element))</td>"
                    }.joined() + "</tr>\n")
        }
        output("</tbody></table>\n<h2>Rules</h2>\n<ul class=\"rules\">\n")
        for (rule, value) in words.rules { output("<li><b>\(escape(rule))</b>: \(escape(value))</li>\n") }
        output("</ul>\n")
        output(timeline(evidence, words: &words))
        output("<h2>Sessions</h2>\n")
        for excerpt in evidence.excerpts { output(section(excerpt, words: &words)) }
        for note in [words.unansweredNote, words.uncitedNote()].compactMap({ $0 }) {
            output("<p class=\"note\">\(escape(note))</p>\n")
        }
        output("<h2>Days and total</h2>\n<table class=\"days\"><thead><tr>")
        output(words.dayTitles.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n")
        for row in words.days { output("<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n") }
        output("</tbody></table>\n<p class=\"total\">Total: \(escape(words.totalLine))</p>\n")
        output(
            "<p class=\"verify\">Check this page against the exports with <code>chatbill verify</code>; the data it "
                + "checks is below.</p>\n")
        output(
            EvidenceManifest.scriptOpening + EvidenceText.scriptJSON(EvidenceManifest(evidence).json) + "</script>\n")
        output("</body>\n</html>\n")
    }

    private func section(_ excerpt: Evidence.Excerpt, words: inout EvidenceWords) -> String {
        var html = "<section class=\"session\">\n<table class=\"messages\">\n"
        html +=
            "<colgroup><col class=\"time\"><col class=\"from\"><col class=\"text\"><col class=\"place\"></colgroup>\n"
        html += "<thead>\n"
        html += "<tr><th colspan=\"4\" class=\"heading\"><h3>\(escape(words.heading(excerpt)))</h3>"
        html += "<p>\(escape(words.details(excerpt)))</p></th></tr>\n"
        html +=
            "<tr><th>time</th><th>from</th><th>message</th><th>\(escape(words.places.noun == "rows" ? "row" : "line"))</th></tr>\n"
        html += "</thead>\n<tbody>\n"
        for entry in excerpt.entries {
            if let note = words.note(before: entry, in: excerpt) {
                html += "<tr class=\"silence\"><td colspan=\"4\">\(escape(note))</td></tr>\n"
            }
            let kind = entry.message.kind == .text ? "" : " class=\"\(entry.message.kind.rawValue)\""
            html += "<tr\(kind)><td class=\"time\">\(escape(words.time(entry.message.instant)))</td>"
            html += "<td class=\"from\"><bdi>\(escape(words.sender(entry)))</bdi></td>"
            html += "<td class=\"text\" dir=\"auto\">\(escape(entry.text))</td>"
            html += "<td class=\"place\">\(escape(words.place(entry)))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    /// A picture of each day with billed time: sessions as bars over the 24 hours, messages as
    /// ticks (the provider's above the bar, the client's below).
    private func timeline(_ evidence: Evidence, words: inout EvidenceWords) -> String {
        let zone = evidence.report.timeZone
        var clock = ZoneClock(zone)
        var byDay: [(date: String, excerpts: [Evidence.Excerpt])] = []
        for excerpt in evidence.excerpts where excerpt.line.session.isBillable {
            if byDay.last?.date == excerpt.line.date {
                byDay[byDay.count - 1].excerpts.append(excerpt)
            } else {
                byDay.append((excerpt.line.date, [excerpt]))
            }
        }
        guard !byDay.isEmpty else { return "" }
        func minute(_ instant: Date, on date: String) -> Double {
            let local = clock.local(instant)
            let base = Double(local.hour * 60 + local.minute) + Double(local.second) / 60
            if local.dateString > date { return 1440 }
            return local.dateString < date ? 0 : base
        }
        var html = "<h2>Timeline</h2>\n<div class=\"timeline\">\n"
        for (date, excerpts) in byDay {
            let billed = words.billedSeconds(on: date)
            html +=
                "<figure><figcaption>\(escape(date)): billed \(escape(DurationText.format(seconds: billed)))</figcaption>\n"
            html +=
                "<svg viewBox=\"0 0 1440 40\" width=\"100%\" height=\"40\" role=\"img\" aria-label=\"\(escape("sessions on \(date)"))\">"
            html += "<rect class=\"day\" x=\"0\" y=\"14\" width=\"1440\" height=\"12\"/>"
            for hour in stride(from: 0, through: 24, by: 6) {
                html += "<line class=\"hour\" x1=\"\(hour * 60)\" y1=\"10\" x2=\"\(hour * 60)\" y2=\"30\"/>"
            }
            for excerpt in excerpts {
                let session = excerpt.line.session
                let x = minute(session.start, on: date)
                // On the axis of the day's wall clock; when the clocks went back within the
                // session its end reads earlier than its start, and the bar is its real length.
                var width = minute(session.end, on: date) - x
                if width < 0 { width = min(1440 - x, session.end.timeIntervalSince(session.start) / 60) }
                width = max(2, width)
                html += "<rect class=\"session\" x=\"\(format(x))\" y=\"14\" width=\"\(format(width))\" height=\"12\">"
                html += "<title>\(escape(words.heading(excerpt)))</title></rect>"
                for entry in excerpt.entries {
                    let tick = minute(entry.message.instant, on: date)
                    let isProvider =
                        entry.message.kind == .remote || evidence.report.provider.isProvider(entry.message.sender)
                    html +=
                        "<line class=\"\(isProvider ? "provider" : "client")\" x1=\"\(format(tick))\" "
                        + "y1=\"\(isProvider ? 4 : 28)\" x2=\"\(format(tick))\" y2=\"\(isProvider ? 12 : 36)\"/>"
                }
            }
            html += "</svg></figure>\n"
        }
        return html + "<p class=\"legend\">Bars: billed sessions over the day (00:00 to 24:00, lines every 6 hours); "
            + "ticks above: the provider's messages, below: the client's.</p>\n</div>\n"
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }

    private var style: String {
        """
        @page { size: \(paper == .a4 ? "A4" : "letter"); margin: 14mm 12mm; }
        body { font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK SC", "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif; font-size: 10pt; line-height: 1.35; color: #111; max-width: 60em; margin: 1.5em auto; padding: 0 1em; }
        h1 { font-size: 16pt; margin: 0 0 .5em; }
        h2 { font-size: 12pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; break-after: avoid-page; }
        h3 { font-size: 10.5pt; margin: 0; }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; margin: 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: .15em .4em; border-bottom: 1px solid #ddd; }
        td.hash { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8pt; overflow-wrap: anywhere; }
        table.messages { margin: .3em 0 1em; table-layout: fixed; }
        table.messages thead { display: table-header-group; }
        table.messages th.heading { border-bottom: none; padding-top: .6em; font-weight: normal; }
        table.messages th.heading p { margin: .1em 0 0; color: #333; }
        col.time { width: 5.5em; } col.from { width: 9em; } col.place { width: 4.5em; }
        td.time, td.place { white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.from { overflow-wrap: anywhere; }
        td.text { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
        td.place { color: #555; }
        tr { break-inside: avoid; }
        tr.silence td { color: #555; font-style: italic; text-align: center; background: #f4f4f4; }
        tr.remote td, tr.call td { background: #eef4fb; }
        tr.system td { color: #666; }
        section.session { break-inside: auto; }
        .timeline figure { margin: .2em 0 .6em; break-inside: avoid; }
        .timeline figcaption { font-size: 9pt; }
        svg rect.day { fill: #f1f1f1; }
        svg rect.session { fill: #3b6ea8; }
        svg line.hour { stroke: #bbb; stroke-width: 1; }
        svg line.provider { stroke: #1d4d80; stroke-width: 2; }
        svg line.client { stroke: #b35c00; stroke-width: 2; }
        p.legend, p.note, p.verify { color: #444; font-size: 9pt; }
        p.total { font-weight: 600; }
        @media print { body { margin: 0; max-width: none; } a { color: inherit; } }
        """
    }
}
