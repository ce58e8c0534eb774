import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore

/// HQ's dashboard (数据看板): the page, its exports and its API. Every view is a GET whose
/// filters are in the URL, so it can be bookmarked, shared and exported as shown.
struct DashboardPages {
    let services: WebServices

    var dashboard: DashboardService { DashboardService(platform: services.platform) }

    /// The query parameters a dashboard or report reads.
    static let filterParameters = ["range", "from", "to", "granularity", "province", "level", "grade", "type"]

    static func parameters(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for name in filterParameters { parameters[name] = request.query(name) }
        return parameters
    }

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/dashboard") { request, context in
            let caller = try services.caller(request, context)
            try DashboardService.requireHeadquarters(caller)
            let page = PageContext(request, context)
            let raw = Self.parameters(request)
            let title = page.t("数据看板", "Dashboard")
            do {
                let view = try await dashboard.load(caller, filter: try dashboard.filter(raw))
                let body: HTML = """
                    <h1>\(title)</h1>
                    \(DashboardViews.filterForm(page, filter: view.filter, raw: raw, errors: [], action: "/hq/dashboard"))
                    \(DashboardViews.body(page, view))
                    """
                return HTMLResponse.page(Layout.page(page, title: title, body: body))
            } catch AppError.validation(let failure) {
                // A mistyped bookmark shows the form with each bad value named, and no figures.
                let body: HTML = """
                    <h1>\(title)</h1>
                    \(Layout.errorSummary(page, failure.errors))
                    \(DashboardViews.filterForm(page, filter: nil, raw: raw, errors: failure.errors, action: "/hq/dashboard"))
                    """
                return HTMLResponse.page(Layout.page(page, title: title, body: body), status: .unprocessableContent)
            }
        }
        router.get("/hq/dashboard/export.xlsx") { request, context in
            try await export(request, context, format: .xlsx)
        }
        router.get("/hq/dashboard/export.pdf") { request, context in
            try await export(request, context, format: .pdf)
        }
    }

    func registerAPI(on api: RouterGroup<QudaoRequestContext>) {
        api.get("dashboard") { request, context in
            let caller = try services.caller(request, context)
            try DashboardService.requireHeadquarters(caller)
            let view = try await dashboard.load(caller, filter: try dashboard.filter(Self.parameters(request)))
            return try JSONResponse.make(DashboardBody(view))
        }
    }

    func export(_ request: Request, _ context: QudaoRequestContext, format: ReportFormat) async throws -> Response {
        let caller = try services.caller(request, context)
        try DashboardService.requireHeadquarters(caller)
        let exported = try await ReportExporter.export(
            platform: services.platform, caller: caller, name: "dashboard", filter: try dashboard.filter(Self.parameters(request)), format: format,
            language: context.language)
        return FileResponse.make(exported.data, fileName: exported.fileName, contentType: format.contentType)
    }
}

