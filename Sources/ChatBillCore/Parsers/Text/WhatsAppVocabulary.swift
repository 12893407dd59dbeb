/// The words WhatsApp writes around messages, as data: adding a locale means adding entries
/// here, not a new code path. Every entry is matched on UTF-8 bytes.
///
/// In markers, a space stands for any of the spaces exports use there: U+0020, NBSP (U+00A0)
/// or NARROW NO-BREAK SPACE (U+202F).
public struct WhatsAppVocabulary: Sendable {
    /// 12-hour markers and whether they mean the afternoon.
    public var meridiems: [(marker: String, isPM: Bool)]
    /// What stands between the date and the time (`, ` in `12/31/24, 9:05`).
    public var dateTimeJoiners: [String]
    /// What ends an Android header (` - ` in `12/31/24, 9:05 - Alice: hi`).
    public var androidSeparators: [String]
    /// Message texts that stand for a file that is not in the export, matched whole.
    public var attachmentPlaceholders: [String]
    /// Endings of a message text that mean a file is attached (`IMG-….jpg (file attached)`).
    public var attachmentSuffixes: [String]
    /// Beginnings of a message text that mean a file is attached (iOS `<attached: …>`).
    public var attachmentPrefixes: [String]
    /// Where Markdown links to the files an export saved point (signal-export's `](./media/`): a
    /// text that starts with such a link (`[name](./media/…)`, `![name](…)` for an image) is an
    /// attachment.
    public var attachmentLinks: [String] = []
    /// Texts that replace a deleted message, matched whole.
    public var deletedTexts: [String]
    /// Beginnings of call events.
    public var callPrefixes: [String]
    /// The marker an edited message ends with.
    public var editedMarkers: [String]
    /// Pieces of text that make a line written by the app (on iOS such lines carry an author).
    public var systemPhrases: [String]
    /// Beginnings of the app's notice that the chat is encrypted, which iOS writes with an author
    /// and without the mark it puts on its other lines.
    public var encryptionNotices: [String]

