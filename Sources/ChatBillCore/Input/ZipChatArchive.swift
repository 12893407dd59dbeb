import Foundation

/// The chat file inside a `.zip` export: iOS always exports one (`_chat.txt` with the media),
/// Android does when media are attached (`WhatsApp Chat with X.txt`). Read in place, never
/// unpacked to disk.
public enum ZipChatArchive {
    /// Whether `bytes` start like a zip archive: with a file (`PK\u{3}\u{4}`), or with the end
    /// of an archive that holds nothing (`PK\u{5}\u{6}`), which says it is empty rather than
    /// being taken for a chat no parser recognises.
    public static func isArchive(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B
            && (bytes[2] == 0x03 && bytes[3] == 0x04 || bytes[2] == 0x05 && bytes[3] == 0x06)
    }

    /// The table of contents of the archive at `path`, whose bytes are `bytes`: an archive of
    /// which some listed files cannot be found is an error, not a smaller archive.
    static func open(_ bytes: [UInt8], path: String) throws(ChatBillError) -> ZipDirectory {
        let directory: ZipDirectory
        do {
            directory = try ZipDirectory(bytes)
        } catch {
            switch error {
            case .noTableOfContents:
                throw .unreadableInput(
                    Diagnostic(
                        .error, file: path,
                        "is not a readable zip archive (its table of contents, at its end, is missing: the file was "
                            + "cut short; copy or download it again)"))
            case .damaged(let reason), .unsupported(let reason):
                throw .unreadableInput(
                    Diagnostic(.error, file: path, "is a damaged zip archive (\(reason)); copy or download it again"))
            }
        }
        guard directory.listedCount <= directory.entries.count else {
            throw .unreadableInput(
                Diagnostic(
                    .error, file: path,
                    "is a damaged zip archive: its table of contents lists "
                        + "\(CountText.format(directory.listedCount, "file")), of which \(directory.entries.count) can "
                        + "be found; copy or download it again"))
        }
        return directory
    }

    /// The bytes of one file of the archive.
    static func extract(
        _ member: String, from directory: ZipDirectory, in bytes: [UInt8], path: String
    ) throws(ChatBillError) -> [UInt8] {
        guard let entry = directory.files.first(where: { $0.path == member }) else {
            throw .unreadableInput(Diagnostic(.error, file: path, "the archive holds no \(member)"))
        }
        do {
            return try directory.contents(of: entry, in: bytes)
        } catch {
            let reason =
                switch error {
                case .damaged(let reason): "\(reason): the archive is damaged; copy or download it again"
                case .unsupported(let reason): reason
                case .noTableOfContents: "the archive is damaged; copy or download it again"
                }
            throw .unreadableInput(Diagnostic(.error, file: path, "cannot read \(member) from the archive: \(reason)"))
        }
    }

    /// Which of an archive's `.txt` files (`paths`) is the chat: the one named as WhatsApp names
    /// it (`_chat.txt`, or with "WhatsApp" in its name in any language: `WhatsApp Chat with X.txt`,
    /// `WhatsApp-Chat mit X.txt`, `Chat de WhatsApp con X.txt`), else the only one; nil when that
    /// leaves none or several (a text file sent in the chat is in the archive too).
    static func chatFile(among paths: [String]) -> String? {
        func name(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
        let named = paths.filter { name($0) == "_chat.txt" || name($0).lowercased().contains("whatsapp") }
        let candidates = named.isEmpty ? paths : named
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// Chat files are the archive's `.txt` files, preferring the names WhatsApp gives them.
    static func chatFile(in bytes: [UInt8], path: String, modificationDate: Date?) throws(ChatBillError) -> InputFile {
        let directory = try open(bytes, path: path)
        guard !directory.files.isEmpty else {
            throw .unreadableInput(Diagnostic(.error, file: path, "the zip archive is empty"))
        }
        let texts = directory.files.map(\.path).filter { $0.lowercased().hasSuffix(".txt") }
        guard let chat = chatFile(among: texts) else {
            throw .unreadableInput(
                Diagnostic(
                    .error, file: path,
                    texts.isEmpty
                        ? "the zip archive holds no .txt chat file"
                        : "the zip archive holds several .txt files (\(texts.joined(separator: ", "))); unpack it "
                            + "and name the chat file"))
        }
        return InputFile(
            displayName: path + "/" + chat, bytes: try extract(chat, from: directory, in: bytes, path: path),
            container: InputFile.Container(path: path, sha256: ExportFile.sha256(of: bytes)),
            modificationDate: modificationDate)
    }
}