/// The dashboard as an exported document: the headline figures with their previous period, the
/// trend, the breakdowns and the leaders, each a table (and the trend and breakdowns as charts).
enum DashboardExport {
    static func document(_ view: DashboardView, language: Language) -> ReportDocument {
        let t = language.t
        let notes =
            DashboardViews.filterLines(language, view.filter) + [language.generatedLine(view.generatedAt)]
        func amount(_ metric: DashboardMetric, _ value: Int64?) -> SpreadsheetCell {
            guard let value else { return .empty }
            return metric.isMoney ? .money(Money(fen: value)) : .integer(value)
        }
        let summary = SpreadsheetTable(
            name: t("概览", "Summary"),
            header: [t("指标", "Figure"), t("本期", "This period"), t("上期", "Previous period"), t("变化", "Change"), t("说明", "Meaning")],
            rows: view.metrics.map { metric in
                [
                    .text(language.dashboardMetric(metric.metric) + (metric.metric.isMoney ? t("(元)", " (yuan)") : "")),
                    amount(metric.metric, metric.value),
                    metric.metric.isSnapshot ? .text(t("时点值", "as of now")) : amount(metric.metric, metric.previous),
                    .optionalText(metric.change.map(DashboardViews.changeText)), .text(language.dashboardMetricMeaning(metric.metric)),
                ]
            })
        var trendRows: [[SpreadsheetCell]] = view.trend.map { point in
            [
                .date(point.days.first.description), .date(point.days.last.description), .integer(point.figures.orders),
                .money(Money(fen: point.figures.netFen)), .money(Money(fen: point.figures.refundedFen)), .money(Money(fen: point.figures.salesFen)),
                .money(Money(fen: point.figures.commissionFen)),
            ]
        }
        trendRows.append([
            .text(t("合计", "Total")), .empty, .integer(view.sales.orders), .money(Money(fen: view.sales.netFen)),
            .money(Money(fen: view.sales.refundedFen)), .money(Money(fen: view.sales.salesFen)), .money(Money(fen: view.sales.commissionFen)),
        ])
        let trend = SpreadsheetTable(
            name: t("趋势", "Trend"),
            header: [
                t("开始日期", "From"), t("结束日期", "To"), t("订单数", "Orders"), t("实付(元)", "Paid (yuan)"), t("退款(元)", "Refunded (yuan)"),
                t("净销售额(元)", "Net sales (yuan)"), t("新增佣金(元)", "Commission (yuan)"),
            ], rows: trendRows)
        var breakdownRows: [[SpreadsheetCell]] = []
        for dimension in PartnerDimension.allCases {
            for row in view.breakdowns[dimension] ?? [] {
                breakdownRows.append([
                    .text(language.partnerDimension(dimension)), .text(language.breakdownKey(dimension, row.key)), .integer(row.activePartners),
                    .integer(row.figures.orders), .money(Money(fen: row.figures.salesFen)), .money(Money(fen: row.figures.commissionFen)),
                ])
            }
        }
        let breakdowns = SpreadsheetTable(
            name: t("构成", "Breakdowns"),
            header: [
                t("维度", "By"), t("分组", "Group"), t("动销渠道商", "Active partners"), t("订单数", "Orders"), t("净销售额(元)", "Net sales (yuan)"),
                t("新增佣金(元)", "Commission (yuan)"),
            ], rows: breakdownRows)
        let partners = SpreadsheetTable(
            name: t("渠道商排行", "Top partners"),
            header: [
                t("排名", "Rank"), t("编码", "Code"), t("渠道商", "Partner"), t("地区", "Region"), t("层级", "Level"), t("评级", "Grade"),
                t("订单数", "Orders"), t("净销售额(元)", "Net sales (yuan)"),
            ],
            rows: view.topPartners.enumerated().map { index, partner in
                [
                    .integer(Int64(index + 1)), .optionalText(partner.partnerCode), .optionalText(partner.partnerName), .text(partner.province),
                    .text(language.level(partner.level)), .text(partner.grade.map(language.grade) ?? t("未评级", "Not graded")),
                    .integer(partner.figures.orders), .money(Money(fen: partner.figures.salesFen)),
                ]
            })
        let products = SpreadsheetTable(
            name: t("商品排行", "Top products"),
            header: [
                t("排名", "Rank"), "SKU", t("商品", "Product"), t("销量", "Units"), t("退回", "Returned"),
                t("销售额(折前,元)", "Sales before discounts (yuan)"),
            ],
            rows: view.topProducts.enumerated().map { index, product in
                [
                    .integer(Int64(index + 1)), .text(product.sku), .text(product.name), .integer(product.units), .integer(product.unitsRefunded),
                    .money(Money(fen: product.grossFen)),
                ]
            })
        let charts =
            [
                ReportChart(
                    title: t(
                        "净销售额趋势(\(language.granularity(view.filter.granularity)))",
                        "Net sales (\(language.granularity(view.filter.granularity).lowercased()))"),
                    kind: .columns, isMoney: true,
                    points: view.trend.map {
                        .init(label: DashboardViews.bucketLabel($0.days, view.filter.granularity), value: $0.figures.salesFen)
                    })
            ]
            + PartnerDimension.allCases.map { dimension in
                ReportChart(
                    title: t("净销售额按\(language.partnerDimension(dimension))", "Net sales by \(language.partnerDimension(dimension).lowercased())"),
                    kind: .bars, isMoney: true,
                    points: (view.breakdowns[dimension] ?? []).prefix(12).map {
                        .init(label: language.breakdownKey(dimension, $0.key), value: $0.figures.salesFen)
                    })
            }
        return ReportDocument(
            title: t("渠道数据看板", "Channel dashboard"), notes: notes, charts: charts, tables: [summary, trend, breakdowns, partners, products])
    }
}

