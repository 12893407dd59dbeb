/// Text put together as UTF-8 bytes and handed on in large pieces. The table report writes its
/// rows into one, so a row of a hundred thousand costs a few byte copies instead of a `String`
/// per cell; durations and clock times are written here and nowhere else.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    /// The text written so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(spaces count: Int) {
        var left = count
        while left > 0 {
            let run = min(left, Self.spaces.count)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: Self.spaces[0..<run]))
            left -= run
        }
    }

    /// Spaces to append from, at once (a repeated byte is appended one by one), in memory that is
    /// never freed, so that taking some counts no reference as a slice of an array would.
    nonisolated(unsafe) private static let spaces: UnsafeBufferPointer<UInt8> = {
        let spaces = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 64)
        spaces.initialize(repeating: 0x20)
        return UnsafeBufferPointer(spaces)
    }()

    /// A whole number in decimal.
    mutating func append(number: Int) {
        if number >= 0, number < 10 {
            bytes.append(0x30 + UInt8(number))
            return
        }
        // The digits are written last first into a buffer on the stack (the longest, `Int.min`,
        // takes 20 bytes), then appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = number.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 {
                start -= 1
                digits[start] = 0x2D
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// A whole number with leading zeros up to `width` digits (`07`).
    mutating func append(number: Int, zeroPaddedTo width: Int) {
        var digits = 1
        var rest = number.magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        if number >= 0 { for _ in 0..<max(0, width - digits) { bytes.append(0x30) } }
        append(number: number)
    }

    /// `1h30m`, `15m`, `45s`, `0m`, `1h5m30s`, `-10m`.
    mutating func append(duration seconds: Int) {
        guard seconds != 0 else {
            append("0m")
            return
        }
        if seconds < 0 { bytes.append(0x2D) }
        let value = abs(seconds)
        if value >= 3600 {
            append(number: value / 3600)
            bytes.append(0x68)  // h
        }
        if value / 60 % 60 > 0 {
            append(number: value / 60 % 60)
            bytes.append(0x6D)  // m
        }
        if value % 60 > 0 {
            append(number: value % 60)
            bytes.append(0x73)  // s
        }
    }

    /// A duration with its sign: `+5m`, `-10m`, `0m`.
    mutating func append(signedDuration seconds: Int) {
        if seconds > 0 { bytes.append(0x2B) }
        append(duration: seconds)
    }

    /// `HH:MM`.
    mutating func append(hourMinute time: CivilDateTime) {
        append(number: time.hour, zeroPaddedTo: 2)
        bytes.append(0x3A)
        append(number: time.minute, zeroPaddedTo: 2)
    }

    /// `YYYY-MM-DD`.
    mutating func append(date: CivilDateTime) {
        append(number: date.year, zeroPaddedTo: 4)
        bytes.append(0x2D)
        append(number: date.month, zeroPaddedTo: 2)
        bytes.append(0x2D)
        append(number: date.day, zeroPaddedTo: 2)
    }

    /// How many characters the text from byte `start` on has (every byte that does not continue a
    /// UTF-8 sequence starts one; the report's cells hold no combining marks).
    func characters(from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { bytes in
            var characters = 0
            for index in start..<bytes.count where bytes[index] & 0xC0 != 0x80 { characters += 1 }
            return characters
        }
    }

    /// Spaces after the text from byte `start` on, up to `width` characters (never cut).
    mutating func pad(from start: Int, to width: Int) {
        append(spaces: width - characters(from: start))
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Hands the text written so far to `output` once it holds `threshold` bytes or more.
    mutating func flush(over threshold: Int = 0, to output: (String) -> Void) {
        guard bytes.count >= max(threshold, 1) else { return }
        output(string)
        removeAll()
    }
}
