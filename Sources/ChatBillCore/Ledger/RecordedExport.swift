import Foundation

/// An export as the ledger remembers it: where it was imported from (an absolute path, or `-` for
/// standard input) and the SHA-256 it had then — the file's, or its archive's for a `.zip`.
public struct RecordedExport: Sendable, Hashable {
    public let path: String
    public let sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }

    /// The exports `sources` were read from, each once, paths made absolute against the current
    /// folder.
    static func exports(
        of sources: [Transcript], folder: String = FileManager.default.currentDirectoryPath
    )
        -> [RecordedExport]
    {
        var exports: [RecordedExport] = []
        for input in sources.flatMap(\.inputs) {
            let file = input.file
            var path = file.container?.path ?? file.displayName
            if path != "-", !path.hasPrefix("/") {
                path = URL(filePath: folder).appending(path: path).standardized.path
            }
            let export = RecordedExport(path: path, sha256: file.container?.sha256 ?? file.sha256)
            if !exports.contains(export) { exports.append(export) }
        }
        return exports
    }
}
