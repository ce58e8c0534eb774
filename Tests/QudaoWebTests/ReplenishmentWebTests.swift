import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("Replenishment on the web and the API")
struct ReplenishmentWebTests {
    @Test("the demo store's SK-1003 suggestion matches the hand calculation: ⌈3 × 10 + 6 − 7 − 0⌉ = 29 → 36")
    func handCalculation() async throws {
        try await TestApp.run { app in
            let token = try await app.token("S-GZ002")
            let plan = try await app.request(.get, "/api/v1/replenishment", token: token).json()
            let line = try #require((plan["lines"] as? [[String: Any]])?.first { $0["sku"] as? String == "SK-1003" })
            // 28 days of 2, 4, 2, 4…: d = 3, σ = 1; L + R = 10; SS = ⌈1.65 × 1 × √10⌉ = ⌈5.22⌉ = 6
            #expect((line["dailySales"] as? [Int])?.count == 28)
            #expect(line["dailyDemand"] as? Double == 3.0)
            #expect(line["dailyStandardDeviation"] as? Double == 1.0)
            #expect(line["safetyStock"] as? Int == 6)
            #expect(line["onHand"] as? Int == 7 && line["inTransit"] as? Int == 0)
            #expect(line["quantityBeforePacks"] as? Int == 29)
            #expect(line["suggestedQuantity"] as? Int == 36)
            // every suggestion is a whole number of packs, never negative
            for item in plan["lines"] as? [[String: Any]] ?? [] {
                let quantity = item["suggestedQuantity"] as? Int ?? -1
                let pack = item["packSize"] as? Int ?? 1
                #expect(quantity >= 0 && quantity % pack == 0)
            }
            // another partner's suggestions are not found
            let other = try await app.partnerId(code: "S-GZ003")
            #expect(try await app.request(.get, "/api/v1/replenishment?partnerId=\(other)", token: token).status == .notFound)
            let hq = try await app.token("hq-ops")
            #expect(try await app.request(.get, "/api/v1/replenishment?partnerId=\(other)", token: hq).status == .ok)
        }
    }

    @Test("one click makes a draft that step 1 shows filled in; submitting the order uses up the draft")
    func oneClick() async throws {
        try await TestApp.run { app in
            var session = PageSession(app)
            _ = try await session.signIn("S-GZ002")
            let page = try await session.get("/portal/replenishment")
            #expect(page.status == .ok && page.text.contains("id=\"replenish-now\""))
            let made = try await session.post("/portal/replenishment/draft", form: [("_csrf", PageSession.csrf(in: page.text))])
            #expect(made.status == .found && made.headers[.location] == "/portal/order")
            let product = try await app.platform.database.read { try await $0.product(sku: "SK-1003") }
            let id = try #require(product?.id)
            let step1 = try await session.get("/portal/order")
            #expect(step1.text.contains("id=\"draft-notice\""))
            #expect(step1.text.contains("name=\"qty-\(id)\" value=\"36\""))
            // the partner adjusts to 24, confirms, and submits: the draft is gone
            let token = try await app.token("S-GZ002")
            #expect(try await app.request(.get, "/api/v1/order-draft", token: token).status == .ok)
            let confirm = try await session.post("/portal/order/confirm", form: [("_csrf", PageSession.csrf(in: step1.text)), ("qty-\(id)", "24")])
            #expect(confirm.status == .ok)
            let submitted = try await session.post(
                "/portal/orders",
                form: [("_csrf", PageSession.csrf(in: confirm.text)), ("qty-\(id)", "24"), ("submissionKey", "replenish-1"), ("addressId", "")])
            #expect(submitted.status == .found)
            #expect(try await app.request(.get, "/api/v1/order-draft", token: token).status == .notFound)
            // and the suggestion now counts the 24 in transit: ⌈30 + 6 − 7 − 24⌉ = 5 → 12
            let plan = try await app.request(.get, "/api/v1/replenishment", token: token).json()
            let line = try #require((plan["lines"] as? [[String: Any]])?.first { $0["sku"] as? String == "SK-1003" })
            #expect(line["inTransit"] as? Int == 24 && line["suggestedQuantity"] as? Int == 12)
        }
    }
}
