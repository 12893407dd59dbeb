import Foundation

/// A report made while the export streams past: messages go straight from the parser through a
/// reorder window into the sessionizer and the bill, and no message is kept. Gives the same report
/// as reading the whole transcript first (a test holds the two together).
public enum StreamedReport {
    /// How many messages the reorder window holds.
    public static let windowCapacity = 4096

    /// The report on the file at `path`, or nil when this file has to be read whole: the provider
    /// cannot be told before the senders are known (no `--me` and no name in the file name), the
    /// export lists messages further out of time order than the window holds, or its zone could
    /// not be told from its start.
    ///
    /// - Throws: what the parser throws, and `ProviderIdentity.resolve`'s errors.
    public static func make(
        path: String, parser: any StreamingTranscriptParser, options: ParseOptions, providerNames: [String],
        policy: BillingPolicy, period: ClosedRange<String>? = nil, client: String? = nil,
        origins: [String: String] = [:], providerSource: ProviderIdentity.Source = .flag, blockSize: Int = 1 << 20,
        windowCapacity: Int = windowCapacity
    ) throws(ChatBillError) -> Report? {
        try make(
            fileNames: [ExportFile.fileName(of: path)], ownAccount: parser.ownAccountName,
            zone: parser.streamingZone(head: try InputFile.head(path: path), options: options),
            stream: { consume, onePass throws(ChatBillError) in
                onePass
                    ? try parser.streamInOnePass(path: path, options: options, blockSize: blockSize, to: consume)
                    : try parser.stream(path: path, options: options, blockSize: blockSize, to: consume)
            }, providerNames: providerNames, policy: policy, period: period, client: client, origins: origins,
            providerSource: providerSource, windowCapacity: windowCapacity)
    }

    /// The report on `members` of the export folder `folder`, read file by file; nil as for a file.
    public static func make(
        folder: ExportFolder, members: [String], parser: any StreamingFolderParser, options: ParseOptions,
        providerNames: [String], policy: BillingPolicy, period: ClosedRange<String>? = nil, client: String? = nil,
        origins: [String: String] = [:], providerSource: ProviderIdentity.Source = .flag,
        windowCapacity: Int = windowCapacity
    ) throws(ChatBillError) -> Report? {
        try make(
            fileNames: [ExportFile.fileName(of: folder.displayPath)], ownAccount: nil,
            zone: parser.streamingZone(folder, members: members, options: options),
            stream: { consume, _ throws(ChatBillError) in
                try parser.stream(folder, members: members, options: options, to: consume)
            }, providerNames: providerNames, policy: policy, period: period, client: client, origins: origins,
            providerSource: providerSource, windowCapacity: windowCapacity)
    }

    /// The report on what `stream` hands on, its days counted in `zone`. `stream` is asked for one
    /// pass first; when it answers nil, what it handed on is thrown away and it is asked again for
    /// a read that cannot fail that way.
    private static func make(
        fileNames: [String], ownAccount: String?, zone: ZoneChoice,
        stream: ((MessageEvent) -> Void, _ onePass: Bool) throws(ChatBillError) -> TranscriptSummary?,
        providerNames: [String], policy: BillingPolicy, period: ClosedRange<String>?, client: String?,
        origins: [String: String], providerSource: ProviderIdentity.Source, windowCapacity: Int
    ) throws(ChatBillError) -> Report? {
        guard
            let expected = ProviderIdentity.expected(
                names: providerNames, ownAccount: ownAccount, fileNames: fileNames)
        else { return nil }
        var onePass = true
        while true {
            let billing = StreamedBilling(
                expected: expected, window: ReorderWindow(capacity: windowCapacity),
                pass: BillingPass(policy: policy, timeZone: zone.timeZone, period: period, senders: SenderTable()))
            let streamed = Result { () throws(ChatBillError) in try stream(billing.add, onePass) }
            var (window, pass) = billing.finish()
            guard let summary = try streamed.get() else {
                guard onePass else { return nil }
                onePass = false
                continue
            }
            // The zone the file turned out to be read in must be the one days were counted in.
            guard !window.overflowed, summary.timeZone == zone else { return nil }
            for input in window.drain() { pass.add(input) }
            let provider = try ProviderIdentity.resolve(
                names: providerNames, for: summary, namesSource: providerSource)
            guard summary.senders.allSatisfy({ expected($0.name) == provider.isProvider($0.name) }) else { return nil }
            let (bill, whatIf) = pass.finish()
            return Report(
                sources: [summary], client: client, provider: provider, policy: policy, origins: origins, bill: bill,
                whatIf: whatIf)
        }
    }
}
