import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

struct ReplenishmentPlanResponse: Codable {
    struct Line: Codable {
        let productId: String
        let sku: String
        let name: String
        let packSize: Int64
        let dailySales: [Int64]
        let dailyDemand: Double
        let dailyStandardDeviation: Double
        let leadTimeDays: Int64
        let reviewPeriodDays: Int64
        let safetyStock: Int64
        let onHand: Int64
        let inTransit: Int64
        let quantityBeforePacks: Int64
        let suggestedQuantity: Int64
    }

    let partnerId: String
    let day: String
    let firstSalesDay: String
    let lastSalesDay: String
    let lines: [Line]

    init(_ plan: ReplenishmentPlan) {
        partnerId = plan.partner.id
        day = plan.day
        firstSalesDay = plan.firstSalesDay
        lastSalesDay = plan.lastSalesDay
        lines = plan.lines.map { line in
            let suggestion = line.suggestion
            return Line(
                productId: line.level.productId, sku: line.level.sku, name: line.level.name, packSize: line.level.packSize,
                dailySales: suggestion.inputs.dailySales, dailyDemand: suggestion.dailyDemand,
                dailyStandardDeviation: suggestion.dailyStandardDeviation,
                leadTimeDays: suggestion.inputs.leadTimeDays, reviewPeriodDays: suggestion.inputs.reviewPeriodDays,
                safetyStock: suggestion.safetyStock,
                onHand: suggestion.inputs.onHand, inTransit: suggestion.inputs.inTransit, quantityBeforePacks: suggestion.quantityBeforePacks,
                suggestedQuantity: suggestion.quantity)
        }
    }
}

struct DraftResponse: Codable {
    struct Line: Codable {
        let productId: String
        let quantity: Int64
    }

    let source: String
    let updatedAt: Date
    let lines: [Line]

    init(_ draft: PurchaseOrderDraft) {
        source = draft.source
        updatedAt = draft.updatedAt
        lines = draft.lines.map { Line(productId: $0.product, quantity: $0.quantity) }
    }
}
