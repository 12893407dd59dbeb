import Foundation

/// Re-checks evidence (or a JSON report) against the exports it cites: each file's SHA-256, and
/// where a file differs, each cited message's lines.
public enum Verification {
    public struct Outcome: Sendable {
        /// Notes for what matched, errors for what differs, in the order of the evidence's files.
        public let diagnostics: [Diagnostic]

        /// Every cited file is the exact file the evidence was made from.
        public var isVerified: Bool { !diagnostics.contains { $0.severity != .note } }
    }

    /// The manifest of an evidence page in any format, or of a `chatbill.report/1` JSON report
    /// (which cites files and session line ranges, without line hashes); nil for neither.
    public static func manifest(in text: String) -> EvidenceManifest? {
        if let manifest = EvidenceManifest.extract(from: text) { return manifest }
        return try? JSONDecoder().decode(ReportCitations.self, from: Data(text.utf8)).manifest
    }

    /// Checks `manifest` against `exports` (every file of the exports given): a file is found by
    /// its hash, else by its name, else by its place in the list.
    public static func verify(_ manifest: EvidenceManifest, against exports: [InputFile]) -> Outcome {
        var diagnostics: [Diagnostic] = []
        for (index, cited) in manifest.files.enumerated() {
            let name = ExportFile.fileName(of: cited.file)
            guard
                let export = exports.first(where: { $0.file.sha256 == cited.sha256 })
                    ?? exports.first(where: { $0.file.fileNames.contains(name) })
                    ?? (exports.count == manifest.files.count ? exports[index] : nil)
            else {
                diagnostics.append(
                    Diagnostic(
                        .error, file: cited.file,
                        "no export given is this file (sha256 \(cited.sha256)); pass it to verify"))
                continue
            }
            guard export.file.sha256 != cited.sha256 else {
                diagnostics.append(
                    Diagnostic(.note, file: export.displayName, "verified: sha256 \(cited.sha256) as the evidence says")
                )
                continue
            }
            var differing = 0
            for session in manifest.sessions {
                for citation in session.messages where citation.file == index + 1 {
                    guard let problem = check(citation, in: export) else { continue }
                    differing += 1
                    diagnostics.append(
                        Diagnostic(
                            .error, file: export.displayName, at: InputLocation(line: citation.line, column: 1), problem
                        ))
                }
            }
            diagnostics.append(
                Diagnostic(
                    differing == 0 ? .warning : .error, file: export.displayName,
                    "sha256 is \(export.file.sha256), not \(cited.sha256) as the evidence says; "
                        + (differing == 0
                            ? "every line the evidence cites still reads as quoted"
                            : "\(differing) cited \(differing == 1 ? "message differs" : "messages differ")")))
        }
        return Outcome(diagnostics: diagnostics)
    }

    /// What is wrong with one citation in a file that is not the one the evidence was made from.
    private static func check(_ citation: EvidenceManifest.Citation, in export: InputFile) -> String? {
        let lines = export.lines.lineCount
        let span =
            citation.line == citation.lastLine ? "line \(citation.line)" : "lines \(citation.line)-\(citation.lastLine)"
        guard citation.line >= 1, citation.lastLine <= lines else {
            return
                "\(span), cited by the evidence, \(citation.line > lines ? "lie" : "run") past the end of the file (\(lines) lines)"
        }
        guard let expected = citation.sha256 else { return nil }
        let bytes = export.span(lines: citation.line, through: citation.lastLine).bytes
        guard ExportFile.sha256(of: Array(export.bytes[bytes])) == expected else {
            return "\(span) \(citation.line == citation.lastLine ? "differs" : "differ") from what the evidence quotes"
        }
        return nil
    }
}

/// What a `chatbill.report/1` JSON report cites: its inputs and each session's lines.
private struct ReportCitations: Decodable {
    struct Input: Decodable {
        let file: String
        let sha256: String
        let lines: Int
    }

    struct Session: Decodable {
        let start: String
        let end: String
        let billedSeconds: Int
        let firstLine: Int
        let lastLine: Int
        let firstFile: Int?
        let lastFile: Int?
    }

    struct Totals: Decodable {
        let billedSeconds: Int
        let amount: Int?
        let currency: String?
    }

    let schema: String
    let inputs: [Input]
    let sessions: [Session]
    let totals: Totals

    var manifest: EvidenceManifest? {
        guard schema == JSONReportRenderer.schema else { return nil }
        return EvidenceManifest(
            files: inputs.map { .init(file: $0.file, sha256: $0.sha256, lines: $0.lines) },
            sessions: sessions.map { session in
                let first = session.firstFile ?? 1
                let lastLine = (session.lastFile ?? first) == first ? session.lastLine : inputs[first - 1].lines
                return .init(
                    start: session.start, end: session.end, billedSeconds: session.billedSeconds,
                    messages: [
                        .init(
                            file: first, line: session.firstLine, lastLine: max(session.firstLine, lastLine),
                            sha256: nil)
                    ])
            }, billedSeconds: totals.billedSeconds, amount: totals.amount, currency: totals.currency)
    }
}
