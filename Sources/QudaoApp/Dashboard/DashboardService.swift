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
    /// The collection cycle (回款周期) of the range and of the previous range.
    public var collection: CollectionCycle = .none
    public var previousCollection: CollectionCycle = .none

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

    /// The dashboard for `filter`. Its reads are independent, so they run side by side on
    /// separate connections (SQLite's WAL and PostgreSQL both read concurrently); the largest,
    /// the range's sales per partner, is one pass over the rollup rows.
    public func load(_ caller: Caller, filter: DashboardFilter) async throws -> DashboardView {
        try Self.requireHeadquarters(caller)
        let generatedAt = platform.clock.now()
        let range = filter.range
        let previous = range.previous
        let buckets = range.buckets(filter.granularity)
        let bucketCovers = buckets.map(\.cover)
        let database = platform.database
        async let partnerSums = database.read { try await $0.salesByPartnerSums(pieces: range.cover, filter: filter) }
        async let attributes = database.read { try await $0.partnerAttributes(filter: filter) }
        async let previousTotals = database.read { try await $0.salesTotals(pieces: previous.cover, filter: filter) }
        async let byPiece = database.read { try await $0.salesByPiece(pieces: Array(Set(bucketCovers.joined())), filter: filter) }
        async let topProducts = database.read {
            try await $0.salesByProduct(
                pieces: range.cover, filter: filter, page: PageRequest(pageNumber: 1, pageSize: Self.leaderCount), counting: false
            )
            .items
        }
        async let others = database.read { session in
            (
                newPartners: try await session.newPartnerCount(range: range, filter: filter),
                previousNewPartners: try await session.newPartnerCount(range: previous, filter: filter),
                settleable: try await session.settleableCommissionFen(filter: filter),
                paid: try await session.paidCommission(range: range, filter: filter),
                previousPaid: try await session.paidCommission(range: previous, filter: filter),
                balance: try await session.prepaidBalanceFen(filter: filter),
                topUps: try await session.confirmedTopUps(range: range, filter: filter),
                previousTopUps: try await session.confirmedTopUps(range: previous, filter: filter),
                returns: try await session.refundedReturns(range: range, filter: filter),
                previousReturns: try await session.refundedReturns(range: previous, filter: filter),
                collection: try await session.collectionCycle(range: range, filter: filter),
                previousCollection: try await session.collectionCycle(range: previous, filter: filter)
            )
        }
        let sums = try await partnerSums
        let partners = try await attributes
        let (previousSales, previousActive) = try await previousTotals
        let pieces = try await byPiece
        let figures = try await others

        // Every partner's sales belong to exactly one province, level, grade and type, so the
        // totals and each breakdown are sums over the same rows.
        let members = sums.compactMap { id, figures in partners[id].map { (partner: $0, figures: figures) } }
        let sales = members.map(\.figures).reduce(.zero, +)
        let active = Int64(members.filter { $0.figures.orders > 0 }.count)
        var breakdowns: [PartnerDimension: [BreakdownRow]] = [:]
        for dimension in PartnerDimension.allCases {
            let grouped = Dictionary(grouping: members) { member -> String in
                switch dimension {
                case .province: member.partner.province
                case .level: String(member.partner.level)
                case .grade: member.partner.grade?.rawValue ?? ""
                case .partnerType: member.partner.partnerType.rawValue
                }
            }
            breakdowns[dimension] = grouped.map { key, group in
                BreakdownRow(
                    key: key, activePartners: Int64(group.filter { $0.figures.orders > 0 }.count), figures: group.map(\.figures).reduce(.zero, +))
            }
            .sorted { ($0.figures.salesFen, $1.key) > ($1.figures.salesFen, $0.key) }
        }
        let topPartners = members.filter { $0.figures.orders > 0 }
            .sorted { ($0.figures.salesFen, $1.partner.code) > ($1.figures.salesFen, $0.partner.code) }
            .prefix(Self.leaderCount)
            .map { member in
                GroupSales(
                    partnerId: member.partner.id, partnerCode: member.partner.code, partnerName: member.partner.name,
                    province: member.partner.province, level: member.partner.level, partnerType: member.partner.partnerType,
                    grade: member.partner.grade, activePartners: 1, figures: member.figures)
            }
        let metrics: [MetricValue] = DashboardMetric.allCases.map { metric in
            let (value, before): (Int64?, Int64?) =
                switch metric {
                case .netSales: (sales.salesFen, previousSales.salesFen)
                case .orders: (sales.orders, previousSales.orders)
                case .averageOrder: (sales.averageOrderFen, previousSales.averageOrderFen)
                case .activePartners: (active, previousActive)
                case .newPartners: (figures.newPartners, figures.previousNewPartners)
                case .commissionAccrued: (sales.commissionFen, previousSales.commissionFen)
                case .commissionSettleable: (figures.settleable, nil)
                case .commissionPaid: (figures.paid.amountFen, figures.previousPaid.amountFen)
                case .prepaidBalance: (figures.balance, nil)
                case .topUps: (figures.topUps.amountFen, figures.previousTopUps.amountFen)
                case .returns: (figures.returns.count, figures.previousReturns.count)
                case .refunds: (figures.returns.amountFen, figures.previousReturns.amountFen)
                }
            return MetricValue(metric: metric, value: value, previous: before)
        }
        let trend = zip(buckets, bucketCovers).map { days, cover in
            TrendPoint(days: days, figures: cover.compactMap { pieces[$0] }.reduce(.zero, +))
        }
        var view = DashboardView(
            filter: filter, today: BusinessDate(containing: generatedAt), generatedAt: generatedAt, metrics: metrics, sales: sales,
            previousSales: previousSales, trend: trend, breakdowns: breakdowns, topPartners: Array(topPartners), topProducts: try await topProducts)
        view.collection = figures.collection
        view.previousCollection = figures.previousCollection
        return view
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
