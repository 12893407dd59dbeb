/// Where the elements of named arrays start in a JSON document (`"messages": [ {…}, {…} ]`),
/// found by one pass over the bytes that follows strings, escapes and nesting. Foundation's JSON
/// parser reads the values; this says at which byte, and so which line, each element is.
enum JSONArrayLocator {
    /// For every array under the key `key`, in document order, the byte offsets at which its
    /// object elements start.
    static func objectOffsets(under key: String, in bytes: [UInt8]) -> [[Int]] {
        let wanted = Array(key.utf8)
        var arrays: [[Int]] = []
        /// Open containers: `true` for an array under the wanted key.
        var stack: [(isArray: Bool, isWanted: Bool, index: Int?)] = []
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
                let isWanted = keyBeforeValue.map { Array(bytes[$0]) == wanted } ?? false
                if isWanted { arrays.append([]) }
                stack.append((true, isWanted, isWanted ? arrays.count - 1 : nil))
                keyBeforeValue = nil
            case 0x7B:  // '{'
                if let parent = stack.last, parent.isWanted, let arrayIndex = parent.index {
                    arrays[arrayIndex].append(index)
                }
                stack.append((false, false, nil))
                keyBeforeValue = nil
            case 0x5D, 0x7D:  // ']' '}'
                _ = stack.popLast()
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
}
