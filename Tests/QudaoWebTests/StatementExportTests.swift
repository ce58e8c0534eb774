import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("Statement exports and the command line's exports")
struct StatementExportTests {
    @Test("a partner exports its own prepaid statement as Excel and PDF; another partner's is refused; HQ exports anyone's")
    func prepaidStatements() async throws {
        try await TestApp.run { app in
            var partner = PageSession(app)
            _ = try await partner.signIn("D-GD01")
            let workbook = try await partner.get("/portal/prepaid/statement.xlsx")
            #expect(workbook.status == .ok && Array(Data(buffer: workbook.body).prefix(2)) == [0x50, 0x4B])
            let pdf = try await partner.get("/portal/prepaid/statement.pdf?from=2025-01-01")
            #expect(pdf.status == .ok)
            let text = try pdfText(Data(buffer: pdf.body)).text
            #expect(text.contains("预存款对账单") && text.contains("D-GD01") && text.contains("合计"))
            // The rebate D-GD01 earned is on its statement, described in words and by its top-up's number.
            #expect(text.contains("1,000.00") && text.contains("充值返利(TU-"))
            // Under the brand's own name, never an internal id.
            #expect(text.contains("悦己生活") && !text.contains("top_") && !text.contains("ord_") && !text.contains("ltx_"))
            let sheets = try XLSXReader.rows(Data(buffer: workbook.body))
            #expect(sheets.contains { $0.contains("悦己生活") })
            #expect(!sheets.joined().contains { $0.hasPrefix("ord_") || $0.hasPrefix("top_") })
            let other = try await app.partnerId(code: "D-ZJ01")
            #expect(try await partner.get("/hq/prepaid/\(other)/statement.xlsx").status == .forbidden)
            #expect(try await partner.get("/hq/prepaid/\(other)/statement.pdf").status == .forbidden)
            // A sub-account that may only order gets no statement at all.
            var clerk = PageSession(app)
            _ = try await clerk.signIn("s-gz001-clerk")
            #expect(try await clerk.get("/portal/prepaid/statement.pdf").status == .forbidden)

            var finance = PageSession(app)
            _ = try await finance.signIn("hq-finance")
            let hq = try await finance.get("/hq/prepaid/\(other)/statement.pdf")
            let hqText = try pdfText(Data(buffer: hq.body)).text
            #expect(hq.status == .ok && hqText.contains("D-ZJ01"))
        }
    }

    @Test("the command line's exporter writes the dashboard and a report, audited as the caller")
    func commandLineExporter() async throws {
        try await TestApp.run { app in
            let caller = Caller.system(origin: RequestOrigin(sourceIP: "local", userAgent: "qudao export"))
            let dashboard = try await ReportExporter.export(
                platform: app.platform, caller: caller, name: "dashboard", parameters: ["range": "last90"], format: "pdf", language: "zh-CN")
            #expect(dashboard.fileName.hasPrefix("dashboard-") && dashboard.fileName.hasSuffix(".pdf"))
            #expect(try pdfText(dashboard.data).text.contains("渠道数据看板"))
            let progress = ProgressCounter()
            let report = try await ReportExporter.export(
                platform: app.platform, caller: caller, name: "grades", parameters: ["level": "3"], format: "xlsx", language: "en",
                progress: { done, total in progress.record(done, total) })
            #expect(report.rowCount > 0 && Array(report.data.prefix(2)) == [0x50, 0x4B])
            #expect(progress.last?.done == progress.last?.total && progress.last?.total == report.rowCount)
            await #expect(throws: AppError.self) {
                _ = try await ReportExporter.export(
                    platform: app.platform, caller: caller, name: "dashboard", parameters: ["level": "5"], format: "pdf", language: "zh-CN")
            }
            await #expect(throws: AppError.self) {
                _ = try await ReportExporter.export(platform: app.platform, caller: caller, name: "weekly", parameters: [:], format: "pdf", language: "en")
            }
            let audited = try await app.platform.database.read {
                try await $0.first("SELECT COUNT(*) AS total FROM audit_log WHERE action = 'report.export' AND entity_id IN ('dashboard', 'grades')")?
                    .int64("total") ?? 0
            }
            #expect(audited == 2)
        }
    }
}

/// Collects progress reports from a concurrent callback.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [(done: Int, total: Int)] = []

    func record(_ done: Int, _ total: Int) {
        lock.lock()
        reports.append((done, total))
        lock.unlock()
    }

    var last: (done: Int, total: Int)? {
        lock.lock()
        defer { lock.unlock() }
        return reports.last
    }
}
