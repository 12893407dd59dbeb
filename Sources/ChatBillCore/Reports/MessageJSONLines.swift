import Foundation

/// `parse --format jsonl`: one JSON object per message, in file order, with `time` (ISO 8601 with
/// the offset of the zone it was read in), `sender`, `text`, `kind`, `file` and `line`.
public enum MessageJSONLines {
    private struct Record: Encodable {
        let time: String
        let timestamp: String
        let sender: String
        let text: String
        let kind: String
        let edited: Bool
        let file: String
        let line: Int
        let lastLine: Int
    }

    public static func render(_ transcript: Transcript, into write: (String) -> Void) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let zone = transcript.timeZone.timeZone
        for message in transcript.messages {
            let record = Record(
                time: ISOTimestamp.format(message.instant, in: zone), timestamp: message.timestampText,
                sender: message.sender, text: message.text, kind: message.kind.rawValue, edited: message.isEdited,
                file: transcript.inputs[message.file].displayName, line: message.location.line,
                lastLine: message.lastLine)
            if let data = try? encoder.encode(record) {
                write(String(decoding: data, as: UTF8.self) + "\n")
            }
        }
    }
}
