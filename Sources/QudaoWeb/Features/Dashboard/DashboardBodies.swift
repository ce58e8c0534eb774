import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

struct DashboardFilterBody: Codable {
    let range: String
    let from: String
    let to: String
    let granularity: RollupGrain
    let province: String?
    let level: Int?
    let grade: String?
    let type: String?

    init(_ filter: DashboardFilter) {
        range = filter.preset.rawValue
        from = filter.range.first.description
        to = filter.range.last.description
        granularity = filter.granularity
        province = filter.province
        level = filter.level
        grade = filter.grade?.rawValue
        type = filter.partnerType?.rawValue
    }
}

struct SalesFiguresBody: Codable {
    let orders: Int64
    let purchaseOrders: Int64
    let referralOrders: Int64
    let grossFen: Int64
    let netFen: Int64
    let refundedFen: Int64
    let salesFen: Int64
    let units: Int64
    let commissionFen: Int64

    init(_ figures: SalesFigures) {
        orders = figures.orders
        purchaseOrders = figures.purchaseOrders
        referralOrders = figures.referralOrders
        grossFen = figures.grossFen
        netFen = figures.netFen
        refundedFen = figures.refundedFen
        salesFen = figures.salesFen
        units = figures.units
        commissionFen = figures.commissionFen
    }
}

struct DashboardBody: Codable {
    struct Metric: Codable {
        let metric: DashboardMetric
        let unit: String
        let snapshot: Bool
        let value: Int64?
        let previous: Int64?
        /// The change in basis points of the previous value (rounded half away from zero); null without one.
        let changeBasisPoints: Int64?
    }

    struct TrendPointBody: Codable {
        let from: String
        let to: String
        let figures: SalesFiguresBody
    }

    struct BreakdownBody: Codable {
        let key: String
        let activePartners: Int64
        let figures: SalesFiguresBody
    }

    struct PartnerResponse: Codable {
        let partnerId: String
        let code: String
        let name: String
        let province: String
        let level: Int
        let type: String
        let grade: String?
        let figures: SalesFiguresBody
    }

    struct ProductResponse: Codable {
        let productId: String
        let sku: String
        let name: String
        let units: Int64
        let unitsRefunded: Int64
        let grossFen: Int64
    }

    let filter: DashboardFilterBody
    let previousFrom: String
    let previousTo: String
    let generatedAt: Date
    let metrics: [Metric]
    let trend: [TrendPointBody]
    let breakdowns: [String: [BreakdownBody]]
    let topPartners: [PartnerResponse]
    let topProducts: [ProductResponse]
    /// The collection cycle (回款周期) of the range and of the previous one.
    let collection: CollectionCycle
    let previousCollection: CollectionCycle

    init(_ view: DashboardView) {
        collection = view.collection
        previousCollection = view.previousCollection
        filter = DashboardFilterBody(view.filter)
        previousFrom = view.filter.range.previous.first.description
        previousTo = view.filter.range.previous.last.description
        generatedAt = view.generatedAt
        metrics = view.metrics.map {
            Metric(
                metric: $0.metric, unit: $0.metric.isMoney ? "fen" : "count", snapshot: $0.metric.isSnapshot, value: $0.value,
                previous: $0.previous, changeBasisPoints: $0.change?.roundedBasisPoints)
        }
        trend = view.trend.map {
            TrendPointBody(from: $0.days.first.description, to: $0.days.last.description, figures: SalesFiguresBody($0.figures))
        }
        breakdowns = Dictionary(
            uniqueKeysWithValues: PartnerDimension.allCases.map { dimension in
                (
                    dimension.rawValue,
                    (view.breakdowns[dimension] ?? []).map {
                        BreakdownBody(key: $0.key, activePartners: $0.activePartners, figures: SalesFiguresBody($0.figures))
                    }
                )
            })
        topPartners = view.topPartners.map {
            PartnerResponse(
                partnerId: $0.partnerId ?? "", code: $0.partnerCode ?? "", name: $0.partnerName ?? "", province: $0.province, level: $0.level,
                type: $0.partnerType.rawValue, grade: $0.grade?.rawValue, figures: SalesFiguresBody($0.figures))
        }
        topProducts = view.topProducts.map {
            ProductResponse(
                productId: $0.productId, sku: $0.sku, name: $0.name, units: $0.units, unitsRefunded: $0.unitsRefunded, grossFen: $0.grossFen)
        }
    }
}