    /// What WhatsApp for Android and iOS writes, in every locale known so far.
    public static let standard = WhatsAppVocabulary(
        meridiems: [
            ("AM", false), ("PM", true), ("am", false), ("pm", true),
            ("a.m.", false), ("p.m.", true), ("a. m.", false), ("p. m.", true),
            ("A.M.", false), ("P.M.", true),
            ("上午", false), ("下午", true), ("午前", false), ("午後", true), ("오전", false), ("오후", true),
            ("ص", false), ("م", true),
        ],
        dateTimeJoiners: [", ", ",", " ", " um ", " à ", " klo ", " в ", "، ", "،"],
        androidSeparators: [" - ", " \u{2013} ", ": "],
        attachmentPlaceholders: [
            "<Media omitted>", "<media omitted>", "image omitted", "video omitted", "audio omitted",
            "sticker omitted", "document omitted", "GIF omitted", "Contact card omitted", "<attached>",
            // German, Spanish, French, Japanese (FORMATS.md, section 1).
            "<Medien ausgelassen>", "<Medien ausgeschlossen>", "<Archivo omitido>", "<Médias omis>", "<メディアなし>",
            // German iOS.
            "Bild weggelassen", "Video weggelassen", "Audio weggelassen", "Sticker weggelassen",
            "Dokument weggelassen", "GIF weggelassen",
            // Android without media in Spanish, Portuguese, Italian, Dutch, Russian and Turkish, as
            // other parsers' tests and analyses of real exports write them.
            "<Multimedia omitido>", "<Mídia oculta>", "<Arquivo de mídia oculto>", "<Media omessi>",
            "<Media weggelaten>", "<Без медиафайлов>", "<Medya dahil edilmedi>",
        ],
        attachmentSuffixes: [
            " (file attached)", " (Datei angehängt)", " (archivo adjunto)", " (fichier joint)", " (arquivo anexado)",
            " (bestand bijgevoegd)", " (dosya ekli)", " (файл добавлен)", " (file allegato)",
        ],
        // iOS with media, in English, German, Spanish, Portuguese and Italian.
        attachmentPrefixes: ["<attached: ", "<Anhang: ", "<adjunto: ", "<anexado: ", "<allegato: "],
        deletedTexts: [
            "This message was deleted", "This message was deleted.", "You deleted this message",
            "You deleted this message.", "Diese Nachricht wurde gelöscht.", "Du hast diese Nachricht gelöscht.",
            // Spanish, French, Portuguese, Italian, Dutch, Russian, Turkish: old and new wordings.
            "Se eliminó este mensaje.", "Este mensaje fue eliminado", "Eliminaste este mensaje",
            "Eliminaste este mensaje.", "Ce message a été supprimé", "Ce message a été supprimé.",
            "Vous avez supprimé ce message", "Mensagem apagada", "Esta mensagem foi apagada",
            "Essa mensagem foi apagada",
            "Questo messaggio è stato eliminato", "Hai eliminato questo messaggio", "Dit bericht is verwijderd",
            "Je hebt dit bericht verwijderd", "Данное сообщение удалено", "Это сообщение было удалено",
            "Bu mesaj silindi", "Bu mesaj silindi.", "Bu mesajı sildiniz",
        ],
        callPrefixes: [
            "Missed voice call", "Missed video call", "Voice call", "Video call", "Missed group voice call",
            "Missed group video call", "Verpasster Sprachanruf", "Verpasster Videoanruf", "Sprachanruf", "Videoanruf",
        ],
        editedMarkers: [
            "<This message was edited>", "<This message was edited.>", "<Diese Nachricht wurde bearbeitet.>",
        ],
        systemPhrases: [
            "This business uses a secure service from Meta",
            "This chat is with a business account",
            "created group", "created this group", "changed the subject", "changed this group's icon",
            "changed the group description", "deleted this group's icon", "changed the group name",
            "Your security code with", "security code changed", "joined using this group's invite link",
            "You're now an admin", "You are now an admin", "turned on disappearing messages",
            "turned off disappearing messages", "changed their phone number", "added", "removed", "left",
            "You were added", "created the group", "hat die Gruppe erstellt",
        ],
        encryptionNotices: [
            "Messages and calls are end-to-end encrypted",
            "Messages to this group are now secured with end-to-end encryption",
            "Messages you send to this group are now secured with end-to-end encryption",
            "Messages to this chat and calls are now secured with end-to-end encryption",
            "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
            "Los mensajes y las llamadas están cifrados de extremo a extremo",
            "Les messages et les appels sont chiffrés de bout en bout",
            "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta",
            "Mensagens e chamadas são protegidas com a criptografia de ponta a ponta",
            "As mensagens e as chamadas são criptografadas de ponta a ponta",
            "I messaggi e le chiamate sono crittografati end-to-end",
            "Сообщения и звонки защищены сквозным шифрованием",
            "Сообщения в данной группе теперь защищены сквозным шифрованием",
            // Dutch and Turkish, as several other parsers' tests write them.
            "Berichten en oproepen zijn end-to-end versleuteld", "Mesajlar ve aramalar uçtan uca şifrelidir",
        ]
    )

    /// What signal-export writes (signal-export's `Message.to_md`).
    public static let signal = WhatsAppVocabulary(
        meridiems: standard.meridiems,
        dateTimeJoiners: standard.dateTimeJoiners,
        androidSeparators: standard.androidSeparators,
        attachmentPlaceholders: [],
        attachmentSuffixes: [],
        attachmentPrefixes: [],
        attachmentLinks: ["](./media/", "](../exported_stickers/"],
        deletedTexts: ["(This message was deleted)"],
        // signal-export's call lines (`Incoming voice call (accepted, 12m 5s)`), older and newer.
        callPrefixes: [
            "Incoming call", "Outgoing call", "Missed call", "Incoming voice call", "Incoming video call",
            "Outgoing voice call", "Outgoing video call", "Missed voice call", "Missed video call",
        ],
        editedMarkers: [],
        systemPhrases: [],
        encryptionNotices: []
    )
}
