/// Reads the headers of one export line after line: each line first as one more header written
/// like the last (`WhatsAppHeaderPattern`), then, if it is not, with the whole grammar
/// (`WhatsAppHeaderScanner`), whose header of another kind then sets the pattern for the lines
/// after it. It reads every line exactly as the grammar alone would.
struct WhatsAppHeaderReader {
    let scanner: WhatsAppHeaderScanner
    private var pattern: WhatsAppHeaderPattern?
    /// The shape of the header the pattern was made from.
    private var patternShape: UInt32?

    init(_ scanner: WhatsAppHeaderScanner) {
        self.scanner = scanner
    }

    /// The header at the start of `line` (a range of `bytes` without its line ending), if the whole
    /// header grammar matches.
    mutating func match(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> WhatsAppHeader? {
        if let header = pattern?.match(bytes, line: line) { return header }
        guard let header = scanner.match(bytes, line: line) else { return nil }
        if header.shape != patternShape {
            patternShape = header.shape
            pattern = WhatsAppHeaderPattern(header, scanner: scanner)
        }
        return header
    }
}
