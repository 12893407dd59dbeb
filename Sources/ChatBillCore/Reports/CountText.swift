/// A count with its noun, singular for one: `1 message`, `3 messages`, `0 warnings`.
enum CountText {
    /// `plural` defaults to the singular with an `s`.
    static func format(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
