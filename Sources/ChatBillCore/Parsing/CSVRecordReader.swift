import Foundation

/// Records of a CSV file (RFC 4180: quoted fields, `""` inside quotes, line breaks inside quoted
/// fields, CRLF or LF), read from bytes with the delimiter the header line uses (`,`, `;` or tab),
/// or the one Excel's hint line names (`sep=;`, which is then not a record).
struct CSVRecordReader: Sequence, IteratorProtocol {
    struct Record {
        /// Each field's bytes without its quotes; `quoted` says whether `""` must be unescaped.
        var fields: [(range: Range<Int>, quoted: Bool)]
        /// 1-based line where the record starts and where it ends (quoted fields can span lines).
        var line: Int
        var lastLine: Int
        var byteRange: Range<Int>
        /// Whether a quoted field in it is never closed: it runs to the end of the file.
        var isUnclosed = false
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    /// The line of the delimiter hint the file starts with (`sep=;`), if it has one.
    let hintLine: Int?
    private var position = 0
    private var line = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // Skip a UTF-8 BOM.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        // Excel's `sep=X` line: X is the delimiter, and the records start on the next line.
        var hintEnd = position + 5
        if hintEnd < bytes.count, bytes[hintEnd] == 0x0D { hintEnd += 1 }
        if bytes.range(position..<Swift.min(bytes.count, position + 4), hasPrefix: Array("sep=".utf8)),
            hintEnd < bytes.count, bytes[hintEnd] == 0x0A, bytes[position + 4] != 0x0D
        {
            delimiter = bytes[position + 4]
            hintLine = 1
            position = hintEnd + 1
            line = 2
            return
        }
        hintLine = nil
        // The delimiter: whichever of `,` `;` TAB occurs most in the first line outside quotes.
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var inQuotes = false
        var index = position
        while index < bytes.count, inQuotes || bytes[index] != 0x0A {
            if bytes[index] == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes, counts[bytes[index]] != nil {
                counts[bytes[index]]! += 1
            }
            index += 1
        }
        var best: UInt8 = 0x2C
        for candidate: UInt8 in [0x3B, 0x09] where counts[candidate]! > counts[best]! { best = candidate }
        delimiter = best
    }

    mutating func next() -> Record? {
        // Skip empty lines between records.
        while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
        guard position < bytes.count else { return nil }
        let start = position
        let firstLine = line
        var fields: [(Range<Int>, Bool)] = []
        var isUnclosed = false
        while true {
            if position < bytes.count, bytes[position] == 0x22 {
                position += 1
                let fieldStart = position
                while position < bytes.count {
                    if bytes[position] == 0x22 {
                        if position + 1 < bytes.count, bytes[position + 1] == 0x22 {
                            position += 2
                            continue
                        }
                        break
                    }
                    if bytes[position] == 0x0A { line += 1 }
                    position += 1
                }
                if position >= bytes.count {
                    // Never closed: the field ends with the file, whose last line break ends a
                    // line and starts none.
                    isUnclosed = true
                    while position > fieldStart, bytes[position - 1] == 0x0A || bytes[position - 1] == 0x0D {
                        if bytes[position - 1] == 0x0A { line -= 1 }
                        position -= 1
                    }
                    fields.append((fieldStart..<position, true))
                    break
                }
                fields.append((fieldStart..<position, true))
                position += 1  // closing quote
                // Anything between the closing quote and the delimiter is kept out.
                while position < bytes.count, bytes[position] != delimiter, bytes[position] != 0x0A { position += 1 }
            } else {
                let fieldStart = position
                while position < bytes.count, bytes[position] != delimiter, bytes[position] != 0x0A { position += 1 }
                var fieldEnd = position
                if fieldEnd > fieldStart, bytes[fieldEnd - 1] == 0x0D { fieldEnd -= 1 }
                fields.append((fieldStart..<fieldEnd, false))
            }
            if position < bytes.count, bytes[position] == delimiter {
                position += 1
                continue
            }
            break
        }
        var end = position
        if end > start, end <= bytes.count, end - 1 >= start, bytes[end - 1] == 0x0D { end -= 1 }
        let record = Record(
            fields: fields, line: firstLine, lastLine: line, byteRange: start..<end, isUnclosed: isUnclosed)
        if isUnclosed {
            position = bytes.count
        } else if position < bytes.count {  // the newline
            position += 1
            line += 1
        }
        return record
    }

    /// A field's text, with `""` turned back into `"` in quoted fields.
    func text(_ field: (range: Range<Int>, quoted: Bool)) -> String {
        let text = bytes.decodedText(field.range)
        return field.quoted ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }
}
