import Foundation
import Testing

@testable import ChatBillCore

@Suite("chatbill.toml")
struct ConfigTests {
    static let path = Fixtures.url("billing/chatbill.toml").path

    func parse(_ text: String) throws(ChatBillError) -> ChatBillConfig {
        try ChatBillConfig.parse(text, file: "chatbill.toml")
    }

    /// The error a config gives, as the user reads it.
    func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            guard case .badConfig(let diagnostic) = error else { return "not a config error: \(error)" }
            return diagnostic.description
        }
    }

    @Test func theBundledConfigReadsEveryClientInOrder() throws {
        let config = try ChatBillConfig.load(path: Self.path)
        #expect(config.providerNames?.value == ["Sam Keller"])
        #expect(config.clients.map(\.key) == ["acme", "nordlicht"])
        #expect(config.clients.map(\.name) == ["ACME GmbH", "Nordlicht Trading LLC"])
        let acme = config.clients[0].rules
        #expect(acme.rate?.value == "90.00")
        #expect(acme.currency?.value.code == "EUR")
        #expect(acme.afterHours?.value == Rate.AfterHours(dayStartMinute: 480, dayEndMinute: 1080, percent: 150))
        #expect(acme.weekend?.value == Rate.SpecialDays(weekdays: [6, 7], percent: 200))
        #expect(acme.holidays?.value == ["2026-12-24", "2026-12-25", "2026-12-26"])
        #expect(acme.invoiceThreshold?.value == 7200)
        let nordlicht = config.clients[1].rules
        #expect(nordlicht.rate?.value == "120")
        #expect(nordlicht.roundPer?.value == .session)
        #expect(nordlicht.dateOrder?.value == .mdy)
        #expect(nordlicht.timeZone?.origin.description == Self.path + ":30")
        #expect(config.defaults.gap?.value == 900)
    }

    @Test func clientsAreFoundByNameOrNumber() throws {
        let config = try parse(
            """
            [clients.dana]
            match = ["Dana Fischer", "+49 151 2345 678"]
            """)
        let dana = try #require(config.client(named: "DANA"))
        #expect(dana.matches("dana fischer"))
        #expect(dana.matches("\u{200E}Dana Fischer"))
        #expect(dana.matches("+491512345678"))
        #expect(dana.matches("+49 151-234-5678"))
        #expect(!dana.matches("Dana"))
        #expect(config.clients(matching: ["Chris", "Dana Fischer"]).map(\.key) == ["dana"])
    }

    @Test func clientsOverrideDefaultsAndFlagsOverrideBoth() throws {
        let config = try parse(
            """
            [defaults]
            gap = "10m"
            round = "none"

            [clients.acme]
            gap = 20
            """)
        var flags = RuleSettings()
        flags.leadIn = Setting(0, .flag("--lead-in"))
        let settings = config.defaults.overridden(by: config.clients[0].rules).overridden(by: flags)
        let (policy, origins) = try settings.resolve()
        #expect(policy.gapSeconds == 1200)
        #expect(policy.rounding.incrementSeconds == 0)
        #expect(policy.leadInSeconds == 0)
        #expect(origins["gap"] == "chatbill.toml:6")
        #expect(origins["rounding"] == "chatbill.toml:3")
        #expect(origins["lead-in"] == "--lead-in")
        #expect(origins["lead-out"] == nil)
    }

    @Test(arguments: [
        (
            "[defaults]\ngapp = \"15m\"\n",
            "chatbill.toml:2:1: error: unknown key 'gapp' in [defaults]; the keys are gap,"
        ),
        (
            "[defaults]\ngap = \"15 minutes\"\n",
            "chatbill.toml:2:1: error: defaults.gap: must be a duration from 1s to 24h"
        ),
        (
            "[clients.a]\n\nround_mode = \"sideways\"\n",
            "chatbill.toml:3:1: error: clients.a.round_mode: must be \"up\""
        ),
        ("[defaults]\ntime_zone = \"Mars/Olympus\"\n", "chatbill.toml:2:1: error: defaults.time_zone: must be an IANA"),
        (
            "[defaults]\nweekend = { days = [\"sat\", \"caturday\"], multiplier = 2 }\n",
            "chatbill.toml:2:1: error: defaults.weekend.days: 'caturday' is not a weekday"
        ),
        (
            "[defaults]\nafter_hours = { day_starts = \"18:00\", day_ends = \"08:00\", multiplier = 1.5 }\n",
            "chatbill.toml:2:1: error: defaults.after_hours: day_starts must come before day_ends"
        ),
        (
            "[defaults]\nholiday_multiplier = 20\n",
            "chatbill.toml:2:1: error: defaults.holiday_multiplier: must be a multiplier from 1 to 10"
        ),
        (
            "[defaults]\ngap = \"15m\"\ngap = \"20m\"\n",
            "chatbill.toml:3:7: error: Error while parsing key-value pair: cannot redefine"
        ),
        ("[clients.a]\nmatch = 3\n", "chatbill.toml:2:1: error: clients.a.match: must be a list of strings"),
        ("colour = \"blue\"\n", "chatbill.toml:1:1: error: unknown key 'colour' in the top level"),
    ])
    func aBadKeyOrValueIsAnErrorAtItsLine(text: String, expected: String) {
        let message = error(text)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
    }

    @Test func conflictingRulesAreErrorsAtTheRuleThatConflicts() throws {
        func resolveError(_ text: String) throws -> String? {
            do {
                _ = try parse(text).defaults.resolve()
                return nil
            } catch {
                return error.diagnostic.description
            }
        }
        #expect(
            try resolveError("[defaults]\ngap = \"30m\"\nwork_gap = \"20m\"\n")?.hasPrefix(
                "chatbill.toml:3:1: error: defaults.work_gap: the work gap (20m) is shorter than the gap (30m)") == true
        )
        #expect(
            try resolveError("[defaults]\nround = \"15m\"\nround_grace = \"15m\"\n")?.hasPrefix(
                "chatbill.toml:3:1: error: defaults.round_grace: the grace (15m) must be shorter") == true)
        #expect(
            try resolveError("[defaults]\nrate = \"90\"\n")?.hasPrefix(
                "chatbill.toml:2:1: error: defaults.rate: a rate needs a currency") == true)
        #expect(
            try resolveError("[defaults]\nrate = \"90.505\"\ncurrency = \"EUR\"\n")?.hasPrefix(
                "chatbill.toml:2:1: error: defaults.rate: '90.505' is not an amount in EUR") == true)
        #expect(try resolveError("[defaults]\nrate = 92.5\ncurrency = \"EUR\"\n") == nil)
    }

    @Test func theConfigIsFoundInTheWorkingFolderThenTheUsersConfigFolder() {
        let here = ChatBillConfig.defaultPath(environment: ["HOME": "/home/sam"]) { $0 == "chatbill.toml" }
        #expect(here == "chatbill.toml")
        let xdg = ChatBillConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/sam"]) {
            $0 == "/cfg/chatbill/chatbill.toml"
        }
        #expect(xdg == "/cfg/chatbill/chatbill.toml")
        let home = ChatBillConfig.defaultPath(environment: ["HOME": "/home/sam"]) {
            $0 == "/home/sam/.config/chatbill/chatbill.toml"
        }
        #expect(home == "/home/sam/.config/chatbill/chatbill.toml")
        #expect(ChatBillConfig.defaultPath(environment: [:]) { _ in false } == nil)
    }
}
