import Foundation
import Testing

/// The evidence page in a real browser: headless Chromium prints it to PDF and takes a
/// screenshot; poppler reads the PDF back. Skipped where Chromium is not installed (Debian:
/// `apt-get install chromium poppler-utils fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji`,
/// which `.ci/run` does).
@Suite("Evidence in a real browser")
struct BrowserEvidenceTests {
    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/opt/homebrew/bin/"].map { $0 + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let chromium = tool("chromium") ?? tool("chromium-browser") ?? tool("google-chrome")
    static let hasBrowser = chromium != nil && tool("pdftotext") != nil && tool("pdffonts") != nil

    /// Runs a program; its standard output.
    @discardableResult
    func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(filePath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func browser(_ arguments: [String]) throws {
        try run(
            Self.chromium!,
            ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"] + arguments
        )
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "chatbill-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(.enabled(if: hasBrowser, "Chromium and poppler-utils are not installed; see .ci/run"))
    func thePagePrintsWithTotalsSessionsAndMessages() throws {
        let folder = try folder()
        let html = folder.appending(path: "evidence.html")
        let result = try CLITests().chatbill(
            "evidence", "Fixtures/billing/WhatsApp Chat with Dana Fischer.txt",
            "Fixtures/billing/TeamViewer connections.csv", "--config", "Fixtures/billing/chatbill.toml", "--client",
            "acme", "--month", "2026-11", "--paper", "letter", "-o", html.path)
        #expect(result.status == 0)
        let pdf = folder.appending(path: "evidence.pdf")
        try browser(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString])
        let text = try run(Self.tool("pdftotext")!, ["-layout", pdf.path, "-"])
        for expected in [
            "2h30m (2.50 h), 303.75 EUR", "2026-11-02 09:03–09:52", "2026-11-02 17:42–18:27", "2026-11-07 11:01–11:40",
            "Outlook keeps asking for the password", "38m of silent work", "TeamViewer connection", "177.75 EUR",
            "c21cecbdb80fc52f",
        ] {
            #expect(text.contains(expected), "the PDF lacks \(expected)")
        }
        let info = try run(Self.tool("pdfinfo") ?? Self.tool("pdftotext")!, [pdf.path])
        #expect(info.contains("612 x 792 pts") || !info.contains("Page size"), "Letter paper")
    }

    /// Arabic, Hebrew, CJK and emoji with joiners go through the browser intact, and the
    /// screenshot for the README is taken of the bundled evidence page.
    @Test(.enabled(if: hasBrowser, "Chromium and poppler-utils are not installed; see .ci/run"))
    func multilingualTextRendersAndTheScreenshotIsTaken() throws {
        let folder = try folder()
        let html = folder.appending(path: "evidence.html")
        let result = try CLITests().chatbill(
            "evidence", "Fixtures/evidence/WhatsApp Chat with Layla Haddad.txt", "--tz", "Europe/Berlin", "-o",
            html.path)
        #expect(result.status == 0)
        let pdf = folder.appending(path: "evidence.pdf")
        try browser(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString])
        // Every script comes back out of the PDF, and the colour emoji are there as the bitmap
        // (Type 3) glyphs Chromium embeds for them; the page itself was looked at (docs/assets).
        let text = try run(Self.tool("pdftotext")!, [pdf.path, "-"])
        for sample in ["مرحبا", "תודה רבה", "打印机", "完美", "👨‍💻", "👍🏽", "👩‍👩‍👧‍👦", "Driver reinstalled"] {
            #expect(text.contains(sample), "the PDF lacks \(sample)")
        }
        let fonts = try run(Self.tool("pdffonts")!, [pdf.path])
        #expect(fonts.contains("Type 3"), "no colour emoji glyphs in the PDF's fonts:\n\(fonts)")

        let screenshot = folder.appending(path: "evidence.png")
        let bundled = CLITests.packageRoot.appending(path: "Fixtures/billing/expected/acme.evidence.html")
        try browser(["--screenshot=\(screenshot.path)", "--window-size=1000,1400", bundled.absoluteString])
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        if ProcessInfo.processInfo.environment["CHATBILL_RECORD"] != nil {
            try png.write(to: CLITests.packageRoot.appending(path: "docs/assets/evidence.png"))
        }
    }

    /// A month of many short sessions printed through `--format pdf`: no page ends on a session's
    /// heading, its details or its column titles, away from the messages they head.
    @Test(.enabled(if: hasBrowser, "Chromium and poppler-utils are not installed; see .ci/run"))
    func noSessionHeadingIsLeftAloneAtTheFootOfAPage() throws {
        var chat = ""
        for day in 1...28 {
            let date = "\(day < 10 ? "0" : "")\(day)/11/2026"
            for (hour, length) in [(9, 3), (14, 5), (17, 2)] {
                for index in 0..<length {
                    let sender = index % 2 == 0 ? "Dana Fischer" : "Sam Keller"
                    chat +=
                        "\(date), \(hour):\(10 + index * 3) - \(sender): message \(index) of the \(hour) o'clock session\n"
                }
            }
        }
        let folder = try folder()
        let export = folder.appending(path: "WhatsApp Chat with Dana Fischer.txt")
        try chat.write(to: export, atomically: true, encoding: .utf8)
        let pdf = folder.appending(path: "evidence.pdf")
        for paper in ["a4", "letter"] {
            let result = try CLITests().chatbill(
                "evidence", export.path, "--tz", "Europe/Berlin", "--format", "pdf", "--paper", paper, "-o", pdf.path)
            #expect(result.status == 0, "\(result.stderr)")
            let pages = try run(Self.tool("pdftotext")!, ["-layout", pdf.path, "-"]).split(separator: "\u{0C}")
            #expect(pages.count > 5)
            for (number, page) in pages.enumerated() {
                let lines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                }
                guard let last = lines.last else { continue }
                let isHeading =
                    last.range(of: #"^2026-11-\d\d \d\d:\d\d–\d\d:\d\d$"#, options: .regularExpression) != nil
                #expect(
                    !isHeading && !last.hasPrefix("raw ") && !last.hasPrefix("time"),
                    "\(paper) page \(number + 1) ends with \(last)")
            }
        }
    }
}
