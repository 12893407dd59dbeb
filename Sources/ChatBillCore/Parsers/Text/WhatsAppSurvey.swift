/// What the first pass over a WhatsApp export learns from all its headers: which header shapes
/// belong to the file, and the day/month order of its dates.
///
/// One export writes every header the same way. A line of another shape that occurs only once,
/// in a file where the main shape occurs at least three times, is a pasted line inside a message
/// (a log excerpt, a forwarded chat), not a header.
struct WhatsAppSurvey {
    /// The first line of each kind of date evidence for one header shape.
    private struct Evidence {
        var count = 0
        var firstLine = 0
        var dayFirstLine: Int?
        var monthFirstLine: Int?
        var yearFirstLine: Int?
        var ambiguousLine: Int?

        mutating func merge(_ other: Evidence) {
            count += other.count
            dayFirstLine = Self.earlier(dayFirstLine, other.dayFirstLine)
            monthFirstLine = Self.earlier(monthFirstLine, other.monthFirstLine)
            yearFirstLine = Self.earlier(yearFirstLine, other.yearFirstLine)
            ambiguousLine = Self.earlier(ambiguousLine, other.ambiguousLine)
        }

        static func earlier(_ a: Int?, _ b: Int?) -> Int? {
            guard let a else { return b }
            guard let b else { return a }
            return min(a, b)
        }
    }

    private var evidenceByShape: [UInt32: Evidence] = [:]
    /// The shape of the last header recorded (nearly every header has the file's main shape), so
    /// that recording one rarely looks up the dictionary.
    private var current: (shape: UInt32, evidence: Evidence)?

    mutating func record(_ header: WhatsAppHeader, line: Int) {
        if current?.shape != header.shape {
            if let current { evidenceByShape[current.shape] = current.evidence }
            current = (header.shape, evidenceByShape[header.shape] ?? Evidence(firstLine: line))
        }
        var evidence = current!.evidence
        evidence.count += 1
        if header.isYearFirst {
            evidence.yearFirstLine = evidence.yearFirstLine ?? line
        } else {
            let (first, second, _) = header.fields
            if first > 12, first <= 31, second <= 12 {
                evidence.dayFirstLine = evidence.dayFirstLine ?? line
            } else if second > 12, second <= 31, first <= 12 {
                evidence.monthFirstLine = evidence.monthFirstLine ?? line
            } else if first != second {
                evidence.ambiguousLine = evidence.ambiguousLine ?? line
            }
        }
        current!.evidence = evidence
    }

    /// Whether any header was recorded.
    var hasHeaders: Bool { current != nil }

    /// Every shape's evidence, the current one included.
    private var allEvidence: [UInt32: Evidence] {
        var all = evidenceByShape
        if let current { all[current.shape] = current.evidence }
        return all
    }

    /// The header shapes of this file.
    var acceptedShapes: Set<UInt32> {
        let evidenceByShape = allEvidence
        let most = evidenceByShape.values.map(\.count).max() ?? 0
        return Set(evidenceByShape.filter { $0.value.count >= 2 || most < 3 }.keys)
    }

    /// The day/month order of each header shape, and the one of the file's main shape.
    struct DateOrders: Equatable {
        var main: DateOrderChoice
        var byShape: [UInt32: DateOrder]

        func order(of header: WhatsAppHeader) -> DateOrder { byShape[header.shape] ?? main.order }
    }

    private enum Decision {
        case decided(DateOrderChoice)
        case ambiguous(line: Int)
        case conflict(dayFirst: Int, monthFirst: Int)
    }

    private static func decide(_ evidence: Evidence) -> Decision {
        switch (evidence.dayFirstLine, evidence.monthFirstLine) {
        case (let day?, let month?): return .conflict(dayFirst: day, monthFirst: month)
        case (let day?, nil): return .decided(DateOrderChoice(.dmy, source: .inferred(line: day)))
        case (nil, let month?): return .decided(DateOrderChoice(.mdy, source: .inferred(line: month)))
        case (nil, nil):
            if let ambiguous = evidence.ambiguousLine { return .ambiguous(line: ambiguous) }
            if let yearFirst = evidence.yearFirstLine {
                return .decided(DateOrderChoice(.ymd, source: .inferred(line: yearFirst)))
            }
            return .decided(DateOrderChoice(.dmy, source: .indifferent))
        }
    }

    /// The day/month order read from the accepted headers' dates: each shape by its own dates
    /// (one export never mixes orders within a shape), a shape whose dates are all ambiguous by
    /// the whole file's; `options.dateOrder` (`--date-order` or the client's config) for every shape.
    func dateOrders(file: String, forced options: ParseOptions) -> Result<DateOrders, ChatBillError> {
        let evidenceByShape = allEvidence
        // The most frequent shape first, and of shapes as frequent the one met first: a `Set`'s
        // order is not the same from one set to the next.
        let shapes = acceptedShapes.sorted {
            let (a, b) = (evidenceByShape[$0]!, evidenceByShape[$1]!)
            return (b.count, a.firstLine) < (a.count, b.firstLine)
        }
        if let forced = options.dateOrder {
            return .success(DateOrders(main: DateOrderChoice(forced, source: options.dateOrderSource), byShape: [:]))
        }
        var all = Evidence()
        for shape in shapes { all.merge(evidenceByShape[shape]!) }
        var byShape: [UInt32: DateOrder] = [:]
        var main: DateOrderChoice?
        for shape in shapes {
            var decision = Self.decide(evidenceByShape[shape]!)
            if case .ambiguous = decision { decision = Self.decide(all) }
            switch decision {
            case .decided(let choice):
                byShape[shape] = choice.order
                main = main ?? choice
            case .conflict(let day, let month):
                return .failure(
                    .needsChoice(
                        Diagnostic(
                            .error, file: file, at: InputLocation(line: max(day, month), column: 1),
                            "dates disagree: line \(day) only reads as day/month, line \(month) only as month/day; "
                                + "pass --date-order dmy or --date-order mdy")))
            case .ambiguous(let line):
                return .failure(
                    .needsChoice(
                        Diagnostic(
                            .error, file: file, at: InputLocation(line: line, column: 1),
                            "cannot tell whether dates are day/month or month/day: no day in the file is above 12; "
                                + "pass --date-order dmy (31/12) or --date-order mdy (12/31), or set the client's "
                                + "date_order in chatbill.toml")))
            }
        }
        return .success(DateOrders(main: main ?? DateOrderChoice(.dmy, source: .indifferent), byShape: byShape))
    }
}
