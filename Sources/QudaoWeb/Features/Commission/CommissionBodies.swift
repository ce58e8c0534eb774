import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

struct RuleResponse: Codable {
    let version: Int64
    let rate1Bp: Int64
    let rate2Bp: Int64
    let rate3Bp: Int64
    let capBp: Int64
    let bonusTiers: [TierBody]
    let settlementDay: Int
    let minimumPayoutFen: Int64
    let autoReceiveDays: Int
    let returnWindowDays: Int
    let effectiveAt: Date

    init(_ rule: CommissionRule) {
        version = rule.version
        rate1Bp = rule.rates[0].basisPoints
        rate2Bp = rule.rates[1].basisPoints
        rate3Bp = rule.rates[2].basisPoints
        capBp = rule.capBasisPoints
        bonusTiers = rule.bonusTiers.map { TierBody(thresholdFen: $0.threshold.fen, rateBp: $0.rate.basisPoints) }
        settlementDay = rule.settlementDay
        minimumPayoutFen = rule.minimumPayout.fen
        autoReceiveDays = rule.windows.autoReceiveDays
        returnWindowDays = rule.windows.returnWindowDays
        effectiveAt = rule.effectiveAt
    }
}

struct RulesResponse: Codable {
    let current: RuleResponse
    let versions: [RuleResponse]
}

struct TierRequest: Decodable {
    let thresholdFen: IntegerInput?
    let rateBp: IntegerInput?
}

struct RuleRequest: Decodable {
    let rate1Bp: IntegerInput?
    let rate2Bp: IntegerInput?
    let rate3Bp: IntegerInput?
    let capBp: IntegerInput?
    let bonusTiers: [TierRequest]?
    let settlementDay: IntegerInput?
    let minimumPayoutFen: IntegerInput?
    let autoReceiveDays: IntegerInput?
    let returnWindowDays: IntegerInput?
    let effectiveAt: String?
    /// The month to simulate on (simulation only).
    let month: String?

    var input: CommissionRuleInput {
        CommissionRuleInput(
            rateBasisPoints: [rate1Bp, rate2Bp, rate3Bp].map { .basisPoints($0 ?? .missing) }, capBasisPoints: .basisPoints(capBp ?? .missing),
            bonusTiers: (bonusTiers ?? []).map {
                .init(threshold: .fen($0.thresholdFen ?? .missing), rateBasisPoints: .basisPoints($0.rateBp ?? .missing))
            },
            settlementDay: settlementDay ?? .missing, minimumPayout: .fen(minimumPayoutFen ?? .missing), autoReceiveDays: autoReceiveDays ?? .missing,
            returnWindowDays: returnWindowDays ?? .missing, effectiveAt: effectiveAt)
    }
}

struct SimulationResponse: Codable {
    struct Change: Codable {
        let partnerId: String
        let partnerCode: String
        let currentFen: Int64
        let draftFen: Int64
        let changeFen: Int64
    }

    let month: String
    let orderCount: Int
    let currentByPositionFen: [Int64]
    let draftByPositionFen: [Int64]
    let changes: [Change]

    init(_ simulation: RuleSimulation) {
        month = simulation.month.description
        orderCount = simulation.orderCount
        currentByPositionFen = simulation.currentByPosition.map(\.fen)
        draftByPositionFen = simulation.draftByPosition.map(\.fen)
        changes = simulation.changes.map {
            Change(
                partnerId: $0.partner.id, partnerCode: $0.partner.code, currentFen: $0.current.fen, draftFen: $0.draft.fen, changeFen: $0.change.fen)
        }
    }
}

struct SummaryResponse: Codable {
    let frozenFen: Int64
    let settleableFen: Int64
    let settledTotalFen: Int64
    let settledLastRunFen: Int64
    let ordersAwaitingSettlement: Int64

    init(_ summary: CommissionSummary) {
        frozenFen = summary.frozen.fen
        settleableFen = summary.settleable.fen
        settledTotalFen = summary.settledTotal.fen
        settledLastRunFen = summary.settledLastRun.fen
        ordersAwaitingSettlement = summary.ordersAwaitingSettlement
    }
}

struct CommissionRecordResponse: Codable {
    let id: String
    let kind: CommissionKind
    let partnerId: String
    let orderId: String?
    let orderNumber: String?
    let position: Int?
    let month: String?
    let baseFen: Int64
    let amountFen: Int64
    let ruleVersion: Int64
    let state: CommissionState
    let settleableAt: Date?
    let statementId: String?
    let statementNumber: String?
    let createdAt: Date

    init(_ record: CommissionRecord, numbers: [String: String]) {
        id = record.id
        kind = record.kind
        partnerId = record.partnerId
        orderId = record.orderId
        orderNumber = record.orderId.flatMap { numbers[$0] }
        position = record.position
        month = record.month
        baseFen = record.base.fen
        amountFen = record.amount.fen
        ruleVersion = record.ruleVersion
        state = record.state
        settleableAt = record.settleableAt
        statementId = record.statementId
        statementNumber = record.statementId.flatMap { numbers[$0] }
        createdAt = record.createdAt
    }
}

struct ExplanationLineResponse: Codable {
    let lineNumber: Int
    let grossFen: Int64
    let discountShareFen: Int64
    let baseFen: Int64
    let rateBp: Int64
    let productOverride: Bool
    /// base (fen) × rate (bp), before dividing by 10 000.
    let productFenBp: Int64
}

