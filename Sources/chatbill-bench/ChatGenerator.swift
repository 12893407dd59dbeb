import ChatBillCore
import Foundation

/// A deterministic support chat, written out in each format the benchmark reads: the same
/// senders, phrases and rhythm (bursts of messages, gaps of hours) for every format.
struct ChatGenerator {
    struct Line {
        let civil: CivilDateTime
        let sender: String
        let text: String
        let isMedia: Bool
    }

    static let senders = ["Sam Keller", "Dana Fischer", "Jonas Weber", "Lena Hoffmann"]
    static let phrases = [
        "the printer in the office stopped working again", "can you check the VPN, it keeps dropping",
        "I restarted the router like you said", "Outlook asks for my password every five minutes",
        "connecting remotely now, please leave the laptop on", "done, the update is installed",
        "thanks a lot!", "the shared drive is not showing up", "ok", "it works now 👍",
        "which version of the driver do you have?", "could you send a screenshot of the error?",
    ]

    private var state: UInt64 = 0x2545_F491_4F6C_DD1D
    private var minuteOfEpoch = 29_000_000  // 2025-02-20

    mutating func random(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }

    /// The next message: one in ten after a pause of hours, one in twenty on two lines.
    mutating func next() -> Line {
        minuteOfEpoch += random(10) == 0 ? 60 + random(900) : random(12)
        let civil = CivilDateTime(secondsSinceEpochAsUTC: Int64(minuteOfEpoch) * 60)
        let sender = Self.senders[random(Self.senders.count)]
        switch random(20) {
        case 0: return Line(civil: civil, sender: sender, text: "", isMedia: true)
        case 1:
            let text = Self.phrases[random(Self.phrases.count)] + "\n" + Self.phrases[random(Self.phrases.count)]
            return Line(civil: civil, sender: sender, text: text, isMedia: false)
        default:
            return Line(civil: civil, sender: sender, text: Self.phrases[random(Self.phrases.count)], isMedia: false)
        }
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// The formats the benchmark measures, and how each is written.
enum BenchFormat: String, CaseIterable {
    case whatsapp
    case adium
    case telegramHTML = "telegram-html"
    case telegramPages = "telegram-html-pages"
    case telegramJSON = "telegram-json"
    case mattermost

    /// Where the generated export of `megabytes` MB lives (a folder for pages).
    func path(megabytes: Int) -> String {
        let name =
            switch self {
            case .whatsapp: "chatbill-bench-\(megabytes)MB.txt"
            case .adium: "chatbill-bench-\(megabytes)MB.xml"
            case .telegramHTML: "chatbill-bench-\(megabytes)MB.html"
            case .telegramPages: "chatbill-bench-\(megabytes)MB-telegram"
            case .telegramJSON: "chatbill-bench-\(megabytes)MB.json"
            case .mattermost: "chatbill-bench-\(megabytes)MB.jsonl"
            }
        return FileManager.default.temporaryDirectory.appending(path: name).path
    }

    /// Writes at least `megabytes` MB of this format to `path`.
    func generate(path: String, megabytes: Int) throws {
        var chat = ChatGenerator()
        let target = megabytes * 1_000_000
        if self == .telegramPages {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            var written = 0
            var page = 1
            while written < target {
                var body = ""
                for index in 0..<1000 { body += Self.telegramMessage(chat.next(), id: page * 1000 + index) }
                let text = Self.telegramHead + body + Self.telegramTail
                written += text.utf8.count
                try text.write(
                    toFile: path + "/" + (page == 1 ? "messages.html" : "messages\(page).html"), atomically: false,
                    encoding: .utf8)
                page += 1
            }
            return
        }
        guard let stream = OutputStream(toFileAtPath: path, append: false) else { throw CocoaError(.fileWriteUnknown) }
        stream.open()
        defer { stream.close() }
        var written = 0
        func write(_ text: String) {
            guard !text.isEmpty else { return }
            let bytes = Array(text.utf8)
            written += bytes.count
            _ = bytes.withUnsafeBufferPointer { stream.write($0.baseAddress!, maxLength: $0.count) }
        }
        let (head, tail) = frame
        write(head)
        var chunk = ""
        var index = 0
        while written + chunk.utf8.count < target {
            chunk += entry(chat.next(), index: index)
            index += 1
            if chunk.utf8.count > 1 << 20 {
                write(chunk)
                chunk = ""
            }
        }
        write(chunk + tail)
    }

    private var frame: (head: String, tail: String) {
        switch self {
        case .whatsapp: ("", "")
        case .adium:
            (
                "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<chat xmlns=\"http://purl.org/net/ulf/ns/0.4-02\" "
                    + "account=\"sam@example.org\" service=\"Jabber\">\n", "</chat>\n"
            )
        case .telegramHTML, .telegramPages: (Self.telegramHead, Self.telegramTail)
        case .telegramJSON:
            (
                "{\n \"name\": \"Dana Fischer\",\n \"type\": \"personal_chat\",\n \"id\": 1,\n \"messages\": [\n",
                "\n ]\n}\n"
            )
        case .mattermost:
            (
                "{\"type\":\"version\",\"version\":1}\n{\"type\":\"team\",\"team\":{\"name\":\"acme\"}}\n"
                    + "{\"type\":\"channel\",\"channel\":{\"team\":\"acme\",\"name\":\"it-support\"}}\n", ""
            )
        }
    }

    private func entry(_ line: ChatGenerator.Line, index: Int) -> String {
        let c = line.civil
        let pad = ChatGenerator.pad
        switch self {
        case .whatsapp:
            let text = line.isMedia ? "<Media omitted>" : line.text
            return
                "\(pad(c.day))/\(pad(c.month))/\(c.year), \(pad(c.hour)):\(pad(c.minute)) - \(line.sender): \(text)\n"
        case .adium:
            let text =
                line.isMedia
                ? "<a href=\"file.jpg\">file.jpg</a>" : line.text.replacingOccurrences(of: "\n", with: "<br/>")
            return
                "<message sender=\"\(line.sender.lowercased().replacingOccurrences(of: " ", with: "."))@example.org\" "
                + "time=\"\(c.dateString)T\(c.timeString)+01:00\" alias=\"\(line.sender)\"><div>\(text)</div></message>\n"
        case .telegramHTML, .telegramPages:
            return Self.telegramMessage(line, id: index)
        case .telegramJSON:
            let text = line.isMedia ? "" : line.text.replacingOccurrences(of: "\n", with: "\\n")
            let media = line.isMedia ? ",\n   \"photo\": \"(File not included.)\"" : ""
            // As Telegram Desktop writes it since 2021: the UTC time beside the local one, and the
            // text again as entities.
            let entities =
                text.isEmpty ? "[]" : "[\n    {\n     \"type\": \"plain\",\n     \"text\": \"\(text)\"\n    }\n   ]"
            return (index == 0 ? "" : ",\n") + "  {\n   \"id\": \(index),\n   \"type\": \"message\",\n"
                + "   \"date\": \"\(c.dateString)T\(c.timeString)\",\n"
                + "   \"date_unixtime\": \"\(c.secondsSinceEpochAsUTC - 3600)\",\n   \"from\": \"\(line.sender)\",\n"
                + "   \"from_id\": \"user\(line.sender.count)\"\(media),\n   \"text\": \"\(text)\",\n"
                + "   \"text_entities\": \(entities)\n  }"
        case .mattermost:
            let text = line.isMedia ? "" : line.text.replacingOccurrences(of: "\n", with: "\\n")
            let files = line.isMedia ? ",\"attachments\":[{\"path\":\"data/photo\(index).jpg\"}]" : ""
            return "{\"type\":\"post\",\"post\":{\"team\":\"acme\",\"channel\":\"it-support\","
                + "\"user\":\"\(line.sender.lowercased().replacingOccurrences(of: " ", with: "."))\",\"message\":\"\(text)\","
                + "\"create_at\":\((c.secondsSinceEpochAsUTC - 3600) * 1000)\(files)}}\n"
        }
    }

    static let telegramHead = """
        <!DOCTYPE html>
        <html>
         <head>
          <meta charset="utf-8"/>
        <title>Exported Data</title>
         </head>
         <body>
          <div class="page_wrap">
           <div class="page_body chat_page">
            <div class="history">

        """
    static let telegramTail = "    </div>\n   </div>\n  </div>\n </body>\n</html>\n"

    static func telegramMessage(_ line: ChatGenerator.Line, id: Int) -> String {
        let c = line.civil
        let pad = ChatGenerator.pad
        let body =
            line.isMedia
            ? "<div class=\"media_wrap clearfix\"><div class=\"media clearfix pull_left media_photo\"><div class=\"body\">"
                + "<div class=\"title bold\">Photo</div></div></div></div>"
            : "<div class=\"text\">\(line.text.replacingOccurrences(of: "\n", with: "<br>"))</div>"
        return "     <div class=\"message default clearfix\" id=\"message\(id)\">\n      <div class=\"body\">\n"
            + "       <div class=\"pull_right date details\" title=\"\(pad(c.day)).\(pad(c.month)).\(c.year) "
            + "\(c.timeString) UTC+01:00\">\(c.hourMinuteString)</div>\n"
            + "       <div class=\"from_name\">\(line.sender)</div>\n       \(body)\n      </div>\n     </div>\n"
    }
}
