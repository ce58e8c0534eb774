import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

/// PIPL requests through the API and HQ's page, on the demo data.
@Suite("Personal data requests on the web")
struct PrivacyWebTests {
    @Test("HQ admins copy and erase by phone; finance and partners are refused; an owner copies only its own contact")
    func api() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let storePhone =
                try await app.platform.database.read { try await $0.partner(code: "S-GZ001", cipher: app.platform.cipher)?.contactPhone }
                ?? ""
            let body = #"{"phone":"\#(storePhone)"}"#
            let copy = try await app.request(.post, "/api/v1/personal-data/copy", token: admin, json: body)
            #expect(copy.status == .ok)
            let contacts = (try copy.json()["contacts"] as? [[String: Any]] ?? []).compactMap { $0["partnerCode"] as? String }
            #expect(contacts.contains("S-GZ001"))
            // A partner still in business cannot be erased; nothing changes.
            let refused = try await app.request(.post, "/api/v1/personal-data/erase", token: admin, json: body)
            let refusedFields = try refused.problemFields()
            #expect(refused.status == .unprocessableContent && refusedFields == ["phone"])
            #expect(
                try await app.platform.database.read { try await $0.partner(code: "S-GZ001", cipher: app.platform.cipher)?.contactPhone }
                    == storePhone)
            // Finance and partners may not ask about anyone.
            for username in ["hq-finance", "A-GZ01", "s-gz001-clerk"] {
                let token = try await app.token(username)
                #expect(try await app.request(.post, "/api/v1/personal-data/copy", token: token, json: body).status == .forbidden, "\(username)")
                #expect(try await app.request(.post, "/api/v1/personal-data/erase", token: token, json: body).status == .forbidden, "\(username)")
            }
            // An owner's own copy holds its own contact, never another partner's.
            let agent = try await app.token("A-GZ01")
            let own = try await app.request(.get, "/api/v1/personal-data/own", token: agent)
            let ownCodes = (try own.json()["contacts"] as? [[String: Any]] ?? []).compactMap { $0["partnerCode"] as? String }
            #expect(own.status == .ok && ownCodes == ["A-GZ01"])
            #expect(try await app.request(.get, "/api/v1/personal-data/own", token: try await app.token("a-gz01-manager")).status == .forbidden)
        }
    }

    @Test("HQ's page downloads the copy as a workbook and shows a refused erasure beside the form")
    func page() async throws {
        try await TestApp.run { app in
            var admin = PageSession(app)
            _ = try await admin.signIn("hq-admin")
            let page = try await admin.get("/hq/privacy")
            #expect(page.status == .ok && page.text.contains("privacy-copy-form"))
            let csrf = PageSession.csrf(in: page.text)
            let storePhone =
                try await app.platform.database.read { try await $0.partner(code: "S-GZ001", cipher: app.platform.cipher)?.contactPhone }
                ?? ""
            let file = try await admin.post("/hq/privacy/copy", form: [("_csrf", csrf), ("phone", storePhone)])
            #expect(file.status == .ok && file.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(file.body.readableBytes > 1_000)
            let erase = try await admin.post("/hq/privacy/erase", form: [("_csrf", csrf), ("phone", storePhone)])
            #expect(erase.status == .unprocessableContent && erase.text.contains("S-GZ001"))
            let bad = try await admin.post("/hq/privacy/copy", form: [("_csrf", csrf), ("phone", "12")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("phone-error"))
            var store = PageSession(app)
            _ = try await store.signIn("S-GZ001")
            #expect(try await store.get("/hq/privacy").status == .forbidden)
            let own = try await store.get("/portal/personal-data.xlsx")
            #expect(own.status == .ok && own.body.readableBytes > 1_000)
        }
    }
}
