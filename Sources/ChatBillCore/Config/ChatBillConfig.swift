import Foundation
import TOMLKit

/// `chatbill.toml`: the provider's names, the rules for every client (`[defaults]`), and each
/// client's names and own rules (`[clients.NAME]`). See the README's "Configuration" section.
public struct ChatBillConfig: Sendable {
    /// The file as the user named it (errors and reports cite `file:line`).
    public let file: String
    /// `[provider] names`: the provider's names in every export.
    public let providerNames: Setting<[String]>?
    /// `[provider.aliases]`: more names of the provider, per parser (`teams = ["Sam K."]`).
    public let providerAliases: [String: [String]]
    public let defaults: RuleSettings
    /// Clients in the order the file lists them.
    public let clients: [ClientConfig]

    /// Where chatbill looks for a config when `--config` is not given: `chatbill.toml` in the
    /// working folder, then `$XDG_CONFIG_HOME/chatbill/chatbill.toml` (or `~/.config/…`).
    public static func defaultPath(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> String? {
        var candidates = ["chatbill.toml"]
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            candidates.append(xdg + "/chatbill/chatbill.toml")
        } else if let home = environment["HOME"], !home.isEmpty {
            candidates.append(home + "/.config/chatbill/chatbill.toml")
        }
        return candidates.first(where: fileExists)
    }

    /// Reads the config at `path`.
    ///
    /// - Throws: `ChatBillError.badConfig` with the file and line of the problem.
    public static func load(path: String) throws(ChatBillError) -> ChatBillConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badConfig(Diagnostic(.error, file: path, "cannot read the config file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .badConfig(Diagnostic(.error, file: path, "the config file is not UTF-8 text"))
        }
        return try parse(text, file: path)
    }

    /// Reads a config from its text; `file` names it in errors and reports.
    public static func parse(_ text: String, file: String) throws(ChatBillError) -> ChatBillConfig {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .badConfig(
                Diagnostic(
                    .error, file: file,
                    at: InputLocation(line: error.source.begin.line, column: error.source.begin.column),
                    error.description))
        } catch {
            throw .badConfig(Diagnostic(.error, file: file, "\(error)"))
        }
        let reader = ConfigReader(file: file, lines: TOMLKeyLines(text))
        try reader.expectOnly(["provider", "defaults", "clients"], in: root, at: [])
        var names: Setting<[String]>?
        var aliases: [String: [String]] = [:]
        if let provider = try reader.table(root["provider"], at: ["provider"]) {
            try reader.expectOnly(["names", "aliases"], in: provider, at: ["provider"])
            names = try provider["names"].map { value throws(ChatBillError) in
                Setting(try reader.strings(value, at: ["provider", "names"]), reader.origin(["provider", "names"]))
            }
            if let table = try reader.table(provider["aliases"], at: ["provider", "aliases"]) {
                for parser in table.keys {
                    aliases[parser] = try reader.strings(table[parser]!, at: ["provider", "aliases", parser])
                }
            }
        }
        let defaults =
            try reader.table(root["defaults"], at: ["defaults"]).map { table throws(ChatBillError) in
                try reader.rules(table, at: ["defaults"], allowing: [])
            } ?? RuleSettings()
        var clients: [ClientConfig] = []
        if let table = try reader.table(root["clients"], at: ["clients"]) {
            for key in table.keys {
                let path = ["clients", key]
                guard let client = try reader.table(table[key], at: path) else { continue }
                let rules = try reader.rules(client, at: path, allowing: ["name", "match"])
                let name = try client["name"].map { value throws(ChatBillError) in
                    try reader.string(value, at: path + ["name"])
                }
                let match = try client["match"].map { value throws(ChatBillError) in
                    try reader.strings(value, at: path + ["match"])
                }
                clients.append(
                    ClientConfig(
                        key: key, name: name ?? key, match: match ?? [], rules: rules, line: reader.lines.line(of: path)
                    ))
            }
        }
        clients.sort { $0.line < $1.line }
        return ChatBillConfig(
            file: file, providerNames: names, providerAliases: aliases, defaults: defaults, clients: clients)
    }

    /// The client called `name` (its key or its name, any case).
    public func client(named name: String) -> ClientConfig? {
        let wanted = name.lowercased()
        return clients.first { $0.key.lowercased() == wanted || $0.name.lowercased() == wanted }
    }

    /// The clients one of `senders` names.
    public func clients(matching senders: [String]) -> [ClientConfig] {
        clients.filter { client in senders.contains { client.matches($0) } }
    }

    /// The provider's names for an export read by `parser`: `[provider] names` and that parser's
    /// aliases.
    public func providerNames(forParser parser: String) -> [String] {
        (providerNames?.value ?? []) + (providerAliases[parser] ?? [])
    }
}
