import Foundation

/// What `chatbill report` was asked: the exports, the config and client, the rules given as flags,
/// and the period.
public struct ReportRequest: Sendable {
    public var paths: [String]
    public var config: ChatBillConfig?
    /// `--client`: bill every export by this client's rules.
    public var clientName: String?
    /// The rules given as flags (they override the config).
    public var flags: RuleSettings
    /// `--me`.
    public var providerNames: [String]
    public var period: Setting<ClosedRange<String>>?
    /// How to read the exports, from the flags; the zone and date order are replaced by a
    /// client's where the flags did not choose them.
    public var options: ParseOptions

    public init(
        paths: [String], config: ChatBillConfig?, clientName: String?, flags: RuleSettings, providerNames: [String],
        period: Setting<ClosedRange<String>>?, options: ParseOptions
    ) {
        self.paths = paths
        self.config = config
        self.clientName = clientName
        self.flags = flags
        self.providerNames = providerNames
        self.period = period
        self.options = options
    }
}

/// Turns a `ReportRequest` into reports: reads the exports, finds each one's client (by the
/// client's `match` names among its senders), and bills each client's exports together by that
/// client's rules. Without clients in the config, or with `--client`, every export is one bill.
public enum ReportRun {
    /// Reads one export (a file, folder or archive) with the given options.
    public typealias Loader = (String, ParseOptions) throws(ChatBillError) -> Transcript

    /// The client `--client` names.
    ///
    /// - Throws: `ChatBillError.needsChoice` listing the config's clients.
    public static func selectedClient(_ request: ReportRequest) throws(ChatBillError) -> ClientConfig? {
        guard let name = request.clientName else { return nil }
        guard let config = request.config else {
            throw .needsChoice(
                Diagnostic(
                    .error, file: "--client",
                    "'\(name)' needs a config with clients (chatbill.toml, or --config PATH)"))
        }
        guard let client = config.client(named: name) else {
            let known = config.clients.map { "'\($0.key)'" }.joined(separator: ", ")
            throw .needsChoice(
                Diagnostic(
                    .error, file: "--client",
                    "no client '\(name)' in \(config.file); the clients are \(known.isEmpty ? "none" : known)"))
        }
        return client
    }

    /// The rules for `client` (nil: the config's defaults), flags winning, as a policy with where
    /// each rule came from.
    public static func rules(
        for client: ClientConfig?, _ request: ReportRequest
    ) throws(ChatBillError) -> (settings: RuleSettings, policy: BillingPolicy, origins: [String: String]) {
        var settings = request.config?.defaults ?? RuleSettings()
        if let client { settings = settings.overridden(by: client.rules) }
        settings = settings.overridden(by: request.flags)
        var (policy, origins) = try settings.resolve()
        if let period = request.period { origins["period"] = period.origin.description }
        if let zone = settings.timeZone { origins["zone"] = zone.origin.description }
        return (settings, policy, origins)
    }

    /// The parse options for exports billed by `settings`: the flags', with the settings' zone
    /// and date order where no flag chose them.
    public static func options(
        for settings: RuleSettings, _ request: ReportRequest
    ) throws(ChatBillError)
        -> ParseOptions
    {
        var options = request.options
        if options.timeZone.source != .flag, let zone = settings.timeZone, case .config = zone.origin {
            options.timeZone = try ZoneChoice.named(zone.value, source: .config)
        }
        if options.dateOrder == nil, let order = settings.dateOrder, case .config = order.origin {
            options.dateOrder = order.value
            options.dateOrderSource = .config(order.origin.description)
        }
        return options
    }

    /// The provider for one client's exports: `--me`, else the config's names with each export's
    /// parser's aliases, else what each export says; remote-control logs need none.
    public static func provider(
        for sources: [Transcript], _ request: ReportRequest
    ) throws(ChatBillError) -> ProviderIdentity {
        var identities: [ProviderIdentity] = []
        for source in sources where source.messages.contains(where: { $0.kind.isChatActivity }) {
            if !request.providerNames.isEmpty {
                identities.append(try ProviderIdentity.resolve(names: request.providerNames, for: source))
            } else if let config = request.config,
                case let all = config.providerNames(forParser: source.parserName), !all.isEmpty
            {
                let place = config.providerNames?.origin.description ?? config.file
                identities.append(
                    try ProviderIdentity.resolve(names: all, for: source.summary, namesSource: .config(place)))
            } else {
                identities.append(try ProviderIdentity.resolve(names: [], for: source))
            }
        }
        if identities.isEmpty, !request.providerNames.isEmpty {
            return ProviderIdentity(names: request.providerNames)
        }
        return ProviderIdentity.merging(identities)
    }

