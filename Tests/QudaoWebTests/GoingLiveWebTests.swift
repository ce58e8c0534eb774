import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
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
