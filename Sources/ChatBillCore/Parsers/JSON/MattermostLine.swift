/// One line of a Mattermost bulk export read with `JSONCursor`: whether it is a post (or a direct
/// post) and, if so, its conversation and its entries, each located at its own object on the line.
/// Strings are decoded only where a message needs them.
enum MattermostLine {
    /// A post or one of its replies.
    struct Entry {
        let user: String
        let message: String
        /// UTC milliseconds; nil when missing or not a whole number.
        let createAt: Int64?
        /// The last path component of each attachment.
        let attachments: [String]
        /// Where the entry's object is, as indices into the bytes read.
        let bytes: Range<Int>
    }

    struct Post {
        let conversation: String
        let entries: [Entry]
    }

    enum Reading {
        case blank, notJSON, frame
        case post(Post)
    }

    /// Reads the line `content` of `bytes`.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ content: Range<Int>) -> Reading {
        var cursor = JSONCursor(
            bytes: UnsafeBufferPointer(rebasing: bytes[..<content.upperBound]), index: content.lowerBound, line: 1,
            lineStart: content.lowerBound)
        guard (try? cursor.skipSpace()) != nil else { return .blank }
        do throws(JSONCursor.Stop) {
            var type: Range<Int>?
            var body: (isDirect: Bool, post: Post)?
            try cursor.object { key, next, cursor throws(JSONCursor.Stop) in
                if cursor.range(key, is: "type"), next == 0x22 {
                    type = try cursor.string().range
                } else if next == 0x7B, cursor.range(key, is: "post") || cursor.range(key, is: "direct_post") {
                    let isDirect = cursor.range(key, is: "direct_post")
                    body = (isDirect, try post(&cursor, isDirect: isDirect, line: content))
                } else {
                    return false
                }
                return true
            }
            // Nothing but spaces may follow the object.
            guard (try? cursor.skipSpace()) == nil else { return .notJSON }
            guard let type, let body, cursor.range(type, is: body.isDirect ? "direct_post" : "post") else {
                return .frame
            }
            return .post(body.post)
        } catch {
            return .notJSON
        }
    }

    /// A post's object: its conversation, and the post (located at its `line`) and its replies as
    /// entries.
    private static func post(
        _ cursor: inout JSONCursor, isDirect: Bool, line: Range<Int>
    ) throws(JSONCursor.Stop) -> Post {
        var team = ""
        var channel = ""
        var members: [String] = []
        var replies: [Entry] = []
        let entry = try self.entry(&cursor) { key, cursor throws(JSONCursor.Stop) in
            if cursor.range(key, is: "team"), try cursor.peek() == 0x22 {
                team = try text(&cursor)
            } else if cursor.range(key, is: "channel"), try cursor.peek() == 0x22 {
                channel = try text(&cursor)
            } else if cursor.range(key, is: "channel_members"), try cursor.peek() == 0x5B {
                members = try strings(&cursor)
            } else if cursor.range(key, is: "replies"), try cursor.peek() == 0x5B {
                try cursor.array { next, cursor throws(JSONCursor.Stop) in
                    guard next == 0x7B else { return false }
                    replies.append(try self.entry(&cursor) { _, _ in false })
                    return true
                }
            } else {
                return false
            }
            return true
        }
        let post = Entry(
            user: entry.user, message: entry.message, createAt: entry.createAt, attachments: entry.attachments,
            bytes: line)
        return Post(
            conversation: isDirect ? members.sorted().joined(separator: ", ") : "\(team)/\(channel)",
            entries: [post] + replies)
    }

    /// An entry's object (the cursor at its `{`); `other` reads a key the entry does not know, or
    /// returns false to have it skipped.
    private static func entry(
        _ cursor: inout JSONCursor, other: (Range<Int>, inout JSONCursor) throws(JSONCursor.Stop) -> Bool
    ) throws(JSONCursor.Stop) -> Entry {
        let start = cursor.index
        var user = ""
        var message = ""
        var createAt: Int64?
        var attachments: [String] = []
        try cursor.object { key, next, cursor throws(JSONCursor.Stop) in
            if cursor.range(key, is: "user"), next == 0x22 {
                user = try text(&cursor)
            } else if cursor.range(key, is: "message"), next == 0x22 {
                message = try text(&cursor)
            } else if cursor.range(key, is: "create_at"), next != 0x22, next != 0x7B, next != 0x5B {
                createAt = cursor.integer(try cursor.scalar()).map(Int64.init)
            } else if cursor.range(key, is: "attachments"), next == 0x5B {
                attachments = try paths(&cursor)
            } else {
                return try other(key, &cursor)
            }
            return true
        }
        return Entry(
            user: user, message: message, createAt: createAt, attachments: attachments, bytes: start..<cursor.index)
    }

    private static func text(_ cursor: inout JSONCursor) throws(JSONCursor.Stop) -> String {
        let (range, escaped) = try cursor.string()
        return escaped
            ? String(decoding: cursor.decoded(range), as: UTF8.self)
            : String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[range]), as: UTF8.self)
    }

    /// A list of strings (other values skipped).
    private static func strings(_ cursor: inout JSONCursor) throws(JSONCursor.Stop) -> [String] {
        var result: [String] = []
        try cursor.array { next, cursor throws(JSONCursor.Stop) in
            guard next == 0x22 else { return false }
            result.append(try text(&cursor))
            return true
        }
        return result
    }

    /// The last path component of each `{"path": …}` of a list of attachments.
    private static func paths(_ cursor: inout JSONCursor) throws(JSONCursor.Stop) -> [String] {
        var result: [String] = []
        try cursor.array { next, cursor throws(JSONCursor.Stop) in
            guard next == 0x7B else { return false }
            try cursor.object { key, next, cursor throws(JSONCursor.Stop) in
                guard cursor.range(key, is: "path"), next == 0x22 else { return false }
                let path = try text(&cursor)
                result.append(path.split(separator: "/").last.map(String.init) ?? path)
                return true
            }
            return true
        }
        return result
    }
}
