import Foundation
import Testing

@testable import ChatBillCore

@Suite("WhatsApp parser")
struct WhatsAppParserTests {
    let parser = WhatsAppParser()

    func parse(_ text: String, name: String = "chat.txt", order: DateOrder? = nil) throws -> Transcript {
        try parser.parse(
            InputFile(displayName: name, bytes: Array(text.utf8)),
            options: ParseOptions(timeZone: ZoneChoice(TimeZone(identifier: "UTC")!, source: .flag), dateOrder: order))
    }

    func utc(_ message: Message) -> String {
        ISOTimestamp.format(message.instant, in: TimeZone(identifier: "UTC")!)
    }

    /// Header lines in the shapes WhatsApp writes, with the instant each must give (UTC).
    static let headerShapes: [(String, String)] = [
        ("14/10/2026, 09:02 - Dana: hi", "2026-10-14T09:02:00+00:00"),
        ("14/10/26, 9:02 - Dana: hi", "2026-10-14T09:02:00+00:00"),
        ("14/10/2026, 9:02 PM - Dana: hi", "2026-10-14T21:02:00+00:00"),
        ("14/10/2026, 12:02 AM - Dana: hi", "2026-10-14T00:02:00+00:00"),
        ("14/10/2026, 12:02 pm - Dana: hi", "2026-10-14T12:02:00+00:00"),
        ("14/10/2026, 9:02\u{202F}p.m. - Dana: hi", "2026-10-14T21:02:00+00:00"),
        ("14/10/2026, 9:02 p.\u{00A0}m. - Dana: hi", "2026-10-14T21:02:00+00:00"),
        ("14/10/2026, 9:02\u{00A0}a. m. - Dana: hi", "2026-10-14T09:02:00+00:00"),
        ("14/10/2026 09:02 - Dana: hi", "2026-10-14T09:02:00+00:00"),
        ("14.10.26, 09:02 - Dana: hi", "2026-10-14T09:02:00+00:00"),
        ("14-10-2026, 09:02 \u{2013} Dana: hi", "2026-10-14T09:02:00+00:00"),
        ("[14/10/2026, 09:02:33] Dana: hi", "2026-10-14T09:02:33+00:00"),
        ("[14/10/2026, 9:02:33\u{202F}PM] Dana: hi", "2026-10-14T21:02:33+00:00"),
        ("\u{200E}[14/10/2026, 9:02:33 AM] Dana: \u{200E}image omitted", "2026-10-14T09:02:33+00:00"),
        ("\u{FEFF}14/10/2026, 09:02 - Dana: hi", "2026-10-14T09:02:00+00:00"),
        ("2026/10/14, 13:01. - Dana: hi", "2026-10-14T13:01:00+00:00"),
        // Other locales (FORMATS.md, section 1).
        ("14.10.26 um 22:45 - Dana: hi", "2026-10-14T22:45:00+00:00"),
        ("14/10/2026 à 22:39 - Dana: hi", "2026-10-14T22:39:00+00:00"),
        ("14.10.2026 klo 21.25.15 - Dana: hi", "2026-10-14T21:25:15+00:00"),
        ("14.10.26 21.25.15: Dana: hi", "2026-10-14T21:25:15+00:00"),
        ("14/10/26 18.00 - Dana: hi", "2026-10-14T18:00:00+00:00"),
        ("14.10.2026 в 09:02 - Dana: hi", "2026-10-14T09:02:00+00:00"),
        ("14-10-2026, 01.55 PM - Dana: hi", "2026-10-14T13:55:00+00:00"),
        ("[2026/10/14 1:55:00 p. m.] Dana: hi", "2026-10-14T13:55:00+00:00"),
        ("2026/10/14 下午2:30 - Dana: hi", "2026-10-14T14:30:00+00:00"),
        ("2026/10/14 午前9:05 - Dana: hi", "2026-10-14T09:05:00+00:00"),
        (
            "\u{0661}\u{0664}\u{200F}/\u{0661}\u{0660}\u{200F}/\u{0662}\u{0660}\u{0662}\u{0666}\u{060C} \u{0662}:\u{0660}\u{0667} \u{0645} - Dana: hi",
            "2026-10-14T14:07:00+00:00"
        ),
        (
            "\u{06F1}\u{06F4}/\u{06F1}\u{06F0}/\u{06F2}\u{06F6}, \u{06F0}\u{06F9}:\u{06F3}\u{06F0} - Dana: hi",
            "2026-10-14T09:30:00+00:00"
        ),
        ("14/10/2569, 09:02 - Dana: hi", "2026-10-14T09:02:00+00:00"),
        // Spaced dates closed by a dot are year first (Korean, Hungarian), whatever the order
        // given; without the closing dot (Slovak) they are read as any other.
        ("26. 10. 14. 오후 2:30 - Dana: hi", "2026-10-14T14:30:00+00:00"),
        ("[2026. 10. 14. 오전 9:30:05] Dana: hi", "2026-10-14T09:30:05+00:00"),
        ("2026. 10. 14. 14:30 - Dana: hi", "2026-10-14T14:30:00+00:00"),
        ("14. 10. 2026 14:30 - Dana: hi", "2026-10-14T14:30:00+00:00"),
    ]

