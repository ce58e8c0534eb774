import Foundation
import PropertyBased
import QudaoCore
import Testing

@Suite("Business dates, dashboard ranges and filters")
struct DashboardRangeTests {
    @Test(
        "known dates: day numbers, weekdays and period starts",
        arguments: [
            // (date, days since 1970-01-01, weekday 1 = Monday, week start, month end, quarter start)
            ("2000-01-01", 10_957, 6, "1999-12-27", "2000-01-31", "2000-01-01"),
            ("2000-02-29", 11_016, 2, "2000-02-28", "2000-02-29", "2000-01-01"),
            ("2024-02-29", 19_782, 4, "2024-02-26", "2024-02-29", "2024-01-01"),
            ("2026-12-01", 20_788, 2, "2026-11-30", "2026-12-31", "2026-10-01"),
            ("2026-11-29", 20_786, 7, "2026-11-23", "2026-11-30", "2026-10-01"),
            ("2027-01-04", 20_822, 1, "2027-01-04", "2027-01-31", "2027-01-01"),
            ("2100-02-28", 47_540, 7, "2100-02-22", "2100-02-28", "2100-01-01"),
        ])
    func knownDates(_ text: String, _ dayNumber: Int, _ weekday: Int, _ weekStart: String, _ monthEnd: String, _ quarterStart: String) throws {
        let date = try #require(BusinessDate(text))
        #expect(date.dayNumber == dayNumber)
        #expect(date.description == text)
        #expect(date.weekday == weekday)
        #expect(date.weekStart.description == weekStart)
        #expect(date.monthEnd.description == monthEnd)
        #expect(date.quarterStart.description == quarterStart)
    }

