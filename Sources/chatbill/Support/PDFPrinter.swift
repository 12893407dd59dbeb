import ChatBillCore
import Foundation

/// Prints an HTML page to PDF with headless Chromium, the browser the evidence page is checked in.
enum PDFPrinter {
    static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first browser on `PATH` (or in the usual places).
    static var browser: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        for name in browsers {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        let mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
        return FileManager.default.isExecutableFile(atPath: mac) ? mac : nil
    }

    static func print(_ html: String, to output: String) throws(ChatBillError) {
        guard let browser else {
            throw .needsChoice(
                Diagnostic(
                    .error, file: output,
                    "a PDF is printed by headless Chromium, which is not installed; install it (Debian/Ubuntu: "
                        + "apt-get install chromium; macOS: brew install --cask chromium) or write --format html "
                        + "and print that"))
        }
        let folder = FileManager.default.temporaryDirectory.appending(path: "chatbill-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appending(path: "evidence.html")
        let target = URL(filePath: output, relativeTo: URL(filePath: FileManager.default.currentDirectoryPath))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try html.write(to: page, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(filePath: browser)
            process.arguments = [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--no-pdf-header-footer", "--print-to-pdf=\(target.path)", page.absoluteString,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: target.path) else {
                throw ChatBillError.unreadableInput(
                    Diagnostic(
                        .error, file: output, "\(browser) did not print the page (exit \(process.terminationStatus))"))
            }
        } catch let error as ChatBillError {
            throw error
        } catch {
            throw .unreadableInput(Diagnostic(.error, file: output, "cannot print the page: \(error)"))
        }
    }
}
