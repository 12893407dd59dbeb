import ChatBillCore
import Foundation
import Testing

/// Paths to the project's own fixtures and to the shared corpus beside the checkout.
enum Fixtures {
    static let root = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appending(path: "Fixtures/" + relative) }

    /// The shared corpus of real exports (`../shared/corpus`), when it is there.
    static var corpus: URL? {
        let url = root.deletingLastPathComponent().appending(path: "shared/corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A fixture as `chatbill` run from the package root names it (`Fixtures/whatsapp/…`), so
    /// golden files do not depend on where the checkout is.
    static func input(_ relative: String) throws -> InputFile {
        InputFile(displayName: "Fixtures/" + relative, bytes: try InputFile.read(path: url(relative).path).bytes)
    }

    /// A fixture folder, its files named as `chatbill` run from the package root names them.
    static func folder(_ relative: String) -> ExportFolder? {
        ExportFolder.folder(at: url(relative).path, displayPath: "Fixtures/" + relative)
    }

    /// Whether a fixture is an export folder rather than a file.
    static func isFolder(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url(relative).path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    static let berlin = ZoneChoice(TimeZone(identifier: "Europe/Berlin")!, source: .flag)

    /// Every WhatsApp fixture, with the expected messages recorded next to it.
    static let whatsApp = [
        "whatsapp/WhatsApp Chat with Dana Fischer.txt",
        "whatsapp/crlf-bom/WhatsApp Chat with Dana Fischer.txt",
        "whatsapp/ios-12h/_chat.txt",
        "whatsapp/android-12h-us/WhatsApp Chat with Chris Miller.txt",
        "whatsapp/android-ko/WhatsApp Chat with 김민지.txt",
    ]

    static let irc = ["irc/irssi/#support.log", "irc/weechat/irc.libera.#support.weechatlog", "irc/znc/2026-11-12.log"]

    /// Every Zoom fixture; the folder names give the meeting days.
    static let zoom = [
        "zoom/2026-11-05 14.00.00 Printer rollout 81234567890/meeting_saved_chat.txt",
        "zoom/2026-11-09 23.50.00 Backup check 85550001111/meeting_saved_chat.txt",
        "zoom/2026-11-12 09.30.00 VPN outage 85550002222/meeting_saved_chat.txt",
    ]
}

/// Compares text with a golden file next to the fixtures. `CHATBILL_RECORD=1` writes the file
/// instead, and the test then fails so a recording is never mistaken for a pass.
func expectGolden(_ actual: String, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Fixtures.url(relative)
    if ProcessInfo.processInfo.environment["CHATBILL_RECORD"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded \(relative); review it and run again without CHATBILL_RECORD", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(
        actual == expected, "differs from \(relative); CHATBILL_RECORD=1 re-records", sourceLocation: sourceLocation)
}

/// A small deterministic random number generator for property tests (SplitMix64), so a failing
/// case can be reproduced from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Messages for sessionizer tests: `at("09:02", "C")` on a fixed day in UTC.
enum Chat {
    static let day = CivilDateTime(year: 2026, month: 10, day: 14)

    static func message(_ instant: Date, _ sender: String, line: Int, kind: MessageKind = .text) -> Message {
        Message(
            instant: instant, timestampText: "", sender: sender, text: "", kind: kind,
            location: InputLocation(line: line, column: 1), lastLine: line, byteRange: 0..<0)
    }

    /// `("09:02", "C")` pairs on `day`, read in UTC, lines numbered from 1.
    static func messages(_ items: [(String, String)], day: CivilDateTime = day) -> [Message] {
        items.enumerated().map { index, item in
            let parts = item.0.split(separator: ":").map { Int($0)! }
            var civil = day
            civil.hour = parts[0]
            civil.minute = parts[1]
            return message(
                Date(timeIntervalSince1970: TimeInterval(civil.secondsSinceEpochAsUTC)), item.1, line: index + 1)
        }
    }
}
