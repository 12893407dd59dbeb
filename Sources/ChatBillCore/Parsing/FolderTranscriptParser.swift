/// A parser for exports that come as several files in a folder or a `.zip` (Telegram's
/// `messages.html`, `messages2.html`, …). The files become one transcript, each message keeping
/// its own file and line.
public protocol FolderTranscriptParser: TranscriptParser {
    /// The files of a folder's listing that make up this format's export, in reading order;
    /// empty when the folder is not laid out like this format.
    func members(of listing: [String]) -> [String]

    /// Reads the export's files, in the order `members` gave them.
    ///
    /// - Throws: what `parse` throws for a single file.
    func parse(_ inputs: [InputFile], options: ParseOptions) throws(ChatBillError) -> Transcript
}

extension ParserRegistry {
    /// The folder parser that reads `folder` (`named`, or the first whose layout it has), with
    /// the files it reads; nil when none does.
    public func folderParser(
        for folder: ExportFolder, named: String?
    ) -> (
        parser: any FolderTranscriptParser, members: [String]
    )? {
        let candidates = parsers.compactMap { $0 as? any FolderTranscriptParser }.filter {
            named == nil || $0.name == named?.lowercased()
        }
        for parser in candidates {
            let members = parser.members(of: folder.listing)
            if !members.isEmpty { return (parser, members) }
        }
        return nil
    }
}