struct ExplanationResponse: Codable {
    let position: Int
    let ruleVersion: Int64
    let discountRateBp: Int64
    let lines: [ExplanationLineResponse]
    let totalFenBp: Int64
    let amountFen: Int64
    let rounding: String

    init(_ explanation: CommissionExplanation) {
        position = explanation.position
        ruleVersion = explanation.ruleVersion
        discountRateBp = explanation.discountRate.basisPoints
        lines = explanation.lines.map {
            ExplanationLineResponse(
                lineNumber: $0.lineNumber, grossFen: $0.gross.fen, discountShareFen: $0.discountShare.fen, baseFen: $0.base.fen,
                rateBp: $0.rate.basisPoints, productOverride: $0.overridden, productFenBp: $0.product)
        }
        totalFenBp = explanation.total
        amountFen = explanation.amount.fen
        rounding = "round_half_up(totalFenBp / 10000)"
    }
}

struct CommissionDetailResponse: Codable {
    let record: CommissionRecordResponse
    let explanation: ExplanationResponse?
    /// For an adjustment: what was booked before the return and the recomputed amount after it.
    let bookedBeforeFen: Int64?
    let recomputedFen: Int64?

    init(_ view: CommissionRecordView) {
        var numbers: [String: String] = [:]
        if let order = view.order { numbers[order.id] = order.number }
        if let statement = view.statement { numbers[statement.id] = statement.number }
        record = CommissionRecordResponse(view.record, numbers: numbers)
        explanation = view.explanation.map(ExplanationResponse.init)
        bookedBeforeFen = view.adjustmentBase?.before.fen
        recomputedFen = view.adjustmentBase?.after.fen
    }
}

struct RunResponse: Codable {
    let month: String
    let status: String
    let triggeredBy: String
    let startedAt: Date
    let completedAt: Date?
    let partnersExamined: Int64
    let statementsCreated: Int64
    let bonusesCreated: Int64

    init(_ run: SettlementRunRecord) {
        month = run.month
        status = run.status
        triggeredBy = run.triggeredBy
        startedAt = run.startedAt
        completedAt = run.completedAt
        partnersExamined = run.partnersExamined
        statementsCreated = run.statementsCreated
        bonusesCreated = run.bonusesCreated
    }
}

struct PreviewResponse: Codable {
    struct Line: Codable {
        let partnerId: String
        let partnerCode: String
        let commissionFen: Int64
        let bonusFen: Int64
        let netFen: Int64
        let recordCount: Int
        let settles: Bool
        let payoutMethod: PayoutMethod
    }

    let month: String
    let ruleVersion: Int64
    let runAt: Date
    let alreadySettled: Bool
    let totalFen: Int64
    let carriedOverFen: Int64
    let lines: [Line]

    init(_ preview: SettlementPreview) {
        month = preview.month.description
        ruleVersion = preview.rule.version
        runAt = preview.runTime
        alreadySettled = preview.alreadyRun
        totalFen = preview.total.fen
        carriedOverFen = preview.carried.fen
        lines = preview.lines.map {
            Line(
                partnerId: $0.partner.id, partnerCode: $0.partner.code, commissionFen: $0.commission.fen, bonusFen: $0.bonus.fen, netFen: $0.net.fen,
                recordCount: $0.recordCount, settles: $0.settles, payoutMethod: $0.payoutMethod)
        }
    }
}

struct OutcomeResponse: Codable {
    let month: String
    let partnersExamined: Int
    let statementsCreated: Int
    let bonusesCreated: Int

    init(_ outcome: SettlementOutcome) {
        month = outcome.month.description
        partnersExamined = outcome.partnersExamined
        statementsCreated = outcome.statementsCreated
        bonusesCreated = outcome.bonusesCreated
    }
}

struct StatementResponse: Codable {
    let id: String
    let number: String
    let partnerId: String
    let month: String
    let commissionFen: Int64
    let bonusFen: Int64
    let netFen: Int64
    let recordCount: Int64
    let payoutMethod: PayoutMethod
    let status: StatementRecord.Status
    let failureReason: String?
    let createdAt: Date
    let paidAt: Date?

    init(_ statement: StatementRecord) {
        id = statement.id
        number = statement.number
        partnerId = statement.partnerId
        month = statement.month
        commissionFen = statement.commission.fen
        bonusFen = statement.bonus.fen
        netFen = statement.net.fen
        recordCount = statement.recordCount
        payoutMethod = statement.payoutMethod
        status = statement.status
        failureReason = statement.failureReason
        createdAt = statement.createdAt
        paidAt = statement.paidAt
    }
}

struct StatementDetailResponse: Codable {
    let statement: StatementResponse
    let records: [CommissionRecordResponse]
}

struct PayoutSettingsResponse: Codable {
    let method: PayoutMethod
    let accountName: String?
    let bankName: String?
    /// Masked: the full number only ever leaves in the audited payout file.
    let accountNumberMasked: String?

    init(_ settings: PayoutSettings) {
        method = settings.method
        accountName = settings.accountName
        bankName = settings.bankName
        accountNumberMasked = settings.accountNumber.map(PersonalDataMask.identifier)
    }
}

struct PayoutSettingsRequest: Decodable {
    let partnerId: String?
    let method: String?
    let accountName: String?
    let bankName: String?
    let accountNumber: String?
    /// The partner's payment password: required when a partner owner changes its own settings.
    let paymentPassword: String?
}
