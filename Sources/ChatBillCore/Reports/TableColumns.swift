/// The columns of a report's table: which there are, and how wide each is (its title's or its
/// widest cell's). Only the cells whose width varies are measured (a clock span is always
/// `HH:MM-HH:MM`), so sizing the table costs a fraction of writing it; parts of a bill can be
/// measured apart and the widths joined.
struct TableColumns {
    let hasMoney: Bool
    let hasSources: Bool
    let titles: [String]
    private(set) var widths: [Int]
    private let currency: Currency?
    private let places: LinePlaces
    /// The index of the provider/client column (after the amount, when there is one).
    private var counts: Int { hasMoney ? 5 : 4 }

    init(_ report: Report, places: LinePlaces) {
        hasSources = report.sources.count > 1
        currency = report.policy.rate?.currency
        hasMoney = currency != nil
        self.places = places
        var titles = ["date", "start-end", "raw", "billed", "provider/client", places.noun]
        if hasSources { titles.append("sources") }
        if hasMoney { titles.insert("amount", at: 4) }
        self.titles = titles
        widths = titles.map(\.count)
    }

    /// Widens the columns to fit the cells of the lines with `figures`; the date of the last line.
    @discardableResult
    mutating func fit(_ figures: some Sequence<Bill.LineFigures>) -> String? {
        var lastDay: String?
        var cell = TextBuffer()
        func width(_ write: (inout TextBuffer) -> Void) -> Int {
            cell.removeAll()
            write(&cell)
            return cell.characters(from: 0)
        }
        for line in figures {
            widths[0] = max(widths[0], line.date.unicodeScalars.count)  // as `TextBuffer.characters` counts
            widths[1] = max(widths[1], line.isBillable ? 11 : 5)
            widths[2] = max(
                widths[2], line.isBillable ? width { $0.append(duration: line.rawSeconds) } : "unanswered".count)
            widths[3] = max(widths[3], line.isBillable ? width { $0.append(duration: line.billedSeconds) } : 1)
            if let currency, let amount = line.amount {
                widths[4] = max(widths[4], width { $0.append(currency.format(amount)) })
            }
            widths[counts] = max(
                widths[counts],
                width {
                    Self.writeCounts(provider: line.providerMessages, client: line.clientMessages, into: &$0)
                })
            if hasSources {
                widths[counts + 1] = max(
                    widths[counts + 1],
                    width {
                        places.span(files: line.files, firstLine: line.firstLine, lastLine: line.lastLine, into: &$0)
                    })
            }
            lastDay = line.date
        }
        return lastDay
    }

    /// Widens the columns to fit what `other` was fitted to.
    mutating func fit(_ other: TableColumns) {
        widths = zip(widths, other.widths).map { max($0, $1) }
    }

    func writeTitles(into text: inout TextBuffer) {
        for (column, title) in titles.enumerated() {
            let start = text.count
            text.append(title)
            if column < titles.count - 1 { endCell(column, from: start, in: &text) }
        }
        text.append(byte: 0x0A)
    }

    /// Pads the cell that starts at byte `start` to its column's width and separates it from the
    /// next.
    func endCell(_ column: Int, from start: Int, in text: inout TextBuffer) {
        text.pad(from: start, to: widths[column])
        text.append(spaces: 2)
    }

    /// `3/5`: the provider's and the client's messages.
    static func writeCounts(provider: Int, client: Int, into text: inout TextBuffer) {
        text.append(number: provider)
        text.append(byte: 0x2F)
        text.append(number: client)
    }
}
