import Testing

@testable import ChatBillCore

/// The body reader tells kinds of lines by its vocabulary's lists, after one lookup at either end
/// of the text has let plain text through: every list must still be looked at.
@Suite("WhatsApp body reader")
struct WhatsAppBodyReaderTests {
    /// A vocabulary whose lists start and end with bytes no other list has.
    static let vocabulary: WhatsAppVocabulary = {
        var vocabulary = WhatsAppVocabulary.standard
        vocabulary.attachmentPlaceholders = ["Aomitted1"]
        vocabulary.attachmentSuffixes = ["(file2"]
        vocabulary.attachmentPrefixes = ["Battached"]
        vocabulary.deletedTexts = ["Cdeleted3"]
        vocabulary.callPrefixes = ["Dcall"]
        vocabulary.editedMarkers = ["<edited4"]
        vocabulary.systemPhrases = ["joined"]
        vocabulary.encryptionNotices = ["Eencrypted"]
        return vocabulary
    }()

    func read(_ body: String, style: WhatsAppHeader.Style = .android) -> WhatsAppBodyReader.Body {
        let bytes = Array(body.utf8)
        return bytes.withUnsafeBufferPointer {
            WhatsAppBodyReader(vocabulary: Self.vocabulary).read(
                $0, style: style, start: 0, firstLineEnd: $0.count, end: $0.count)
        }
    }

    @Test func everyListIsLookedAt() {
        #expect(read("Dana: plain text").kind == .text)
        #expect(read("Dana: Aomitted1").kind == .attachment)
        #expect(read("Dana: photo.jpg (file2").kind == .attachment)
        #expect(read("Dana: Battached photo.jpg").kind == .attachment)
        #expect(read("Dana: Cdeleted3").kind == .deleted)
        #expect(read("Dana: Dcall, 2 min").kind == .call)
        #expect(read("Dana: Eencrypted, tap to learn more", style: .iOS).kind == .system)
        #expect(read("Dana: Eencrypted, tap to learn more").kind == .text)
        #expect(read("Dana: \u{200E}Dana joined", style: .iOS).kind == .system)
        let edited = read("Dana: fixed it <edited4")
        #expect(edited.kind == .text && edited.isEdited)
        #expect(!read("Dana: fixed it").isEdited)
    }

    /// Android wraps a sender without a contact name (a phone number) in a directional run: the
    /// name is the number alone, so `--me` and a client's `match` see what the user typed.
    @Test func aPhoneNumberSendersDirectionalMarksAreNotPartOfTheName() {
        let bytes = Array("\u{202A}+49 170 1234567\u{202C}: Hallo".utf8)
        let sender = bytes.withUnsafeBufferPointer { buffer in
            WhatsAppBodyReader(vocabulary: Self.vocabulary).read(
                buffer, style: .android, start: 0, firstLineEnd: buffer.count, end: buffer.count
            ).sender.map { buffer.string($0) }
        }
        #expect(sender == "+49 170 1234567")
    }

    /// Every entry of the standard vocabulary is recognised where WhatsApp writes it: a list
    /// grown by a wording (a new language) is held to it without a test of its own.
    @Test func everyWordingOfTheStandardVocabularyIsRecognised() {
        let vocabulary = WhatsAppVocabulary.standard
        let reader = WhatsAppBodyReader(vocabulary: vocabulary)
        func read(_ text: String, style: WhatsAppHeader.Style = .android) -> WhatsAppBodyReader.Body {
            let bytes = Array("Dana: \(text)".utf8)
            return bytes.withUnsafeBufferPointer {
                reader.read($0, style: style, start: 0, firstLineEnd: $0.count, end: $0.count)
            }
        }
        for placeholder in vocabulary.attachmentPlaceholders {
            #expect(read(placeholder).kind == .attachment, "\(placeholder)")
        }
        for suffix in vocabulary.attachmentSuffixes {
            #expect(read("IMG-20261014-WA0001.jpg" + suffix).kind == .attachment, "\(suffix)")
        }
        for prefix in vocabulary.attachmentPrefixes {
            #expect(read("\u{200E}" + prefix + "00000003-PHOTO.jpg>", style: .iOS).kind == .attachment, "\(prefix)")
        }
        for deleted in vocabulary.deletedTexts { #expect(read(deleted).kind == .deleted, "\(deleted)") }
        for call in vocabulary.callPrefixes { #expect(read(call + ", 2 min").kind == .call, "\(call)") }
        for marker in vocabulary.editedMarkers { #expect(read("fixed it " + marker).isEdited, "\(marker)") }
        for notice in vocabulary.encryptionNotices {
            #expect(read(notice + ". Tap to learn more.", style: .iOS).kind == .system, "\(notice)")
        }
        for phrase in vocabulary.systemPhrases {
            #expect(read("\u{200E}Dana " + phrase + " Sam", style: .iOS).kind == .system, "\(phrase)")
        }
    }
}
