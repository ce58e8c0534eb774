import Foundation

/// A settlement run's record.
public struct SettlementRunRecord: Sendable, Hashable {
    public let month: String
    public let status: String
    public let triggeredBy: String
    public let startedAt: Date
    public let completedAt: Date?
    public let partnersExamined: Int64
    public let statementsCreated: Int64
    public let bonusesCreated: Int64

    /// Creates the record.
    public init(
        month: String, status: String, triggeredBy: String, startedAt: Date, completedAt: Date?, partnersExamined: Int64,
        statementsCreated: Int64, bonusesCreated: Int64
    ) {
        self.month = month
        self.status = status
        self.triggeredBy = triggeredBy
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.partnersExamined = partnersExamined
        self.statementsCreated = statementsCreated
        self.bonusesCreated = bonusesCreated
    }
}
