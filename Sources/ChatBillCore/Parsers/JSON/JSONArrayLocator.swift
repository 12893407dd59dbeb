/// Where the elements of named arrays start in a JSON document (`"messages": [ {…}, {…} ]`),
/// found by one pass over the bytes that follows strings, escapes and nesting. Foundation's JSON
/// parser reads the values; this says at which byte, and so which line, each element is.
enum JSONArrayLocator {
    /// For every array under the key `key`, in document order, the bytes of its object elements
    /// (from `{` through `}`).
    static func objectRanges(under key: String, in bytes: [UInt8]) -> [[Range<Int>]] {
        objectRanges(underKey: Array(key.utf8), in: bytes)
    }

    /// The bytes of the object elements of a document that is an array (`[ {…}, {…} ]`).
    static func topLevelObjectRanges(in bytes: [UInt8]) -> [Range<Int>] {
        objectRanges(underKey: nil, in: bytes).first ?? []
    }

    /// Arrays under `wanted`, or the document's own array when `wanted` is nil.
    private static func objectRanges(underKey wanted: [UInt8]?, in bytes: [UInt8]) -> [[Range<Int>]] {
        var arrays: [[Range<Int>]] = []
        /// Open containers: arrays under the wanted key know their index in `arrays`; objects that
        /// are elements of such an array know it too.
        var stack: [(isWanted: Bool, index: Int?, elementOf: Int?)] = []
        var lastString: Range<Int>?
        var keyBeforeValue: Range<Int>?
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x22:  // a string
                let start = index + 1
                index += 1
                while index < count, bytes[index] != 0x22 {
                    if bytes[index] == 0x5C { index += 1 }  // skip the escaped byte
                    index += 1
                }
                lastString = start..<min(index, count)
            case 0x3A:  // ':' makes the string before it a key
                keyBeforeValue = lastString
            case 0x5B:  // '['
                let isWanted =
                    wanted.map { wanted in keyBeforeValue.map { Array(bytes[$0]) == wanted } ?? false } ?? stack.isEmpty
                if isWanted { arrays.append([]) }
                stack.append((isWanted, isWanted ? arrays.count - 1 : nil, nil))
                keyBeforeValue = nil
            case 0x7B:  // '{'
                var elementOf: Int?
                if let parent = stack.last, parent.isWanted, let arrayIndex = parent.index {
                    arrays[arrayIndex].append(index..<index)
                    elementOf = arrayIndex
                }
                stack.append((false, nil, elementOf))
                keyBeforeValue = nil
            case 0x5D, 0x7D:  // ']' '}'
                if let closed = stack.popLast(), let arrayIndex = closed.elementOf, let open = arrays[arrayIndex].last {
                    arrays[arrayIndex][arrays[arrayIndex].count - 1] = open.lowerBound..<(index + 1)
                }
                keyBeforeValue = nil
            case 0x2C:  // ','
                keyBeforeValue = nil
            default:
                break
            }
            index += 1
        }
        return arrays
    }

    /// The element ranges of one array among several non-empty arrays under `key` (one per
    /// conversation of a multi-conversation export): the `index`-th of `arrays` when the document
    /// has exactly those, else the first with `count` elements whose first element passes
    /// `firstMatches`; empty when none lines up (messages are then located at line 1).
    static func elementRanges(
        under key: String, in bytes: [UInt8], index: Int, of arrays: Int, count: Int,
        firstMatches: (Range<Int>) -> Bool = { _ in true }
    ) -> [Range<Int>] {
        let located = objectRanges(under: key, in: bytes).filter { !$0.isEmpty }
        if located.count == arrays, located[index].count == count { return located[index] }
        return located.first { $0.count == count && $0.first.map(firstMatches) == true } ?? []
    }
}
