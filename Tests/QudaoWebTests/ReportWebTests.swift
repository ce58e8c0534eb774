import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("HQ reports on the web and the API")
struct ReportWebTests {
    @Test("every report pages through the demo with the dashboard's filters; sales totals equal the dashboard's; phones are masked")
    func everyReport() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-finance")
            let dashboard = try await app.request(.get, "/api/v1/dashboard?range=last90", token: token).json()
            let netSales = (dashboard["metrics"] as? [[String: Any]] ?? []).first { $0["metric"] as? String == "netSales" }?["value"] as? Int
            for kind in ReportKind.allCases {
                let response = try await app.request(.get, "/api/v1/reports/\(kind.rawValue)?range=last90&pageSize=5", token: token)
                #expect(response.status == .ok, "\(kind.rawValue) answers")
                let body = try response.json()
                let rows = body["rows"] as? [[Any]] ?? []
                let total = body["totalCount"] as? Int ?? 0
                #expect(total > 0, "the demo has rows for \(kind.rawValue)")
                // Five rows, then a totals row (sales) or a subtotal per posting kind (prepaid).
                #expect(rows.count <= 5 + PostingKind.allCases.count && !rows.isEmpty)
                let columns = (body["columns"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                if kind == .salesByPartner || kind == .salesByRegion {
                    // The last row is the total over every row of the filter, not only this page.
                    let salesColumn = try #require(columns.firstIndex { $0.hasPrefix("净销售额") || $0.hasPrefix("Net sales") })
                    #expect(rows.last?[salesColumn] as? Int == netSales, "\(kind.rawValue)'s total is the dashboard's net sales")
                }
                if let phone = columns.firstIndex(where: { $0 == "电话" || $0 == "Phone" }) {
                    let phones = rows.compactMap { $0[phone] as? String }
                    #expect(!phones.isEmpty && phones.allSatisfy { $0.count == 11 && $0.dropFirst(3).prefix(4) == "****" }, "\(phones)")
                }
            }
            // Filters narrow the rows: only Zhejiang's partners.
            let zhejiang = try await app.request(
                .get, "/api/v1/reports/sales-by-partner?range=last90&province=%E6%B5%99%E6%B1%9F%E7%9C%81&pageSize=50", token: token
            ).json()
            let regions = (zhejiang["rows"] as? [[Any]] ?? []).dropLast().compactMap { $0[3] as? String }
            #expect(!regions.isEmpty && regions.allSatisfy { $0 == "浙江省" })
            // Pages do not overlap.
            let first = try await app.request(.get, "/api/v1/reports/prepaid?range=last90&pageSize=3&page=1", token: token).json()
            let second = try await app.request(.get, "/api/v1/reports/prepaid?range=last90&pageSize=3&page=2", token: token).json()
            let firstRows = (first["rows"] as? [[Any]] ?? []).prefix(3).map { "\($0)" }
            let secondRows = (second["rows"] as? [[Any]] ?? []).prefix(3).map { "\($0)" }
            #expect(Set(firstRows).isDisjoint(with: secondRows))

            var session = PageSession(app)
            _ = try await session.signIn("hq-finance")
            for kind in ReportKind.allCases {
                let page = try await session.get("/hq/reports?report=\(kind.rawValue)&range=last90")
                #expect(page.status == .ok && page.text.contains("id=\"report-table\""), "\(kind.rawValue) page")
            }
            let workbook = try await session.get("/hq/reports/export.xlsx?report=sales-by-partner&range=last90")
            #expect(workbook.status == .ok && Array(Data(buffer: workbook.body).prefix(2)) == [0x50, 0x4B])
            let pdf = try await session.get("/hq/reports/export.pdf?report=returns&range=last90")
            #expect(pdf.status == .ok && Data(buffer: pdf.body).starts(with: Data("%PDF-".utf8)))
            #expect(try await session.get("/hq/reports?report=weekly").status == .unprocessableContent)
            #expect(try await app.request(.get, "/api/v1/reports/weekly", token: token).status == .notFound)
        }
    }

    @Test("partners are refused every report, its page and its exports")
    func partnersRefused() async throws {
        try await TestApp.run { app in
            let token = try await app.token("D-GD01")
            var session = PageSession(app)
            _ = try await session.signIn("D-GD01")
            for kind in ReportKind.allCases {
                #expect(try await app.request(.get, "/api/v1/reports/\(kind.rawValue)", token: token).status == .forbidden)
                #expect(try await session.get("/hq/reports?report=\(kind.rawValue)").status == .forbidden)
                #expect(try await session.get("/hq/reports/export.xlsx?report=\(kind.rawValue)").status == .forbidden)
                #expect(try await session.get("/hq/reports/export.pdf?report=\(kind.rawValue)").status == .forbidden)
            }
        }
    }
}
