import Foundation

/// The source of the platform's current time. Every rule that depends on time asks a clock,
/// so tests (and a server started with `--test-clock`) can move time forward instead of sleeping.
public protocol Clock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real wall clock.
public struct SystemClock: Clock {
    /// Creates the wall clock.
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock that stands still until it is advanced. It never goes backwards.
public final class TestClock: Clock, @unchecked Sendable {
    // A lock rather than an actor keeps `now()` synchronous like the system clock's.
    private let lock = NSLock()
    private var current: Date

    /// Creates a test clock reading `start`.
    public init(start: Date) {
        self.current = start
    }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Moves the clock to `instant`. Returns false, changing nothing, if that is in the past.
    @discardableResult
    public func set(_ instant: Date) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard instant >= current else { return false }
        current = instant
        return true
    }

    /// Moves the clock forward by a number of seconds.
    public func advance(seconds: Int) {
        precondition(seconds >= 0, "a test clock never goes backwards")
        lock.lock()
        defer { lock.unlock() }
        current = current.addingTimeInterval(TimeInterval(seconds))
    }
}

/// Business time: dates, months and scheduled runs are in Asia/Shanghai (RULES §1).
public enum BusinessTime {
    /// The Asia/Shanghai time zone (UTC+8, no daylight saving).
    public static let timeZone = TimeZone(identifier: "Asia/Shanghai")!

    /// A Gregorian calendar in business time.
    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `yyyy-MM-dd HH:mm:ss` in business time, the way pages show instants.
    public static func displayText(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    /// `yyyy-MM-dd`: the business date of an instant.
    public static func dayText(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Midnight in business time of a valid `yyyy-MM-dd` date (not 2026-02-30), or nil.
    public static func startOfDay(_ text: String) -> Date? {
        guard let numbers = DateText.numbers(text, separator: "-", lengths: [4...4, 1...2, 1...2]) else { return nil }
        let (year, month, day) = (numbers[0], numbers[1], numbers[2])
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// `yyyyMMdd` of the business date, for document numbers.
    public static func dateStamp(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// ISO 8601 with the Asia/Shanghai offset, e.g. `2026-11-15T02:00:00+08:00`.
    public static func isoText(_ instant: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: instant)
    }
}
