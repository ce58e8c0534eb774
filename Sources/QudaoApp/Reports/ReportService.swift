import Foundation
import QudaoCore
import QudaoStore

/// HQ's reports: paginated tables with the dashboard's filters, each exportable.
public enum ReportKind: String, Sendable, CaseIterable, Codable {
    case salesByPartner = "sales-by-partner"
    case salesByProduct = "sales-by-product"
    case salesByRegion = "sales-by-region"
    case commission
    case prepaid
    case returns
    case grades
}

/// A partner's contact as reports show it: the phone masked (`138****1234`).
public struct MaskedContact: Sendable, Hashable {
    public let name: String
    public let maskedPhone: String
}

/// One page of a report, with what it needs to be shown or exported.
public struct ReportPage: Sendable {
    public let kind: ReportKind
    public let filter: DashboardFilter
    public let generatedAt: Date
    public let totalCount: Int64
    public let pageNumber: Int
    public let pageSize: Int
    /// Sales of every partner, product or region of the filter (for the sales reports' totals row).
    public var salesTotal: SalesFigures?
    public var partnerSales: [GroupSales] = []
    public var productSales: [ProductSales] = []
    public var regionSales: [BreakdownRow] = []
    public var commissions: [PartnerCommission] = []
    public var prepaidMovements: [PrepaidMovement] = []
    /// Entries and net change per kind over the whole range (prepaid report).
    public var prepaidTotals: [PostingKind: (count: Int64, changeFen: Int64)] = [:]
    public var returns: [ReturnReportRow] = []
    public var grades: [GradeReportRow] = []
    /// The collection cycle (回款周期) of the range and of the previous range (prepaid report).
    public var collection: (current: CollectionCycle, previous: CollectionCycle)?
    /// Contacts of the partners on the page, phones masked.
    public var contacts: [String: MaskedContact] = [:]

    /// The page as a ``Page`` of nothing, for pagers.
    public var pageInfo: Page<Int> { Page(items: [], totalCount: totalCount, pageNumber: pageNumber, pageSize: pageSize) }
}

/// Builds HQ's reports from the rollups and the ledgers (HQ only; personal data masked).
public struct ReportService: Sendable {
    let platform: Platform

    /// The most rows an export holds: larger ones are refused with a request to narrow the filter.
    public static let maximumExportRows = 50_000

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// One page of `kind` for `filter`.
    public func page(_ caller: Caller, kind: ReportKind, filter: DashboardFilter, page: PageRequest) async throws -> ReportPage {
        try DashboardService.requireHeadquarters(caller)
        let generatedAt = platform.clock.now()
        let range = filter.range
        let cipher = platform.cipher
        return try await platform.database.read { session in
            var result: ReportPage
            func start(_ total: Int64) -> ReportPage {
                ReportPage(
                    kind: kind, filter: filter, generatedAt: generatedAt, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
            }
            var partnerIds: [String] = []
            switch kind {
            case .salesByPartner:
                let rows = try await session.salesByPartner(pieces: range.cover, filter: filter, page: page)
                result = start(rows.totalCount)
                result.partnerSales = rows.items
                result.salesTotal = try await session.salesByPartnerGroup(pieces: range.cover, filter: filter).map(\.figures).reduce(.zero, +)
                partnerIds = rows.items.compactMap(\.partnerId)
            case .salesByProduct:
                let rows = try await session.salesByProduct(pieces: range.cover, filter: filter, page: page)
                result = start(rows.totalCount)
                result.productSales = rows.items
            case .salesByRegion:
                let groups = try await session.salesByPartnerGroup(pieces: range.cover, filter: filter)
                let regions = Dictionary(grouping: groups, by: \.province).map { province, members in
                    BreakdownRow(
                        key: province, activePartners: members.map(\.activePartners).reduce(0, +), figures: members.map(\.figures).reduce(.zero, +))
                }
                .sorted { ($0.figures.salesFen, $1.key) > ($1.figures.salesFen, $0.key) }
                result = start(Int64(regions.count))
                result.regionSales = Array(regions.dropFirst(page.offset).prefix(page.pageSize))
                result.salesTotal = groups.map(\.figures).reduce(.zero, +)
            case .commission:
                let rows = try await session.commissionByPartner(pieces: range.cover, range: range, filter: filter, page: page)
                result = start(rows.totalCount)
                result.commissions = rows.items
                partnerIds = rows.items.map(\.partner.id)
            case .prepaid:
                let (rows, totals) = try await session.prepaidMovements(range: range, filter: filter, page: page)
                result = start(rows.totalCount)
                result.prepaidMovements = rows.items
                result.prepaidTotals = totals
                result.collection = (
                    try await session.collectionCycle(range: range, filter: filter),
                    try await session.collectionCycle(range: range.previous, filter: filter)
                )
            case .returns:
                let rows = try await session.returnsReport(range: range, filter: filter, page: page)
                result = start(rows.totalCount)
                result.returns = rows.items
            case .grades:
                let rows = try await session.gradesReport(filter: filter, page: page)
                result = start(rows.totalCount)
                result.grades = rows.items
                partnerIds = rows.items.map(\.partner.id)
            }
            // Contacts are decrypted only to be masked: no report ever holds a full phone number.
            for partner in try await session.reportPartners(ids: partnerIds).values {
                let phone = (try? cipher.decrypt(partner.contactPhoneEncrypted)) ?? ""
                result.contacts[partner.id] = MaskedContact(name: partner.contactName, maskedPhone: PersonalDataMask.phone(phone))
            }
            return result
        }
    }

    /// Every row of `kind` for `filter`, page after page, for an export; refused (naming the
    /// range) when there are more than ``maximumExportRows``.
    /// `progress` hears the rows read so far and the total after each page.
    public func all(
        _ caller: Caller, kind: ReportKind, filter: DashboardFilter, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> ReportPage {
        let size = PageRequest.maximumPageSize
        var combined = try await page(caller, kind: kind, filter: filter, page: PageRequest(pageNumber: 1, pageSize: size))
        guard combined.totalCount <= Int64(Self.maximumExportRows) else {
            throw AppError.invalid(
                "from", .notAllowed(reason: .exportTooManyRows(rows: combined.totalCount, maximum: Self.maximumExportRows))
            )
        }
        var number = 2
        progress?(min(size, Int(combined.totalCount)), Int(combined.totalCount))
        while Int64((number - 1) * size) < combined.totalCount {
            let next = try await page(caller, kind: kind, filter: filter, page: PageRequest(pageNumber: number, pageSize: size))
            combined.partnerSales += next.partnerSales
            combined.productSales += next.productSales
            combined.regionSales += next.regionSales
            combined.commissions += next.commissions
            combined.prepaidMovements += next.prepaidMovements
            combined.returns += next.returns
            combined.grades += next.grades
            combined.contacts.merge(next.contacts) { first, _ in first }
            progress?(min(number * size, Int(combined.totalCount)), Int(combined.totalCount))
            number += 1
        }
        return combined
    }
}
