import ArgumentParser
import ChatBillCore
import Foundation

/// `chatbill formats`: every format chatbill reads.
struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the export formats chatbill reads, with the names --parser takes.")

    func run() {
        let parsers = ParserRegistry.standard.parsers
        let width = parsers.map(\.name.count).max() ?? 0
        for parser in parsers {
            let extensions = parser.fileExtensions.map { "." + $0 }.joined(separator: " ")
            print(
                parser.name.padded(to: width) + "  " + parser.displayName
                    + "  [" + extensions + "]")
        }
    }
}
