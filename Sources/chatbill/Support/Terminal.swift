import ArgumentParser
import ChatBillCore
import Foundation

/// Where the CLI's words go: results to standard output, diagnostics to standard error.
enum Terminal {
    /// Writes diagnostics to standard error as `path:line:column: severity: message`.
    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        writeError(diagnostics.map(\.description).joined(separator: "\n") + "\n")
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints a fatal problem and gives the exit code DESIGN.md assigns to it.
    static func fail(_ error: ChatBillError) -> ExitCode {
        report([error.diagnostic])
        switch error {
        case .unreadableInput: return ExitCode(65)
        case .needsChoice: return ExitCode(64)
        case .badConfig: return ExitCode(78)
        }
    }
}

/// Standard output in large writes, for commands that print one line per message.
struct OutputBuffer {
    private var pending = ""
    private let limit = 1 << 16

    mutating func write(_ text: String) {
        pending += text
        if pending.utf8.count >= limit { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        FileHandle.standardOutput.write(Data(pending.utf8))
        pending = ""
    }
}
