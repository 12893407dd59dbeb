import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of one export as chatbill read them, with the name the user knows it by and its
/// SHA-256, so every report and evidence page can be tied to exactly this file.
public struct InputFile: Sendable {
    /// What the file is: name, SHA-256, lines, archive, modification date.
    public let file: ExportFile
    /// Every byte of the file, unchanged but for a file whose lines end in carriage returns alone,
    /// whose carriage returns are line feeds here (`LineEnds`).
    public let bytes: [UInt8]
    /// The table that turns byte offsets into 1-based lines and columns.
    public let lines: LineTable

    public typealias Container = ExportFile.Container

    public init(displayName: String, bytes: [UInt8], container: Container? = nil, modificationDate: Date? = nil) {
        self.bytes = LineEnds.normalised(bytes)
        lines = LineTable(self.bytes)
        file = ExportFile(
            displayName: displayName, sha256: ExportFile.sha256(of: bytes), lineCount: lines.lineCount,
            container: container, modificationDate: modificationDate)
    }

    /// The path as the user gave it (or `-` for standard input); used in diagnostics.
    public var displayName: String { file.displayName }
    /// Lower-case hexadecimal SHA-256 of `bytes`.
    public var sha256: String { file.sha256 }
    /// The archive the file was read from, when it came out of one (a WhatsApp `.zip`).
    public var container: Container? { file.container }
    /// When the file (or its archive) was last modified; nil for standard input.
    public var modificationDate: Date? { file.modificationDate }
    /// The last path component of `displayName` (`WhatsApp Chat with Alice.txt`).
    public var fileName: String { file.fileName }
    /// The name of the folder the file is in (Zoom's `2020-10-06 12.00.01 Topic`).
    public var folderName: String? { file.folderName }
    /// The names that can say what the export is: the file's, and its archive's.
    public var fileNames: [String] { file.fileNames }

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

    /// The first `count` bytes of the file at `path` (not standard input), for detection before
    /// the file is read in blocks, as chatbill reads them (`LineEnds`).
    ///
    /// - Throws: `ChatBillError.unreadableInput` as `read(path:)` does.
    public static func head(path: String, count: Int = DetectionProbe.headLength) throws(ChatBillError) -> [UInt8] {
        let sample = try rawHead(path: path, count: max(count, LineEnds.sampleLength))
        return Array(LineEnds.normalised(sample).prefix(count))
    }

    /// The first `count` bytes of the file at `path`, unchanged.
    ///
    /// - Throws: `ChatBillError.unreadableInput` as `read(path:)` does.
    static func rawHead(path: String, count: Int) throws(ChatBillError) -> [UInt8] {
        try checkReadable(path)
        guard let file = fopen(path, "rb") else {
            throw .unreadableInput(Diagnostic(.error, file: path, "cannot be read (check its permissions)"))
        }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, count, file) }
        return Array(bytes.prefix(read))
    }

    /// The bytes of the file at `path`, unchanged (a `.zip` is not opened).
    ///
    /// - Throws: `ChatBillError.unreadableInput` as `read(path:)` does.
    static func read(bytesOf path: String) throws(ChatBillError) -> [UInt8] {
        try readBytes(path)
    }

    private static func readBytes(_ path: String) throws(ChatBillError) -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        try checkReadable(path)
        guard let bytes = readWhole(path: path) else {
            throw .unreadableInput(Diagnostic(.error, file: path, "cannot be read (check its permissions)"))
        }
        return bytes
    }

    private static func checkReadable(_ path: String) throws(ChatBillError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableInput(Diagnostic(.error, file: path, "no such file"))
        }
        if isDirectory.boolValue {
            throw .unreadableInput(Diagnostic(.error, file: path, "is a folder; give the export file inside it"))
        }
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
