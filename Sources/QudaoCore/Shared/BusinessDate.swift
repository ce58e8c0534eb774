import Foundation

/// A calendar date in business time (Asia/Shanghai), without a time of day.
///
/// Dashboards and rollups work in whole days; counting them as integers (days since
/// 1970-01-01, proleptic Gregorian) makes weeks, months and period arithmetic exact and cheap,
/// with no time zone or daylight-saving surprises.
public struct BusinessDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    /// Creates the date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// Creates a date from its parts; nil when they are not a real date (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(year: year, month: month) else { return nil }
        self.init(dayNumber: Self.dayNumber(year: year, month: month, day: day))
    }

    /// Parses `yyyy-MM-dd` (years 2000 … 2999, as everywhere else in the product).
    public init?(_ text: String) {
        guard let numbers = DateText.numbers(text, separator: "-", lengths: [4...4, 2...2, 2...2]) else { return nil }
        let (year, month, day) = (numbers[0], numbers[1], numbers[2])
        guard (2000...2999).contains(year) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The business date an instant falls on. Asia/Shanghai has been UTC+8 without daylight
    /// saving since 1991, so the date is plain arithmetic; rollups call this for every payment.
    public init(containing instant: Date) {
        self.init(epochMilliseconds: Int64((instant.timeIntervalSince1970 * 1_000).rounded(.down)))
    }

    /// The business date of an instant stored as milliseconds since 1970 (UTC).
    public init(epochMilliseconds: Int64) {
        let shifted = epochMilliseconds + 8 * 3_600_000
        let day = shifted >= 0 ? shifted / 86_400_000 : (shifted - 86_399_999) / 86_400_000
        self.init(dayNumber: Int(day))
    }

    /// Year, month and day (civil-from-days, Howard Hinnant's algorithm).
    public var parts: (year: Int, month: Int, day: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `yyyy-MM-dd`.
    public var description: String {
        let (year, month, day) = parts
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> BusinessDate { BusinessDate(dayNumber: dayNumber + days) }

    /// 1 for Monday … 7 for Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((dayNumber + 3) % 7 + 7) % 7 + 1 }

    /// The Monday of this date's week (weeks start on Monday in China).
    public var weekStart: BusinessDate { adding(days: 1 - weekday) }

    /// The first day of this date's month.
    public var monthStart: BusinessDate {
        let (year, month, _) = parts
        return BusinessDate(dayNumber: Self.dayNumber(year: year, month: month, day: 1))
    }

    /// The last day of this date's month.
    public var monthEnd: BusinessDate {
        let (year, month, _) = parts
        return BusinessDate(dayNumber: Self.dayNumber(year: year, month: month, day: Self.daysIn(year: year, month: month)))
    }

    /// The first day of this date's quarter.
    public var quarterStart: BusinessDate {
        let (year, month, _) = parts
        return BusinessDate(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)!
    }

    /// The first day of this date's year.
    public var yearStart: BusinessDate { BusinessDate(year: parts.year, month: 1, day: 1)! }

    /// Midnight at the start of this date in business time, in milliseconds since 1970 (UTC), as
    /// instants are stored: exact integer arithmetic, as China keeps +08:00 all year.
    public var startEpochMilliseconds: Int64 { Int64(dayNumber) * 86_400_000 - 28_800_000 }

    /// Midnight at the start of this date in business time.
    public var start: Date { BusinessTime.startOfDay(description)! }

    /// Midnight at the start of the next date (the exclusive end of this one).
    public var end: Date { adding(days: 1).start }

    /// The month this date falls in.
    public var month: BusinessMonth { BusinessMonth(year: parts.year, month: parts.month) }

    public static func < (lhs: BusinessDate, rhs: BusinessDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days-from-civil (Howard Hinnant's algorithm).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
