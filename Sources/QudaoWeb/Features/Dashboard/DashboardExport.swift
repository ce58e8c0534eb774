import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore

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
