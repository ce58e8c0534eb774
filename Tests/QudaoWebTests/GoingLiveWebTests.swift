import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import SQLKit
import Testing

@Suite("Going live on the web: the setup page and the brand's settings")
struct GoingLiveWebTests {
    @Test("a fresh server prints a setup link; the page makes the first admin, signs in, and is gone afterwards")
    func setupPage() async throws {
        try await TestApp.run(demo: false) { app in
            let token = try #require(app.built.setupToken)
            var session = PageSession(app)
            // without the token, or with a wrong one, there is no page
            #expect(try await session.get("/setup").status == .notFound)
            #expect(try await session.get("/setup?token=wrong").status == .notFound)
            let form = try await session.get("/setup?token=\(token)")
            #expect(form.status == .ok && form.text.contains("id=\"setup-form\""))
            // a form with mistakes is shown again with each problem beside its field, nothing written
            let bad = try await session.post(
                "/setup",
                form: [
                    ("token", token), ("brandName", "悦己生活"), ("companyName", "广州悦己生活科技有限公司"), ("customerServicePhone", "12345"),
                    ("username", "wang.admin"), ("displayName", "王总"), ("password", "correct-horse"), ("passwordConfirmation", "correct-hose"),
                ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"customerServicePhone-error\"") && bad.text.contains("两次输入的密码不一致"))
            #expect(!bad.text.contains("不允许"))
            #expect(try await app.count("accounts") == 0)
            // the good form signs the admin in and lands on the overview, under the brand's name
            let done = try await session.post(
                "/setup",
                form: [
                    ("token", token), ("brandName", "悦己生活"), ("companyName", "广州悦己生活科技有限公司"), ("customerServicePhone", "400-810-8888"),
                    ("username", "wang.admin"), ("displayName", "王总"), ("password", "correct-horse"), ("passwordConfirmation", "correct-horse"),
                ])
            #expect(done.status == .found && done.headers[.location] == "/hq?notice=welcome")
            let overview = try await session.get("/hq?notice=welcome")
            #expect(overview.status == .ok && overview.text.contains("悦己生活") && overview.text.contains("id=\"go-live-checklist\""))
            // the link is dead now
            #expect(try await session.get("/setup?token=\(token)").status == .notFound)
            let again = try await session.post("/setup", form: [("token", token), ("brandName", "x")])
            #expect(again.status == .notFound)
        }
    }

    @Test("a server with an admin prints no setup link")
    func noLinkWithAnAdmin() async throws {
        try await TestApp.run { app in
            let tokens = try await app.count("setup_tokens")
            #expect(app.built.setupToken == nil && tokens == 0)
        }
    }

    @Test("HQ admins edit the brand, logo and receiving accounts; other HQ roles and partners are refused")
    func companySettings() async throws {
        try await TestApp.run { app in
            var partner = PageSession(app)
            _ = try await partner.signIn("S-GZ001")
            #expect(try await partner.get("/hq/settings/company").status == .forbidden)
            // every HQ page and form this issue added is closed to partner accounts
            let partnerCSRF = PageSession.csrf(in: try await partner.get("/portal").text)
            let product = try await app.platform.database.read { try await $0.product(sku: "SK-1001")?.id } ?? ""
            #expect(try await partner.get("/hq/certificates").status == .forbidden)
            for path in [
                "/hq/settings/company", "/hq/settings/company/bank-accounts", "/hq/payouts/paid", "/hq/products/\(product)/image",
            ] {
                #expect(try await partner.post(path, form: [("_csrf", partnerCSRF), ("remove", "1")]).status == .forbidden, "\(path)")
            }
            var finance = PageSession(app)
            _ = try await finance.signIn("hq-finance")
            #expect(try await finance.get("/hq/settings/company").status == .forbidden)
            let forbiddenPost = try await finance.post(
                "/hq/settings/company/bank-accounts",
                form: [
                    ("_csrf", PageSession.csrf(in: try await finance.get("/hq").text)), ("accountName", "x"), ("bankName", "y"),
                    ("accountNumber", "6214830123456789"),
                ])
            #expect(forbiddenPost.status == .forbidden)

            var admin = PageSession(app)
            _ = try await admin.signIn("hq-admin")
            let page = try await admin.get("/hq/settings/company")
            #expect(page.status == .ok && page.text.contains("id=\"company-form\""))
            let csrf = PageSession.csrf(in: page.text)
            let bad = try await admin.post(
                "/hq/settings/company", form: [("_csrf", csrf), ("brandName", ""), ("companyName", "悦己"), ("customerServicePhone", "12345")])
            #expect(
                bad.status == .unprocessableContent && bad.text.contains("id=\"brandName-error\"")
                    && bad.text.contains("id=\"customerServicePhone-error\""))
            let saved = try await admin.post(
                "/hq/settings/company",
                form: [("_csrf", csrf), ("brandName", "悦己生活"), ("companyName", "广州悦己生活科技有限公司"), ("customerServicePhone", "400-810-8888")])
            #expect(saved.status == .found)
            // a logo that is not an image is refused; a PNG is served to anyone and heads every page
            let notImage = try await admin.postMultipart(
                "/hq/settings/company/logo", fields: [("_csrf", csrf)], files: [("logo", "logo.png", Data("not a picture".utf8))])
            #expect(notImage.status == .unprocessableContent && notImage.text.contains("JPEG 或 PNG 图片"))
            let uploaded = try await admin.postMultipart(
                "/hq/settings/company/logo", fields: [("_csrf", csrf)], files: [("logo", "logo.png", DemoData.proofPNG)])
            #expect(uploaded.status == .found)
            let logo = try await app.request(.get, "/brand/logo")
            #expect(logo.status == .ok && logo.headers[.contentType] == "image/png")
            let home = try await partner.get("/portal")
            #expect(home.text.contains("悦己生活") && home.text.contains("/brand/logo?v="))
            // a receiving account, shown grouped; the audit log has it masked
            let added = try await admin.post(
                "/hq/settings/company/bank-accounts",
                form: [("_csrf", csrf), ("accountName", "广州悦己生活科技有限公司"), ("bankName", "招商银行广州天河支行"), ("accountNumber", "6214830123456789")])
            #expect(added.status == .found)
            let listed = try await admin.get("/hq/settings/company")
            #expect(listed.text.contains("6214 8301 2345 6789"))
            let duplicate = try await admin.post(
                "/hq/settings/company/bank-accounts",
                form: [("_csrf", csrf), ("accountName", "x"), ("bankName", "y"), ("accountNumber", "6214 8301 2345 6789")])
            #expect(duplicate.status == .unprocessableContent && duplicate.text.contains("id=\"accountNumber-error\""))
        }
    }
}

