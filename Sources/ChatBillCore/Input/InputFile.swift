import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of one export as chatbill read them, with the name the user knows it by and its
/// SHA-256, so every report and evidence page can be tied to exactly this file.
public struct InputFile: Sendable {
    /// The path as the user gave it (or `-` for standard input); used in diagnostics.
    public let displayName: String
    /// Every byte of the file, unchanged.
    public let bytes: [UInt8]
    /// Lower-case hexadecimal SHA-256 of `bytes`.
    public let sha256: String
    /// The table that turns byte offsets into 1-based lines and columns.
    public let lines: LineTable
    /// The archive the file was read from, when it came out of one (a WhatsApp `.zip`).
    public let container: Container?
    /// When the file (or its archive) was last modified; nil for standard input.
    public let modificationDate: Date?

    /// An archive as the user has it: its path and the SHA-256 of the whole archive.
    public struct Container: Sendable, Hashable {
        public let path: String
        public let sha256: String
    }

    public init(displayName: String, bytes: [UInt8], container: Container? = nil, modificationDate: Date? = nil) {
        self.displayName = displayName
        self.bytes = bytes
        self.sha256 = Self.sha256(of: bytes)
        self.lines = LineTable(bytes)
        self.container = container
        self.modificationDate = modificationDate
    }

    /// Lower-case hexadecimal SHA-256.
    static func sha256(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The last path component of `displayName`, which some formats read meaning from
    /// (`WhatsApp Chat with Alice.txt`).
    public var fileName: String {
        displayName.split(separator: "/").last.map(String.init) ?? displayName
    }

    /// The name of the folder the file is in, which some formats read meaning from (Zoom's
    /// `2020-10-06 12.00.01 Topic`).
    public var folderName: String? {
        let path = container?.path ?? displayName
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        if components.count >= 2 { return String(components[components.count - 2]) }
        guard path != "-" else { return nil }
        return URL(filePath: FileManager.default.currentDirectoryPath).lastPathComponent
    }

    /// The names that can say what the export is: the file's, and its archive's.
    public var fileNames: [String] {
        [fileName] + (container.map { [$0.path.split(separator: "/").last.map(String.init) ?? $0.path] } ?? [])
    }

    /// Reads a file, or standard input when `path` is `-`. A `.zip` (by its content, not its
    /// name) is opened in memory and its chat file read.
    ///
    /// - Throws: `ChatBillError.unreadableInput` naming the file when it is missing, a folder,
    ///   cannot be read, or is an archive without one chat file.
    public static func read(path: String) throws(ChatBillError) -> InputFile {
        let bytes = try readBytes(path)
        let modified =
            path == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        if ZipChatArchive.isArchive(bytes) {
            return try ZipChatArchive.chatFile(in: bytes, path: path, modificationDate: modified)
        }
        return InputFile(displayName: path, bytes: bytes, modificationDate: modified)
    }

    private static func readBytes(_ path: String) throws(ChatBillError) -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableInput(Diagnostic(.error, file: path, "no such file"))
        }
        if isDirectory.boolValue {
            throw .unreadableInput(Diagnostic(.error, file: path, "is a folder; give the export file inside it"))
        }
        guard let bytes = readWhole(path: path) else {
            throw .unreadableInput(Diagnostic(.error, file: path, "cannot be read (check its permissions)"))
        }
        return bytes
    }

    /// The whole file in one buffer, read with `fread` so that it is not held twice.
    private static func readWhole(path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var status = stat()
        guard fstat(fileno(file), &status) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                fread(buffer.baseAddress! + filled, 1, buffer.count - filled, file)
            }
            if count == 0 {
                guard ferror(file) == 0 else { return nil }
                break
            }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}
