import Foundation

/// Sales of some partners over some days, as the rollups add them up. Every field is a sum, so
/// figures of disjoint periods or partners add up with `+`.
public struct SalesFigures: Sendable, Hashable, Codable {
    /// Paid orders (purchase and referral).
    public var orders: Int64
    public var purchaseOrders: Int64
    public var referralOrders: Int64
    /// Before discounts.
    public var grossFen: Int64
    /// What the customers paid (RULES §2), before refunds.
    public var netFen: Int64
    /// Refunded later on these orders (RULES §5).
    public var refundedFen: Int64
    /// Units ordered.
    public var units: Int64
    /// Commission accrued to these partners on these days (records not reversed).
    public var commissionFen: Int64

    /// Creates figures.
    public init(
        orders: Int64 = 0, purchaseOrders: Int64 = 0, referralOrders: Int64 = 0, grossFen: Int64 = 0, netFen: Int64 = 0, refundedFen: Int64 = 0,
        units: Int64 = 0, commissionFen: Int64 = 0
    ) {
        self.orders = orders
        self.purchaseOrders = purchaseOrders
        self.referralOrders = referralOrders
        self.grossFen = grossFen
        self.netFen = netFen
        self.refundedFen = refundedFen
        self.units = units
        self.commissionFen = commissionFen
    }

    /// Nothing sold.
    public static let zero = SalesFigures()

    /// Net sales: what was paid less what was refunded, the figure the dashboard leads with.
    public var salesFen: Int64 { netFen - refundedFen }

    /// Net sales per order, rounded half up to the fen; nil without orders.
    public var averageOrderFen: Int64? {
        orders > 0 ? Money.roundedHalfUpDivision(salesFen, multipliedBy: 1, dividedBy: orders) : nil
    }

    public static func + (lhs: SalesFigures, rhs: SalesFigures) -> SalesFigures {
        SalesFigures(
            orders: lhs.orders + rhs.orders, purchaseOrders: lhs.purchaseOrders + rhs.purchaseOrders,
            referralOrders: lhs.referralOrders + rhs.referralOrders, grossFen: lhs.grossFen + rhs.grossFen, netFen: lhs.netFen + rhs.netFen,
            refundedFen: lhs.refundedFen + rhs.refundedFen, units: lhs.units + rhs.units, commissionFen: lhs.commissionFen + rhs.commissionFen)
    }
}

/// The partner attribute a breakdown groups by.
public enum PartnerDimension: String, Sendable, Codable, CaseIterable {
    case province
    case level
    case grade
    case partnerType = "type"
}

/// The figures a dashboard shows at the top, each with the previous period's value.
public enum DashboardMetric: String, Sendable, Codable, CaseIterable {
    case netSales
    case orders
    case averageOrder
    case activePartners
    case newPartners
    case commissionAccrued
    case commissionSettleable
    case commissionPaid
    case prepaidBalance
    case topUps
    case returns
    case refunds

    /// Whether the figure is an amount of money (else a count).
    public var isMoney: Bool {
        switch self {
        case .orders, .activePartners, .newPartners, .returns: false
        default: true
        }
    }

    /// Whether the figure is a balance at this moment rather than a flow over the range: such a
    /// figure has no previous period to compare with, and the filters' dates do not apply to it.
    public var isSnapshot: Bool { self == .commissionSettleable || self == .prepaidBalance }
}

/// One figure of a dashboard and what it was in the previous period of the same length.
public struct MetricValue: Sendable, Hashable, Codable {
    public let metric: DashboardMetric
    /// Fen for money, else a count; nil when it cannot be computed (the average of no orders).
    public let value: Int64?
    /// The same figure over the previous period; nil for a snapshot.
    public let previous: Int64?

    /// Creates a value.
    public init(metric: DashboardMetric, value: Int64?, previous: Int64?) {
        self.metric = metric
        self.value = value
        self.previous = metric.isSnapshot ? nil : previous
    }

    /// The change against the previous period as an exact ratio; nil when there is nothing to
    /// compare with (a snapshot, or nothing in the previous period).
    public var change: Ratio? {
        guard let value, let previous, previous > 0 else { return nil }
        return Ratio(value - previous, over: previous)
    }
}

/// The collection cycle (回款周期, RULES §8) of a period: how long money took to arrive, over the
/// top-ups confirmed in it (confirmation − request) and the referral orders paid in it
/// (payment − order), in milliseconds; the mean and the 90th percentile (nearest rank).
public struct CollectionCycle: Sendable, Hashable, Codable {
    /// Collections measured.
    public let count: Int64
    public let meanMilliseconds: Int64?
    public let percentile90Milliseconds: Int64?

    /// Creates a cycle.
    public init(count: Int64, meanMilliseconds: Int64?, percentile90Milliseconds: Int64?) {
        self.count = count
        self.meanMilliseconds = meanMilliseconds
        self.percentile90Milliseconds = percentile90Milliseconds
    }

    /// No collection in the period.
    public static let none = CollectionCycle(count: 0, meanMilliseconds: nil, percentile90Milliseconds: nil)

    /// The offset of the 90th percentile among `count` sorted durations, by nearest rank: ⌈0.9 n⌉ − 1.
    public static func percentile90Offset(count: Int64) -> Int64 {
        max((count * 9 + 9) / 10 - 1, 0)
    }

    /// A duration in days with one decimal, rounded half up, by integer arithmetic: `2.5`.
    public static func daysText(_ milliseconds: Int64) -> String {
        let tenths = (milliseconds * 10 + 43_200_000) / 86_400_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}