    /// How to report on a request as its one export streams past: the export, how to read it,
    /// whose names are the provider's, and the rules.
    public struct StreamPlan: Sendable {
        public let path: String
        public let options: ParseOptions
        public let providerNames: [String]
        public let providerSource: ProviderIdentity.Source
        public let policy: BillingPolicy
        public let period: ClosedRange<String>?
        public let client: String?
        public let origins: [String: String]
    }

    /// The plan for streaming the request's export, or nil when it has to be read whole first:
    /// several exports, clients to tell apart by the senders, or provider names that depend on
    /// the parser (aliases).
    public static func streamPlan(_ request: ReportRequest) throws(ChatBillError) -> StreamPlan? {
        let config = request.config
        guard request.paths.count == 1, config?.clients.isEmpty ?? true || request.clientName != nil,
            config?.providerAliases.isEmpty ?? true
        else { return nil }
        let selected = try selectedClient(request)
        let (settings, policy, origins) = try rules(for: selected, request)
        let configNames = request.providerNames.isEmpty ? config?.providerNames : nil
        return StreamPlan(
            path: request.paths[0], options: try options(for: settings, request),
            providerNames: configNames?.value ?? request.providerNames,
            providerSource: configNames.map { .config($0.origin.description) } ?? .flag, policy: policy,
            period: request.period?.value, client: selected?.name, origins: origins)
    }

    /// One client's exports, read, with everything that bills them: what a report and an
    /// evidence page are made from.
    public struct Billing: Sendable {
        public let sources: [Transcript]
        public let client: String?
        public let provider: ProviderIdentity
        public let policy: BillingPolicy
        public let period: ClosedRange<String>?
        public let origins: [String: String]

        public var report: Report {
            Report(
                sources: sources, provider: provider, policy: policy, period: period, client: client, origins: origins)
        }
    }

    /// The reports the request asks for: one per client (in the config's order, exports of no
    /// client last), or one for everything.
    public static func reports(_ request: ReportRequest, load: Loader) throws(ChatBillError) -> [Report] {
        try billings(request, load: load).map(\.report)
    }

    /// The billings the request asks for, one per report `reports` makes.
    public static func billings(_ request: ReportRequest, load: Loader) throws(ChatBillError) -> [Billing] {
        let selected = try selectedClient(request)
        let clients = request.config?.clients ?? []
        if selected != nil || clients.isEmpty {
            let (settings, policy, origins) = try rules(for: selected, request)
            let options = try options(for: settings, request)
            var sources: [Transcript] = []
            for path in request.paths {
                var source = try load(path, options)
                // A remote-control log holds every client's connections: only this client's count.
                if let selected, !source.messages.contains(where: { $0.kind.isChatActivity }) {
                    let kept = source.messages.filter { $0.kind != .remote || selected.matches($0.sender) }
                    if kept.count < source.messages.count {
                        source.diagnostics.append(
                            Diagnostic(
                                .note, file: source.input.displayName,
                                source.messages.count - kept.count == 1
                                    ? "1 connection with a partner that is not \(selected.key)'s `match` is left out"
                                    : "\(source.messages.count - kept.count) connections with partners that are not "
                                        + "\(selected.key)'s `match` are left out"))
                        source.messages = kept
                    }
                }
                sources.append(source)
            }
            return [try billing(sources, client: selected, policy: policy, origins: origins, request)]
        }
        // Read with the defaults' options (or, where those leave a choice open, the first
        // client's that read the export), find each export's client, and read again where that
        // client's zone or date order differs from what the export was read with.
        let defaultOptions = try options(for: try rules(for: nil, request).settings, request)
        var clientOptions: [ParseOptions] = []
        for client in clients {
            let options = try options(for: try rules(for: client, request).settings, request)
            if options != defaultOptions, !clientOptions.contains(options) { clientOptions.append(options) }
        }
        typealias Read = (path: String, options: ParseOptions, transcript: Transcript)
        var groups: [(client: ClientConfig?, sources: [Read])] = []
        for path in request.paths {
            let (transcript, used) = try loadTrying(path, [defaultOptions] + clientOptions, load)
            for (client, part) in try clientsOf(transcript, path: path, clients: clients) {
                if let index = groups.firstIndex(where: { $0.client?.key == client?.key }) {
                    groups[index].sources.append((path, used, part))
                } else {
                    groups.append((client, [(path, used, part)]))
                }
            }
        }
        groups.sort { ($0.client?.line ?? Int.max) < ($1.client?.line ?? Int.max) }
        var billings: [Billing] = []
        for group in groups {
            let (settings, policy, origins) = try rules(for: group.client, request)
            let options = try options(for: settings, request)
            var sources: [Transcript] = []
            for read in group.sources {
                guard read.options != options, read.path != "-" else {
                    sources.append(read.transcript)
                    continue
                }
                let again = try load(read.path, options)
                sources.append(
                    try clientsOf(again, path: read.path, clients: clients).first {
                        $0.client?.key == group.client?.key
                    }?
                    .part ?? again)
            }
            billings.append(try billing(sources, client: group.client, policy: policy, origins: origins, request))
        }
        return billings
    }

