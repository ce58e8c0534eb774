import Foundation
import QudaoCore
import Testing

/// Months and dates people type are read strictly: a sign, a doubled or leading separator, a
/// missing zero or a non-ASCII digit is refused, never read as something else (issue 13, finding 6).
@Suite("Strict months and dates")
struct StrictDateTextTests {
    @Test(
        "a month is yyyy-MM and nothing else",
        arguments: ["-2026-01", "2026--02", "2026-+4", "+2026-01", "2026-1", "2026-01-", "2026-13", " 2026-01", "２０２６-01", "2026-0x"])
    func monthsRefused(_ text: String) {
        // given a month written almost right, when it is read, then it is refused
        #expect(BusinessMonth(text) == nil, "\(text) was read as \(String(describing: BusinessMonth(text)))")
    }

    @Test("well-formed months are read")
    func monthsRead() {
        #expect(BusinessMonth("2026-01") == BusinessMonth(year: 2026, month: 1))
        #expect(BusinessMonth("2099-12") == BusinessMonth(year: 2099, month: 12))
    }

    @Test(
        "a date is yyyy-MM-dd and nothing else",
        arguments: ["2026-+1-01", "2026-01-+1", "-2026-01-01", "2026--01-01", "2026-01-01-", "2026-1-01", "2026-02-30"])
    func datesRefused(_ text: String) {
        #expect(BusinessDate(text) == nil, "\(text) was read as a date")
    }

    @Test(
        "the start of a typed day refuses signs and empty parts, and still takes a single-digit month or day",
        arguments: ["2026-+1-01", "2026-01-+1", "2026--1-01", "2026-01-"])
    func startOfDayRefused(_ text: String) {
        #expect(BusinessTime.startOfDay(text) == nil, "\(text) was read as a day")
    }

    @Test("single-digit months and days are still read where people type them")
    func startOfDayLenient() {
        #expect(BusinessTime.startOfDay("2026-1-5") == BusinessTime.startOfDay("2026-01-05"))
        #expect(BusinessTime.startOfDay("2026-01-05") != nil)
    }

    @Test("the number reader takes only ASCII digits of the given lengths")
    func numbers() {
        #expect(DateText.numbers("2026-10", separator: "-", lengths: [4...4, 2...2]) == [2026, 10])
        #expect(DateText.numbers("2026-+1", separator: "-", lengths: [4...4, 2...2]) == nil)
        #expect(DateText.numbers("2026--1", separator: "-", lengths: [4...4, 2...2]) == nil)
        #expect(DateText.numbers("10:05", separator: ":", lengths: [1...2, 2...2]) == [10, 5])
    }
}