    @Test(arguments: headerShapes)
    func everyHeaderShapeReadsToTheSameInstant(line: String, expected: String) throws {
        let transcript = try parse(line + "\n", order: .dmy)
        let message = try #require(transcript.messages.first)
        #expect(transcript.messages.count == 1)
        #expect(utc(message) == expected)
        #expect(message.sender == "Dana")
        #expect(transcript.diagnostics.isEmpty)
    }

    @Test(arguments: [
        "14/10/2026 - Dana: no time",
        "14/10/2026, 09:2 - Dana: one-digit minute",
        "2016-04-29 10:30:00 pasted from a log",
        "[14/10/2026, 09:02 Dana: no closing bracket",
        "14/10/2026, 09:02 Dana: no separator",
        "Meeting at 14/10/2026, 09:02 - not at the start",
    ])
    func linesThatOnlyLookLikeHeadersContinueTheMessage(line: String) throws {
        let transcript = try parse("14/10/2026, 09:00 - Dana: first\n\(line)\n")
        #expect(transcript.messages.count == 1)
        #expect(transcript.messages[0].text == "first\n\(line)")
        #expect(transcript.messages[0].lastLine == 2)
    }

    @Test func aLineWrittenUnlikeTheRestOfTheFileIsText() throws {
        let text = """
            [14.10.26, 09:00:00] Dana: the log says
            [14.10.2026, 08:59:13] Service: restarted
            [14.10.26, 09:01:00] Sam: thanks
            [14.10.26, 09:02:00] Dana: ok

            """
        let transcript = try parse(text)
        #expect(transcript.messages.map(\.location.line) == [1, 3, 4])
        #expect(transcript.messages[0].text == "the log says\n[14.10.2026, 08:59:13] Service: restarted")
        #expect(transcript.diagnostics.map(\.severity) == [.note])
        #expect(transcript.diagnostics.first?.location?.line == 2)
    }

