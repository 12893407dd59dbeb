/// What a parser may look at to decide whether it can read an input: the file name and its
/// first bytes (at most `DetectionProbe.headLength`).
public struct DetectionProbe: Sendable {
    public static let headLength = 64 * 1024

    public let fileName: String
    public let head: ArraySlice<UInt8>

    public init(_ input: InputFile) {
        self.init(fileName: input.fileName, head: input.bytes[...])
    }

    public init(fileName: String, head: ArraySlice<UInt8>) {
        self.fileName = fileName
        self.head = head.prefix(Self.headLength)
    }
}

/// A parser's answer to "can you read this?", with the reason it gives the user.
public struct Detection: Sendable, Comparable {
    /// 0 means no; 100 means the input carries the format's unmistakable signature.
    public let confidence: Int
    public let reason: String

    public init(confidence: Int, reason: String) {
        self.confidence = max(0, min(100, confidence))
        self.reason = reason
    }

    public static func no(_ reason: String) -> Detection { Detection(confidence: 0, reason: reason) }

    public static func < (lhs: Detection, rhs: Detection) -> Bool { lhs.confidence < rhs.confidence }
}
