import Foundation

/// One partner's grade on one business day, with the figures and reasons that produced it.
public struct PartnerGradeRecord: Sendable, Hashable {
    public let id: String
    public let partnerId: String
    public let businessDate: String
    public let grade: Grade
    /// The grade of the latest earlier day, if any (a change into `warning` opens a task).
    public let previousGrade: Grade?
    public let inputs: GradingInputs
    public let reasons: [GradeReason]
    public let thresholds: GradingThresholds
    public let computedAt: Date

    /// Creates a record.
    public init(
        id: String, partnerId: String, businessDate: String, grade: Grade, previousGrade: Grade?, inputs: GradingInputs, reasons: [GradeReason],
        thresholds: GradingThresholds, computedAt: Date
    ) {
        self.id = id
        self.partnerId = partnerId
        self.businessDate = businessDate
        self.grade = grade
        self.previousGrade = previousGrade
        self.inputs = inputs
        self.reasons = reasons
        self.thresholds = thresholds
        self.computedAt = computedAt
    }

    /// The metrics, recomputed exactly from the stored inputs.
    public var metrics: GradingMetrics { GradingMetrics(inputs) }

    /// Whether this grade is an entry into `warning` (it was not warning the day before).
    public var entersWarning: Bool { grade == .warning && previousGrade != .warning }
}

/// A partner's grade as lists show it: the latest grade and since when it holds.
public struct CurrentGrade: Sendable, Hashable {
    public let partnerId: String
    public let gradeId: String
    public let grade: Grade
    public let businessDate: String
    /// The first day of the current run of this grade.
    public let sinceDate: String
    public let sellThroughBasisPoints: Int64?
    public let returnRateBasisPoints: Int64?
    public let salesChangeBasisPoints: Int64?

    /// Creates a current grade.
    public init(
        partnerId: String, gradeId: String, grade: Grade, businessDate: String, sinceDate: String, sellThroughBasisPoints: Int64?,
        returnRateBasisPoints: Int64?, salesChangeBasisPoints: Int64?
    ) {
        self.partnerId = partnerId
        self.gradeId = gradeId
        self.grade = grade
        self.businessDate = businessDate
        self.sinceDate = sinceDate
        self.sellThroughBasisPoints = sellThroughBasisPoints
        self.returnRateBasisPoints = returnRateBasisPoints
        self.salesChangeBasisPoints = salesChangeBasisPoints
    }
}

/// The state of a follow-up task.
public enum FollowUpStatus: String, Sendable, Codable, CaseIterable {
    case open
    case closed
}

/// A follow-up task opened when a partner enters `warning` (RULES §9): HQ operations assign it,
/// comment on it and close it with a resolution.
public struct FollowUpTask: Sendable, Hashable {
    public let id: String
    public let number: String
    public let partnerId: String
    public let gradeId: String?
    public let reasonChinese: String
    public let reasonEnglish: String
    public var status: FollowUpStatus
    public var assigneeAccountId: String?
    public let openedAt: Date
    public var closedAt: Date?
    public var closedBy: String?
    public var resolution: String?
    public var rowVersion: Int64

    /// Creates a task.
    public init(
        id: String, number: String, partnerId: String, gradeId: String?, reasonChinese: String, reasonEnglish: String, status: FollowUpStatus,
        assigneeAccountId: String?, openedAt: Date, closedAt: Date?, closedBy: String?, resolution: String?, rowVersion: Int64
    ) {
        self.id = id
        self.number = number
        self.partnerId = partnerId
        self.gradeId = gradeId
        self.reasonChinese = reasonChinese
        self.reasonEnglish = reasonEnglish
        self.status = status
        self.assigneeAccountId = assigneeAccountId
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.closedBy = closedBy
        self.resolution = resolution
        self.rowVersion = rowVersion
    }
}

/// A comment on a follow-up task.
public struct FollowUpComment: Sendable, Hashable {
    public let id: String
    public let taskId: String
    public let accountId: String?
    public let author: String
    public let body: String
    public let createdAt: Date

    /// Creates a comment.
    public init(id: String, taskId: String, accountId: String?, author: String, body: String, createdAt: Date) {
        self.id = id
        self.taskId = taskId
        self.accountId = accountId
        self.author = author
        self.body = body
        self.createdAt = createdAt
    }
}
