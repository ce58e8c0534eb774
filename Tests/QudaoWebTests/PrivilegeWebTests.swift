import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("Privileges on the web and the API")
struct PrivilegeWebTests {
    @Test("the quality store sees and gets the demo's targeted promotion; the potential store can neither see nor use it")
    func targeting() async throws {
        try await TestApp.run { app in
            let quality = try await app.token("S-GZ002")
            let potential = try await app.token("S-GZ003")
            let listed = try await app.request(.get, "/api/v1/promotions", token: quality).json()
            let promotion = try #require((listed["items"] as? [[String: Any]])?.first { $0["name"] as? String == "优质渠道年末专享" })
            let id = promotion["id"] as? String ?? ""
            // partners are not told whom else a promotion targets
            #expect(promotion["grades"] == nil)
            let hidden = try await app.request(.get, "/api/v1/promotions", token: potential).json()
            #expect(!((hidden["items"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == id })
            #expect(try await app.request(.get, "/api/v1/promotions/\(id)", token: potential).status == .notFound)
            // the quality store's quote uses 10 % off its level-3 price; the potential store's does not
            let mine = try await app.request(
                .post, "/api/v1/orders/quote", token: quality, json: #"{"lines":[{"productId":"SK-1003","quantity":12}]}"#)
            #expect((try mine.json()["lines"] as? [[String: Any]])?.first?["unitPriceFen"] as? Int == 4_968)
            let theirs = try await app.request(
                .post, "/api/v1/orders/quote", token: potential, json: #"{"lines":[{"productId":"SK-1003","quantity":12}]}"#)
            #expect((try theirs.json()["lines"] as? [[String: Any]])?.first?["unitPriceFen"] as? Int == 5_520)
            // and in the pages: the promotion page, the price in step 1, and a 404 for the other store
            var session = PageSession(app)
            _ = try await session.signIn("S-GZ002")
            #expect(try await session.get("/portal/promotions/\(id)").status == .ok)
            let step1 = try await session.get("/portal/order")
            #expect(step1.text.contains("data-promotion=\"\(id)\""))
            var other = PageSession(app)
            _ = try await other.signIn("S-GZ003")
            #expect(try await other.get("/portal/promotions/\(id)").status == .notFound)
            // the order that used it names it
            let orders = try await app.request(.get, "/api/v1/orders?waiting=0&pageSize=50", token: quality).json()
            var named = false
            for order in orders["items"] as? [[String: Any]] ?? [] {
                let detail = try await app.request(.get, "/api/v1/orders/\(order["id"] as? String ?? "")", token: quality).json()
                if ((detail["lines"] as? [[String: Any]]) ?? []).contains(where: { $0["promotionId"] as? String == id }) { named = true }
            }
            #expect(named)
        }
    }

    @Test("the demo's back-orders: the quality store was served first, the potential one waits and cannot ship; HQ filters them")
    func backOrders() async throws {
        try await TestApp.run { app in
            let hq = try await app.token("hq-ops")
            let waiting = try await app.request(.get, "/api/v1/orders?waiting=1", token: hq).json()
            let items = waiting["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            let order = try #require(items.first)
            #expect(order["partnerId"] as? String == (try await app.partnerId(code: "S-GZ003")))
            #expect(order["allocation"] as? String == "waiting")
            let id = order["id"] as? String ?? ""
            let ship = try await app.request(.post, "/api/v1/orders/\(id)/ship", token: hq, json: #"{"carrier":"顺丰","trackingNumber":"SF1234567"}"#)
            #expect(ship.status == .conflict)
            // S-GZ002's later order was filled when stock arrived, with a voucher
            let quality = try await app.token("S-GZ002")
            let mine = try await app.request(.get, "/api/v1/orders?status=paid", token: quality).json()
            let filled = try #require((mine["items"] as? [[String: Any]])?.first { $0["allocatedAt"] != nil })
            let vouchers = try await app.request(.get, "/api/v1/orders/\(filled["id"] as? String ?? "")/vouchers", token: quality).json()
            #expect(((vouchers["items"] as? [[String: Any]]) ?? []).contains { $0["event"] as? String == "allocate" })
            // the HQ list and the order page show it
            var session = PageSession(app)
            _ = try await session.signIn("hq-ops")
            let list = try await session.get("/hq/orders?waiting=1")
            #expect(list.text.contains("缺货待配货"))
            let page = try await session.get("/hq/orders/\(id)")
            #expect(page.text.contains("id=\"back-order\""))
            // when stock arrives, S-GZ003's order is filled too
            let received = try await app.request(
                .post, "/api/v1/stock/receipts", token: hq, json: #"{"productId":"HF-5006","quantity":24,"note":"到货"}"#)
            #expect(received.status == .created || received.status == .ok)
            let after = try await app.request(.get, "/api/v1/orders/\(id)", token: hq).json()
            #expect(after["allocation"] as? String == "allocated")
        }
    }

    @Test("HQ creates a promotion with the form; mistakes are shown by field and nothing is created")
    func createPromotion() async throws {
        try await TestApp.run { app in
            var session = PageSession(app)
            _ = try await session.signIn("hq-ops")
            let form = try await session.get("/hq/promotions/new")
            let csrf = PageSession.csrf(in: form.text)
            let before = try await app.count("promotions")
            let bad = try await session.post(
                "/hq/promotions",
                form: [("_csrf", csrf), ("name", ""), ("kind", "price"), ("startsAt", "2026-12-01"), ("endsAt", "明天"), ("products", "NOPE")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"name-error\"") && bad.text.contains("id=\"endsAt-error\""))
            #expect(try await app.count("promotions") == before)
            let good = try await session.post(
                "/hq/promotions",
                form: [
                    ("_csrf", csrf), ("name", "浙江门店周末特价"), ("kind", "price"), ("startsAt", "2020-01-01"), ("endsAt", "2099-01-01"),
                    ("levels", "3"), ("provinces", "浙江省"), ("products", "PC-3001, 39.90\nPC-3003, 29.90"),
                ])
            #expect(good.status == .found)
            let location = good.headers[.location] ?? ""
            let detail = try await session.get(location)
            #expect(detail.text.contains("浙江门店周末特价") && detail.text.contains("PC-3003"))
            // a Zhejiang store gets it, a Guangdong store does not
            let zhejiang = try await app.token("S-NB001")
            let quote = try await app.request(
                .post, "/api/v1/orders/quote", token: zhejiang, json: #"{"lines":[{"productId":"PC-3001","quantity":12}]}"#)
            #expect((try quote.json()["lines"] as? [[String: Any]])?.first?["unitPriceFen"] as? Int == 3_990)
        }
    }
}