    /// The export read with the first of `candidates` that reads it without a choice left open
    /// (an ambiguous date order), and those options; the first candidate's error when none does.
    private static func loadTrying(
        _ path: String, _ candidates: [ParseOptions], _ load: Loader
    ) throws(ChatBillError) -> (Transcript, ParseOptions) {
        var firstError: ChatBillError?
        for options in candidates {
            do {
                return (try load(path, options), options)
            } catch {
                guard case .needsChoice = error, path != "-" else { throw error }
                if firstError == nil { firstError = error }
            }
        }
        throw firstError!
    }

    /// The clients an export is with: the one whose `match` names one of its senders or the party
    /// its file is named after (nil when none does). A remote-control log is split connection by
    /// connection, since one log holds the provider's connections to every client.
    ///
    /// - Throws: `ChatBillError.needsChoice` when a chat matches several clients.
    static func clientsOf(
        _ transcript: Transcript, path: String, clients: [ClientConfig]
    ) throws(ChatBillError) -> [(client: ClientConfig?, part: Transcript)] {
        func client(of names: [String]) -> [ClientConfig] {
            clients.filter { client in names.contains { client.matches($0) } }
        }
        if !transcript.messages.contains(where: { $0.kind.isChatActivity }) {
            var parts: [(client: ClientConfig?, part: Transcript)] = []
            for message in transcript.messages {
                let owner = client(of: [message.sender]).first
                if let index = parts.firstIndex(where: { $0.client?.key == owner?.key }) {
                    parts[index].part.messages.append(message)
                } else {
                    var part = transcript
                    part.messages = [message]
                    if !parts.isEmpty { part.diagnostics = [] }
                    parts.append((owner, part))
                }
            }
            return parts
        }
        let names =
            transcript.senders.map(\.name)
            + ProviderIdentity.namedParties(in: transcript.inputs.flatMap(\.file.fileNames))
        let matching = client(of: names)
        guard matching.count <= 1 else {
            throw .needsChoice(
                Diagnostic(
                    .error, file: path,
                    "the export matches several clients (\(matching.map { "'\($0.key)'" }.joined(separator: ", "))); "
                        + "pass --client NAME or make their `match` lists distinct"))
        }
        return [(matching.first, transcript)]
    }

    private static func billing(
        _ sources: [Transcript], client: ClientConfig?, policy: BillingPolicy, origins: [String: String],
        _ request: ReportRequest
    ) throws(ChatBillError) -> Billing {
        guard sources.count <= SourceSet.capacity else {
            throw .needsChoice(
                Diagnostic(
                    .error, file: sources[SourceSet.capacity].input.displayName,
                    "one report merges at most \(SourceSet.capacity) exports; bill them in several runs"))
        }
        return Billing(
            sources: sources, client: client?.name ?? (request.config?.clients.isEmpty == false ? "no client" : nil),
            provider: try provider(for: sources, request), policy: policy, period: request.period?.value,
            origins: origins)
    }
}

extension MessageKind {
    /// Something a person did in a chat (not a system line, not a remote-control connection).
    var isChatActivity: Bool { self != .system && self != .remote }
}
