// chatbill-bench: how fast chatbill reads large exports, each next to a baseline measured in the
// same run on the same file. Run in release:
//
//     swift run -c release chatbill-bench [--megabytes 100] [--runs 3] [--format NAME]
//
// Formats: whatsapp (the default), adium, telegram-html, telegram-html-pages (1,000 messages per
// file), telegram-json, mattermost, or all. WhatsApp, Adium, Telegram JSON and Mattermost are also
// measured streamed.
// Each measurement runs in a child process of its own, so its peak memory is its own.
import ChatBillCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

let arguments = CommandLine.arguments

func value(of flag: String) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

/// What this process has used so far.
func resourceUsage() -> rusage {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage
}

/// Peak resident memory of this process in MiB.
func peakMemoryMiB() -> Double { Double(resourceUsage().ru_maxrss) / 1024 }

/// CPU time this process has used so far, on all its threads (user and system), in seconds.
func processorSeconds() -> Double {
    let usage = resourceUsage()
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The streaming parser for a generated file.
func streamingParser(_ path: String) -> any StreamingTranscriptParser {
    if path.hasSuffix(".json") { return TelegramJSONParser() }
    if path.hasSuffix(".xml") { return AdiumParser() }
    if path.hasSuffix(".html") { return TelegramHTMLParser() }
    return path.hasSuffix(".jsonl") ? MattermostParser() : WhatsAppParser()
}

/// A generated export folder with the parser that streams it, page by page.
func streamingFolder(_ path: String) -> (ExportFolder, [String], any StreamingFolderParser)? {
    guard let folder = ExportFolder.folder(at: path),
        let (parser, members) = ParserRegistry.standard.folderParser(for: folder, named: nil),
        let streaming = parser as? any StreamingFolderParser
    else { return nil }
    return (folder, members, streaming)
}

/// The provider's name in a generated file: Mattermost names people by user name.
func provider(_ path: String) -> String { path.hasSuffix(".jsonl") ? "sam.keller" : "Sam Keller" }

/// Child mode: run one measurement and print `seconds cpuSeconds peakMiB detail`.
if let mode = value(of: "--measure"), let path = value(of: "--file") {
    let options = ParseOptions(timeZone: ZoneChoice(TimeZone(identifier: "Europe/Berlin")!, source: .flag))
    /// Writes the table report to /dev/null as the CLI writes it to standard output; its size.
    func written(_ report: Report) -> Int {
        let sink = fopen("/dev/null", "w")
        defer { fclose(sink) }
        var bytes = 0
        TableReportRenderer().write(report) { piece in
            bytes += piece.utf8.count
            fputs(piece, sink)
        }
        return bytes
    }
    let start = now()
    let startCPU = processorSeconds()
    var detail = ""
    switch mode {
    case "newlines":
        // The baseline: read the file (or every file of a folder) in 1 MiB blocks and count
        // newlines with memchr.
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        let files =
            isFolder.boolValue
            ? (try FileManager.default.contentsOfDirectory(atPath: path)).sorted().map { path + "/" + $0 } : [path]
        var lines = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for file in files {
            let descriptor = open(file, O_RDONLY)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                buffer.withUnsafeBytes { raw in
                    var position = raw.baseAddress!
                    let end = position + count
                    while let found = memchr(position, 0x0A, end - position) {
                        lines += 1
                        position = UnsafeRawPointer(found) + 1
                    }
                }
            }
            close(descriptor)
        }
        detail = "\(lines) lines"
    case "stream":
        // What `chatbill parse` would count: every message, read in blocks (or page by page),
        // nothing kept.
        var count = 0
        let summary: TranscriptSummary
        if let (folder, members, parser) = streamingFolder(path) {
            summary = try parser.stream(folder, members: members, options: options) { _ in count += 1 }
        } else {
            let parser = streamingParser(path)
            let once = try parser.streamInOnePass(path: path, options: options, blockSize: 1 << 20) { _ in count += 1 }
            if let once {
                summary = once
            } else {
                count = 0
                summary = try parser.stream(path: path, options: options, blockSize: 1 << 20) { _ in count += 1 }
            }
        }
        detail = "\(count) messages, \(summary.files.reduce(0) { $0 + $1.lineCount }) lines"
    case "report":
        // What `chatbill report FILE --me "Sam Keller"` does: the streamed report, written out.
        let streamed =
            if let (folder, members, parser) = streamingFolder(path) {
                try StreamedReport.make(
                    folder: folder, members: members, parser: parser, options: options, providerNames: [provider(path)],
                    policy: BillingPolicy())
            } else {
                try StreamedReport.make(
                    path: path, parser: streamingParser(path), options: options, providerNames: [provider(path)],
                    policy: BillingPolicy())
            }
        guard let report = streamed else { fatalError("the generated export could not be streamed") }
        detail = "\(report.sources[0].messageCount) messages, \(report.bill.lines.count) sessions, "
        detail += "\(written(report)) bytes of report"
    case "whole":
        // The same report from a transcript held whole in memory, for comparison.
        let transcript =
            if let (folder, members, parser) = streamingFolder(path) {
                try parser.parse(folder.read(members), options: options)
            } else {
                try streamingParser(path).parse(InputFile.read(path: path), options: options)
            }
        let report = Report(
            transcript: transcript, provider: ProviderIdentity(names: [provider(path)]), policy: BillingPolicy())
        detail = "\(transcript.messages.count) messages, \(report.bill.lines.count) sessions, "
        detail += "\(written(report)) bytes of report"
    default:
        fatalError("unknown mode \(mode)")
    }
    print(String(format: "%.4f %.4f %.1f %@", now() - start, processorSeconds() - startCPU, peakMemoryMiB(), detail))
    exit(0)
}

