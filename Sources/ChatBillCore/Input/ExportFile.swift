import Crypto
import Foundation

/// Which export a report speaks about: the name the user knows it by, its SHA-256, its size in
/// lines, and where it came from. Everything a report says about a file, without its bytes, so a
/// report read in blocks can say it too.
public struct ExportFile: Sendable, Hashable {
    /// The path as the user gave it (or `-` for standard input); used in diagnostics.
    public let displayName: String
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    public let sha256: String
    /// The number of lines; a final line without a newline counts, an empty file has none.
    public let lineCount: Int
    /// The archive the file was read from, when it came out of one (a WhatsApp `.zip`).
    public let container: Container?
    /// When the file (or its archive) was last modified; nil for standard input.
    public let modificationDate: Date?

    /// An archive as the user has it: its path and the SHA-256 of the whole archive.
    public struct Container: Sendable, Hashable {
        public let path: String
        public let sha256: String
    }

    public init(
        displayName: String, sha256: String, lineCount: Int, container: Container? = nil, modificationDate: Date? = nil
    ) {
        self.displayName = displayName
        self.sha256 = sha256
        self.lineCount = lineCount
        self.container = container
        self.modificationDate = modificationDate
    }

    /// The last path component of `displayName`, which some formats read meaning from
    /// (`WhatsApp Chat with Alice.txt`).
    public var fileName: String { Self.fileName(of: displayName) }

    /// The last path component of a path.
    public static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
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
        [fileName] + (container.map { [Self.fileName(of: $0.path)] } ?? [])
    }

    /// Lower-case hexadecimal of a digest.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Lower-case hexadecimal SHA-256 of `bytes`.
    public static func sha256(of bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }
}
