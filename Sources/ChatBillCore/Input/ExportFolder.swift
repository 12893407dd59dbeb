import Foundation

/// An export that comes as several files: a folder, or a `.zip` of one (Telegram's
/// `messages.html`, `messages2.html`, …; Slack's channel folders of day files). It lists its
/// files, and reads the ones a parser asks for, from disk or from the archive in memory.
public struct ExportFolder: Sendable {
    /// The folder or archive as the user named it.
    public let path: String
    /// The name its files are shown under (`path`, unless the folder was opened under another).
    public let displayPath: String
    /// Every regular file in it, as `/`-separated paths relative to it, sorted.
    public let listing: [String]
    private let source: Source

    /// Whether this is a zip archive rather than a folder on disk.
    public var isArchive: Bool {
        if case .archive = source { return true }
        return false
    }

    private enum Source: Sendable {
        case folder
        case archive(bytes: [UInt8], container: InputFile.Container, modificationDate: Date?)
    }

    /// The folder or archive at `path` when it is one (a folder, or a file that is a zip archive);
    /// nil for any other file and for standard input.
    ///
    /// - Throws: `ChatBillError.unreadableInput` when a zip archive cannot be opened.
    public static func open(path: String) throws(ChatBillError) -> ExportFolder? {
        guard path != "-" else { return nil }
        if let folder = folder(at: path) { return folder }
        let head = try InputFile.head(path: path, count: 4)
        guard ZipChatArchive.isArchive(head) else { return nil }
        let whole = try InputFile.read(bytesOf: path)
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        return try archive(whole, path: path, modificationDate: modified)
    }

    /// The folder at `path`, its files shown under `displayPath` (by default `path`); nil when
    /// `path` is not a folder.
    public static func folder(at path: String, displayPath: String? = nil) -> ExportFolder? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        let listing = (FileManager.default.subpaths(atPath: path) ?? []).filter { member in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/" + member, isDirectory: &isFolder)
                && !isFolder.boolValue
        }
        return ExportFolder(path: path, displayPath: displayPath ?? path, listing: listing.sorted(), source: .folder)
    }

    /// The files of a zip archive whose bytes are `bytes`.
    ///
    /// - Throws: `ChatBillError.unreadableInput` when the archive cannot be opened.
    static func archive(_ bytes: [UInt8], path: String, modificationDate: Date?) throws(ChatBillError) -> ExportFolder {
        let listing = try ZipChatArchive.open(bytes, path: path).files.map(\.path)
        return ExportFolder(
            path: path, displayPath: path, listing: listing.sorted(),
            source: .archive(
                bytes: bytes, container: InputFile.Container(path: path, sha256: ExportFile.sha256(of: bytes)),
                modificationDate: modificationDate))
    }

    /// One of the listed files.
    ///
    /// - Throws: `ChatBillError.unreadableInput` when it cannot be read.
    public func read(_ member: String) throws(ChatBillError) -> InputFile {
        try read([member])[0]
    }

    /// Several of the listed files, in the order given (an archive is opened once for all).
    ///
    /// - Throws: `ChatBillError.unreadableInput` when one cannot be read.
    public func read(_ members: [String]) throws(ChatBillError) -> [InputFile] {
        var files: [InputFile] = []
        switch source {
        case .folder:
            for member in members {
                let memberPath = path.hasSuffix("/") ? path + member : path + "/" + member
                let modified = (try? FileManager.default.attributesOfItem(atPath: memberPath))?[.modificationDate]
                files.append(
                    InputFile(
                        displayName: displayPath.hasSuffix("/") ? displayPath + member : displayPath + "/" + member,
                        bytes: try InputFile.read(bytesOf: memberPath), modificationDate: modified as? Date))
            }
        case .archive(let bytes, let container, let modificationDate):
            let directory = try ZipChatArchive.open(bytes, path: path)
            for member in members {
                files.append(
                    InputFile(
                        displayName: displayPath + "/" + member,
                        bytes: try ZipChatArchive.extract(member, from: directory, in: bytes, path: path),
                        container: container,
                        modificationDate: modificationDate))
            }
        }
        return files
    }
}
