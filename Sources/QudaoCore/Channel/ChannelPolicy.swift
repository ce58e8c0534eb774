import Foundation

/// HQ's configuration of channel management (RULES §9 and §10, PRODUCT.md capability 1): grading
/// thresholds, replenishment lead time and review period, and whether an expired required
/// certificate stops a partner's purchase orders. Changed by HQ operations, versioned in the
/// audit log.
public struct ChannelPolicy: Sendable, Hashable, Codable {
    public var grading: GradingThresholds
    /// `L` of RULES §10.
    public var leadTimeDays: Int64
    /// `R` of RULES §10.
    public var reviewPeriodDays: Int64
    /// When on, a partner with an expired required certificate cannot place purchase orders.
    public var blockOrdersOnExpiredCertificates: Bool

    /// Certificates expiring within this many days raise a notification.
    public static let certificateNoticeDays: Int64 = 30

    /// RULES' defaults; blocking is off until HQ turns it on.
    public static let defaults = ChannelPolicy(
        grading: .defaults, leadTimeDays: ReplenishmentInputs.defaultLeadTimeDays, reviewPeriodDays: ReplenishmentInputs.defaultReviewPeriodDays,
        blockOrdersOnExpiredCertificates: false)

    /// Creates a policy.
    public init(grading: GradingThresholds, leadTimeDays: Int64, reviewPeriodDays: Int64, blockOrdersOnExpiredCertificates: Bool) {
        self.grading = grading
        self.leadTimeDays = leadTimeDays
        self.reviewPeriodDays = reviewPeriodDays
        self.blockOrdersOnExpiredCertificates = blockOrdersOnExpiredCertificates
    }

    /// Every problem with the policy, by field.
    public func problems() -> [FieldError] {
        var errors = grading.problems()
        if !(1...60).contains(leadTimeDays) { errors.append(FieldError(field: "leadTimeDays", problem: .outOfRange(minimum: 1, maximum: 60))) }
        if !(1...60).contains(reviewPeriodDays) {
            errors.append(FieldError(field: "reviewPeriodDays", problem: .outOfRange(minimum: 1, maximum: 60)))
        }
        return errors
    }
}

/// The business days a grading on `day` looks at (RULES §9): the 90 days before it for sell-through
/// and return rate, and two 30-day halves of the last 60 for the sales change. Each range is
/// `[start, end)` in business days (`yyyy-MM-dd`, Asia/Shanghai) and instants.
public struct GradingWindow: Sendable, Hashable {
    /// The day graded; the window ends at its start.
    public let day: String
    public let startDay: String
    public let end: Date
    public let start: Date
    /// Start of the last 30 days, and of the 30 before them.
    public let last30Start: Date
    public let previous30Start: Date

    public static let days = 90
    public static let halfDays = 30

    /// The window of the day `day` (`yyyy-MM-dd`), or nil for a text that is not a day.
    public init?(day: String) {
        guard let end = BusinessTime.startOfDay(day) else { return nil }
        let calendar = BusinessTime.calendar
        guard let start = calendar.date(byAdding: .day, value: -Self.days, to: end),
            let last30 = calendar.date(byAdding: .day, value: -Self.halfDays, to: end),
            let previous30 = calendar.date(byAdding: .day, value: -2 * Self.halfDays, to: end)
        else { return nil }
        self.day = day
        self.end = end
        self.start = start
        self.startDay = BusinessTime.dayText(start)
        self.last30Start = last30
        self.previous30Start = previous30
    }
}
