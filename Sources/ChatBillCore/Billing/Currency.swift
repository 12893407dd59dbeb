/// An ISO 4217 currency and how many minor units its major unit has, so money is kept as an
/// integer count of minor units (cents) and never as a floating-point number.
public struct Currency: Sendable, Hashable {
    /// The three-letter code (`EUR`).
    public let code: String
    /// Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD.
    public let minorDigits: Int

    /// The currency with this ISO 4217 code (any case), or nil when it is not three letters.
    /// Codes outside the lists below have two minor digits, as most currencies do.
    public init?(code: String) {
        let upper = code.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.code = upper
        if Self.noMinorUnits.contains(upper) {
            minorDigits = 0
        } else if Self.threeMinorDigits.contains(upper) {
            minorDigits = 3
        } else {
            minorDigits = 2
        }
    }

    /// ISO 4217 currencies without minor units.
    private static let noMinorUnits: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF",
        "XPF",
    ]
    /// ISO 4217 currencies with three minor digits.
    private static let threeMinorDigits: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

    private var scale: Int {
        var scale = 1
        for _ in 0..<minorDigits { scale *= 10 }
        return scale
    }

    /// Reads `90`, `90.5`, `90.50` or `1234.567` as minor units; nil when it has more digits after
    /// the point than the currency has, or is not a non-negative decimal number.
    public func minorUnits(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let wholeText = parts.first, !wholeText.isEmpty, wholeText.count <= 12,
            wholeText.allSatisfy({ $0.isASCII && $0.isNumber }), let whole = Int(wholeText)
        else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= minorDigits, digits.allSatisfy({ $0.isASCII && $0.isNumber })
            else { return nil }
            fraction = Int(digits)! * (scale / Self.power(digits.count))
        }
        return whole * scale + fraction
    }

    /// `1234.50 EUR`, `-0.01 EUR`, `900 JPY`.
    public func format(_ minorUnits: Int) -> String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = abs(minorUnits)
        guard minorDigits > 0 else { return "\(sign)\(magnitude) \(code)" }
        let fraction = String(magnitude % scale)
        let padded = String(repeating: "0", count: minorDigits - fraction.count) + fraction
        return "\(sign)\(magnitude / scale).\(padded) \(code)"
    }

    private static func power(_ digits: Int) -> Int {
        var value = 1
        for _ in 0..<digits { value *= 10 }
        return value
    }
}
