import ArgumentParser
import ChatBillCore
import Foundation

/// Writes evidence in the format asked for: to a file or standard output, PDF through a browser.
enum EvidenceOutput {
    /// The format a file name asks for: `.html`/`.htm`, `.md`, `.txt`, `.pdf`.
    static func format(of path: String) -> EvidenceOutputFormat? {
        switch URL(filePath: path).pathExtension.lowercased() {
        case "html", "htm": .html
        case "md", "markdown": .markdown
        case "txt", "text": .text
        case "pdf": .pdf
        default: nil
        }
    }

    static func write(
        _ evidence: Evidence, format: EvidenceOutputFormat, paper: Paper, to output: String?
    ) throws(ChatBillError) {
        if format == .pdf, let output {
            try PDFPrinter.print(HTMLEvidenceRenderer(paper: paper).render(evidence), to: output)
            return
        }
        let renderer = (EvidenceFormat(rawValue: format.rawValue) ?? .html).renderer(paper: paper)
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(renderer.render(evidence).utf8)) else {
                throw .unreadableInput(Diagnostic(.error, file: output, "cannot write the evidence"))
            }
        } else {
            var buffer = OutputBuffer()
            renderer.write(evidence) { buffer.write($0) }
            buffer.flush()
        }
    }
}

/// The formats `evidence --format` takes: the library's, and PDF through a browser.
enum EvidenceOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case html, markdown, text, pdf
}

extension Paper: ExpressibleByArgument {}
