import Foundation
import QudaoCore
import QudaoFiles

/// Each report as one table: the same cells are shown on the page and written to the exports, so
/// what HQ downloads is what it saw.
public enum ReportTables {
    /// A page of a report as a table, in the reader's language.
    public static func table(_ result: ReportPage, language: Language) -> SpreadsheetTable {
        let builder = ReportTableBuilder(result: result, language: language)
        switch result.kind {
        case .salesByPartner: return builder.salesByPartner()
        case .salesByProduct: return builder.salesByProduct()
        case .salesByRegion: return builder.salesByRegion()
        case .commission: return builder.commission()
        case .prepaid: return builder.prepaid()
        case .returns: return builder.returns()
        case .grades: return builder.grades()
        }
    }
}

/// The cells of one report page, a method per report.
private struct ReportTableBuilder {
    let result: ReportPage
    let language: Language

    var name: String { language.report(result.kind) }
    var yuan: String { language.t(.yuanSuffix) }

    func t(_ chinese: String, _ english: String) -> String { language.t(chinese, english) }

    func partnerCells(_ code: String?, _ name: String?, _ province: String, _ level: Int) -> [SpreadsheetCell] {
        [.optionalText(code), .optionalText(name), .text(province), .text(language.level(level))]
    }

    func contact(_ id: String?) -> [SpreadsheetCell] {
        let contact = id.flatMap { result.contacts[$0] }
        return [.optionalText(contact?.name), .optionalText(contact?.maskedPhone)]
    }

    func grade(_ grade: Grade?) -> SpreadsheetCell { .text(grade.map(language.grade) ?? language.t(.notGraded)) }

    func money(_ fen: Int64) -> SpreadsheetCell { .money(Money(fen: fen)) }

    func salesByPartner() -> SpreadsheetTable {
        var rows: [[SpreadsheetCell]] = result.partnerSales.enumerated().map { index, row in
            [.integer(Int64(result.pageNumber - 1) * Int64(result.pageSize) + Int64(index) + 1)]
                + partnerCells(row.partnerCode, row.partnerName, row.province, row.level) + [
                    .text(language.partnerType(row.partnerType)), grade(row.grade),
                ] + contact(row.partnerId) + [
                    .integer(row.figures.orders), .integer(row.figures.units), money(row.figures.netFen), money(row.figures.refundedFen),
                    money(row.figures.salesFen),
                ]
        }
        if let total = result.salesTotal {
            rows.append(
                [.text(t("合计(全部 \(result.totalCount) 家)", "Total (all \(result.totalCount))"))] + Array(repeating: .empty, count: 8) + [
                    .integer(total.orders), .integer(total.units), money(total.netFen), money(total.refundedFen), money(total.salesFen),
                ])
        }
        return SpreadsheetTable(
            name: name,
            header: [
                language.t(.rank), language.t(.code), t("渠道商", "Partner"), language.t(.region), language.t(.level), language.t(.type),
                language.t(.grade), language.t(.contact), language.t(.phone), language.t(.orders), language.t(.units), t("实付", "Paid") + yuan,
                t("退款", "Refunded") + yuan, language.t(.netSales) + yuan,
            ], rows: rows)
    }

    func salesByProduct() -> SpreadsheetTable {
        return SpreadsheetTable(
            name: name,
            header: [
                language.t(.rank), "SKU", t("商品", "Product"), language.t(.unitsSold), language.t(.returned), t("净销量", "Net units"),
                language.t(.salesBeforeDiscounts) + yuan,
            ],
            rows: result.productSales.enumerated().map { index, row in
                [
                    .integer(Int64(result.pageNumber - 1) * Int64(result.pageSize) + Int64(index) + 1), .text(row.sku), .text(row.name),
                    .integer(row.units), .integer(row.unitsRefunded), .integer(row.units - row.unitsRefunded), money(row.grossFen),
                ]
            })
    }

