/// Which of a report's sources (up to 64 exports billed together) a session drew messages from.
public struct SourceSet: Sendable, Hashable {
    /// Bit `i` is set when source `i` is in the set.
    public private(set) var bits: UInt64

    /// The most sources one report can merge.
    public static let capacity = 64

    public init(bits: UInt64 = 0) {
        self.bits = bits
    }

    public init(_ source: Int) {
        bits = 0
        insert(source)
    }

    public mutating func insert(_ source: Int) {
        guard source >= 0, source < Self.capacity else { return }
        bits |= 1 << UInt64(source)
    }

    public mutating func formUnion(_ other: SourceSet) {
        bits |= other.bits
    }

    /// The sources in the set, in order.
    public var members: [Int] { (0..<Self.capacity).filter { bits & (1 << UInt64($0)) != 0 } }
}
