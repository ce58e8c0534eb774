import Foundation
import QudaoCore
import QudaoTestSupport
import Testing

@testable import QudaoFiles

@Suite("PDF reports")
struct PDFWriterTests {
    static func document(rows: Int) -> ReportDocument {
        let table = SpreadsheetTable(
            name: "渠道商销售明细", header: ["编码", "渠道商", "地区", "订单数", "净销售额(元)", "日期"],
            rows: (1...rows).map { index in
                [
                    .text(String(format: "S-GZ%03d", index)), .text("广州天河第\(index)门店"), .text("广东省"), .integer(Int64(index)),
                    .money(Money(fen: Int64(index) * 123_456)), .date("2026-11-30"),
                ]
            } + [
                [
                    .text("合计"), .empty, .empty, .integer(Int64(rows * (rows + 1) / 2)), .money(Money(fen: Int64(rows * (rows + 1) / 2) * 123_456)),
                    .empty,
                ]
            ])
        return ReportDocument(
            title: "渠道销售报表", notes: ["时间:近30天 2026-11-02 ~ 2026-12-01", "渠道商:地区 广东省", "生成时间:2026-12-01 10:00:00(北京时间)"],
            charts: [
                ReportChart(
                    title: "净销售额趋势", kind: .columns, isMoney: true,
                    points: (1...30).map { .init(label: "11-\(String(format: "%02d", $0))", value: Int64($0) * 10_000) }),
                ReportChart(
                    title: "按层级", kind: .bars, isMoney: true, points: [.init(label: "一级", value: 500_000), .init(label: "三级", value: 120_000)]),
            ],
            tables: [table])
    }

    @Test("Chinese title, filters, charts and totals are drawn and read back as text")
    func readsBack() throws {
        let data = try PDFWriter.data(Self.document(rows: 12), createdAt: Date(timeIntervalSince1970: 1_764_554_400))
        #expect(data.starts(with: Data("%PDF-".utf8)))
        let (text, _) = try pdfText(data)
        for expected in ["渠道销售报表", "近30天 2026-11-02 ~ 2026-12-01", "地区 广东省", "净销售额趋势", "按层级", "一级", "¥5,000.00", "渠道商销售明细", "广州天河第12门店"] {
            #expect(text.contains(expected), "the PDF shows \(expected)")
        }
        // 1 + … + 12 = 78 orders, 78 × ¥1,234.56 = ¥96,295.68
        let total = try #require(text.components(separatedBy: "\n").first { $0.contains("合计") })
        #expect(total.contains("78") && total.contains("96,295.68"))
    }

    @Test("a long table breaks across pages and repeats its header on each, pages numbered")
    func pageBreaks() throws {
        let (_, pages) = try pdfText(try PDFWriter.data(Self.document(rows: 300), createdAt: Date(timeIntervalSince1970: 1_764_554_400)))
        #expect(pages.count >= 5)
        let tablePages = pages.filter { $0.contains("S-GZ") }
        #expect(tablePages.count >= 4)
        for (index, page) in tablePages.enumerated() {
            #expect(page.contains("编码") && page.contains("净销售额(元)"), "page \(index + 1) of the table repeats its header")
        }
        #expect(pages.last?.replacingOccurrences(of: " ", with: "").contains("—\(pages.count)—") == true)
        // Every row is printed once.
        let printed = pages.joined().components(separatedBy: "\n").filter { $0.contains("S-GZ") }.count
        #expect(printed == 300)
    }

    @Test("a report too long to print is refused before drawing")
    func tooLong() {
        #expect(throws: PDFError.tooManyRows(count: PDFWriter.maximumRowCount + 2, maximum: PDFWriter.maximumRowCount)) {
            _ = try PDFWriter.data(Self.document(rows: PDFWriter.maximumRowCount + 1), createdAt: Date())
        }
    }
}
