import Foundation
import ZIPFoundation

/// The chat file inside a `.zip` export: iOS always exports one (`_chat.txt` with the media),
/// Android does when media are attached (`WhatsApp Chat with X.txt`). Read in memory, never
/// unpacked to disk.
public enum ZipChatArchive {
    /// Whether `bytes` start like a zip archive: with a file (`PK\u{3}\u{4}`), or with the end
    /// of an archive that holds nothing (`PK\u{5}\u{6}`), which says it is empty rather than
    /// being taken for a chat no parser recognises.
    public static func isArchive(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B
            && (bytes[2] == 0x03 && bytes[3] == 0x04 || bytes[2] == 0x05 && bytes[3] == 0x06)
    }

    /// The archive in `bytes`, opened in memory.
    static func open(_ bytes: [UInt8], path: String) throws(ChatBillError) -> Archive {
        do {
            return try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .unreadableInput(Diagnostic(.error, file: path, "is not a readable zip archive (\(reason(error)))"))
        }
    }

    /// What went wrong, in words where a cut-short archive is the likely cause.
    private static func reason(_ error: any Error) -> String {
        guard case .missingEndOfCentralDirectoryRecord? = error as? Archive.ArchiveError else { return "\(error)" }
        return "its table of contents, at its end, is missing: the file was cut short; copy or download it again"
    }

    /// The bytes of one file of the archive.
    static func extract(_ member: String, from archive: Archive, path: String) throws(ChatBillError) -> [UInt8] {
        guard let entry = archive[member] else {
            throw .unreadableInput(Diagnostic(.error, file: path, "the archive holds no \(member)"))
        }
        var content = Data()
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, skipCRC32: false) { content.append($0) }
        } catch {
            throw .unreadableInput(
                Diagnostic(.error, file: path, "cannot read \(member) from the archive (\(reason(error)))"))
        }
        // Extracting to memory computes the checksum but leaves the comparing to the caller. An
        // entry whose checksum is only in a data descriptor that cannot be found says 0.
        guard entry.checksum == 0 || checksum == entry.checksum else {
            throw .unreadableInput(
                Diagnostic(
                    .error, file: path,
                    "\(member) in the archive does not match its checksum: the archive is damaged; copy or "
                        + "download it again"))
        }
        return [UInt8](content)
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
        let archive = try open(bytes, path: path)
        guard archive.contains(where: { $0.type == .file }) else {
            throw .unreadableInput(Diagnostic(.error, file: path, "the zip archive is empty"))
        }
        let texts = archive.filter { $0.type == .file && $0.path.lowercased().hasSuffix(".txt") }.map(\.path)
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
            displayName: path + "/" + chat, bytes: try extract(chat, from: archive, path: path),
            container: InputFile.Container(path: path, sha256: ExportFile.sha256(of: bytes)),
            modificationDate: modificationDate)
    }
}
