extension Bill {
    /// A bill line's figures without its rate parts and its session's reasons: what sizing a
    /// report's table needs, read back from the spool with no string but the date and no array.
    struct LineFigures: Equatable {
        let date: String
        let rawSeconds: Int
        let billedSeconds: Int
        let amount: Int?
        let isBillable: Bool
        let providerMessages: Int
        let clientMessages: Int
        let firstLine: Int
        let lastLine: Int
        let files: ClosedRange<Int>
    }
}

extension Bill.LineFigures {
    init(_ line: Bill.Line) {
        let session = line.session
        self.init(
            date: line.date, rawSeconds: line.rawSeconds, billedSeconds: line.billedSeconds, amount: line.amount,
            isBillable: session.isBillable, providerMessages: session.providerMessages,
            clientMessages: session.clientMessages, firstLine: session.firstLine, lastLine: session.lastLine,
            files: session.files)
    }
}
