import Foundation
import Testing

@testable import ChatBillCore

@Suite("Facebook messages.htm parser")
struct FacebookHTMLParserTests {
    static let fixture = "facebook-html/html/messages.htm"

    func parse(chat: String?) throws -> Transcript {
        try FacebookHTMLParser().parse(
            Fixtures.input(Self.fixture), options: ParseOptions(timeZone: .machine, chat: chat))
    }

    @Test func chatPicksTheConversationNewestFirstIsRead() throws {
        let transcript = try parse(chat: "Dana")
        #expect(transcript.messages.map(\.sender) == ["Dana Fischer", "Sam Keller", "Dana Fischer"])
        #expect(transcript.messages[1].text == "I renewed the shop's SSL certificate.\nReload the page please.")
        #expect(transcript.timeZone.timeZone.secondsFromGMT() == -28_800)
        let utc = TimeZone(identifier: "UTC")!
        #expect(ISOTimestamp.format(transcript.messages[2].instant, in: utc) == "2026-11-27T17:02:00+00:00")
        #expect(try ProviderIdentity.resolve(names: [], for: transcript).names == ["Sam Keller"])
    }

    @Test func severalConversationsWithoutChatIsAChoiceToMake() {
        #expect {
            try parse(chat: nil)
        } throws: { error in
            (error as? ChatBillError)?.diagnostic.message.contains("'Sam Keller, Jonas Weber'") == true
        }
        #expect(throws: ChatBillError.self) { try parse(chat: "Sam") }
    }

    @Test(arguments: [
        ("Friday, October 4, 2013 at 10:05pm PDT", "2013-10-04T22:05:00", -25_200),
        ("Monday, January 5, 2015 at 9:00am UTC+01", "2015-01-05T09:00:00", 3600),
        ("Monday, January 5, 2015 at 12:30am CET", "2015-01-05T00:30:00", 3600),
        ("Thursday, November 3, 2016 at 11:59:50 AM UTC", "2016-11-03T11:59:50", 0),
        ("Tuesday, March 3, 2020 at 4:05:06\u{202F}PM UTC", "2020-03-03T16:05:06", 0),
    ])
    func datesAndZones(text: String, wallClock: String, offset: Int) throws {
        let (civil, read) = try #require(SpelledOutTimestamp.read(text))
        #expect("\(civil.dateString)T\(civil.timeString)" == wallClock)
        #expect(read == offset)
    }

    @Test func theSharedCorpusPageReadsEveryConversation() throws {
        guard let corpus = Fixtures.corpus else { return }
        let input = try InputFile.read(
            path: corpus.appending(
                path: "facebook-messages-htm/ownaginatious__fbchat-archive-parser/simulated_data.htm"
            ).path)
        #expect(try ParserRegistry.standard.choose(for: input).name == "facebook-html")
        var total = 0
        for chat in [
            "First User 一, Second User 二", "First User 一, Third User 三", "First User 一, Second User 二, Third User 三",
        ] {
            total += try FacebookHTMLParser().parse(input, options: ParseOptions(timeZone: .machine, chat: chat))
                .messages.count
        }
        #expect(total == 20)
    }
}