@Suite("Bank payouts marked paid in bulk")
struct BulkPayoutTests {
    @Test("finance marks many statements paid at once; each is paid once, even when two batches race; others are refused")
    func bulkPaid() async throws {
        try await TestApp.run { app in
            let finance = try await app.token("hq-finance")
            let listed = try await app.request(.get, "/api/v1/statements?status=pending_payout&pageSize=200", token: finance).json()
            let pending = (listed["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(pending.count >= 2)
            let entriesBefore = try await app.count("ledger_entries")
            // a partner and a viewer may not
            var viewer = PageSession(app)
            _ = try await viewer.signIn("hq-viewer")
            let viewerCSRF = PageSession.csrf(in: try await viewer.get("/hq/payouts").text)
            let refused = try await viewer.post("/hq/payouts/paid", form: [("_csrf", viewerCSRF)] + pending.map { ("statementId", $0) })
            #expect(refused.status == .forbidden)
            var session = PageSession(app)
            _ = try await session.signIn("hq-finance")
            let page = try await session.get("/hq/payouts")
            #expect(page.text.contains("id=\"bulk-paid-form\"") && page.text.contains("data-select-all=\"pending-payouts\""))
            let csrf = PageSession.csrf(in: page.text)
            // nothing ticked: the page says so, beside nothing being changed
            let empty = try await session.post("/hq/payouts/paid", form: [("_csrf", csrf)])
            #expect(empty.status == .unprocessableContent)
            // two batches with the same statements at once (two people, two tabs)
            let form = [("_csrf", csrf)] + pending.map { ("statementId", $0) }
            let copy = session
            async let first = {
                var one = copy; return try await one.post("/hq/payouts/paid", form: form)
            }()
            async let second = {
                var two = copy; return try await two.post("/hq/payouts/paid", form: form)
            }()
            let results = try await [first, second]
            #expect(results.allSatisfy { $0.status == .found || $0.status == .conflict || $0.status == .unprocessableContent })
            #expect(results.contains { $0.headers[.location]?.contains("paid=\(pending.count)") == true })
            let paidAttempts = try await app.platform.database.read { session in
                try await session.first("SELECT COUNT(*) AS total FROM payouts WHERE status = 'paid'")?.int64("total") ?? 0
            }
            let statuses = try await app.request(.get, "/api/v1/statements?status=pending_payout&pageSize=200", token: finance).json()
            #expect((statuses["items"] as? [Any])?.isEmpty == true)
            #expect(paidAttempts >= Int64(pending.count))
            // each payout posted once: two ledger entries per statement, whatever the race
            #expect(try await app.count("ledger_entries") == entriesBefore + Int64(2 * pending.count))
            // sending the same batch again pays nothing twice
            let again = try await session.post("/hq/payouts/paid", form: form)
            #expect(again.headers[.location] == "/hq/payouts?paid=0&already=\(pending.count)")
            #expect(try await app.count("ledger_entries") == entriesBefore + Int64(2 * pending.count))
        }
    }
}

@Suite("Blank reasons re-show their forms")
struct BlankReasonTests {
    static func firstId(_ app: TestApp.Client, _ sql: String) async throws -> String {
        try await app.platform.database.read { try await $0.first(SQLQueryString(sql))?.string("id") } ?? ""
    }

    @Test("a blank or space-only reason is named beside its field on the page it was typed in, and nothing changes")
    func blankReasons() async throws {
        try await TestApp.run { app in
            var hq = PageSession(app)
            _ = try await hq.signIn("hq-admin")
            let csrf = PageSession.csrf(in: try await hq.get("/hq").text)
            let topUp = try await Self.firstId(app, "SELECT id FROM top_ups WHERE status = 'pending' LIMIT 1")
            let rejected = try await hq.post("/hq/top-ups/\(topUp)/reject", form: [("_csrf", csrf), ("reason", "   ")])
            #expect(
                rejected.status == .unprocessableContent && rejected.text.contains("id=\"reason-error\"")
                    && rejected.text.contains("id=\"topup-list\""))
            let returned = try await Self.firstId(app, "SELECT id FROM order_returns WHERE status = 'requested' LIMIT 1")
            let returnRefused = try await hq.post("/hq/returns/\(returned)/reject", form: [("_csrf", csrf), ("reason", " ")])
            #expect(returnRefused.status == .unprocessableContent && returnRefused.text.contains("voucher-timeline"))
            #expect(returnRefused.text.contains("原因 必填") && !returnRefused.text.contains("不允许"))
            let statement = try await Self.firstId(app, "SELECT id FROM settlement_statements WHERE status = 'pending_payout' LIMIT 1")
            let failed = try await hq.post("/hq/statements/\(statement)/failed", form: [("_csrf", csrf), ("reason", "  ")])
            #expect(failed.status == .unprocessableContent && failed.text.contains("statement-summary") && failed.text.contains("原因 必填"))
            let partner = try await app.partnerId(code: "S-GZ003")
            let suspended = try await hq.post("/hq/partners/\(partner)/status", form: [("_csrf", csrf), ("status", "suspended"), ("reason", "  ")])
            #expect(suspended.status == .unprocessableContent && suspended.text.contains("id=\"reason-error\""))
            #expect(try await Self.firstId(app, "SELECT id FROM top_ups WHERE id = '\(topUp)' AND status = 'pending'") == topUp)
            #expect(try await Self.firstId(app, "SELECT id FROM order_returns WHERE id = '\(returned)' AND status = 'requested'") == returned)
        }
    }
}

@Suite("Messages in the units people typed")
struct PeopleMessageTests {
    @Test("range, amount and date messages read in yuan and words, never in fen or with a machine prefix")
    func messages() async throws {
        try await TestApp.run { app in
            var hq = PageSession(app)
            _ = try await hq.signIn("hq-finance")
            let dates = try await hq.get("/hq/dashboard?range=custom&from=2026-11-10&to=2026-11-01")
            #expect(dates.status == .unprocessableContent && dates.text.contains("不能早于开始日期"))
            #expect(!dates.text.contains("不允许") && !dates.text.contains("before from"))
            var store = PageSession(app)
            _ = try await store.signIn("S-GZ001")
            let csrf = PageSession.csrf(in: try await store.get("/portal/prepaid").text)
            let tooSmall = try await store.postMultipart(
                "/portal/prepaid/top-ups", fields: [("_csrf", csrf), ("amountFen", "0"), ("bankReference", "REF-0001")], files: [])
            #expect(tooSmall.status == .unprocessableContent && tooSmall.text.contains("金额须在 ¥0.01 到 ¥1,000,000,000.00 之间"))
            #expect(!tooSmall.text.contains("100000000000"))
            // a contact phone is a mainland number
            var admin = PageSession(app)
            _ = try await admin.signIn("hq-admin")
            let form = try await admin.get("/hq/partners/new")
            let partner = try await admin.post(
                "/hq/partners",
                form: [
                    ("_csrf", PageSession.csrf(in: form.text)), ("name", "测试门店"), ("type", "distributor"), ("province", "广东省"), ("city", "广州市"),
                    ("contactName", "王五"), ("contactPhone", "12345"),
                ])
            #expect(partner.status == .unprocessableContent && partner.text.contains("大陆手机号或带区号的固定电话"))
        }
    }
}
