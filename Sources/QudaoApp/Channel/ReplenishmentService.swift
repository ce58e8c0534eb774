import Foundation
import QudaoCore
import QudaoStore

/// One product's suggestion with the product it is for.
public struct ReplenishmentLine: Sendable {
    public let level: PartnerStockLevel
    public let suggestion: ReplenishmentSuggestion
}

/// A partner's replenishment suggestions (RULES §10) for a day.
public struct ReplenishmentPlan: Sendable {
    public let partner: PartnerRecord
    /// The day the suggestions are for; the 28 days before it are the sales history.
    public let day: String
    public let firstSalesDay: String
    public let lastSalesDay: String
    public let lines: [ReplenishmentLine]

    /// The lines with something to order.
    public var orderable: [ReplenishmentLine] { lines.filter { $0.suggestion.quantity > 0 } }
}

/// The partner's draft purchase order, as step 1 of ordering shows it.
public struct PurchaseOrderDraft: Sendable {
    public let lines: [(product: String, quantity: Int64)]
    /// `replenishment` (one click) or `manual`.
    public let source: String
    public let updatedAt: Date
}

/// Replenishment suggestions (RULES §10) and one-click reordering: the suggestions of every
/// product the partner holds, has on the way or sold in the last 28 days become a draft purchase
/// order, which the three ordering steps adjust and submit.
public struct ReplenishmentService: Sendable {
    let platform: Platform

    /// Products a plan looks at, at most.
    public static let maximumProducts = 500

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// The partner whose suggestions the caller may see: its own, or (HQ) any partner's.
    func planPartner(_ caller: Caller, _ partnerId: String?, _ session: SQLSession) async throws -> PartnerRecord {
        try await PartnerService(platform: platform).ownBusinessPartner(caller, partnerId, hqCapability: .viewOrders, session)
    }

    /// Today's suggestions for the caller's partner (or, for HQ, the given partner).
    public func plan(_ caller: Caller, partnerId: String? = nil) async throws -> ReplenishmentPlan {
        try await platform.database.read { session in
            let partner = try await self.planPartner(caller, partnerId, session)
            return try await self.plan(for: partner, session)
        }
    }

    func plan(for partner: PartnerRecord, _ session: SQLSession) async throws -> ReplenishmentPlan {
        let policy = try await GradingService.policy(session)
        let now = platform.clock.now()
        let day = BusinessTime.dayText(now)
        guard let today = BusinessTime.startOfDay(day) else { preconditionFailure("a day of the clock parses") }
        let days = (1...ReplenishmentInputs.windowDays).reversed().map { offset in
            BusinessTime.dayText(BusinessTime.calendar.date(byAdding: .day, value: -offset, to: today) ?? today)
        }
        let candidates = try await session.replenishmentCandidates(
            partnerId: partner.id, firstDay: days.first ?? day, lastDay: days.last ?? day, limit: Self.maximumProducts)
        let lines = candidates.map { candidate in
            let inputs = ReplenishmentInputs(
                dailySales: days.map { candidate.dailySales[$0] ?? 0 }, leadTimeDays: policy.leadTimeDays, reviewPeriodDays: policy.reviewPeriodDays,
                onHand: candidate.level.onHand, inTransit: candidate.level.inTransit, packSize: candidate.level.packSize)
            return ReplenishmentLine(level: candidate.level, suggestion: Replenishment.suggest(inputs))
        }
        // What needs ordering comes first (a store on a phone sees it without scrolling), then by SKU.
        let ordered = lines.sorted { ($0.suggestion.quantity > 0 ? 0 : 1, $0.level.sku) < ($1.suggestion.quantity > 0 ? 0 : 1, $1.level.sku) }
        return ReplenishmentPlan(partner: partner, day: day, firstSalesDay: days.first ?? day, lastSalesDay: days.last ?? day, lines: ordered)
    }

    /// One click: today's suggestions (those above zero) become the partner's draft purchase order,
    /// replacing any earlier draft. Audited. Returns the plan the draft came from.
    @discardableResult
    public func draftFromSuggestions(_ caller: Caller) async throws -> ReplenishmentPlan {
        try caller.require(.partnerOrdering)
        return try await platform.database.write { session in
            let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
            let plan = try await self.plan(for: partner, session)
            let lines = plan.orderable.map { (product: $0.level.productId, quantity: $0.suggestion.quantity) }
            guard !lines.isEmpty else {
                throw AppError.invalid("lines", .notAllowed(reason: .nothingToReplenish))
            }
            let now = self.platform.clock.now()
            try await session.savePurchaseOrderDraft(
                partnerId: partner.id, lines: lines, source: "replenishment", createdBy: caller.principal.accountId, at: now)
            try await session.audit(
                caller, at: now, action: "order_draft.from_replenishment", entityType: "partner", entityId: partner.id, before: nil,
                after: AuditSnapshot.json([
                    "lines": .text(plan.orderable.map { "\($0.level.sku)×\($0.suggestion.quantity)" }.joined(separator: ", "))
                ]))
            return plan
        }
    }

    /// The caller's partner's draft purchase order, if any.
    public func draft(_ caller: Caller) async throws -> PurchaseOrderDraft? {
        try caller.require(.partnerOrdering)
        return try await platform.database.read { session in
            let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
            return try await session.purchaseOrderDraft(partnerId: partner.id).map {
                PurchaseOrderDraft(lines: $0.lines, source: $0.source, updatedAt: $0.updatedAt)
            }
        }
    }

    /// Discards the caller's partner's draft.
    public func discardDraft(_ caller: Caller) async throws {
        try caller.require(.partnerOrdering)
        try await platform.database.write { session in
            let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
            try await session.deletePurchaseOrderDraft(partnerId: partner.id)
        }
    }
}
