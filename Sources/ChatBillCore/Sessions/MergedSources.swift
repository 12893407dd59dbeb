import Foundation

/// Several exports billed together as one stream of work: two exports of the same chat (from two
/// devices, or an older and a newer one), chats on different platforms with the same client, and
/// remote-control logs. A message that an earlier source already has (same minute, same sender,
/// same text) is dropped, so no minute is billed twice; files are numbered across all sources.
public struct MergedSources: Sendable {
    /// Every source's messages, with `file` numbered across the sources' files in order.
    public let messages: [Message]
    /// For each file (as numbered in `messages`), the source it belongs to.
    public let sourceOfFile: [Int]
    /// For each source, how many of its messages an earlier source already had.
    public let duplicates: [Int]

    public init(_ sources: [Transcript], provider: ProviderIdentity) {
        if sources.count == 1 {
            messages = sources[0].messages
            sourceOfFile = Array(repeating: 0, count: sources[0].inputs.count)
            duplicates = [0]
            return
        }
        var seen: [Key: Int] = [:]
        var messages: [Message] = []
        var sourceOfFile: [Int] = []
        var duplicates: [Int] = []
        for (index, source) in sources.enumerated() {
            let firstFile = sourceOfFile.count
            sourceOfFile += Array(repeating: index, count: source.inputs.count)
            var added: [Key: Int] = [:]
            var dropped = 0
            for message in source.messages {
                let key = Key(message, provider: provider)
                if let count = seen[key], count > 0 {
                    seen[key] = count - 1
                    dropped += 1
                    continue
                }
                if index < sources.count - 1 { added[key, default: 0] += 1 }
                var moved = message
                moved.file += firstFile
                messages.append(moved)
            }
            if index < sources.count - 1 { seen.merge(added, uniquingKeysWith: +) }
            duplicates.append(dropped)
        }
        self.messages = messages
        self.sourceOfFile = sourceOfFile
        self.duplicates = duplicates
    }

    /// What makes two messages the same message: the minute (exports differ in whether they keep
    /// seconds), who sent it (any of the provider's names is the provider), the kind, the text with
    /// its spacing normalised, and a connection's length.
    private struct Key: Hashable {
        let minute: Int64
        let sender: String
        let kind: MessageKind
        let text: String
        let seconds: Int

        init(_ message: Message, provider: ProviderIdentity) {
            minute = Int64((message.instant.timeIntervalSince1970 / 60).rounded(.down))
            sender =
                message.kind != .remote && provider.isProvider(message.sender)
                ? "\u{0}provider" : ProviderIdentity.normalize(message.sender)
            kind = message.kind
            text = message.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            seconds = message.seconds
        }
    }
}
