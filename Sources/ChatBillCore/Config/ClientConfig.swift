/// A client of the config: the names, numbers or machine ids that identify them in exports, and
/// the rules they are billed by (over the config's `[defaults]`).
public struct ClientConfig: Sendable {
    /// The key of the client's table (`acme` in `[clients.acme]`).
    public let key: String
    /// The name reports use (`name = "ACME GmbH"`, else the key).
    public let name: String
    /// Sender names, phone numbers, or remote-control partner ids that mean this client.
    public let match: [String]
    public let rules: RuleSettings
    /// The line of the client's table in the config.
    public let line: Int

    public init(key: String, name: String, match: [String], rules: RuleSettings, line: Int) {
        self.key = key
        self.name = name
        self.match = match
        self.rules = rules
        self.line = line
    }

    /// Whether `sender` is one of the client's names or numbers (case, spaces and the marks
    /// around names ignored; a phone number matches with or without its spaces and dashes).
    public func matches(_ sender: String) -> Bool {
        let normalized = ProviderIdentity.normalize(sender)
        let digits = Self.phoneDigits(normalized)
        return match.contains { candidate in
            let wanted = ProviderIdentity.normalize(candidate)
            if wanted == normalized { return true }
            guard let wantedDigits = Self.phoneDigits(wanted), let digits else { return false }
            return wantedDigits == digits
        }
    }

    /// `+491512345678` for `+49 151-234 5678`; nil when the text is not a phone number.
    private static func phoneDigits(_ text: String) -> String? {
        let kept = text.filter { !" -()./\u{00A0}\u{202F}".contains($0) }
        guard kept.count >= 6,
            kept.enumerated().allSatisfy({
                $0.element.isASCII && ($0.element.isNumber || ($0.offset == 0 && $0.element == "+"))
            })
        else { return nil }
        return kept
    }
}
