import KubeLedgerCore
import Testing

@Suite struct TimeTests {
    @Test("an instant maps to the UTC hour holding it, also before 1970")
    func hourContaining() {
        #expect(Hour(containing: 1_793_577_600 + 3599).start == 1_793_577_600)
        #expect(Hour(containing: 1_793_577_600).start == 1_793_577_600)
        #expect(Hour(containing: -1).start == -3600)
        #expect(Hour(containing: 1_793_577_600).description == "2026-11-02T00:00:00Z")
    }

    @Test("an hour is made of the twelve steps h+5m ... h+60m")
    func stepsOfHour() {
        let hour = Hour(containing: 1_793_577_600)
        let steps = Array(Step.steps(of: hour))
        #expect(steps.count == 12)
        #expect(steps.first == hour.start + 300)
        #expect(steps.last == hour.end)
        #expect(steps.allSatisfy { Step.hour(of: $0) == hour })
        #expect(Step.containing(hour.start + 1) == hour.start + 300)
        #expect(Step.containing(hour.start + 300) == hour.start + 300)
    }

    @Test("an hour range counts and iterates its hours, and is empty when reversed")
    func ranges() {
        let from = Hour(containing: 1_793_577_600)
        let range = HourRange(from: from, to: from.advanced(by: 24))
        #expect(range.count == 24)
        #expect(Array(range).count == 24)
        #expect(range.contains(from.advanced(by: 23)))
        #expect(!range.contains(from.advanced(by: 24)))
        #expect(HourRange(from: from, to: from.advanced(by: -3)).count == 0)
    }

    @Test("RFC 3339 parses with or without fractions and offsets, and rejects other text",
          arguments: [("2026-11-02T00:00:00Z", Int64(1_793_577_600)), ("2026-11-02T01:00:00+01:00", 1_793_577_600),
                      ("2026-11-02T00:00:00.750Z", 1_793_577_600)])
    func parse(text: String, expected: Int64) {
        #expect(UTCTime.parse(text) == expected)
    }

    @Test("text that is not a time is refused", arguments: ["", "yesterday", "2026-13-01T00:00:00Z", "1793577600"])
    func parseRejects(text: String) {
        #expect(UTCTime.parse(text) == nil)
    }

    @Test("months start on their first day, and can be shifted back across a year")
    func months() {
        let instant = UTCTime.parse("2026-01-20T13:00:00Z")!
        #expect(UTCTime.format(UTCTime.startOfMonth(instant)) == "2026-01-01T00:00:00Z")
        #expect(UTCTime.format(UTCTime.startOfMonth(instant, monthsAdded: -2)) == "2025-11-01T00:00:00Z")
    }
}
