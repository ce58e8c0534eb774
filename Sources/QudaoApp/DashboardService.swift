import Foundation
import QudaoCore
import QudaoStore

/// One bucket of a trend: its days and what was sold on them.
public struct TrendPoint: Sendable, Hashable {
    public let days: DateRange
    public let figures: SalesFigures
}

/// One row of a breakdown: a province, level, grade or partner type, and its sales.
public struct BreakdownRow: Sendable, Hashable {
    /// The value grouped by: a province name, "1" … "3", a grade or a partner type; "" for
    /// partners not graded yet.
    public let key: String
    public let activePartners: Int64
    public let figures: SalesFigures
}

/// Everything HQ's dashboard shows for one filter.
public struct DashboardView: Sendable {
    public let filter: DashboardFilter
    /// The business date the presets counted back from.
    public let today: BusinessDate
    public let generatedAt: Date
    /// The headline figures, in ``DashboardMetric`` order, each with the previous period.
    public let metrics: [MetricValue]
    /// The figures of the range (sums of the headline's sales figures).
    public let sales: SalesFigures
    public let previousSales: SalesFigures
    public let trend: [TrendPoint]
    /// Breakdowns by province, level, grade and partner type, largest net sales first.
    public let breakdowns: [PartnerDimension: [BreakdownRow]]
    public let topPartners: [GroupSales]
    public let topProducts: [ProductSales]

    /// A headline figure.
    public func metric(_ metric: DashboardMetric) -> MetricValue {
        metrics.first { $0.metric == metric } ?? MetricValue(metric: metric, value: nil, previous: nil)
    }
}

/// HQ's dashboard (数据看板, issue 6): the channel's sales, partners, commission, prepaid money and
/// returns over a range, against the previous range of the same length, with a trend, breakdowns
/// and leaders. Sales come from the rollups kept in the write transactions, so a load reads a few
/// thousand rows however many orders there are (`Benchmarks/DashboardBenchmark` measures it).
public struct DashboardService: Sendable {
    let platform: Platform

    /// How many partners and products the leader boards show.
    public static let leaderCount = 10

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// Today in business time, for presets.
    public var today: BusinessDate { BusinessDate(containing: platform.clock.now()) }

    /// Checks the caller is HQ staff who may see the channel's money (every HQ role may).
    public static func requireHeadquarters(_ caller: Caller) throws {
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        try caller.require(.viewFinance)
    }

    /// Reads a filter from query parameters against today's date (errors name the parameter).
    public func filter(_ parameters: [String: String]) throws -> DashboardFilter {
        do {
            return try DashboardFilter.parse(parameters, today: today)
        } catch let failure as ValidationFailure {
            throw AppError.validation(failure)
        }
    }