    @Test func multiLineMessagesKeepTheirLinesAndByteRange() throws {
        let text = "14/10/2026, 09:00 - Dana: one\ntwo\n\nthree\n14/10/2026, 09:01 - Sam: next\n"
        let transcript = try parse(text)
        #expect(transcript.messages.map(\.text) == ["one\ntwo\n\nthree", "next"])
        #expect(transcript.messages[0].lastLine == 4)
        #expect(transcript.messages[1].location == InputLocation(line: 5, column: 1))
        let bytes = Array(text.utf8)
        #expect(
            String(decoding: bytes[transcript.messages[0].byteRange], as: UTF8.self)
                == "14/10/2026, 09:00 - Dana: one\ntwo\n\nthree")
    }

    @Test func kindsAndMarkersAreRecognised() throws {
        let text = """
            14/10/2026, 09:00 - Messages and calls are end-to-end encrypted. Tap to learn more.
            14/10/2026, 09:01 - Dana: <Media omitted>
            14/10/2026, 09:02 - Dana: IMG-20261014-WA0001.jpg (file attached)
            14/10/2026, 09:03 - Dana: This message was deleted
            14/10/2026, 09:04 - Sam: Missed voice call
            14/10/2026, 09:05 - Sam: fixed it <This message was edited>
            14/10/2026, 09:06 - Sam added Dana
            14/10/2026, 09:07 - Dana: I added the printer: it works

            """
        let transcript = try parse(text)
        #expect(
            transcript.messages.map(\.kind) == [
                .system, .attachment, .attachment, .deleted, .call, .text, .system, .text,
            ])
        #expect(transcript.messages[5].text == "fixed it")
        #expect(transcript.messages[5].isEdited)
        #expect(transcript.messages[6].sender == "")
        #expect(transcript.messages[7].text == "I added the printer: it works")
    }

    @Test func iOSSystemLinesThatCarryAnAuthorAreSystemLines() throws {
        let text = """
            [14/10/2026, 09:00:00] Dana: \u{200E}Messages and calls are end-to-end encrypted.
            [14/10/2026, 09:00:05] Dana: \u{200E}Dana changed the group description
            [14/10/2026, 09:00:09] Dana: I left the office, call me
            \u{200E}[14/10/2026, 09:01:00] Dana: \u{200E}<attached: 00000001-PHOTO-2026-10-14-09-01-00.jpg>
            [14/10/2026, 09:02:00] Dana: \u{200E}document omitted
            [14/10/2026, 09:03:00] This is an info entry

            """
        let transcript = try parse(text)
        #expect(transcript.messages.map(\.kind) == [.system, .system, .text, .attachment, .attachment, .system])
    }

    @Test func germanAndNewerIOSMarkersAreRecognised() throws {
        let text = """
            [08.10.25, 23:00:00] Gruppe: \u{200E}Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.
            [08.10.25, 23:08:02] Alice: Alles gut \u{200E}<Diese Nachricht wurde bearbeitet.>
            [08.10.25, 23:09:00] Bob: \u{200E}<Anhang: 00000005-PHOTO-2025-10-08-23-09-00.jpg>
            [08.10.25, 23:10:00] Bob: \u{200E}Bild weggelassen
            [08.10.25, 23:11:00] Alice: \u{200E}Diese Nachricht wurde gelöscht.
            [08.10.25, 23:12:00] Bob: \u{200E}Verpasster Sprachanruf. \u{200E}Zum Zurückrufen tippen
            [08.10.25, 23:13:00] Alice: All good \u{200E}<This message was edited.>
            [13.10.25, 23:14:00] Gruppe: \u{200E}Alice hat die Gruppe erstellt.

            """
        let transcript = try parse(text)
        #expect(
            transcript.messages.map(\.kind) == [
                .system, .text, .attachment, .attachment, .deleted, .call, .text, .system,
            ])
        #expect(transcript.messages[1].text == "Alles gut")
        #expect(transcript.messages[1].isEdited)
        #expect(transcript.messages[6].text == "All good")
        #expect(transcript.messages[6].isEdited)
    }

    /// What phones in Spanish, French, Portuguese, Italian, Dutch, Russian and Turkish write for
    /// left-out media, attachments and deleted messages (Android), and the iOS encryption notice.
    @Test(arguments: [
        (
            "es", "<Multimedia omitido>", "IMG-20261014-WA0001.jpg (archivo adjunto)", "Se eliminó este mensaje.",
            "Los mensajes y las llamadas están cifrados de extremo a extremo. Solo las personas en este chat pueden leerlos."
        ),
        (
            "fr", "<Médias omis>", "IMG-20261014-WA0001.jpg (fichier joint)", "Ce message a été supprimé",
            "Les messages et les appels sont chiffrés de bout en bout."
        ),
        (
            "pt", "<Mídia oculta>", "IMG-20261014-WA0001.jpg (arquivo anexado)", "Mensagem apagada",
            "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta."
        ),
        (
            "it", "<Media omessi>", "IMG-20261014-WA0001.jpg (file allegato)", "Questo messaggio è stato eliminato",
            "I messaggi e le chiamate sono crittografati end-to-end."
        ),
        (
            "nl", "<Media weggelaten>", "IMG-20261014-WA0001.jpg (bestand bijgevoegd)", "Dit bericht is verwijderd",
            "Berichten en oproepen zijn end-to-end versleuteld."
        ),
        (
            "ru", "<Без медиафайлов>", "IMG-20261014-WA0001.jpg (файл добавлен)", "Данное сообщение удалено",
            "Сообщения и звонки защищены сквозным шифрованием."
        ),
        (
            "tr", "<Medya dahil edilmedi>", "IMG-20261014-WA0001.jpg (dosya ekli)", "Bu mesaj silindi.",
            "Mesajlar ve aramalar uçtan uca şifrelidir."
        ),
    ])
    func localisedMarkersAreRecognised(
        locale: String, omitted: String, attached: String, deleted: String, notice: String
    )
        throws
    {
        let android = try parse(
            "14/10/2026, 09:00 - Ana: \(omitted)\n14/10/2026, 09:01 - Ana: \(attached)\n"
                + "14/10/2026, 09:02 - Ana: \(deleted)\n14/10/2026, 09:03 - Ana: hola\n")
        #expect(android.messages.map(\.kind) == [.attachment, .attachment, .deleted, .text], "\(locale)")
        let iOS = try parse("[14/10/2026, 09:00:00] Grupo: \(notice)\n[14/10/2026, 09:01:00] Ana: hola\n")
        #expect(iOS.messages.map(\.kind) == [.system, .text], "\(locale)")
    }

    /// iOS exports with media name each file in the phone's language.
    @Test(arguments: ["<attached: ", "<Anhang: ", "<adjunto: ", "<anexado: ", "<allegato: "])
    func iOSAttachmentsAreRecognisedInEachLanguage(marker: String) throws {
        let transcript = try parse(
            "[14/10/2026, 09:00:00] Ana: \u{200E}\(marker)00000003-PHOTO-2026-10-14-09-00-00.jpg>\n")
        #expect(transcript.messages.map(\.kind) == [.attachment])
    }

    @Test func sendersKeepColonsOutAndLoseTrailingSpaces() throws {
        let transcript = try parse(
            "14/10/2026, 09:00 - John Doe : Lorem : ipsum\n14/10/2026, 09:01 - John-John Doe:.\n"
                + "14/10/2026, 09:02 - You changed the subject to \"Re: printer\"\n")
        #expect(transcript.messages.map(\.sender) == ["John Doe", "John-John Doe", ""])
        #expect(
            transcript.messages.map(\.text) == ["Lorem : ipsum", ".", "You changed the subject to \"Re: printer\""])
        #expect(transcript.messages[2].kind == .system)
    }

    @Test func dayFirstIsInferredFromAnyDayAboveTwelve() throws {
        let transcript = try parse("03/04/26, 09:00 - A: x\n13/04/26, 09:00 - A: y\n")
        #expect(transcript.dateOrder == DateOrderChoice(.dmy, source: .inferred(line: 2)))
        #expect(utc(transcript.messages[0]) == "2026-04-03T09:00:00+00:00")
    }

    @Test func monthFirstIsInferredFromTheWholeFileNotTheFirstLine() throws {
        let transcript = try parse("03/04/26, 09:00 - A: x\n04/01/26, 09:00 - A: y\n04/13/26, 09:00 - A: z\n")
        #expect(transcript.dateOrder?.order == .mdy)
        #expect(utc(transcript.messages[0]) == "2026-03-04T09:00:00+00:00")
    }

    @Test func anAmbiguousFileIsAnErrorThatSaysWhatToPass() {
        #expect {
            try parse("03/04/26, 09:00 - A: x\n04/05/26, 09:00 - A: y\n")
        } throws: { error in
            guard case .needsChoice(let diagnostic) = error as? ChatBillError else { return false }
            return diagnostic.message.contains("--date-order dmy") && diagnostic.location?.line == 1
        }
    }

    @Test func contradictoryDatesAreAnError() {
        #expect(throws: ChatBillError.self) {
            try parse("13/04/26, 09:00 - A: x\n04/13/26, 09:00 - A: y\n")
        }
    }

    /// `26. 3. 4.` is 4 March 2026 in a Korean export, though every number is a possible day.
    @Test func aKoreanFileIsYearFirstWithoutAnyOrderToInfer() throws {
        let transcript = try parse("26. 3. 4. 오전 9:05 - Dana: hi\n26. 3. 4. 오후 12:10 - Sam: 네\n")
        #expect(transcript.messages.map(utc) == ["2026-03-04T09:05:00+00:00", "2026-03-04T12:10:00+00:00"])
        #expect(transcript.dateOrder?.order == .ymd)
    }

    @Test func theDateOrderFlagDecidesAnAmbiguousFile() throws {
        let transcript = try parse("03/04/26, 09:00 - A: x\n", order: .mdy)
        #expect(transcript.dateOrder == DateOrderChoice(.mdy, source: .flag))
        #expect(utc(transcript.messages[0]) == "2026-03-04T09:00:00+00:00")
    }

    @Test func datesWithTheSameDayAndMonthNeedNoOrder() throws {
        let transcript = try parse("1/1/21, 12:00 - A: Hi\n1/1/21, 12:01 - B: Whats up?\n")
        #expect(transcript.dateOrder?.source == .indifferent)
        #expect(transcript.messages.count == 2)
    }

    @Test func anImpossibleDateIsAWarningAndTheLineIsKept() throws {
        let transcript = try parse("31/01/26, 09:00 - A: x\n30/02/26, 09:00 - A: y\n")
        #expect(transcript.messages.count == 1)
        #expect(transcript.messages[0].text.hasSuffix("30/02/26, 09:00 - A: y"))
        #expect(
            transcript.diagnostics.map(\.description) == [
                "chat.txt:2:1: warning: '30/02/26, 09:00' is not a real date and time read as dmy; "
                    + "the line is kept as text of the message before it"
            ])
    }

    @Test func linesBeforeTheFirstMessageAreWarnedAboutNotDropped() throws {
        let transcript = try parse("Chat history\n\n14/10/2026, 09:00 - A: x\n")
        #expect(transcript.messages.count == 1)
        #expect(
            transcript.diagnostics.map(\.description) == [
                "chat.txt:1:1: warning: line before the first message does not start like a message; it is not billed"
            ])
    }

    /// A crash leaves zeros where text stood: the lines are read as they stand (the zeros become
    /// text of the message before), and each says where the damage is, however many there are.
    @Test func zeroBytesAreToldAsDamageWithTheirPlace() throws {
        let zeros = String(repeating: "\0", count: 40)
        var text = "14/10/2026, 09:00 - A: x\n\(zeros)\n14/10/2026, 09:05 - B: y\0\0\0"
        let transcript = try parse(text)
        #expect(transcript.messages.map(\.sender) == ["A", "B"])
        let damage =
            "the file is damaged here: %@ (NUL), which a crash or a disk error leaves where text stood; "
            + "what stood there is lost (a message may be missing), and the line is read as it stands"
        #expect(
            transcript.diagnostics.map(\.description) == [
                "chat.txt:2:1: warning: " + damage.replacingOccurrences(of: "%@", with: "40 zero bytes"),
                "chat.txt:3:25: warning: " + damage.replacingOccurrences(of: "%@", with: "3 zero bytes"),
            ])
        text += String(repeating: "\n\0", count: ZeroBytes.reported)
        let many = try parse(text).diagnostics.map(\.description)
        #expect(many.count == ZeroBytes.reported + 1)
        #expect(many.last == "chat.txt: warning: 2 more lines hold zero bytes (NUL); the file is damaged")
    }

    @Test func aFileWithoutAnyMessageIsUnreadable() {
        #expect(throws: ChatBillError.self) { try parse("just some notes\nno dates here\n") }
    }

    /// `René: café` and a reply, in Windows-1252 (Notepad's "ANSI") instead of UTF-8.
    static let savedAgainInWindows1252: [UInt8] =
        Array("13/03/2024, 09:15 - Ren".utf8) + [0xE9] + Array(": caf".utf8) + [0xE9]
        + Array("\n13/03/2024, 09:16 - Sam Keller: ok\n".utf8)

    /// Such a file keeps its names and text (as the other plain-text parsers read such lines)
    /// instead of turning é into U+FFFD, which no `--me` matches.
    @Test func aFileSavedAgainInWindows1252KeepsItsNamesAndText() throws {
        let transcript = try parser.parse(
            InputFile(displayName: "chat.txt", bytes: Self.savedAgainInWindows1252),
            options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(transcript.messages.map(\.sender) == ["René", "Sam Keller"])
        #expect(transcript.messages.map(\.text) == ["café", "ok"])
    }

    @Test func crlfAndBOMReadTheSameAsPlainLF() throws {
        let plain = try parser.parse(
            Fixtures.input("whatsapp/WhatsApp Chat with Dana Fischer.txt"),
            options: ParseOptions(timeZone: Fixtures.berlin))
        let windows = try parser.parse(
            Fixtures.input("whatsapp/crlf-bom/WhatsApp Chat with Dana Fischer.txt"),
            options: ParseOptions(timeZone: Fixtures.berlin))
        #expect(plain.messages.count == windows.messages.count)
        for (a, b) in zip(plain.messages, windows.messages) {
            #expect(a.instant == b.instant)
            #expect(a.sender == b.sender)
            #expect(a.text == b.text)
            #expect(a.kind == b.kind)
            #expect(a.location.line == b.location.line)
        }
    }

    @Test func detectionIsConfidentOnExportsAndSaysNoOtherwise() throws {
        let export = try Fixtures.input("whatsapp/ios-12h/_chat.txt")
        #expect(parser.detect(DetectionProbe(export)).confidence >= 90)
        let notes = InputFile(displayName: "notes.txt", bytes: Array("a shopping list\nmilk\n".utf8))
        #expect(parser.detect(DetectionProbe(notes)).confidence == 0)
    }

    @Test func aFileNamedLikeAWhatsAppExportInAnyLanguageAddsToTheConfidence() {
        // One header among unrelated lines: confident enough to be read, not certain.
        let bytes = Array("14/10/2026, 09:00 - Dana: hi\nnotes\nmore notes\nand more\n".utf8)
        func confidence(_ name: String) -> Int {
            parser.detect(DetectionProbe(InputFile(displayName: name, bytes: bytes))).confidence
        }
        let plain = confidence("notes.txt")
        #expect(plain > 0 && plain < 90)
        for name in [
            "_chat.txt", "WhatsApp Chat with Dana.txt", "WhatsApp-Chat mit Dana.txt", "Chat de WhatsApp con Dana.txt",
        ] {
            #expect(confidence(name) == plain + 10, "\(name)")
        }
    }
}

