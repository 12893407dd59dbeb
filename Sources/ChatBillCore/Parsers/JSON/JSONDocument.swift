import Foundation

/// A JSON export read whole with Foundation's parser; when it is not JSON, the error says where:
/// at the place the parser stopped, or at the end of a file that is cut short.
enum JSONDocument {
    /// The document's top-level value.
    ///
    /// - Throws: `ChatBillError.unreadableInput` located where the JSON goes wrong.
    static func parse(_ input: InputFile) throws(ChatBillError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(input.bytes))
        } catch {
            let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            if description.lowercased().contains("end of file") || description.lowercased().contains("unexpected end") {
                throw .unreadableInput(
                    Diagnostic(
                        .error, file: input.displayName, at: input.lines.location(ofByte: input.bytes.count),
                        "the JSON ends before its last object or array is closed: the file is cut short"))
            }
            let offset = description.components(separatedBy: "character ").last.flatMap { digits in
                Int(digits.prefix { $0.isNumber })
            }
            throw .unreadableInput(
                Diagnostic(
                    .error, file: input.displayName, at: offset.map { input.lines.location(ofByte: $0) },
                    "not valid JSON (\(description))"))
        }
    }

    /// The top-level object of a document that must be one.
    ///
    /// - Throws: as `parse`, and when the top level is not an object, saying what the file should be.
    static func object(_ input: InputFile, expected: String) throws(ChatBillError) -> [String: Any] {
        guard let object = try parse(input) as? [String: Any] else {
            throw .unreadableInput(
                Diagnostic(
                    .error, file: input.displayName, at: InputLocation(line: 1, column: 1),
                    "the JSON is not an object; is this \(expected)?"))
        }
        return object
    }
}
