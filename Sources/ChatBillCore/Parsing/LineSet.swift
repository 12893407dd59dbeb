/// Line numbers gathered while reading (a transcript's header lines), each kept once, handed
/// out in order.
struct LineSet {
    private var members = Set<Int>()

    mutating func insert(_ line: Int) { members.insert(line) }

    /// Inserts every line of `lines`; nothing for nil (text that was only white space).
    mutating func insert(_ lines: ClosedRange<Int>?) {
        if let lines { members.formUnion(lines) }
    }

    var sorted: [Int] { members.sorted() }
}
