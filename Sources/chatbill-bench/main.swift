// chatbill-bench: how fast chatbill reads a large WhatsApp export, next to a baseline measured in
// the same run on the same file. Run in release:
//
//     swift run -c release chatbill-bench [--megabytes 100] [--runs 3] [--file PATH]
//
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

/// Peak resident memory of this process in MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Child mode: run one measurement and print `seconds peakMiB detail`.
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
    var detail = ""
    switch mode {
    case "newlines":
        // The baseline: read the file in 1 MiB blocks and count newlines with memchr.
        let descriptor = open(path, O_RDONLY)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var lines = 0
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
        detail = "\(lines) lines"
    case "stream":
        // What `chatbill parse` would count: every message, read in blocks, nothing kept.
        var count = 0
        let summary = try WhatsAppParser().stream(path: path, options: options, blockSize: 1 << 20) { _ in count += 1 }
        detail = "\(count) messages, \(summary.file.lineCount) lines"
    case "report":
        // What `chatbill report FILE --me "Sam Keller"` does: the streamed report, written out.
        guard
            let report = try StreamedReport.make(
                path: path, parser: WhatsAppParser(), options: options, providerNames: ["Sam Keller"],
                policy: BillingPolicy())
        else { fatalError("the generated export could not be streamed") }
        detail = "\(report.summary.messageCount) messages, \(report.bill.lines.count) sessions, "
        detail += "\(written(report)) bytes of report"
    case "whole":
        // The same report from a transcript held whole in memory, for comparison.
        let transcript = try WhatsAppParser().parse(InputFile.read(path: path), options: options)
        let report = Report(
            transcript: transcript, provider: ProviderIdentity(names: ["Sam Keller"]), policy: BillingPolicy())
        detail = "\(transcript.messages.count) messages, \(report.bill.lines.count) sessions, "
        detail += "\(written(report)) bytes of report"
    default:
        fatalError("unknown mode \(mode)")
    }
    print(String(format: "%.4f %.1f %@", now() - start, peakMemoryMiB(), detail))
    exit(0)
}

/// Writes a deterministic WhatsApp export of at least `megabytes` MB: a support chat between a
/// provider and a few clients' staff, with multi-line messages, attachments and day changes.
func generate(path: String, megabytes: Int) throws {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func random(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }
    let senders = ["Sam Keller", "Dana Fischer", "Jonas Weber", "Lena Hoffmann"]
    let phrases = [
        "the printer in the office stopped working again", "can you check the VPN, it keeps dropping",
        "I restarted the router like you said", "Outlook asks for my password every five minutes",
        "connecting remotely now, please leave the laptop on", "done, the update is installed",
        "thanks a lot!", "the shared drive is not showing up", "ok", "it works now 👍",
        "which version of the driver do you have?", "could you send a screenshot of the error?",
    ]
    guard let stream = OutputStream(toFileAtPath: path, append: false) else { throw CocoaError(.fileWriteUnknown) }
    stream.open()
    defer { stream.close() }
    var minuteOfEpoch = 29_000_000  // 2025-02-20
    var written = 0
    var chunk = ""
    let target = megabytes * 1_000_000
    func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    while written < target {
        minuteOfEpoch += random(10) == 0 ? 60 + random(900) : random(12)
        let seconds = Int64(minuteOfEpoch) * 60
        let civil = CivilDateTime(secondsSinceEpochAsUTC: seconds)
        var line = "\(pad(civil.day))/\(pad(civil.month))/\(civil.year), \(pad(civil.hour)):\(pad(civil.minute)) - "
        line += senders[random(senders.count)] + ": "
        switch random(20) {
        case 0: line += "<Media omitted>"
        case 1: line += phrases[random(phrases.count)] + "\n" + phrases[random(phrases.count)]
        default: line += phrases[random(phrases.count)]
        }
        line += "\n"
        chunk += line
        if chunk.utf8.count > 1 << 20 {
            let bytes = Array(chunk.utf8)
            written += bytes.count
            _ = bytes.withUnsafeBufferPointer { stream.write($0.baseAddress!, maxLength: $0.count) }
            chunk = ""
        }
    }
    let bytes = Array(chunk.utf8)
    _ = bytes.withUnsafeBufferPointer { stream.write($0.baseAddress!, maxLength: $0.count) }
}

let megabytes = Int(value(of: "--megabytes") ?? "100") ?? 100
let runs = Int(value(of: "--runs") ?? "3") ?? 3
let path =
    value(of: "--file")
    ?? FileManager.default.temporaryDirectory.appending(path: "chatbill-bench-\(megabytes)MB.txt").path
if !FileManager.default.fileExists(atPath: path) {
    print("generating \(path) (\(megabytes) MB, deterministic)…")
    try generate(path: path, megabytes: megabytes)
}
let size = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
#if DEBUG
    print("warning: a debug build; measure with `swift run -c release chatbill-bench`")
#endif
print("file: \(path), \(String(format: "%.1f", size / 1e6)) MB; median of \(runs) runs, each in its own process")
print("measurement".padded(to: 40) + "  MB/s   seconds  peak MiB  result")
for mode in ["newlines", "stream", "report", "whole"] {
    var results: [(seconds: Double, memory: Double, detail: String)] = []
    for _ in 0..<runs {
        let process = Process()
        process.executableURL = URL(filePath: CommandLine.arguments[0])
        process.arguments = ["--measure", mode, "--file", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let parts = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 2)
        guard parts.count == 3, let seconds = Double(parts[0]), let memory = Double(parts[1]) else {
            print("\(mode): the measurement failed: \(output)")
            exit(1)
        }
        results.append((seconds, memory, String(parts[2])))
    }
    let median = results.sorted { $0.seconds < $1.seconds }[results.count / 2]
    let label =
        switch mode {
        case "newlines": "baseline: read + memchr newline count"
        case "stream": "parse, streamed (SHA-256, messages)"
        case "report": "parse + sessionize + report, streamed"
        default: "the same, transcript held whole"
        }
    print(
        label.padded(to: 40)
            + String(format: "%6.0f  %8.3f  %8.1f  ", size / 1e6 / median.seconds, median.seconds, median.memory)
            + median.detail)
}
