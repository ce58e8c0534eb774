import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

/// The payment password through the API and the portal's forms, on the demo data (every owner's
/// payment password is `DemoData.paymentPassword`; orders above ¥10,000.00 ask for it).
@Suite("Payment password on the web")
struct PaymentPasswordWebTests {
    /// Asks for the payment password on every prepaid order, so that the demo's small orders do.
    static func requireOnEveryOrder(_ app: TestApp.Client) async throws {
        let settings = SettingsService(platform: app.platform)
        var rules = try await settings.prepaidRules()
        #expect(rules.paymentPasswordAbove == PrepaidRules.newCompanyPaymentPasswordAbove)
        rules.paymentPasswordAbove = .zero
        try await settings.setPrepaidRules(.system(), rules)
    }

    @Test("the API: status, quote and order ask for it; only the owner changes it, and only its own partner's")
    func api() async throws {
        try await TestApp.run { app in
            try await Self.requireOnEveryOrder(app)
            let store = try await app.token("S-GZ001")
            let status = try await app.request(.get, "/api/v1/payment-password", token: store).json()
            #expect(status["isSet"] as? Bool == true && status["requiredAboveFen"] as? Int == 0 && status["callerMaySet"] as? Bool == true)
            let line = #"{"lines":[{"productId":"SK-1006","quantity":12}]"#
            let quote = try await app.request(.post, "/api/v1/orders/quote", token: store, json: line + "}").json()
            #expect(quote["paymentPasswordRequired"] as? Bool == true)
            let orders = try await app.count("orders")
            let missing = try await app.request(.post, "/api/v1/orders", token: store, json: line + "}")
            let missingFields = try missing.problemFields()
            #expect(missing.status == .unprocessableContent && missingFields == ["paymentPassword"])
            let wrong = try await app.request(.post, "/api/v1/orders", token: store, json: line + #","paymentPassword":"246813"}"#)
            let wrongFields = try wrong.problemFields()
            #expect(wrong.status == .unprocessableContent && wrongFields == ["paymentPassword"])
            #expect(try await app.count("orders") == orders)
            let placed = try await app.request(
                .post, "/api/v1/orders", token: store, json: line + #","paymentPassword":"\#(DemoData.paymentPassword)"}"#)
            #expect(placed.status == .created, "\(placed.text)")

            // A sub-account and HQ may not set it; a body naming another partner changes only the caller's own.
            let clerk = try await app.token("s-gz001-clerk")
            let change = #"{"currentPassword":"\#(DemoData.password)","newPaymentPassword":"908172","paymentPasswordConfirmation":"908172"}"#
            #expect(try await app.request(.put, "/api/v1/payment-password", token: clerk, json: change).status == .forbidden)
            #expect(
                try await app.request(.put, "/api/v1/payment-password", token: try await app.token("hq-admin"), json: change).status == .forbidden)
            let sibling = try await app.partnerId(code: "S-GZ002")
            let siblingBefore = try await app.platform.database.read { try await $0.paymentPassword(partnerId: sibling) }
            let aimed = String(change.dropLast()) + #","partnerId":"\#(sibling)"}"#
            let changed = try await app.request(.put, "/api/v1/payment-password", token: store, json: aimed)
            #expect(changed.status == .ok)
            #expect(try await app.platform.database.read { try await $0.paymentPassword(partnerId: sibling) } == siblingBefore)
            let badChange = try await app.request(
                .put, "/api/v1/payment-password", token: store,
                json: #"{"currentPassword":"wrong-password-2026","newPaymentPassword":"111111","paymentPasswordConfirmation":"111111"}"#)
            let badFields = try badChange.problemFields()
            #expect(badChange.status == .unprocessableContent && Set(badFields) == ["newPaymentPassword"])
        }
    }

    @Test("the portal: the order form asks for it and keeps the person on the confirmation page; the security page sets it")
    func portal() async throws {
        try await TestApp.run { app in
            try await Self.requireOnEveryOrder(app)
            var store = PageSession(app)
            _ = try await store.signIn("S-GZ001")
            let csrf = PageSession.csrf(in: try await store.get("/portal/order").text)
            let productId = try await app.platform.database.read { try await $0.product(sku: "SK-1006")?.id } ?? ""
            let step2 = try await store.post("/portal/order/confirm", form: [("_csrf", csrf), ("qty-\(productId)", "12")])
            #expect(step2.text.contains(#"name="paymentPassword""#))
            let key = MoneyPageTests.submissionKey(in: step2.text)
            let orders = try await app.count("orders")
            let form = [("_csrf", csrf), ("qty-\(productId)", "12"), ("submissionKey", key), ("addressId", "")]
            let wrong = try await store.post("/portal/orders", form: form + [("paymentPassword", "246813")])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("quote-net") && wrong.text.contains("支付密码"))
            #expect(!wrong.text.contains("246813"))
            #expect(try await app.count("orders") == orders)
            // The same page's key still places the order once the password is right.
            let placed = try await store.post("/portal/orders", form: form + [("paymentPassword", DemoData.paymentPassword)])
            let ordersAfter = try await app.count("orders")
            #expect(placed.status == .found && ordersAfter == orders + 1)

            let security = try await store.get("/portal/security")
            #expect(security.status == .ok && security.text.contains("payment-password-form"))
            let saved = try await store.post(
                "/portal/security",
                form: [
                    ("_csrf", csrf), ("currentPassword", DemoData.password), ("newPaymentPassword", "908172"),
                    ("paymentPasswordConfirmation", "908172"),
                ])
            #expect(saved.status == .found)
            let refused = try await store.post(
                "/portal/security",
                form: [("_csrf", csrf), ("currentPassword", "wrong"), ("newPaymentPassword", "908172"), ("paymentPasswordConfirmation", "908172")])
            #expect(refused.status == .unprocessableContent && refused.text.contains("currentPassword"))
            // A sub-account reads the page but gets no form.
            var clerk = PageSession(app)
            _ = try await clerk.signIn("s-gz001-clerk")
            let clerkPage = try await clerk.get("/portal/security")
            #expect(clerkPage.status == .ok && !clerkPage.text.contains("payment-password-form"))
        }
    }
}
