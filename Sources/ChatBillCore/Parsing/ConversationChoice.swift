/// Which conversation of a multi-conversation export to read (`--chat`): the only one, the one
/// whose name equals the choice (any case), or the only one whose name contains it.
enum ConversationChoice {
    static func index(among names: [String], chosen wanted: String?, file: String) throws(ChatBillError) -> Int {
        if names.count == 1 { return 0 }
        let listing = names.map { "'\($0)'" }.joined(separator: ", ")
        guard let wanted else {
            throw .needsChoice(
                Diagnostic(
                    .error, file: file,
                    "this export holds \(names.count) conversations; pick one with --chat, e.g. --chat "
                        + "\"\(names.first ?? "")\"; the conversations are \(listing)"))
        }
        let lowered = wanted.lowercased()
        let exact = names.indices.filter { names[$0].lowercased() == lowered }
        let partial = names.indices.filter { names[$0].lowercased().contains(lowered) }
        guard let index = exact.count == 1 ? exact.first : (partial.count == 1 ? partial.first : nil) else {
            throw .needsChoice(
                Diagnostic(
                    .error, file: file,
                    "--chat '\(wanted)' matches \(partial.count) conversations; the conversations are \(listing)"))
        }
        return index
    }
}