@Suite("WhatsApp date order per header shape")
struct WhatsAppShapeOrderTests {
    @Test func twoShapesKeepTheirOwnDayMonthOrder() throws {
        let text = """
            12/15/25, 10:30 AM - John: android, month first
            12/15/25, 10:31 AM - Jane: android again
            [15/12/2025, 10:32:03 AM] Alice: ios, day first
            [03/12/2025, 10:33:00 AM] Bob: ios again, ambiguous alone

            """
        let transcript = try WhatsAppParser().parse(
            InputFile(displayName: "x.txt", bytes: Array(text.utf8)),
            options: ParseOptions(timeZone: ZoneChoice(TimeZone(identifier: "UTC")!, source: .flag)))
        let dates = transcript.messages.map {
            ISOTimestamp.format($0.instant, in: TimeZone(identifier: "UTC")!).prefix(10)
        }
        #expect(dates == ["2025-12-15", "2025-12-15", "2025-12-15", "2025-12-03"])
    }

    /// The file's order (the report's `dates` line) is its most frequent shape's, and of shapes
    /// as frequent, the one met first: the same on every run, whichever shape comes first.
    @Test func ofShapesAsFrequentTheFirstMetGivesTheFilesOrder() throws {
        let android = "12/15/25, 10:30 AM - John: month first\n12/16/25, 10:31 AM - Jane: again\n"
        let iOS = "[17/12/2025, 10:32:03 AM] Alice: day first\n[18/12/2025, 10:33:00 AM] Bob: again\n"
        let utc = ParseOptions(timeZone: ZoneChoice(TimeZone(identifier: "UTC")!, source: .flag))
        for _ in 0..<10 {
            let androidFirst = try WhatsAppParser().parse(
                InputFile(displayName: "x.txt", bytes: Array((android + iOS).utf8)), options: utc)
            #expect(androidFirst.dateOrder == DateOrderChoice(.mdy, source: .inferred(line: 1)))
            let iOSFirst = try WhatsAppParser().parse(
                InputFile(displayName: "x.txt", bytes: Array((iOS + android).utf8)), options: utc)
            #expect(iOSFirst.dateOrder == DateOrderChoice(.dmy, source: .inferred(line: 1)))
        }
    }
}
