import Foundation
import QudaoApp
import QudaoCore

struct AuditEntryResponse: Codable {
    let sequence: Int64
    let id: String
    let occurredAt: Date
    let accountId: String?
    let username: String
    let sourceIP: String
    let action: String
    let entityType: String
    let entityId: String
    let before: String?
    let after: String?
    let rowHash: String

    init(_ entry: AuditEntry) {
        sequence = entry.sequence
        id = entry.id
        occurredAt = entry.occurredAt
        accountId = entry.accountId
        username = entry.username
        sourceIP = entry.sourceIP
        action = entry.action
        entityType = entry.entityType
        entityId = entry.entityId
        before = entry.beforeJSON
        after = entry.afterJSON
        rowHash = entry.rowHash
    }
}

struct SettingsResponse: Codable {
    let maxLevels: Int
    let prepaid: PrepaidRulesBody
    let orderWindows: OrderWindowsBody
    let retention: RetentionBody
    let approvals: ApprovalPolicyBody
    let reconciliation: ReconciliationSettingsBody
    /// When new order windows wait for a second approver (they publish a commission rule): the request.
    var orderWindowsAwaitingApproval: ApprovalResponse?
}

/// Which sensitive HQ actions wait for a second HQ approver.
struct ApprovalPolicyBody: Codable {
    let commissionRules: Bool
    let payoutAccounts: Bool
    /// Direct prepaid credits above this wait; absent or null holds none.
    let prepaidCreditAboveFen: Int64?

    init(_ policy: ApprovalPolicy) {
        commissionRules = policy.commissionRules
        payoutAccounts = policy.payoutAccounts
        prepaidCreditAboveFen = policy.prepaidCreditAbove?.fen
    }

    var policy: ApprovalPolicy {
        ApprovalPolicy(
            commissionRules: commissionRules, payoutAccounts: payoutAccounts, prepaidCreditAbove: prepaidCreditAboveFen.map(Money.init(fen:)))
    }
}

struct SettingsRequest: Decodable {
    let maxLevels: IntegerInput?
    let prepaid: PrepaidRulesBody?
    let orderWindows: OrderWindowsBody?
    /// How long personal data is kept (HQ admin).
    let retention: RetentionBody?
    /// Which actions wait for a second HQ approver (HQ admin).
    let approvals: ApprovalPolicyBody?
    /// How long an unanswered partner statement waits before it is confirmed automatically (HQ finance).
    let reconciliation: ReconciliationSettingsBody?
}

/// Partner statements (对账单): days after issue when an unanswered one is confirmed automatically.
struct ReconciliationSettingsBody: Codable {
    let autoConfirmDays: Int
}

struct RetentionBody: Codable {
    let orderPersonalDataDays: Int
    let sessionRecordDays: Int
}

struct TierBody: Codable {
    let thresholdFen: Int64
    let rateBp: Int64
}

struct PrepaidRulesBody: Codable {
    let bonusTiers: [TierBody]
    let discountTiers: [TierBody]
    let maximumTopUpFen: Int64
    let discountWindowDays: Int
    /// Prepaid purchase orders above this need the payment password; absent or null asks for none.
    let paymentPasswordAboveFen: Int64?

    init(_ rules: PrepaidRules) {
        bonusTiers = rules.bonusTiers.map { TierBody(thresholdFen: $0.threshold.fen, rateBp: $0.rate.basisPoints) }
        discountTiers = rules.discountTiers.map { TierBody(thresholdFen: $0.threshold.fen, rateBp: $0.rate.basisPoints) }
        maximumTopUpFen = rules.maximumTopUp.fen
        discountWindowDays = rules.discountWindowDays
        paymentPasswordAboveFen = rules.paymentPasswordAbove?.fen
    }

    var rules: PrepaidRules {
        PrepaidRules(
            bonusTiers: bonusTiers.map { Tier(threshold: Money(fen: $0.thresholdFen), rate: Rate(basisPoints: $0.rateBp)) },
            discountTiers: discountTiers.map { Tier(threshold: Money(fen: $0.thresholdFen), rate: Rate(basisPoints: $0.rateBp)) },
            maximumTopUp: Money(fen: maximumTopUpFen), discountWindowDays: discountWindowDays,
            paymentPasswordAbove: paymentPasswordAboveFen.map { Money(fen: $0) })
    }
}

struct OrderWindowsBody: Codable {
    let autoReceiveDays: Int
    let returnWindowDays: Int
}
