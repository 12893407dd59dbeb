import Foundation

/// Who bills: the sender names that are the provider. Names match case-insensitively, ignoring
/// surrounding spaces and the invisible marks exports put around names.
public struct ProviderIdentity: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// From `--me`.
        case flag
        /// From the export's file name (`WhatsApp Chat with Alice.txt`) and its two senders.
        case inferredFromFileName(String)
        /// The export marks these senders as the account that wrote the log.
        case markedInExport
        /// From the config's `[provider]` names (at this place, `chatbill.toml:3`).
        case config(String)
    }

    public let names: [String]
    public let source: Source
    private let normalizedNames: Set<String>

    public init(names: [String], source: Source = .flag) {
        self.names = names
        self.source = source
        self.normalizedNames = Set(names.map(Self.normalize))
    }

    public func isProvider(_ sender: String) -> Bool {
        normalizedNames.contains(Self.normalize(sender))
    }

    public var summary: String {
        // Only an export without chat messages (a remote-control log) has no names to take.
        guard !names.isEmpty else { return "none named (no chat messages in the export)" }
        let list = names.joined(separator: ", ")
        switch source {
        case .flag: return "\(list) (from --me)"
        case .inferredFromFileName(let file): return "\(list) (the other sender of '\(file)')"
        case .markedInExport: return "\(list) (the log's own account, as the export marks it)"
        case .config(let place): return "\(list) (from \(place))"
        }
    }

    static func normalize(_ name: String) -> String {
        let invisible: Set<Unicode.Scalar> = [
            "\u{FEFF}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
            "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
        ]
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: name.unicodeScalars.filter { !invisible.contains($0) })
        return String(scalars).trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The provider for `transcript`; see `resolve(names:for:)` on a summary.
    public static func resolve(names: [String], for transcript: Transcript) throws(ChatBillError) -> ProviderIdentity {
        try resolve(names: names, for: transcript.summary)
    }

    /// The provider for an export: the `--me` names when given (each must be a sender), else the
    /// one inference that cannot be wrong: a 1:1 export named after the other party
    /// (`WhatsApp Chat with Alice.txt`, or an iOS `WhatsApp Chat - Alice.zip`) with exactly two senders.
    ///
    /// - Throws: `ChatBillError.needsChoice` listing the senders and how to choose.
    public static func resolve(
        names: [String], for summary: TranscriptSummary, namesSource: Source = .flag
    ) throws(ChatBillError)
        -> ProviderIdentity
    {
        let senders = summary.senders
        // Only lines the app wrote: no name to check, and nothing to bill (as for a report on the
        // whole transcript, which asks only exports with chat messages).
        guard !senders.isEmpty else { return ProviderIdentity(names: names, source: namesSource) }
        let file = summary.file.displayName
        let listing = senders.map { "'\($0.name)' (\(CountText.format($0.messages, "message")))" }
            .joined(separator: ", ")
        if !names.isEmpty {
            let identity = ProviderIdentity(names: names, source: namesSource)
            guard senders.contains(where: { identity.isProvider($0.name) }) else {
                throw .needsChoice(
                    Diagnostic(
                        .error, file: file,
                        "no sender is named \(names.map { "'\($0)'" }.joined(separator: " or ")); the senders are "
                            + "\(listing)"))
            }
            return identity
        }
        if !summary.accountSenders.isEmpty {
            return ProviderIdentity(names: summary.accountSenders, source: .markedInExport)
        }
        for (fileName, otherParty) in namedOtherParties(summary.file.fileNames) {
            let others = senders.filter { !otherParty.isProvider($0.name) }
            if senders.count == 2, others.count == 1 {
                return ProviderIdentity(names: [others[0].name], source: .inferredFromFileName(fileName))
            }
        }
        let example = senders.first.map { " (for example --me \"\($0.name)\")" } ?? ""
        throw .needsChoice(
            Diagnostic(
                .error, file: file,
                "who is the provider? pass --me NAME\(example), repeatable for several names; the senders are "
                    + "\(listing)"))
    }

    /// One identity for several exports billed together: every name any of them uses.
    public static func merging(_ identities: [ProviderIdentity]) -> ProviderIdentity {
        guard let first = identities.first else { return ProviderIdentity(names: []) }
        var names: [String] = []
        for name in identities.flatMap(\.names) where !names.contains(where: { normalize($0) == normalize(name) }) {
            names.append(name)
        }
        return ProviderIdentity(names: names, source: first.source)
    }

    /// The parties file names say an export is a chat with (`Alice` of `WhatsApp Chat with Alice.txt`).
    public static func namedParties(in fileNames: [String]) -> [String] {
        namedOtherParties(fileNames).flatMap(\.party.names)
    }

    /// How WhatsApp names a 1:1 export before the other party's name, in English (the `.txt`, and
    /// the iOS `.zip`) and in the languages whose Android exports name it otherwise.
    static let chatFilePrefixes = [
        "WhatsApp Chat with ", "WhatsApp Chat - ", "WhatsApp Chat mit ", "WhatsApp-Chat mit ", "Chat de WhatsApp con ",
        "Chat WhatsApp con ", "Discussion WhatsApp avec ", "Conversa do WhatsApp com ", "WhatsApp-chat met ",
    ]

    /// The party each file name says the export is a chat with: after WhatsApp's prefix, or the
    /// whole name when it is a phone number or an e-mail address (imessage-exporter names a
    /// one-to-one chat's file after the other party's handle, `+15555550123.txt`).
    private static func namedOtherParties(_ fileNames: [String]) -> [(fileName: String, party: ProviderIdentity)] {
        fileNames.flatMap { fileName in
            var named = chatFilePrefixes.filter { fileName.hasPrefix($0) }.map { String(fileName.dropFirst($0.count)) }
            if isHandle(withoutExtension(fileName)) { named.append(fileName) }
            return named.map { (fileName, ProviderIdentity(names: [withoutExtension($0)])) }
        }
    }

    private static func withoutExtension(_ name: String) -> String {
        name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    }

    /// `+15555550123` or `dana@example.com`: how a messaging account is addressed, never how a
    /// person saves a log by hand.
    static func isHandle(_ text: String) -> Bool {
        if text.first == "+" {
            let digits = text.dropFirst()
            return digits.count >= 5 && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasSuffix(".")
            && !text.contains(where: \.isWhitespace)
    }

    /// Who the provider will be, decided before any message is read, for a report read in one
    /// pass: the `--me` names, else the name the format gives the export's own account, else
    /// everyone but the party the file is named after. nil when only the senders can tell.
    /// `resolve` confirms the guess once the senders are known.
    public static func expected(
        names: [String], ownAccount: String?, fileNames: [String]
    ) -> (@Sendable (String) -> Bool)? {
        let expectedNames = names.isEmpty ? ownAccount.map { [$0] } ?? [] : names
        if !expectedNames.isEmpty {
            let identity = ProviderIdentity(names: expectedNames)
            return { identity.isProvider($0) }
        }
        guard let other = namedOtherParties(fileNames).first?.party else { return nil }
        return { !other.isProvider($0) }
    }
}
