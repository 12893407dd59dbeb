import ChatBillCore

/// How `bank` commands print what the ledger holds.
enum BankText {
    static func money(_ minor: Int?, _ currency: String?) -> String {
        guard let minor, let code = currency.flatMap(Currency.init(code:)) else { return "" }
        return ", " + code.format(minor)
    }

    static func status(_ status: Ledger.ClientStatus, today: String, warnBelow: String?, expiringWithin: Int) -> String
    {
        let remaining = status.remainingSeconds(on: today)
        var text = "\(status.key) (\(status.name))\n"
        text += "  prepaid   \(DurationText.format(seconds: status.prepaidSeconds)) in \(status.blocks.count) "
        text +=
            "\(status.blocks.count == 1 ? "block" : "blocks"), used \(DurationText.format(seconds: status.usedSeconds)), "
        text += "remaining \(DurationText.format(seconds: remaining))\n"
        let expired = status.expiredSeconds(on: today)
        if expired > 0 { text += "  expired   \(DurationText.format(seconds: expired)) unused (never drawn)\n" }
        let soon = CivilDateTime.dayAfter(today, days: expiringWithin)
        for block in status.blocks where block.remainingSeconds > 0 {
            if let expires = block.expires, expires >= today, expires <= soon {
                text += "  expiring  \(DurationText.format(seconds: block.remainingSeconds)) on \(expires)\n"
            }
        }
        text += "  unbilled  \(DurationText.format(seconds: status.unbilledSeconds))"
        text += money(status.unbilledAmount, status.currency)
        if let threshold = status.thresholdSeconds {
            text += status.isDue ? " — invoice due (threshold \(DurationText.format(seconds: threshold)))" : ""
        }
        if let warnBelow, !status.blocks.isEmpty {
            let limit: Int? =
                warnBelow.hasSuffix("%")
                ? Int(warnBelow.dropLast()).map { status.prepaidSeconds * $0 / 100 } : DurationText.parse(warnBelow)
            if let limit, remaining < limit {
                text +=
                    "\n  warning   only \(DurationText.format(seconds: remaining)) prepaid time left (below \(warnBelow))"
            }
        }
        return text
    }
}
