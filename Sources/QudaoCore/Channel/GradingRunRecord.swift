import Foundation

/// A grading run's row.
public struct GradingRunRecord: Sendable, Hashable {
    public let businessDate: String
    public let status: String
    public let triggeredBy: String
    public let startedAt: Date
    public let completedAt: Date?
    public let partnersGraded: Int64
    public let warningsEntered: Int64

    /// Creates the value.
    public init(businessDate: String, status: String, triggeredBy: String, startedAt: Date, completedAt: Date?, partnersGraded: Int64, warningsEntered: Int64) {
        self.businessDate = businessDate
        self.status = status
        self.triggeredBy = triggeredBy
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.partnersGraded = partnersGraded
        self.warningsEntered = warningsEntered
    }
}
