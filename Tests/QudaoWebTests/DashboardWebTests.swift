import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("HQ dashboard on the web and the API")
struct DashboardWebTests {
    @Test("HQ reads the demo's dashboard as JSON, as a page and as both exports; each export is audited")
    func readAndExport() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-viewer")
            let body = try await app.request(.get, "/api/v1/dashboard?range=last90&level=3", token: token).json()
            let metrics = body["metrics"] as? [[String: Any]] ?? []
            #expect(metrics.count == DashboardMetric.allCases.count)
            let sales = metrics.first { $0["metric"] as? String == "netSales" }
            #expect((sales?["value"] as? Int ?? 0) > 0 && sales?["unit"] as? String == "fen")
            let filter = body["filter"] as? [String: Any] ?? [:]
            #expect(filter["level"] as? Int == 3 && filter["granularity"] as? String == "week")
            let levels = (body["breakdowns"] as? [String: Any])?["level"] as? [[String: Any]] ?? []
            #expect(levels.map { $0["key"] as? String } == ["3"])

            var session = PageSession(app)
            _ = try await session.signIn("hq-viewer")
            let page = try await session.get("/hq/dashboard?range=last90&level=3")
            #expect(page.status == .ok)
            for id in ["metric-netSales", "trend-chart", "breakdown-province", "top-partners", "top-products", "export-xlsx", "export-pdf"] {
                #expect(page.text.contains("id=\"\(id)\""), "the page has \(id)")
            }
            #expect(
                page.text.contains("/hq/dashboard/export.xlsx?range=last90&amp;level=3")
                    || page.text.contains("/hq/dashboard/export.xlsx?range=last90&level=3"))

            let before = try await app.count("audit_log")
            let workbook = try await session.get("/hq/dashboard/export.xlsx?range=last90&level=3")
            #expect(workbook.status == .ok && workbook.headers[.contentType]?.contains("spreadsheetml") == true)
            #expect(Array(Data(buffer: workbook.body).prefix(2)) == [0x50, 0x4B])
            let pdf = try await session.get("/hq/dashboard/export.pdf?range=last90&level=3")
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(Data(buffer: pdf.body).starts(with: Data("%PDF-".utf8)))
            #expect(try await app.count("audit_log") == before + 2)
            let audited = try await app.platform.database.read {
                try await $0.first(
                    "SELECT username, entity_id, after_json FROM audit_log WHERE action = 'report.export' ORDER BY occurred_at_ms DESC")
            }
            #expect(try audited?.string("username") == "hq-viewer" && audited?.string("entity_id") == "dashboard")
            #expect(try audited?.string("after_json").contains("\"format\":\"pdf\"") == true)
        }
    }

    @Test("a bad filter is named by its field, as JSON and on the page, and nothing is shown")
    func badFilters() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-viewer")
            let response = try await app.request(.get, "/api/v1/dashboard?range=fortnight&level=7&granularity=day&from=2026-01-01", token: token)
            #expect(response.status == .unprocessableContent)
            #expect(try response.problemFields() == ["range", "level"])
            let custom = try await app.request(.get, "/api/v1/dashboard?from=2025-11-20&to=2025-11-01", token: token)
            #expect(try custom.problemFields() == ["to"])
            var session = PageSession(app)
            _ = try await session.signIn("hq-viewer")
            let page = try await session.get("/hq/dashboard?level=7")
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("id=\"level-error\"") && !page.text.contains("id=\"metrics\""))
            #expect(try await session.get("/hq/dashboard/export.pdf?level=7").status == .unprocessableContent)
        }
    }

    @Test("partners are refused the dashboard, its exports and its API, whatever they filter by")
    func partnersRefused() async throws {
        try await TestApp.run { app in
            for code in ["D-GD01", "S-GZ001"] {
                let token = try await app.token(code)
                #expect(try await app.request(.get, "/api/v1/dashboard", token: token).status == .forbidden)
                #expect(try await app.request(.get, "/api/v1/dashboard?province=%E5%B9%BF%E4%B8%9C%E7%9C%81", token: token).status == .forbidden)
                var session = PageSession(app)
                _ = try await session.signIn(code)
                for path in ["/hq/dashboard", "/hq/dashboard/export.xlsx", "/hq/dashboard/export.pdf?level=1"] {
                    #expect(try await session.get(path).status == .forbidden, "\(code) is refused \(path)")
                }
            }
            #expect(try await app.request(.get, "/api/v1/dashboard").status == .unauthorized)
        }
    }
}
