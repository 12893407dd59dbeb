import Foundation

/// A way of writing evidence, chosen with `chatbill evidence --format`.
public protocol EvidenceRenderer: Sendable {
    func write(_ evidence: Evidence, to output: (String) -> Void)
}

extension EvidenceRenderer {
    public func render(_ evidence: Evidence) -> String {
        var text = ""
        write(evidence) { text += $0 }
        return text
    }
}

/// The evidence formats.
public enum EvidenceFormat: String, Sendable, CaseIterable {
    case html, markdown, text

    public func renderer(paper: Paper = .a4) -> any EvidenceRenderer {
        switch self {
        case .html: HTMLEvidenceRenderer(paper: paper)
        case .markdown: MarkdownEvidenceRenderer()
        case .text: TextEvidenceRenderer()
        }
    }
}

/// The page size an HTML page is printed on.
public enum Paper: String, Sendable, CaseIterable {
    case a4, letter
}
