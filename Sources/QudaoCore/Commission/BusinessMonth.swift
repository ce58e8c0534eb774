import Foundation

/// A calendar month in business time, `2026-10`.
public struct BusinessMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Creates a month.
    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "a month is 1 … 12")
        self.year = year
        self.month = month
    }

    /// Parses `yyyy-MM`.
    public init?(_ text: String) {
        guard let numbers = DateText.numbers(text, separator: "-", lengths: [4...4, 2...2]) else { return nil }
        let (year, month) = (numbers[0], numbers[1])
        guard (2000...2999).contains(year), (1...12).contains(month) else { return nil }
        self.init(year: year, month: month)
    }

    /// The month an instant falls in (Asia/Shanghai).
    public init(containing instant: Date) {
        let parts = BusinessTime.calendar.dateComponents([.year, .month], from: instant)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1)
    }

    public var description: String { String(format: "%04d-%02d", year, month) }

    public var next: BusinessMonth { month == 12 ? BusinessMonth(year: year + 1, month: 1) : BusinessMonth(year: year, month: month + 1) }
    public var previous: BusinessMonth { month == 1 ? BusinessMonth(year: year - 1, month: 12) : BusinessMonth(year: year, month: month - 1) }

    /// Midnight of the first day, Asia/Shanghai.
    public var start: Date { BusinessTime.calendar.date(from: DateComponents(year: year, month: month, day: 1))! }
    /// Midnight of the first day of the next month (exclusive end).
    public var end: Date { next.start }

    /// When the settlement of this month runs automatically: 02:00 on `day` of the next month.
    public func settlementRunTime(day: Int) -> Date {
        BusinessTime.calendar.date(from: DateComponents(year: next.year, month: next.month, day: day, hour: 2))!
    }

    public static func < (lhs: BusinessMonth, rhs: BusinessMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