    func salesByRegion() -> SpreadsheetTable {
        var rows: [[SpreadsheetCell]] = result.regionSales.map { row in
            [
                .text(row.key), .integer(row.activePartners), .integer(row.figures.orders), .integer(row.figures.units),
                money(row.figures.netFen),
                money(row.figures.refundedFen), money(row.figures.salesFen), money(row.figures.commissionFen),
            ]
        }
        if let total = result.salesTotal {
            rows.append([
                .text(language.t(.total)), .integer(result.regionSales.map(\.activePartners).reduce(0, +)), .integer(total.orders),
                .integer(total.units), money(total.netFen), money(total.refundedFen), money(total.salesFen), money(total.commissionFen),
            ])
        }
        return SpreadsheetTable(
            name: name,
            header: [
                language.t(.region), language.t(.activePartners), language.t(.orders), language.t(.units), t("实付", "Paid") + yuan,
                t("退款", "Refunded") + yuan, language.t(.netSales) + yuan, t("新增佣金", "Commission accrued") + yuan,
            ], rows: rows)
    }

    func commission() -> SpreadsheetTable {
        return SpreadsheetTable(
            name: name,
            header: [
                language.t(.code), t("渠道商", "Partner"), language.t(.region), language.t(.level), language.t(.contact), language.t(.phone),
                t("新增佣金", "Accrued") + yuan, t("待结算(当前)", "Settleable now") + yuan, t("已发放", "Paid") + yuan,
            ],
            rows: result.commissions.map { row in
                partnerCells(row.partner.code, row.partner.name, row.partner.province, row.partner.level) + contact(row.partner.id) + [
                    money(row.accruedFen), money(row.settleableFen), money(row.paidFen),
                ]
            })
    }

    func prepaid() -> SpreadsheetTable {
        var rows: [[SpreadsheetCell]] = result.prepaidMovements.map { row in
            [
                .text(BusinessTime.displayText(row.postedAt)), .text(row.partner.code), .text(row.partner.name),
                .text(language.postingKind(row.kind)), .text(row.memo), money(row.changeFen), money(row.balanceAfterFen),
            ]
        }
        for kind in PostingKind.allCases {
            guard let total = result.prepaidTotals[kind] else { continue }
            rows.append([
                .text(language.t(.subtotal)), .empty, .text(t("共 \(total.count) 笔", "\(total.count) entries")), .text(language.postingKind(kind)),
                .empty, money(total.changeFen), .empty,
            ])
        }
        return SpreadsheetTable(
            name: name,
            header: [
                t("时间", "Posted"), language.t(.code), t("渠道商", "Partner"), language.t(.type), t("摘要", "Memo"), language.t(.amount) + yuan,
                language.t(.balance) + yuan,
            ], rows: rows)
    }

    func returns() -> SpreadsheetTable {
        return SpreadsheetTable(
            name: name,
            header: [
                language.t(.return), t("订单号", "Order"), language.t(.code), t("渠道商", "Partner"), language.t(.status), language.t(.reason),
                t("退款", "Refund") + yuan, language.t(.requested), t("退款时间", "Refunded"),
            ],
            rows: result.returns.map { row in
                [
                    .text(row.number), .text(row.orderNumber), .text(row.partner.code), .text(row.partner.name),
                    .text(language.returnStatus(row.status)), .text(row.reason), row.refundFen.map(money) ?? .empty,
                    .text(BusinessTime.displayText(row.requestedAt)), .optionalText(row.refundedAt.map(BusinessTime.displayText)),
                ]
            })
    }

    func grades() -> SpreadsheetTable {
        func percent(_ basisPoints: Int64?) -> SpreadsheetCell { .text(basisPoints.map { GradeWording.percent(basisPoints: $0) + "%" } ?? "—") }
        return SpreadsheetTable(
            name: name,
            header: [
                language.t(.code), t("渠道商", "Partner"), language.t(.region), language.t(.level), language.t(.contact), language.t(.phone),
                language.t(.grade), t("评级日", "Graded on"), language.t(.sellThrough), language.t(.returnRate), language.t(.salesChange),
            ],
            rows: result.grades.map { row in
                partnerCells(row.partner.code, row.partner.name, row.partner.province, row.partner.level) + contact(row.partner.id) + [
                    grade(row.partner.grade), row.gradedOn.map(SpreadsheetCell.date) ?? .empty, percent(row.sellThroughBasisPoints),
                    percent(row.returnRateBasisPoints), percent(row.salesChangeBasisPoints),
                ]
            })
    }
}