    @Test("texts that are not dates are refused", arguments: ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "1999-12-31", "2026-01-01x", ""])
    func notDates(_ text: String) {
        #expect(BusinessDate(text) == nil)
    }

    @Test("an instant's business date is its date in Asia/Shanghai, as Foundation's calendar says")
    func instantsAgreeWithFoundation() async {
        // Any instant between 2000 and 2099, to the millisecond.
        await propertyCheck(input: Gen.int64(in: 946_684_800_000...4_102_444_799_999)) { milliseconds in
            let instant = Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
            let date = BusinessDate(epochMilliseconds: milliseconds)
            #expect(date.description == BusinessTime.dayText(instant))
            #expect(BusinessDate(containing: instant) == date)
            #expect(date.start <= instant && instant < date.end)
            #expect(date.startEpochMilliseconds <= milliseconds && milliseconds < date.adding(days: 1).startEpochMilliseconds)
            #expect(Double(date.startEpochMilliseconds) == date.start.timeIntervalSince1970 * 1_000)
            #expect(BusinessTime.calendar.component(.weekday, from: instant) == date.weekday % 7 + 1)
        }
    }

    @Test("parts and day numbers round-trip for every day of 2000 … 2999")
    func partsRoundTrip() async {
        await propertyCheck(input: Gen.int(in: 10_957...376_199)) { dayNumber in
            let date = BusinessDate(dayNumber: dayNumber)
            let (year, month, day) = date.parts
            #expect(BusinessDate(year: year, month: month, day: day) == date)
            #expect(BusinessDate(date.description) == date)
            #expect(date.weekStart.weekday == 1 && date.weekStart <= date && date.weekStart.adding(days: 6) >= date)
            #expect(date.monthStart.parts.day == 1 && date.monthEnd.adding(days: 1).parts.day == 1)
        }
    }

    @Test(
        "a range is covered by whole months, then whole weeks, then days",
        arguments: [
            ("2026-11-01", "2026-11-30", ["month:2026-11-01"]),
            ("2026-11-02", "2026-11-08", ["week:2026-11-02"]),
            ("2026-11-01", "2026-11-03", ["day:2026-11-01", "day:2026-11-02", "day:2026-11-03"]),
            // Last 30 days on 2026-12-01: a Monday-to-Sunday run of weeks, then single days.
            (
                "2026-11-02", "2026-12-01",
                ["week:2026-11-02", "week:2026-11-09", "week:2026-11-16", "week:2026-11-23", "day:2026-11-30", "day:2026-12-01"]
            ),
            (
                "2026-09-29", "2026-12-01",
                ["day:2026-09-29", "day:2026-09-30", "month:2026-10-01", "month:2026-11-01", "day:2026-12-01"]
            ),
        ])
    func knownCovers(_ first: String, _ last: String, _ expected: [String]) throws {
        let range = DateRange(first: try #require(BusinessDate(first)), last: try #require(BusinessDate(last)))
        #expect(range.cover.map(\.description) == expected)
    }

    @Test("a cover holds every day of the range exactly once, reading whole months where it can")
    func coverIsAnExactPartition() async {
        await propertyCheck(input: Gen.int(in: 19_000...21_000), Gen.int(in: 0...DashboardFilter.maximumDays - 1)) { start, length in
            let range = DateRange(first: BusinessDate(dayNumber: start), last: BusinessDate(dayNumber: start + length))
            let pieces = range.cover
            var expectedNext = range.first
            for piece in pieces {
                #expect(piece.start == expectedNext, "pieces are contiguous, without overlap")
                #expect(piece.grain.periodStart(of: piece.start) == piece.start, "a piece is a whole rollup period")
                expectedNext = piece.end.adding(days: 1)
            }
            #expect(expectedNext == range.last.adding(days: 1), "the last piece ends on the range's last day")
            // At most 60 whole months, and at either end under a month: up to 6 days before its
            // first Monday, 4 weeks and 6 days after them.
            #expect(pieces.count <= 60 + 2 * (6 + 4 + 6))
            #expect(pieces.filter { $0.grain == .month }.count >= length / 31 - 1, "every month inside the range is read whole")
        }
    }

    @Test("trend buckets split a range into its weeks or months, cut to the range")
    func buckets() throws {
        let range = DateRange(first: try #require(BusinessDate("2026-09-29")), last: try #require(BusinessDate("2026-12-01")))
        #expect(
            range.buckets(.month).map(\.description) == [
                "2026-09-29 ~ 2026-09-30", "2026-10-01 ~ 2026-10-31", "2026-11-01 ~ 2026-11-30", "2026-12-01",
            ])
        let weeks = range.buckets(.week)
        #expect(weeks.first?.description == "2026-09-29 ~ 2026-10-04")
        #expect(weeks.last?.description == "2026-11-30 ~ 2026-12-01")
        #expect(weeks.map(\.dayCount).reduce(0, +) == range.dayCount)
        #expect(range.buckets(.day).count == range.dayCount)
        #expect(range.previous.description == "2026-07-27 ~ 2026-09-28")
    }

    @Test(
        "presets on Tuesday 2026-12-01",
        arguments: [
            ("today", "2026-12-01", RollupGrain.day),
            ("yesterday", "2026-11-30", .day),
            ("last7", "2026-11-25 ~ 2026-12-01", .day),
            ("last30", "2026-11-02 ~ 2026-12-01", .day),
            ("last90", "2026-09-03 ~ 2026-12-01", .week),
            ("month", "2026-12-01", .day),
            ("lastMonth", "2026-11-01 ~ 2026-11-30", .day),
            ("quarter", "2026-10-01 ~ 2026-12-01", .day),
            ("year", "2026-01-01 ~ 2026-12-01", .month),
            ("last12Months", "2026-01-01 ~ 2026-12-01", .month),
        ])
    func presets(_ preset: String, _ expected: String, _ granularity: RollupGrain) throws {
        let filter = try DashboardFilter.parse(["range": preset], today: try #require(BusinessDate("2026-12-01")))
        #expect(filter.range.description == expected)
        #expect(filter.granularity == granularity)
        #expect(filter.queryItems.first?.value == preset)
    }

    @Test(
        "every bad filter value is named by its field",
        arguments: [
            (["range": "fortnight"], ["range"]),
            (["range": "custom"], ["from", "to"]),
            (["from": "2026-11-31", "to": "2026-11-01"], ["from"]),
            (["from": "2026-11-10", "to": "2026-11-01"], ["to"]),
            (["from": "2026-11-10", "to": "2026-12-02"], ["to"]),
            (["from": "2020-01-01", "to": "2026-12-01"], ["from"]),
            (["range": "year", "granularity": "day"], ["granularity"]),
            (["granularity": "hour"], ["granularity"]),
            (["province": "火星"], ["province"]),
            (["level": "4"], ["level"]),
            (["level": "one"], ["level"]),
            (["grade": "gold"], ["grade"]),
            (["type": "shop"], ["type"]),
            (["range": "x", "level": "0", "type": "y"], ["range", "level", "type"]),
        ])
    func badFilters(_ parameters: [String: String], _ fields: [String]) throws {
        let today = try #require(BusinessDate("2026-12-01"))
        let failure = try #require(throws: ValidationFailure.self) { try DashboardFilter.parse(parameters, today: today) }
        #expect(failure.errors.map(\.field) == fields)
    }

    @Test("a filter survives its own query items, so a bookmarked URL shows the same view")
    func queryItemsRoundTrip() throws {
        let today = try #require(BusinessDate("2026-12-01"))
        let filter = try DashboardFilter.parse(
            ["from": "2026-06-01", "to": "2026-08-31", "granularity": "month", "province": "广东省", "level": "2", "grade": "warning", "type": "store"],
            today: today)
        #expect(filter.preset == .custom)
        #expect(filter.narrowsPartners)
        let again = try DashboardFilter.parse(Dictionary(uniqueKeysWithValues: filter.queryItems.map { ($0.name, $0.value) }), today: today)
        #expect(again == filter)
        // A preset wins over the dates sent along with it (the form sends the dates it shows).
        let shown = try DashboardFilter.parse(["range": "last7", "from": "2026-11-01", "to": "2026-11-05"], today: today)
        #expect(shown.preset == .last7Days && shown.range.description == "2026-11-25 ~ 2026-12-01")
        let plain = try DashboardFilter.parse([:], today: today)
        #expect(plain.range.dayCount == 30 && !plain.narrowsPartners)
        #expect(plain.queryItems.map(\.name) == ["range"])
    }
}
