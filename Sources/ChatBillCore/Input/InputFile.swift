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

    public init(displayName: String, bytes: [UInt8]) {
        self.displayName = displayName
        self.bytes = bytes
        self.sha256 = SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        self.lines = LineTable(bytes)
    }

    /// The last path component of `displayName`, which some formats read meaning from
    /// (`WhatsApp Chat with Alice.txt`).
    public var fileName: String {
        displayName.split(separator: "/").last.map(String.init) ?? displayName
    }

    /// Reads a file, or standard input when `path` is `-`.
    ///
    /// - Throws: `ChatBillError.unreadableInput` naming the file when it is missing, a folder,
    ///   or cannot be read.
    public static func read(path: String) throws(ChatBillError) -> InputFile {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return InputFile(displayName: "-", bytes: [UInt8](data))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableInput(Diagnostic(.error, file: path, "no such file"))
        }
        if isDirectory.boolValue {
            throw .unreadableInput(Diagnostic(.error, file: path, "is a folder; give the export file inside it"))
        }
        guard let bytes = readBytes(path: path) else {
            throw .unreadableInput(Diagnostic(.error, file: path, "cannot be read (check its permissions)"))
        }
        return InputFile(displayName: path, bytes: bytes)
    }

    /// The whole file in one buffer, read with `fread` so that it is not held twice.
    private static func readBytes(path: String) -> [UInt8]? {
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
