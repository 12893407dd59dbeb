import ArgumentParser
import ChatBillCore

/// `chatbill parse`: the normalised messages of an export, one JSON object per line.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the messages of a chat export as JSON lines (time, sender, text, kind, file, line).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl
    }

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: jsonl.")
    var format: Format = .jsonl

    @Flag(help: "Exit with status 1 when the export produced warnings.")
    var strict = false

    func run() throws {
        let transcript: Transcript
        do {
            transcript = try input.load()
        } catch {
            throw Terminal.fail(error)
        }
        var output = OutputBuffer()
        MessageJSONLines.render(transcript) { output.write($0) }
        output.flush()
        if strict, transcript.warningCount > 0 { throw ExitCode(1) }
    }
}
