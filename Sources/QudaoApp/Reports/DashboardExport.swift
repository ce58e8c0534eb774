import Foundation
import QudaoCore
import QudaoFiles

/// The dashboard as an exported document: the headline figures with their previous period, the
/// trend, the breakdowns and the leaders, each a table (and the trend and breakdowns as charts).
public enum DashboardExport {
    public static func document(_ view: DashboardView, language: Language) -> ReportDocument {
        let builder = DashboardDocumentBuilder(view: view, language: language)
        return ReportDocument(
            title: language.t("渠道数据看板", "Channel dashboard"),
            notes: DashboardText.filterLines(language, view.filter) + [
                language.collectionLine(current: view.collection, previous: view.previousCollection), language.generatedLine(view.generatedAt),
            ], charts: builder.charts(),
            tables: [builder.summary(), builder.trend(), builder.breakdowns(), builder.partners(), builder.products()])
    }
}

/// The sheets and charts of the dashboard's export, a method each.
private struct DashboardDocumentBuilder {
    let view: DashboardView
    let language: Language

    func t(_ chinese: String, _ english: String) -> String { language.t(chinese, english) }

    func amount(_ metric: DashboardMetric, _ value: Int64?) -> SpreadsheetCell {
        guard let value else { return .empty }
        return metric.isMoney ? .money(Money(fen: value)) : .integer(value)
    }

    func summary() -> SpreadsheetTable {
        return SpreadsheetTable(
            name: t("概览", "Summary"),
            header: [t("指标", "Figure"), t("本期", "This period"), t("上期", "Previous period"), language.t(.change), t("说明", "Meaning")],
            rows: view.metrics.map { metric in
                [
                    .text(language.dashboardMetric(metric.metric) + (metric.metric.isMoney ? language.t(.yuanSuffix) : "")),
                    amount(metric.metric, metric.value),
                    metric.metric.isSnapshot ? .text(t("时点值", "as of now")) : amount(metric.metric, metric.previous),
                    .optionalText(metric.change.map(DashboardText.changeText)), .text(language.dashboardMetricMeaning(metric.metric)),
                ]
            })
    }

    func trend() -> SpreadsheetTable {
        var trendRows: [[SpreadsheetCell]] = view.trend.map { point in
            [
                .date(point.days.first.description), .date(point.days.last.description), .integer(point.figures.orders),
                .money(Money(fen: point.figures.netFen)), .money(Money(fen: point.figures.refundedFen)), .money(Money(fen: point.figures.salesFen)),
                .money(Money(fen: point.figures.commissionFen)),
            ]
        }
        trendRows.append([
            .text(language.t(.total)), .empty, .integer(view.sales.orders), .money(Money(fen: view.sales.netFen)),
            .money(Money(fen: view.sales.refundedFen)), .money(Money(fen: view.sales.salesFen)), .money(Money(fen: view.sales.commissionFen)),
        ])
        return SpreadsheetTable(
            name: t("趋势", "Trend"),
            header: [
                language.t(.from), language.t(.to), language.t(.orders), t("实付(元)", "Paid (yuan)"), t("退款(元)", "Refunded (yuan)"),
                t("净销售额(元)", "Net sales (yuan)"), t("新增佣金(元)", "Commission (yuan)"),
            ], rows: trendRows)
    }

    func breakdowns() -> SpreadsheetTable {
        var breakdownRows: [[SpreadsheetCell]] = []
        for dimension in PartnerDimension.allCases {
            for row in view.breakdowns[dimension] ?? [] {
                breakdownRows.append([
                    .text(language.partnerDimension(dimension)), .text(language.breakdownKey(dimension, row.key)), .integer(row.activePartners),
                    .integer(row.figures.orders), .money(Money(fen: row.figures.salesFen)), .money(Money(fen: row.figures.commissionFen)),
                ])
            }
        }
        return SpreadsheetTable(
            name: t("构成", "Breakdowns"),
            header: [
                t("维度", "By"), t("分组", "Group"), language.t(.activePartners), language.t(.orders), t("净销售额(元)", "Net sales (yuan)"),
                t("新增佣金(元)", "Commission (yuan)"),
            ], rows: breakdownRows)
    }

    func partners() -> SpreadsheetTable {
        return SpreadsheetTable(
            name: language.t(.topPartners),
            header: [
                language.t(.rank), language.t(.code), t("渠道商", "Partner"), language.t(.region), language.t(.level), language.t(.grade),
                language.t(.orders), t("净销售额(元)", "Net sales (yuan)"),
            ],
            rows: view.topPartners.enumerated().map { index, partner in
                [
                    .integer(Int64(index + 1)), .optionalText(partner.partnerCode), .optionalText(partner.partnerName), .text(partner.province),
                    .text(language.level(partner.level)), .text(partner.grade.map(language.grade) ?? language.t(.notGraded)),
                    .integer(partner.figures.orders), .money(Money(fen: partner.figures.salesFen)),
                ]
            })
    }

    func products() -> SpreadsheetTable {
        return SpreadsheetTable(
            name: language.t(.topProducts),
            header: [
                language.t(.rank), "SKU", t("商品", "Product"), language.t(.unitsSold), language.t(.returned),
                t("销售额(折前,元)", "Sales before discounts (yuan)"),
            ],
            rows: view.topProducts.enumerated().map { index, product in
                [
                    .integer(Int64(index + 1)), .text(product.sku), .text(product.name), .integer(product.units), .integer(product.unitsRefunded),
                    .money(Money(fen: product.grossFen)),
                ]
            })
    }

    func charts() -> [ReportChart] {
        return
            [
                ReportChart(
                    title: t(
                        "净销售额趋势(\(language.granularity(view.filter.granularity)))",
                        "Net sales (\(language.granularity(view.filter.granularity).lowercased()))"),
                    kind: .columns, isMoney: true,
                    points: view.trend.map {
                        .init(label: DashboardText.bucketLabel($0.days, view.filter.granularity), value: $0.figures.salesFen)
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
    }
}
