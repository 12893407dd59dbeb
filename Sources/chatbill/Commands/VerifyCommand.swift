import ArgumentParser
import ChatBillCore
import Foundation

/// `chatbill verify`: does an evidence page (or a JSON report) still match the exports?
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check evidence (or a JSON report) against the exports: their SHA-256 and the lines it cites.",
        discussion: "Exit 0 when every file is the one the evidence was made from, 1 when one differs.")

    @Argument(help: "The evidence (.html, .md, .txt) or chatbill.report/1 JSON file.")
    var evidence: String

    @Argument(help: "The exports it cites (files, export folders or .zip).")
    var exports: [String]

    func validate() throws {
        guard !exports.isEmpty else { throw ValidationError("give the exports to check the evidence against") }
    }

    func run() throws {
        let outcome: Verification.Outcome
        do {
            guard let data = FileManager.default.contents(atPath: evidence) else {
                throw ChatBillError.unreadableInput(Diagnostic(.error, file: evidence, "cannot read the file"))
            }
            guard let manifest = Verification.manifest(in: String(decoding: data, as: UTF8.self)) else {
                throw ChatBillError.unreadableInput(
                    Diagnostic(
                        .error, file: evidence,
                        "holds no chatbill evidence data; give a page `chatbill evidence` wrote or a JSON report"))
            }
            var files: [InputFile] = []
            for path in exports {
                if let folder = try ExportFolder.open(path: path) {
                    files += try folder.read(folder.listing)
                } else {
                    files.append(try InputFile.read(path: path))
                }
            }
            outcome = Verification.verify(manifest, against: files)
        } catch let error as ChatBillError {
            throw Terminal.fail(error)
        }
        for diagnostic in outcome.diagnostics where diagnostic.severity != .note {
            Terminal.report([diagnostic])
        }
        for diagnostic in outcome.diagnostics where diagnostic.severity == .note {
            print("\(diagnostic.file): \(diagnostic.message)")
        }
        print(outcome.isVerified ? "verified" : "NOT verified")
        if !outcome.isVerified { throw ExitCode(1) }
    }
}