/// The formats a dashboard or report exports to.
enum ReportFormat: String, Sendable {
    case xlsx
    case pdf

    var contentType: String {
        switch self {
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pdf: "application/pdf"
        }
    }

    /// The bytes of `document` in this format, dated `instant`, under the brand's name.
    func data(_ document: ReportDocument, at instant: Date, brand: String) throws -> Data {
        var branded = document
        branded.brand = brand
        switch self {
        case .xlsx: return try branded.workbook(modifiedAt: instant)
        case .pdf: return try PDFWriter.data(branded, createdAt: instant)
        }
    }
}

/// A report document as a download.
enum ReportResponse {
    static func make(_ document: ReportDocument, format: ReportFormat, fileName: String, at instant: Date, brand: String) throws -> Response {
        FileResponse.make(
            try format.data(document, at: instant, brand: brand), fileName: fileName + "." + format.rawValue, contentType: format.contentType)
    }
}

extension Language {
    /// The line every export ends its notes with: when it was made, in Beijing time.
    func generatedLine(_ instant: Date) -> String {
        t("生成时间:\(BusinessTime.displayText(instant))(北京时间)", "Generated: \(BusinessTime.displayText(instant)) (Beijing time)")
    }
}

// MARK: - API bodies

struct DashboardFilterBody: Codable {
    let range: String
    let from: String
    let to: String
    let granularity: String
    let province: String?
    let level: Int?
    let grade: String?
    let type: String?

    init(_ filter: DashboardFilter) {
        range = filter.preset.rawValue
        from = filter.range.first.description
        to = filter.range.last.description
        granularity = filter.granularity.rawValue
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
        let metric: String
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

    struct PartnerBody: Codable {
        let partnerId: String
        let code: String
        let name: String
        let province: String
        let level: Int
        let type: String
        let grade: String?
        let figures: SalesFiguresBody
    }

    struct ProductBody: Codable {
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
    let topPartners: [PartnerBody]
    let topProducts: [ProductBody]

    init(_ view: DashboardView) {
        filter = DashboardFilterBody(view.filter)
        previousFrom = view.filter.range.previous.first.description
        previousTo = view.filter.range.previous.last.description
        generatedAt = view.generatedAt
        metrics = view.metrics.map {
            Metric(
                metric: $0.metric.rawValue, unit: $0.metric.isMoney ? "fen" : "count", snapshot: $0.metric.isSnapshot, value: $0.value,
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
            PartnerBody(
                partnerId: $0.partnerId ?? "", code: $0.partnerCode ?? "", name: $0.partnerName ?? "", province: $0.province, level: $0.level,
                type: $0.partnerType.rawValue, grade: $0.grade?.rawValue, figures: SalesFiguresBody($0.figures))
        }
        topProducts = view.topProducts.map {
            ProductBody(productId: $0.productId, sku: $0.sku, name: $0.name, units: $0.units, unitsRefunded: $0.unitsRefunded, grossFen: $0.grossFen)
        }
    }
}
