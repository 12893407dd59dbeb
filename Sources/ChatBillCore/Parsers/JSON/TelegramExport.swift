import Foundation

/// The parts of Telegram Desktop's `result.json` that chatbill reads, decoded with `JSONDecoder`
/// (a fraction of the memory and time of a `JSONSerialization` tree). Every field is optional or
/// read leniently: an export with a field of an unexpected type still reads.
struct TelegramExport: Decodable {
    struct Chat: Decodable {
        let name: String?
        let messages: [Entry]

        enum CodingKeys: String, CodingKey { case name, messages }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try? container.decodeIfPresent(String.self, forKey: .name)
            messages = (try? container.decodeIfPresent([Entry].self, forKey: .messages)) ?? []
        }
    }

    struct ChatList: Decodable {
        let list: [Chat]
    }

    /// One element of `messages`.
    struct Entry: Decodable {
        let id: Int?
        let type: String?
        let date: String?
        let unixTime: Double?
        let from: String?
        let actor: String?
        let action: String?
        let durationSeconds: Int?
        let text: String
        let mediaType: String?
        let hasPhoto: Bool
        let hasFile: Bool
        let isEdited: Bool

        enum CodingKeys: String, CodingKey {
            case id, type, date, from, actor, action, text, photo, file, edited
            case unixTime = "date_unixtime"
            case durationSeconds = "duration_seconds"
            case mediaType = "media_type"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try? container.decodeIfPresent(Int.self, forKey: .id)
            type = try? container.decodeIfPresent(String.self, forKey: .type)
            date = try? container.decodeIfPresent(String.self, forKey: .date)
            unixTime =
                (try? container.decodeIfPresent(String.self, forKey: .unixTime)).flatMap(Double.init)
                ?? (try? container.decodeIfPresent(Double.self, forKey: .unixTime))
            from = try? container.decodeIfPresent(String.self, forKey: .from)
            actor = try? container.decodeIfPresent(String.self, forKey: .actor)
            action = try? container.decodeIfPresent(String.self, forKey: .action)
            durationSeconds = try? container.decodeIfPresent(Int.self, forKey: .durationSeconds)
            text = (try? container.decodeIfPresent(Text.self, forKey: .text))?.value ?? ""
            mediaType = try? container.decodeIfPresent(String.self, forKey: .mediaType)
            hasPhoto = container.contains(.photo)
            hasFile = container.contains(.file)
            isEdited = container.contains(.edited)
        }
    }

    /// `text`: a string, or a list of strings and `{"type", "text"}` entities, joined.
    struct Text: Decodable {
        let value: String

        private struct Entity: Decodable {
            let text: String?
        }

        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if let string = try? single.decode(String.self) {
                value = string
                return
            }
            var parts = try decoder.unkeyedContainer()
            var joined = ""
            while !parts.isAtEnd {
                if let string = try? parts.decode(String.self) {
                    joined += string
                } else if let entity = try? parts.decode(Entity.self) {
                    joined += entity.text ?? ""
                } else {
                    _ = try? parts.decode(Skipped.self)
                }
            }
            value = joined
        }
    }

    /// Any value, read and dropped.
    private struct Skipped: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    /// Every chat with messages, in document order: the single chat, or the account's list and
    /// its left chats.
    let chats: [Chat]

    enum CodingKeys: String, CodingKey {
        case messages, chats, name
        case leftChats = "left_chats"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var chats: [Chat] = []
        if container.contains(.messages) { chats.append(try Chat(from: decoder)) }
        for key in [CodingKeys.chats, .leftChats] {
            if let list = try? container.decodeIfPresent(ChatList.self, forKey: key) { chats += list.list }
        }
        self.chats = chats.filter { !$0.messages.isEmpty }
    }

    /// The export in `input`.
    ///
    /// - Throws: `ChatBillError.unreadableInput`, located where the JSON goes wrong.
    static func decode(_ input: InputFile) throws(ChatBillError) -> TelegramExport {
        do {
            return try JSONDecoder().decode(TelegramExport.self, from: Data(input.bytes))
        } catch {
            _ = try JSONDocument.parse(input)  // locates a syntax error
            throw .unreadableInput(
                Diagnostic(
                    .error, file: input.displayName, at: InputLocation(line: 1, column: 1),
                    "not Telegram's result.json (\(error))"))
        }
    }
}
