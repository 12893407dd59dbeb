import ArgumentParser
import ChatBillCore

/// `chatbill detect`: which parser would read a file, and how sure each parser is.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Say which format a file is, with each parser's confidence.")

    @Argument(help: "The file or export folder to look at, or - for standard input.")
    var file: String

    func run() throws {
        let input: InputFile
        do {
            if let folder = try ExportFolder.open(path: file),
                let (parser, members) = ParserRegistry.standard.folderParser(for: folder, named: nil)
            {
                print(
                    "\(parser.name)\t100\t\(members.count) files laid out as \(parser.displayName): "
                        + members.joined(separator: ", "))
                return
            }
            input = try InputFile.read(path: file)
        } catch {
            throw Terminal.fail(error)
        }
        let ranking = ParserRegistry.standard.rank(input)
        for (parser, detection) in ranking {
            print("\(parser.name)\t\(detection.confidence)\t\(detection.reason)")
        }
        guard let best = ranking.first, best.detection.confidence > 0 else {
            throw Terminal.fail(ParserRegistry.unrecognised(head: input.bytes[...], file: input.displayName))
        }
    }
}
