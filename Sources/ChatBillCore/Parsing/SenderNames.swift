/// Turns sender names read as bytes into Strings once per distinct name, with a small dense id
/// each, so that reading a message does not build a String for its sender.
struct SenderNames {
    /// Up to this many senders, a name is compared with each rather than looked up by its hash.
    private static let comparedDirectly = 8
    private var idsByHash: [UInt64: Int] = [:]
    private var bytesByID: [[UInt8]] = []
    private(set) var names: [String] = []
    /// Whether a name that is not valid UTF-8 is read as Windows-1252 (a plain-text export saved
    /// again in a legacy encoding) rather than with U+FFFD for its bad bytes (a format that must
    /// be UTF-8).
    let readsLegacyText: Bool

    init(readsLegacyText: Bool = false) {
        self.readsLegacyText = readsLegacyText
    }

    /// The id and name of the sender written in `range` of `bytes`.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        // Most chats have a handful of senders: comparing with each costs less than a hash.
        let comparedWithEach = bytesByID.count <= Self.comparedDirectly
        if comparedWithEach {
            for (id, known) in bytesByID.enumerated() where bytes.range(range, equals: known) { return id }
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in range { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01b3 }
        if !comparedWithEach {
            if let id = idsByHash[hash], bytes.range(range, equals: bytesByID[id]) { return id }
            // Another name with the same hash came first.
            if let id = bytesByID.firstIndex(where: { bytes.range(range, equals: $0) }) { return id }
        }
        let id = names.count
        bytesByID.append(Array(bytes[range]))
        names.append(readsLegacyText ? bytes.decodedText(range) : bytes.string(range))
        if idsByHash[hash] == nil { idsByHash[hash] = id }
        return id
    }

    /// The id of a sender a reader already holds as a String.
    mutating func intern(_ name: String) -> Int {
        Array(name.utf8).withUnsafeBufferPointer { intern($0, 0..<$0.count) }
    }
}
