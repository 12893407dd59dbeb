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
}
