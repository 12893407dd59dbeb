import Foundation
import Testing

@testable import ChatBillCore

@Suite("Adium and Empathy XML logs")
struct XMLLogParserTests {
    static let adium = "adium/Jabber.sam@example.org/dana@example.org/dana@example.org (2026-11-23T09.58.41+0100).xml"
    static let empathy = "empathy/dana@example.org/20261124.log"

    @Test func adiumMessagesEventsAndTheAccountAsProvider() throws {
        let transcript = try AdiumParser().parse(Fixtures.input(Self.adium), options: ParseOptions(timeZone: .machine))
        #expect(transcript.messages.map(\.kind) == [.system, .text, .text, .text, .system, .text, .system])
        #expect(transcript.messages[2].text == "Checking the sync account.\nWhich phone is it?")
        #expect(transcript.messages[3].text == "The new iPhone & the old iPad")
        #expect(transcript.timeZone.source == .export)
        #expect(
            ISOTimestamp.format(transcript.messages[1].instant, in: transcript.timeZone.timeZone)
                == "2026-11-23T10:00:05+01:00")
        let provider = try ProviderIdentity.resolve(names: [], for: transcript)
        #expect(provider.names == ["Sam Keller"])
        #expect(provider.source == .markedInExport)
    }

    /// Adium's times are read by position when they have the plain shape; that reading must be
    /// the layout's, and anything else (fractions, `+0200`, a month 13) goes to the layouts.
    @Test func plainISOTimesReadAsTheLayoutReadsThem() {
        let layout = TimestampLayout("YYYY-MM-DDTHH:mm:ssZ")!
        let times = [
            "2026-10-14T09:02:00+02:00", "2026-10-14T09:02:00Z", "1999-12-31T23:59:59-05:30", "2026-02-29T09:02:00Z",
            "2026-13-14T09:02:00+02:00", "2026-10-14T24:02:00+02:00", "2026-10-14 09:02:00+02:00",
            "2026-10-14T09:02:00+0200", "2026-10-14T09:02:00.250+02:00", "2026-1a-14T09:02:00+02:00",
            "2026-10-14T09:02:00*02:00",
        ]
        for time in times {
            let bytes = Array(time.utf8)
            bytes.withUnsafeBufferPointer { bytes in
                let plain = TimestampLayout.readPlainISO(bytes)
                let general = layout.read(bytes, 0..<bytes.count)
                if let plain {
                    #expect(plain.0 == general?.0 && plain.offset == general?.offset, "\(time)")
                }
                #expect((plain == nil) == (bytes.count != 20 && bytes.count != 25 || general == nil), "\(time)")
            }
        }
        #expect(TimestampLayout.readISO("2026-10-14T09:02:00.250+02:00")?.offset == 7200)
    }

    /// What libxml2 could not read is a warning with its place: the log is still billed, so the
    /// problem is counted and fails `--strict` (an error would say the command failed).
    @Test func aTruncatedAdiumLogKeepsWhatItCouldReadAndSaysWhere() throws {
        let whole = try Fixtures.input(Self.adium).bytes
        let cut = Array(whole.prefix(whole.count * 2 / 3))
        let transcript = try AdiumParser().parse(
            InputFile(displayName: "cut.xml", bytes: cut), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.count >= 3)
        #expect(!transcript.diagnostics.contains { $0.severity == .error })
        let cutShort = try #require(transcript.diagnostics.last)
        #expect(cutShort.severity == .warning)
        #expect(cutShort.file == "cut.xml")
        #expect(cutShort.location != nil)
        #expect(cutShort.message.hasSuffix("is it cut short?"))
        #expect(transcript.warningCount == transcript.diagnostics.count)
    }

    @Test func anAdiumLogWithAnExternalEntityReadsNoFile() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE chat [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <chat account="sam"><message sender="dana" time="2026-11-23T10:00:05+01:00">&x;hi</message></chat>
            """
        let transcript = try AdiumParser().parse(
            InputFile(displayName: "x.chatlog", bytes: Array(xml.utf8)),
            options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.text) == ["hi"])
    }

    @Test func empathyTimesAreUTCAndCallsAreCallEvents() throws {
        let transcript = try EmpathyParser().parse(
            Fixtures.input(Self.empathy), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.kind) == [.text, .text, .call, .text])
        #expect(transcript.messages[2].text == "call, 7m")
        #expect(transcript.messages[2].sender == "Sam Keller")
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-24T09:15:02+01:00")
        #expect(try ProviderIdentity.resolve(names: [], for: transcript).names == ["Sam Keller"])
    }

    @Test func theSharedCorpusLogsReadEveryEntry() throws {
        guard let corpus = Fixtures.corpus else { return }
        let samples: [(String, String, Int, String, String)] = [
            (
                "adium-chatlog-xml/gabebw__pidgin2adium/html_log_output.xml", "adium", 3, "2008-01-15T12:14:45+00:00",
                "2008-01-15T12:14:48+00:00"
            ),
            (
                "empathy-telepathy-xml/TelepathyIM__telepathy-logger/20100111.log", "empathy", 7,
                "2010-01-11T00:00:01+00:00",
                "2010-01-11T00:00:05+00:00"
            ),
            (
                "empathy-telepathy-xml/TelepathyIM__telepathy-logger/20100113.call.log", "empathy", 3,
                "2010-01-13T17:48:01+00:00", "2010-01-13T17:48:01+00:00"
            ),
        ]
        let utc = TimeZone(identifier: "UTC")!
        for (path, parserName, count, first, last) in samples {
            let input = try InputFile.read(path: corpus.appending(path: path).path)
            let parser = try ParserRegistry.standard.choose(for: input)
            #expect(parser.name == parserName, "\(path)")
            let transcript = try parser.parse(input, options: ParseOptions(timeZone: Fixtures.berlin))
            #expect(transcript.messages.count == count, "\(path)")
            #expect(transcript.messages.first.map { ISOTimestamp.format($0.instant, in: utc) } == first, "\(path)")
            #expect(transcript.messages.last.map { ISOTimestamp.format($0.instant, in: utc) } == last, "\(path)")
        }
    }
}

@Suite("Windows Live Messenger and Kopete XML")
struct MessengerAndKopeteTests {
    static let wlm = "wlm-xml/DanaFischer1234567890.xml"
    static let kopete = "kopete/dana@example.org.202611.xml"

    @Test func windowsLiveMessengerReadsUTCTimesAndLeavesAsSystemLines() throws {
        let transcript = try WindowsLiveMessengerParser().parse(
            Fixtures.input(Self.wlm), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(try ParserRegistry.standard.choose(for: Fixtures.input(Self.wlm)).name == "wlm-xml")
        #expect(transcript.messages.map(\.sender) == ["Dana Fischer", "Sam Keller", "", "Sam Keller"])
        #expect(transcript.messages.map(\.kind) == [.text, .text, .system, .text])
        #expect(transcript.messages[3].text == "Done – it reconnects now")
        #expect(
            ISOTimestamp.format(transcript.messages[0].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-28T09:15:02+01:00")
    }

    @Test func kopeteTakesMonthAndYearFromItsHead() throws {
        let transcript = try KopeteParser().parse(
            Fixtures.input(Self.kopete), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(try ParserRegistry.standard.choose(for: Fixtures.input(Self.kopete)).name == "kopete")
        #expect(transcript.messages.count == 4)
        #expect(
            ISOTimestamp.format(transcript.messages[2].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-28T09:40:02+01:00")
        #expect(try ProviderIdentity.resolve(names: [], for: transcript).names == ["Sam Keller"])
    }
}

@Suite("Trillian XML")
struct TrillianTests {
    static let fixture = "trillian-xml/danafischer.xml"

    @Test func elementsWithoutARootEpochTimesAndURLEncodedText() throws {
        let transcript = try TrillianParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(try ParserRegistry.standard.choose(for: Fixtures.input(Self.fixture)).name == "trillian-xml")
        #expect(transcript.messages.map(\.kind) == [.system, .text, .text, .text, .system])
        #expect(transcript.messages.map(\.sender) == ["", "Dana Fischer", "Sam Keller", "Dana Fischer", ""])
        #expect(transcript.messages[2].text == "Paper size was Letter instead of A4; fixed it remotely")
        #expect(transcript.messages.map(\.location.line) == [1, 2, 3, 4, 5])
        #expect(
            ISOTimestamp.format(transcript.messages[1].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-28T11:00:12+01:00")
        #expect(try ProviderIdentity.resolve(names: [], for: transcript).names == ["Sam Keller"])
    }
}

@Suite("XMPP archives")
struct XMPPArchiveTests {
    static let fixture = "xmpp-mam/dana@example.org.xml"

    @Test func forwardedMessagesWithTheirDelayStamps() throws {
        let transcript = try XMPPArchiveParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(try ParserRegistry.standard.choose(for: Fixtures.input(Self.fixture)).name == "xmpp-mam")
        #expect(transcript.messages.map(\.sender) == ["dana@example.org", "sam@example.org", "dana@example.org"])
        #expect(transcript.messages[0].text == "Sam, the NAS web page says \"degraded\"")
        #expect(
            ISOTimestamp.format(transcript.messages[2].instant, in: Fixtures.berlin.timeZone)
                == "2026-11-28T14:20:05+01:00")
        #expect(try ProviderIdentity.resolve(names: [], for: transcript).names == ["sam@example.org"])
    }
}
