import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

struct DayRequest: Decodable {
    let day: String?
}

struct AssignRequest: Decodable {
    let assignee: String?
    let rowVersion: Int64?
}

struct CommentRequest: Decodable {
    let body: String?
}

struct ResolutionRequest: Decodable {
    let resolution: String?
}

struct GradingOverviewResponse: Codable {
    let distribution: [String: Int64]
    let runs: [GradingRunResponse]
}

struct GradingRunResponse: Codable {
    let day: String
    let status: String
    let triggeredBy: String
    let startedAt: Date
    let completedAt: Date?
    let partnersGraded: Int64
    let warningsEntered: Int64

    init(_ run: GradingRunRecord) {
        day = run.businessDate
        status = run.status
        triggeredBy = run.triggeredBy
        startedAt = run.startedAt
        completedAt = run.completedAt
        partnersGraded = run.partnersGraded
        warningsEntered = run.warningsEntered
    }
}

struct GradingOutcomeResponse: Codable {
    let day: String
    let partnersGraded: Int
    let warningsEntered: Int
}

struct ChannelPolicyResponse: Codable {
    let warningSellThroughBelowBp: Int64
    let warningReturnRateAboveBp: Int64
    let warningSalesDropBp: Int64
    let warningSalesDropMinimumEarlierFen: Int64
    let qualitySellThroughAtLeastBp: Int64
    let qualityReturnRateAtMostBp: Int64
    let leadTimeDays: Int64
    let reviewPeriodDays: Int64
    let blockOrdersOnExpiredCertificates: Bool

    init(_ policy: ChannelPolicy) {
        warningSellThroughBelowBp = policy.grading.warningSellThroughBelowBasisPoints
        warningReturnRateAboveBp = policy.grading.warningReturnRateAboveBasisPoints
        warningSalesDropBp = policy.grading.warningSalesDropBasisPoints
        warningSalesDropMinimumEarlierFen = policy.grading.warningSalesDropMinimumEarlier.fen
        qualitySellThroughAtLeastBp = policy.grading.qualitySellThroughAtLeastBasisPoints
        qualityReturnRateAtMostBp = policy.grading.qualityReturnRateAtMostBasisPoints
        leadTimeDays = policy.leadTimeDays
        reviewPeriodDays = policy.reviewPeriodDays
        blockOrdersOnExpiredCertificates = policy.blockOrdersOnExpiredCertificates
    }
}

struct ChannelPolicyRequest: Decodable {
    let warningSellThroughBelowBp: IntegerInput?
    let warningReturnRateAboveBp: IntegerInput?
    let warningSalesDropBp: IntegerInput?
    let warningSalesDropMinimumEarlierFen: IntegerInput?
    let qualitySellThroughAtLeastBp: IntegerInput?
    let qualityReturnRateAtMostBp: IntegerInput?
    let leadTimeDays: IntegerInput?
    let reviewPeriodDays: IntegerInput?
    let blockOrdersOnExpiredCertificates: Bool?

    var input: ChannelPolicyInput {
        ChannelPolicyInput(
            warningSellThroughBelowBasisPoints: .basisPoints(warningSellThroughBelowBp ?? .missing),
            warningReturnRateAboveBasisPoints: .basisPoints(warningReturnRateAboveBp ?? .missing),
            warningSalesDropBasisPoints: .basisPoints(warningSalesDropBp ?? .missing),
            warningSalesDropMinimumEarlier: .fen(warningSalesDropMinimumEarlierFen ?? .missing),
            qualitySellThroughAtLeastBasisPoints: .basisPoints(qualitySellThroughAtLeastBp ?? .missing),
            qualityReturnRateAtMostBasisPoints: .basisPoints(qualityReturnRateAtMostBp ?? .missing), leadTimeDays: leadTimeDays ?? .missing,
            reviewPeriodDays: reviewPeriodDays ?? .missing, blockOrdersOnExpiredCertificates: blockOrdersOnExpiredCertificates)
    }
}

struct GradeRecordResponse: Codable {
    let id: String
    let day: String
    let grade: Grade
    let previousGrade: Grade?
    let unitsSold: Int64
    let openingOnHand: Int64
    let unitsReceived: Int64
    let unitsDelivered: Int64
    let unitsReturned: Int64
    let salesLast30DaysFen: Int64
    let salesPrevious30DaysFen: Int64
    let sellThroughBp: Int64?
    let returnRateBp: Int64?
    let salesChangeBp: Int64?
    let reasons: String
    let reasonsEn: String

    init(_ record: PartnerGradeRecord) {
        id = record.id
        day = record.businessDate
        grade = record.grade
        previousGrade = record.previousGrade
        unitsSold = record.inputs.unitsSold
        openingOnHand = record.inputs.openingOnHand
        unitsReceived = record.inputs.unitsReceived
        unitsDelivered = record.inputs.unitsDelivered
        unitsReturned = record.inputs.unitsReturned
        salesLast30DaysFen = record.inputs.salesLast30Days.fen
        salesPrevious30DaysFen = record.inputs.salesPrevious30Days.fen
        sellThroughBp = record.metrics.sellThrough?.roundedBasisPoints
        returnRateBp = record.metrics.returnRate?.roundedBasisPoints
        salesChangeBp = record.metrics.salesChange?.roundedBasisPoints
        let text = GradeWording.reasons(record.reasons, thresholds: record.thresholds)
        reasons = text.chinese
        reasonsEn = text.english
    }
}

struct PartnerGradingResponse: Codable {
    let partnerId: String
    let grade: Grade?
    let since: String?
    let latest: GradeRecordResponse?
    let changes: PageResponse<GradeRecordResponse>

    init(_ view: PartnerGradingView) {
        partnerId = view.partner.id
        grade = view.current?.grade
        since = view.current?.sinceDate
        latest = view.latest.map(GradeRecordResponse.init)
        changes = PageResponse(view.changes, GradeRecordResponse.init)
    }
}

struct FollowUpResponse: Codable {
    let id: String
    let number: String
    let partnerId: String
    let reason: String
    let reasonEn: String
    let status: FollowUpStatus
    let assigneeAccountId: String?
    let openedAt: Date
    let closedAt: Date?
    let closedBy: String?
    let resolution: String?
    let rowVersion: Int64

    init(_ task: FollowUpTask) {
        id = task.id
        number = task.number
        partnerId = task.partnerId
        reason = task.reasonChinese
        reasonEn = task.reasonEnglish
        status = task.status
        assigneeAccountId = task.assigneeAccountId
        openedAt = task.openedAt
        closedAt = task.closedAt
        closedBy = task.closedBy
        resolution = task.resolution
        rowVersion = task.rowVersion
    }
}

struct FollowUpCommentResponse: Codable {
    let id: String
    let author: String
    let body: String
    let createdAt: Date

    init(_ comment: FollowUpComment) {
        id = comment.id
        author = comment.author
        body = comment.body
        createdAt = comment.createdAt
    }
}

struct FollowUpDetailResponse: Codable {
    let task: FollowUpResponse
    let grade: GradeRecordResponse?
    let comments: [FollowUpCommentResponse]

    init(_ view: FollowUpView) {
        task = FollowUpResponse(view.task)
        grade = view.grade.map(GradeRecordResponse.init)
        comments = view.comments.map(FollowUpCommentResponse.init)
    }
}
