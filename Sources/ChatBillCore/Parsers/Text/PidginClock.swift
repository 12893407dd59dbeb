/// The day of Pidgin's time-only stamps, for the text and HTML logs alike: `--date`, else the
/// header or title, else the file name, else the file's modification day; then a `DayClock`
/// that moves past midnight. Late messages carry their own full date.
struct PidginClock {
    private(set) var day: ContextDate?
    private var clock: DayClock?
    private let fallback: ContextDate?

    init(input: InputFile, options: ParseOptions, zone: ZoneChoice) {
        day = options.date.map { ContextDate(day: $0, source: .flag) }
        fallback =
            PidginTextParser.fileNameFacts(input.fileName).map {
                ContextDate(day: $0.day, source: .fileName(input.fileName))
            }
            ?? input.modificationDate.map {
                ContextDate(day: ISOTimestamp.local($0, in: zone.timeZone), source: .fileTime)
            }
    }

    /// The log's day as known before its header is read (`--date`, the file name, or the file's
    /// modification day), which the dates of late messages are near.
    var logDay: CivilDateTime? { (day ?? fallback)?.day }

    /// A header or title named the day, at `line`.
    mutating func named(_ date: CivilDateTime, line: Int) {
        if day == nil { day = ContextDate(day: date, source: .header(line: line)) }
    }

    /// The wall clock of a stamp; nil when it has only a time and no day is known.
    mutating func civil(for stamp: PidginTextParser.Stamp) -> CivilDateTime? {
        switch stamp {
        case .full(let full): return full
        case .timeOfDay(let hour, let minute, let second):
            if clock == nil {
                day = day ?? fallback
                guard let day else { return nil }
                clock = DayClock(day: day.day)
            }
            return clock!.dateTime(hour: hour, minute: minute, second: second)
        }
    }

    /// The day time-only stamps were read on, if any were.
    var usedDay: ContextDate? { clock == nil ? nil : day }
}
