import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import SQLKit
import Testing

/// API keys (issue 15) through the real router: scopes deny by default, a partner's key stays
/// within its own data, rotation keeps the old secret for its grace period only, and each key has its rate.
@Suite("API keys")
struct APIKeyWebTests {
    /// Creates a key as `token`'s account and returns its id and secret.
    static func createKey(_ app: TestApp.Client, token: String, json: String) async throws -> (id: String, secret: String) {
        let created = try await app.request(.post, "/api/v1/api-keys", token: token, json: json)
        #expect(created.status == .created, "\(created.text)")
        let body = try created.json()
        let key = body["key"] as? [String: Any] ?? [:]
        return (key["id"] as? String ?? "", body["secret"] as? String ?? "")
    }

    static func advance(_ app: TestApp.Client, seconds: Int) throws {
        let clock = try #require(app.platform.clock as? TestClock)
        clock.advance(seconds: seconds)
    }

    @Test("an HQ key with orders:read reads orders and is refused a write, another scope's endpoint and everything a key may not call")
    func readOnlyKey() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let (id, secret) = try await Self.createKey(app, token: admin, json: #"{"name":"金蝶 ERP","scopes":["orders:read"]}"#)
            #expect(secret.hasPrefix("qd_live_") && secret.count > 40)
            let shown = try await app.request(.get, "/api/v1/api-keys/\(id)", token: admin).json()
            #expect(shown["secretPrefix"] as? String == String(secret.prefix(16)) && shown["lastUsedAt"] == nil)
            #expect(!(try await app.request(.get, "/api/v1/api-keys/\(id)", token: admin).text.contains(secret)))

            let orders = try await app.request(.get, "/api/v1/orders", token: secret)
            #expect(orders.status == .ok)
            let orderId = try #require((try orders.json()["items"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await app.request(.get, "/api/v1/orders/\(orderId)", token: secret).status == .ok)
            // A write of its own area, another scope's read, and what no key may call.
            let ship = try await app.request(
                .post, "/api/v1/orders/\(orderId)/ship", token: secret, json: #"{"carrier":"顺丰","trackingNumber":"SF1"}"#)
            #expect(ship.status == .forbidden && ship.text.contains("orders:write"))
            #expect(try await app.request(.get, "/api/v1/stock", token: secret).status == .forbidden)
            #expect(try await app.request(.get, "/api/v1/prepaid/balance", token: secret).status == .forbidden)
            for (method, path) in [
                (HTTPRequest.Method.get, "/api/v1/api-keys"), (.get, "/api/v1/accounts"), (.get, "/api/v1/audit-log"),
                (.get, "/api/v1/settings"), (.delete, "/api/v1/auth/token"),
            ] {
                let refused = try await app.request(method, path, token: secret)
                #expect(refused.status == .forbidden, "\(method) \(path)")
            }
            let widen = try await app.request(.post, "/api/v1/api-keys", token: secret, json: #"{"name":"more","scopes":["orders:write"]}"#)
            #expect(widen.status == .forbidden)
            // Its use is recorded, once a minute at most.
            let used = try await app.request(.get, "/api/v1/api-keys/\(id)", token: admin).json()
            #expect(used["lastUsedAt"] as? String != nil && used["lastUsedAddress"] as? String != nil)
            // The key's service account is no person's: not listed, and nobody signs in to it.
            let accounts = try await app.request(.get, "/api/v1/accounts?pageSize=100", token: admin).json()["items"] as? [[String: Any]] ?? []
            #expect(!accounts.contains { ($0["username"] as? String)?.hasPrefix("key.") == true })
            let username = try await app.platform.database.read {
                try await $0.first("SELECT username FROM accounts WHERE is_service = 1")?.string("username")
            }
            let signIn = try await app.request(
                .post, "/api/v1/auth/token", json: #"{"username":"\#(username ?? "")","password":"\#(DemoData.password)"}"#)
            #expect(signIn.status == .unauthorized)
            // A made-up secret with the prefix is refused like any bad credential.
            #expect(try await app.request(.get, "/api/v1/orders", token: "qd_live_not-a-key").status == .unauthorized)
        }
    }

    @Test("every operation outside the scope table is refused to a key holding every scope")
    func denyByDefault() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let scopes = APIScope.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ",")
            let (_, secret) = try await Self.createKey(app, token: admin, json: #"{"name":"all","scopes":[\#(scopes)],"requestsPerMinute":6000}"#)
            // Every operation but the two anyone may call (signing in, the document).
            let open: Set<String> = ["POST /api/v1/auth/token", "GET /api/v1/openapi.json"]
            let endpoints = app.built.routes.filter { $0.path.hasPrefix("/api/v1/") && !open.contains("\($0.method) \($0.path)") }
            var refused = 0
            for endpoint in endpoints where APIScope.required(method: endpoint.method, pathTemplate: endpoint.path) == nil {
                let path = endpoint.path.replacingOccurrences(of: #"\{[^}]+\}"#, with: "x", options: .regularExpression)
                let method = HTTPRequest.Method(endpoint.method)!
                let response = try await app.request(method, path, token: secret, json: method == .get ? nil : "{}")
                #expect(response.status == .forbidden, "\(endpoint.method) \(endpoint.path)")
                refused += 1
            }
            #expect(refused > 60)
            // Every entry of the table names a real operation.
            let declared = Set(endpoints.map { "\($0.method) \($0.path)" })
            for operation in APIScope.table.keys { #expect(declared.contains(operation), "\(operation)") }
        }
    }

    @Test("writes are audited under the key's name: the logistics callback with logistics:write, a referral order with orders:write")
    func writesAudited() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let store = try await app.token("S-GZ001")
            let (_, logistics) = try await Self.createKey(app, token: admin, json: #"{"name":"顺丰回传","scopes":["logistics:write"]}"#)
            let (_, shop) = try await Self.createKey(app, token: admin, json: #"{"name":"商城","scopes":["orders:write"]}"#)
            let placed = try await app.request(.post, "/api/v1/orders", token: store, json: #"{"lines":[{"productId":"SK-1003","quantity":12}]}"#)
            let orderId = try placed.json()["id"] as? String ?? ""
            let shipped = try await app.request(
                .post, "/api/v1/orders/\(orderId)/ship", token: logistics, json: #"{"carrier":"顺丰速运","trackingNumber":"SF7770001"}"#)
            #expect(shipped.status == .ok, "\(shipped.text)")
            let delivered = try await app.request(
                .post, "/api/v1/logistics/delivered", token: logistics, json: #"{"trackingNumber":"SF7770001","proofOfDelivery":"门店签收"}"#)
            let deliveredStatus = try delivered.json()["status"] as? String
            #expect(delivered.status == .ok && deliveredStatus == "delivered")
            // The logistics key may not place orders, nor read them.
            #expect(try await app.request(.get, "/api/v1/orders/\(orderId)", token: logistics).status == .forbidden)
            let code = try await app.platform.database.read { try await $0.partner(code: "S-GZ001", cipher: app.platform.cipher)?.referralCode } ?? ""
            let referral = try await app.request(
                .post, "/api/v1/referral-orders", token: shop,
                json:
                    #"{"referralCode":"\#(code)","lines":[{"productId":"MU-2001","quantity":12}],"consumer":{"name":"钱女士","phone":"13244446666","province":"广东省","city":"广州市","district":"越秀区","detail":"北京路 1 号"}}"#
            )
            #expect(referral.status == .created, "\(referral.text)")
            let audit = try await app.request(.get, "/api/v1/audit-log?pageSize=100", token: admin).json()["items"] as? [[String: Any]] ?? []
            let byKeys = Set(audit.compactMap { $0["username"] as? String }.filter { $0.hasPrefix("key:") })
            #expect(byKeys.contains("key:顺丰回传"), "\(byKeys)")
            let created = audit.first { $0["action"] as? String == "api_key.create" }
            #expect(created?["username"] as? String == "hq-admin")
            // The log keeps a key's prefix, never its secret.
            let auditText = try await app.request(.get, "/api/v1/audit-log?pageSize=100", token: admin).text
            #expect(!auditText.contains(shop) && !auditText.contains(logistics) && auditText.contains(String(shop.prefix(16))))
        }
    }

    @Test("a store's key reads only the store's orders: a sibling's is not found, its scopes are the partner's, sub-accounts make no keys")
    func partnerKey() async throws {
        try await TestApp.run { app in
            let owner = try await app.token("S-GZ001")
            let sibling = try await app.token("S-GZ002")
            let admin = try await app.token("hq-admin")
            let siblingOrder = try await app.request(
                .post, "/api/v1/orders", token: sibling, json: #"{"lines":[{"productId":"SK-1003","quantity":12}]}"#)
            let siblingOrderId = try siblingOrder.json()["id"] as? String ?? ""
            let refusedScope = try await app.request(.post, "/api/v1/api-keys", token: owner, json: #"{"name":"pos","scopes":["logistics:write"]}"#)
            let refusedFields = try refusedScope.problemFields()
            #expect(refusedScope.status == .unprocessableContent && refusedFields == ["scopes"])
            let (id, secret) = try await Self.createKey(
                app, token: owner, json: #"{"name":"收银系统","scopes":["orders:read","stock:read","stock:write"]}"#)
            let storeId = try await app.partnerId(code: "S-GZ001")
            let orders = try await app.request(.get, "/api/v1/orders?pageSize=100", token: secret).json()["items"] as? [[String: Any]] ?? []
            #expect(!orders.isEmpty && orders.allSatisfy { $0["partnerId"] as? String == storeId })
            #expect(try await app.request(.get, "/api/v1/orders/\(siblingOrderId)", token: secret).status == .notFound)
            let siblingId = try await app.partnerId(code: "S-GZ002")
            #expect(try await app.request(.get, "/api/v1/partner-stock?partnerId=\(siblingId)", token: secret).status == .notFound)
            // Its own sell-out report goes in, as the store's, from a product the store holds.
            let held = try await app.request(.get, "/api/v1/partner-stock?pageSize=100", token: secret).json()["items"] as? [[String: Any]] ?? []
            let sku = try #require(held.first { ($0["onHand"] as? Int ?? 0) >= 1 }?["sku"] as? String)
            let report = try await app.request(
                .post, "/api/v1/sell-out-reports", token: secret, json: #"{"lines":[{"productId":"\#(sku)","quantity":1}]}"#)
            let reported = try report.json()
            #expect(report.status == .created && reported["partnerId"] as? String == storeId, "\(report.text)")
            // The sibling's owner cannot see or revoke it; HQ's admin sees it and may revoke it.
            #expect(try await app.request(.get, "/api/v1/api-keys/\(id)", token: sibling).status == .notFound)
            #expect(try await app.request(.post, "/api/v1/api-keys/\(id)/revoke", token: sibling).status == .notFound)
            let listed = try await app.request(.get, "/api/v1/api-keys", token: admin).json()["items"] as? [[String: Any]] ?? []
            #expect(listed.contains { $0["id"] as? String == id && $0["partnerId"] as? String == storeId })
            #expect(try await app.request(.post, "/api/v1/api-keys/\(id)/revoke", token: admin).status == .ok)
            #expect(try await app.request(.get, "/api/v1/orders", token: secret).status == .unauthorized)
            // A sub-account (finance view, not the owner) makes no keys; nor does an HQ viewer.
            let finance = try await app.token("hq-finance")
            #expect(try await app.request(.get, "/api/v1/api-keys", token: finance).status == .forbidden)
        }
    }

    @Test("rotation keeps the old secret for its grace period only; revoking stops both; a key ends after its last day")
    func rotationAndExpiry() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let (id, old) = try await Self.createKey(app, token: admin, json: #"{"name":"WMS","scopes":["stock:read"]}"#)
            let rotated = try await app.request(.post, "/api/v1/api-keys/\(id)/rotate", token: admin, json: #"{"graceHours":1}"#)
            #expect(rotated.status == .ok)
            let new = try rotated.json()["secret"] as? String ?? ""
            #expect(new != old && new.hasPrefix("qd_live_"))
            #expect(try await app.request(.get, "/api/v1/stock", token: old).status == .ok)
            #expect(try await app.request(.get, "/api/v1/stock", token: new).status == .ok)
            try Self.advance(app, seconds: 3_601)
            #expect(try await app.request(.get, "/api/v1/stock", token: old).status == .unauthorized)
            #expect(try await app.request(.get, "/api/v1/stock", token: new).status == .ok)
            let badGrace = try await app.request(.post, "/api/v1/api-keys/\(id)/rotate", token: admin, json: #"{"graceHours":721}"#)
            let badGraceFields = try badGrace.problemFields()
            #expect(badGrace.status == .unprocessableContent && badGraceFields == ["graceHours"])
            // A rotation with a grace period, then a revocation: both secrets stop at once.
            let again = try await app.request(.post, "/api/v1/api-keys/\(id)/rotate", token: admin, json: #"{"graceHours":24}"#)
            let newest = try again.json()["secret"] as? String ?? ""
            #expect(try await app.request(.post, "/api/v1/api-keys/\(id)/revoke", token: admin).status == .ok)
            #expect(try await app.request(.get, "/api/v1/stock", token: new).status == .unauthorized)
            #expect(try await app.request(.get, "/api/v1/stock", token: newest).status == .unauthorized)
            #expect(try await app.request(.post, "/api/v1/api-keys/\(id)/revoke", token: admin).status == .conflict)
            #expect(try await app.request(.post, "/api/v1/api-keys/\(id)/rotate", token: admin, json: "{}").status == .conflict)
            // A key whose last day is today works until midnight, business time.
            let today = BusinessDate(containing: app.platform.clock.now()).description
            let (_, daily) = try await Self.createKey(app, token: admin, json: #"{"name":"今日","scopes":["stock:read"],"expiresOn":"\#(today)"}"#)
            #expect(try await app.request(.get, "/api/v1/stock", token: daily).status == .ok)
            try Self.advance(app, seconds: 86_400)
            #expect(try await app.request(.get, "/api/v1/stock", token: daily).status == .unauthorized)
            let audit = try await app.request(.get, "/api/v1/audit-log?entityId=\(id)", token: admin).json()["items"] as? [[String: Any]] ?? []
            #expect(Set(audit.compactMap { $0["action"] as? String }) == ["api_key.create", "api_key.rotate", "api_key.revoke"])
        }
    }

    @Test("a key's rate: over its requests a minute it gets 429 with Retry-After, and the next minute it works again")
    func rateLimit() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let (_, secret) = try await Self.createKey(app, token: admin, json: #"{"name":"slow","scopes":["stock:read"],"requestsPerMinute":3}"#)
            for _ in 0..<3 { #expect(try await app.request(.get, "/api/v1/stock", token: secret).status == .ok) }
            let limited = try await app.request(.get, "/api/v1/stock", token: secret)
            #expect(limited.status == .tooManyRequests)
            let wait = Int(limited.headers[.retryAfter] ?? "") ?? 0
            #expect((1...60).contains(wait) && limited.text.contains("3"))
            // Another key is not slowed by this one.
            let (_, other) = try await Self.createKey(app, token: admin, json: #"{"name":"fast","scopes":["stock:read"]}"#)
            #expect(try await app.request(.get, "/api/v1/stock", token: other).status == .ok)
            try Self.advance(app, seconds: wait)
            #expect(try await app.request(.get, "/api/v1/stock", token: secret).status == .ok)
        }
    }

    @Test("allowed source addresses: a request from elsewhere is refused with the address named")
    func allowedAddresses() async throws {
        try await TestApp.run(configure: { $0.trustForwardedFor = true }) { app in
            let admin = try await app.token("hq-admin")
            let (_, secret) = try await Self.createKey(
                app, token: admin, json: #"{"name":"机房","scopes":["stock:read"],"allowedAddresses":["203.0.113.0/24","2001:db8::/32"]}"#)
            let forwarded = HTTPField.Name("X-Forwarded-For")!
            #expect(try await app.request(.get, "/api/v1/stock", token: secret, headers: [forwarded: "203.0.113.9"]).status == .ok)
            #expect(try await app.request(.get, "/api/v1/stock", token: secret, headers: [forwarded: "2001:db8:1::7"]).status == .ok)
            let elsewhere = try await app.request(.get, "/api/v1/stock", token: secret, headers: [forwarded: "198.51.100.1"])
            #expect(elsewhere.status == .forbidden && elsewhere.text.contains("198.51.100.1"))
        }
    }

    @Test("bad input names each field and writes nothing")
    func badInput() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let before = try await app.count("api_keys")
            let accounts = try await app.count("accounts")
            let bad = try await app.request(
                .post, "/api/v1/api-keys", token: admin,
                json: #"{"name":"","scopes":["orders:delete"],"expiresOn":"2020-01-01","allowedAddresses":["10.0.0.300"],"requestsPerMinute":0}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(Set(try bad.problemFields()) == ["name", "scopes", "expiresOn", "allowedAddresses", "requestsPerMinute"])
            _ = try await Self.createKey(app, token: admin, json: #"{"name":"ERP","scopes":["orders:read"]}"#)
            let duplicate = try await app.request(.post, "/api/v1/api-keys", token: admin, json: #"{"name":"ERP","scopes":["orders:read"]}"#)
            let duplicateFields = try duplicate.problemFields()
            #expect(duplicate.status == .unprocessableContent && duplicateFields == ["name"])
            let keysAfter = try await app.count("api_keys")
            let accountsAfter = try await app.count("accounts")
            #expect(keysAfter == before + 1 && accountsAfter == accounts + 1)
            // A secret is never stored: only its digest.
            let stored = try await app.platform.database.read {
                try await $0.first("SELECT secret_hash, secret_prefix FROM api_keys")?.string("secret_hash")
            }
            #expect(stored?.count == 64)
        }
    }

    @Test("the pages: an HQ admin creates a key and sees its secret once; a store's owner manages its own; a sub-account may not")
    func pages() async throws {
        try await TestApp.run { app in
            var hq = PageSession(app)
            _ = try await hq.signIn("hq-admin")
            let page = try await hq.get("/hq/integrations")
            #expect(page.status == .ok && page.text.contains("api-key-form"))
            let invalid = try await hq.post(
                "/hq/integrations/keys", form: [("_csrf", PageSession.csrf(in: page.text)), ("name", ""), ("requestsPerMinute", "abc")])
            #expect(invalid.status == .unprocessableContent && invalid.text.contains("scopes-error") && invalid.text.contains("name-error"))
            let created = try await hq.post(
                "/hq/integrations/keys",
                form: [
                    ("_csrf", PageSession.csrf(in: page.text)), ("name", "用友 ERP"), ("scopes", "orders:read"), ("scopes", "partners:read"),
                    ("allowedAddresses", "203.0.113.0/24\n198.51.100.7"), ("requestsPerMinute", "120"),
                ])
            #expect(created.status == .created)
            let secret = try #require(
                created.text.range(of: #"qd_live_[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(created.text[$0]) })
            #expect(try await app.request(.get, "/api/v1/partners", token: secret).status == .forbidden)  // from "unknown", not the list
            let list = try await hq.get("/hq/integrations")
            #expect(list.text.contains("用友 ERP") && !list.text.contains(secret) && list.text.contains(String(secret.prefix(16))))
            let keyPath = try #require(
                list.text.range(of: #"/hq/integrations/keys/key_[0-9a-z]{20}"#, options: .regularExpression).map { String(list.text[$0]) })
            let detail = try await hq.get(keyPath)
            #expect(detail.text.contains("203.0.113.0/24") && detail.text.contains("rotate-form"))
            let rotated = try await hq.post(keyPath + "/rotate", form: [("_csrf", PageSession.csrf(in: detail.text)), ("graceHours", "168")])
            #expect(rotated.status == .ok && rotated.text.contains("id=\"grace\"") && !rotated.text.contains(secret))

            var store = PageSession(app)
            _ = try await store.signIn("S-GZ001")
            let portal = try await store.get("/portal/integrations")
            #expect(portal.status == .ok && !portal.text.contains("logistics:write") && !portal.text.contains("用友 ERP"))
            #expect(try await store.get("/hq/integrations").status == .forbidden)
            #expect(try await store.get(keyPath.replacingOccurrences(of: "/hq/", with: "/portal/")).status == .notFound)
            var teller = PageSession(app)
            _ = try await teller.signIn("s-gz001-clerk")
            #expect(try await teller.get("/portal/integrations").status == .forbidden)
        }
    }
}
