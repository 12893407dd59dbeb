#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The byte offset at which each line of a file starts, so that a byte offset can be turned into
/// an `InputLocation` by binary search. Lines end at LF; a CR before the LF belongs to the line.
public struct LineTable: Sendable {
    /// `starts[i]` is the byte offset of line `i + 1`.
    public let starts: [Int]
    /// The number of bytes in the file.
    public let byteCount: Int

    public init(_ bytes: [UInt8]) {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 48 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
                if offset < buffer.count { starts.append(offset) }
            }
        }
        self.starts = starts
        self.byteCount = bytes.count
    }

    /// The number of lines; a final line without a newline counts, an empty file has none.
    public var lineCount: Int { byteCount == 0 ? 0 : starts.count }

    /// The location of a byte offset (clamped to the file).
    public func location(ofByte offset: Int) -> InputLocation {
        let offset = max(0, min(offset, byteCount))
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return InputLocation(line: low + 1, column: offset - starts[low] + 1)
    }

    /// The byte range of a 1-based line, without its line ending (LF or CRLF).
    public func byteRange(ofLine line: Int, in bytes: [UInt8]) -> Range<Int> {
        let start = starts[line - 1]
        var end = line < starts.count ? starts[line] : byteCount
        if end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }
}
