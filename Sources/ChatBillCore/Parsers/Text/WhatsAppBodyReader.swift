/// Splits what follows a WhatsApp header into sender and text, and tells what kind of line it is,
/// on bytes, with the markers of a `WhatsAppVocabulary`. A class, so that reading a message does
/// not copy its lists and byte sets (about 900 bytes) out of the reader that holds it.
final class WhatsAppBodyReader: Sendable {
    struct Body {
        var text: Range<Int>
        /// nil for a line the app wrote without an author.
        var sender: Range<Int>?
        var kind: MessageKind
        var isEdited: Bool
    }

    private let attachmentPlaceholders: ByteStrings
    private let attachmentSuffixes: ByteStrings
    private let attachmentPrefixes: ByteStrings
    private let attachmentLinks: ByteStrings
    private let deletedTexts: ByteStrings
    private let callPrefixes: ByteStrings
    private let editedMarkers: ByteStrings
    private let systemPhrases: ByteStrings
    private let encryptionNotices: ByteStrings
    /// The bytes a text that is not plain text or is edited can start with, and can end with:
    /// every list above but those only looked for in the app's own marked lines.
    private let specialFirstBytes: ByteSet
    private let specialLastBytes: ByteSet

    /// Sender names longer than this are taken as system text that happens to hold a colon.
    private static let longestSender = 100

    init(vocabulary: WhatsAppVocabulary) {
        attachmentPlaceholders = ByteStrings(vocabulary.attachmentPlaceholders)
        attachmentSuffixes = ByteStrings(vocabulary.attachmentSuffixes)
        attachmentPrefixes = ByteStrings(vocabulary.attachmentPrefixes)
        attachmentLinks = ByteStrings(vocabulary.attachmentLinks)
        deletedTexts = ByteStrings(vocabulary.deletedTexts)
        callPrefixes = ByteStrings(vocabulary.callPrefixes)
        editedMarkers = ByteStrings(vocabulary.editedMarkers)
        systemPhrases = ByteStrings(vocabulary.systemPhrases)
        encryptionNotices = ByteStrings(vocabulary.encryptionNotices)
        specialFirstBytes = [attachmentPlaceholders, attachmentPrefixes, deletedTexts, callPrefixes, encryptionNotices]
            .reduce(ByteSet()) { $0.union($1.firstBytes) }
            .union(attachmentLinks.entries.isEmpty ? ByteSet() : ByteSet([0x5B, 0x21]))  // `[`, `![`
        specialLastBytes = [attachmentSuffixes, editedMarkers].reduce(ByteSet()) { $0.union($1.lastBytes) }
    }

    /// Reads the body that starts at `start`; `firstLineEnd` ends the header line and `end` the
    /// message's last line.
    func read(
        _ bytes: UnsafeBufferPointer<UInt8>, style: WhatsAppHeader.Style, start: Int, firstLineEnd: Int, end: Int
    )
        -> Body
    {
        guard let colon = senderSeparator(bytes, start..<firstLineEnd) else {
            return Body(text: bytes.trimmed(start..<end), sender: nil, kind: .system, isEdited: false)
        }
        let sender = bytes.trimmed(start..<colon)
        var textStart = colon + 1
        if textStart < end, bytes[textStart] == 0x20 { textStart += 1 }
        let rawText = textStart..<max(textStart, end)
        let startsWithMark =  // LRM
            rawText.count >= 3 && bytes[textStart] == 0xE2 && bytes[textStart + 1] == 0x80
            && bytes[textStart + 2] == 0x8E
        var text = bytes.trimmed(rawText)
        // Nearly every text is plain: one lookup at either end tells it from every list.
        if !startsWithMark, !text.isEmpty, !specialFirstBytes.contains(bytes[text.lowerBound]),
            !specialLastBytes.contains(bytes[text.upperBound - 1])
        {
            return Body(text: text, sender: sender, kind: .text, isEdited: false)
        }
        var isEdited = false
        while let marker = editedMarkers.suffix(of: bytes, text) {
            text = bytes.trimmed(text.lowerBound..<(text.upperBound - marker.count))
            isEdited = true
        }
        let kind = classify(bytes, text, style: style, markedByApp: startsWithMark)
        return Body(text: text, sender: sender, kind: kind, isEdited: isEdited)
    }

    /// The colon that ends the sender's name in the header line, if the line has a sender.
    private func senderSeparator(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Int? {
        var index = line.lowerBound
        while index < line.upperBound, index - line.lowerBound <= Self.longestSender {
            switch bytes[index] {
            case 0x3A:  // ':' followed by a space, the end of the line, or a non-digit (`Bob:.`)
                let next = index + 1 < line.upperBound ? bytes[index + 1] : nil
                if index > line.lowerBound, next.map({ $0 &- 0x30 >= 10 }) ?? true { return index }
            case 0x22:  // a quote before any colon: system text such as `changed the subject to "a: b"`
                return nil
            default: break
            }
            index += 1
        }
        return nil
    }

    /// Whether `text` starts with a Markdown link (`[name](…)`, `![name](…)`) to a file the
    /// export saved.
    private func startsWithAttachmentLink(_ bytes: UnsafeBufferPointer<UInt8>, _ text: Range<Int>) -> Bool {
        guard text.count >= 2 else { return false }
        let opensLink =
            bytes[text.lowerBound] == 0x5B || bytes[text.lowerBound] == 0x21 && bytes[text.lowerBound + 1] == 0x5B
        guard opensLink, let close = bytes.firstIndex(of: [0x5D, 0x28], in: text) else { return false }
        return attachmentLinks.startsWithOne(bytes, close..<text.upperBound)
    }

    /// What kind of line `text` is. Android writes the app's lines without an author, so only iOS
    /// lines can be the app's here; iOS marks those (and attachments) with a leading LRM.
    private func classify(
        _ bytes: UnsafeBufferPointer<UInt8>, _ text: Range<Int>, style: WhatsAppHeader.Style, markedByApp: Bool
    ) -> MessageKind {
        if attachmentPlaceholders.isWhole(bytes, text) || attachmentSuffixes.suffix(of: bytes, text) != nil
            || attachmentPrefixes.startsWithOne(bytes, text) || startsWithAttachmentLink(bytes, text)
        {
            return .attachment
        }
        if deletedTexts.isWhole(bytes, text) { return .deleted }
        if callPrefixes.startsWithOne(bytes, text) { return .call }
        guard style == .iOS else { return .text }
        if encryptionNotices.startsWithOne(bytes, text) { return .system }
        guard markedByApp else { return .text }
        if attachmentPrefixes.occursIn(bytes, text) { return .attachment }
        if systemPhrases.occursIn(bytes, text) { return .system }
        return .text
    }
}