let megabytes = Int(value(of: "--megabytes") ?? "100") ?? 100
let runs = Int(value(of: "--runs") ?? "3") ?? 3
let chosen = value(of: "--format") ?? "whatsapp"
let formats = chosen == "all" ? BenchFormat.allCases : [BenchFormat(rawValue: chosen)].compactMap { $0 }
guard !formats.isEmpty else {
    print("unknown format \(chosen); one of \(BenchFormat.allCases.map(\.rawValue).joined(separator: ", ")) or all")
    exit(64)
}
#if DEBUG
    print("warning: a debug build; measure with `swift run -c release chatbill-bench`")
#endif
print(
    "median of \(runs) runs, each in its own process (best: the fastest run; seconds, CPU seconds on all threads and "
        + "memory: the median's)")
for format in formats {
    let path = value(of: "--file") ?? format.path(megabytes: megabytes)
    if !FileManager.default.fileExists(atPath: path) {
        print("generating \(path) (\(megabytes) MB, deterministic)…")
        try format.generate(path: path, megabytes: megabytes)
    }
    var isFolder: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
    let files =
        isFolder.boolValue
        ? (try FileManager.default.contentsOfDirectory(atPath: path)).map { path + "/" + $0 } : [path]
    let size = Double(
        try files.reduce(0) {
            $0 + ((try FileManager.default.attributesOfItem(atPath: $1)[.size] as? NSNumber)?.intValue ?? 0)
        })
    print("\n\(format.rawValue): \(path), \(String(format: "%.1f", size / 1e6)) MB in \(files.count) files")
    print("measurement".padded(to: 40) + "  MB/s    best   seconds  CPU s  peak MiB  result")
    for mode in ["newlines", "stream", "report", "whole"] {
        var results: [(seconds: Double, cpu: Double, memory: Double, detail: String)] = []
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(filePath: CommandLine.arguments[0])
            process.arguments = ["--measure", mode, "--file", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let parts = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 3)
            guard parts.count == 4, let seconds = Double(parts[0]), let cpu = Double(parts[1]),
                let memory = Double(parts[2])
            else {
                print("\(mode): the measurement failed: \(output)")
                exit(1)
            }
            results.append((seconds, cpu, memory, String(parts[3])))
        }
        let sorted = results.sorted { $0.seconds < $1.seconds }
        let median = sorted[results.count / 2]
        let label =
            switch mode {
            case "newlines": "baseline: read + memchr newline count"
            case "stream": "parse, streamed (SHA-256, messages)"
            case "report": "parse + sessionize + report, streamed"
            default: "the same, transcript held whole"
            }
        print(
            label.padded(to: 40)
                + String(
                    format: "%6.0f  %6.0f  %8.3f  %5.2f  %8.1f  ", size / 1e6 / median.seconds,
                    size / 1e6 / sorted[0].seconds, median.seconds, median.cpu, median.memory)
                + median.detail)
    }
}