    /// The dashboard for `filter`.
    public func load(_ caller: Caller, filter: DashboardFilter) async throws -> DashboardView {
        try Self.requireHeadquarters(caller)
        let generatedAt = platform.clock.now()
        let range = filter.range
        let previous = range.previous
        let buckets = range.buckets(filter.granularity)
        let bucketCovers = buckets.map(\.cover)
        return try await platform.database.read { session in
            let groups = try await session.salesByPartnerGroup(pieces: range.cover, filter: filter)
            let previousGroups = try await session.salesByPartnerGroup(pieces: previous.cover, filter: filter)
            let byPiece = try await session.salesByPiece(pieces: Array(Set(bucketCovers.joined())), filter: filter)
            let leaders = PageRequest(pageNumber: 1, pageSize: Self.leaderCount)
            let topPartners = try await session.salesByPartner(pieces: range.cover, filter: filter, page: leaders).items
            let topProducts = try await session.salesByProduct(pieces: range.cover, filter: filter, page: leaders).items
            let newPartners = try await session.newPartnerCount(range: range, filter: filter)
            let previousNewPartners = try await session.newPartnerCount(range: previous, filter: filter)
            let settleable = try await session.settleableCommissionFen(filter: filter)
            let paid = try await session.paidCommission(range: range, filter: filter)
            let previousPaid = try await session.paidCommission(range: previous, filter: filter)
            let balance = try await session.prepaidBalanceFen(filter: filter)
            let topUps = try await session.confirmedTopUps(range: range, filter: filter)
            let previousTopUps = try await session.confirmedTopUps(range: previous, filter: filter)
            let returns = try await session.refundedReturns(range: range, filter: filter)
            let previousReturns = try await session.refundedReturns(range: previous, filter: filter)

            let sales = groups.map(\.figures).reduce(.zero, +)
            let previousSales = previousGroups.map(\.figures).reduce(.zero, +)
            let active = groups.map(\.activePartners).reduce(0, +)
            let previousActive = previousGroups.map(\.activePartners).reduce(0, +)
            let metrics: [MetricValue] = DashboardMetric.allCases.map { metric in
                let (value, before): (Int64?, Int64?) =
                    switch metric {
                    case .netSales: (sales.salesFen, previousSales.salesFen)
                    case .orders: (sales.orders, previousSales.orders)
                    case .averageOrder: (sales.averageOrderFen, previousSales.averageOrderFen)
                    case .activePartners: (active, previousActive)
                    case .newPartners: (newPartners, previousNewPartners)
                    case .commissionAccrued: (sales.commissionFen, previousSales.commissionFen)
                    case .commissionSettleable: (settleable, nil)
                    case .commissionPaid: (paid.amountFen, previousPaid.amountFen)
                    case .prepaidBalance: (balance, nil)
                    case .topUps: (topUps.amountFen, previousTopUps.amountFen)
                    case .returns: (returns.count, previousReturns.count)
                    case .refunds: (returns.amountFen, previousReturns.amountFen)
                    }
                return MetricValue(metric: metric, value: value, previous: before)
            }
            let trend = zip(buckets, bucketCovers).map { days, cover in
                TrendPoint(days: days, figures: cover.compactMap { byPiece[$0] }.reduce(.zero, +))
            }
            var breakdowns: [PartnerDimension: [BreakdownRow]] = [:]
            for dimension in PartnerDimension.allCases {
                let grouped = Dictionary(grouping: groups) { group -> String in
                    switch dimension {
                    case .province: group.province
                    case .level: String(group.level)
                    case .grade: group.grade?.rawValue ?? ""
                    case .partnerType: group.partnerType.rawValue
                    }
                }
                breakdowns[dimension] = grouped.map { key, members in
                    BreakdownRow(
                        key: key, activePartners: members.map(\.activePartners).reduce(0, +), figures: members.map(\.figures).reduce(.zero, +))
                }
                .sorted { ($0.figures.salesFen, $1.key) > ($1.figures.salesFen, $0.key) }
            }
            return DashboardView(
                filter: filter, today: BusinessDate(containing: generatedAt), generatedAt: generatedAt, metrics: metrics, sales: sales,
                previousSales: previousSales, trend: trend, breakdowns: breakdowns, topPartners: topPartners, topProducts: topProducts)
        }
    }

    /// Records that the caller exported a view or report (`report`, e.g. "dashboard") in `format`
    /// with `filter`: exports take the channel's figures out of the platform, so each is audited.
    public func recordExport(_ caller: Caller, report: String, format: String, filter: DashboardFilter) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var values = Dictionary(uniqueKeysWithValues: filter.queryItems.map { ($0.name, $0.value) })
        values["from"] = filter.range.first.description
        values["to"] = filter.range.last.description
        values["format"] = format
        let after = String(decoding: try encoder.encode(values), as: UTF8.self)
        try await platform.database.write { session in
            try await session.audit(
                caller, at: self.platform.clock.now(), action: "report.export", entityType: "report", entityId: report, before: nil, after: after)
        }
    }
}
