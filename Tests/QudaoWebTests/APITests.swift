import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("JSON API")
struct APITests {
    @Test("health and readiness")
    func health() async throws {
        try await TestApp.run { app in
            #expect(try await app.request(.get, "/healthz").status == .ok)
            let ready = try await app.request(.get, "/readyz")
            #expect(ready.status == .ok && ready.text.contains("ready"))
        }
    }

    @Test("the OpenAPI document lists exactly the routes the server has")
    func openAPIMatchesRoutes() async throws {
        try await TestApp.run { app in
            let response = try await app.request(.get, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try response.json()
            let paths = document["paths"] as? [String: [String: Any]] ?? [:]
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let routed = Set(
                app.built.routes.filter { $0.path.hasPrefix("/api/") || $0.path == "/healthz" || $0.path == "/readyz" }
                    .map { "\($0.method) \($0.path)" })
            #expect(documented == routed, "only documented: \(documented.subtracting(routed)); only routed: \(routed.subtracting(documented))")
            // every referenced schema exists
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            let references = response.text.components(separatedBy: "#/components/schemas/").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(!references.isEmpty)
            for reference in references { #expect(schemas[reference] != nil, "missing schema \(reference)") }
        }
    }

    @Test("no token, a wrong password or a malformed body get a problem document")
    func authenticationErrors() async throws {
        try await TestApp.run { app in
            let anonymous = try await app.request(.get, "/api/v1/partners")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(anonymous.headers[.wwwAuthenticate] != nil)
            let wrong = try await app.request(.post, "/api/v1/auth/token", json: #"{"username":"hq-admin","password":"nope-nope"}"#)
            #expect(wrong.status == .unauthorized)
            let malformed = try await app.request(.post, "/api/v1/auth/token", json: #"{"username":"#)
            #expect(malformed.status == .badRequest)
            #expect(try malformed.problemFields() == ["body"])
            let wrongType = try await app.request(.post, "/api/v1/auth/token", json: #"{"username":5,"password":"x"}"#)
            #expect(wrongType.status == .badRequest)
            #expect(try wrongType.problemFields() == ["username"])
            // a token can be revoked
            let token = try await app.token("hq-viewer")
            #expect(try await app.request(.get, "/api/v1/me", token: token).status == .ok)
            #expect(try await app.request(.delete, "/api/v1/auth/token", token: token).status == .noContent)
            #expect(try await app.request(.get, "/api/v1/me", token: token).status == .unauthorized)
        }
    }

    @Test("depth and cycle guards hold through the API, and nothing changes")
    func treeGuards() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-admin")
            let partnersBefore = try await app.count("partners")
            let auditBefore = try await app.count("audit_log")
            // a partner under the level-3 store S-GZ001
            let tooDeep = try await app.request(
                .post, "/api/v1/partners", token: token,
                json:
                    #"{"name":"第四级","type":"store","parentId":"S-GZ001","province":"广东省","city":"广州市","contactName":"王五","contactPhone":"13800001111"}"#
            )
            #expect(tooDeep.status == .unprocessableContent)
            #expect(try tooDeep.problemFields() == ["parentId"])
            #expect(tooDeep.text.contains("at most 3 levels"))
            // the distributor D-GD01 under its own store: a cycle
            let distributor = try await app.partnerId(code: "D-GD01")
            let cycle = try await app.request(.post, "/api/v1/partners/\(distributor)/move", token: token, json: #"{"parentId":"S-GZ001"}"#)
            #expect(cycle.status == .unprocessableContent)
            #expect(cycle.text.contains("cycle"))
            // the agent A-GZ01 (with stores below it) under the agent A-SZ01: its stores would sit at level 4
            let agent = try await app.partnerId(code: "A-GZ01")
            let deeper = try await app.request(.post, "/api/v1/partners/\(agent)/move", token: token, json: #"{"parentId":"A-SZ01"}"#)
            #expect(deeper.status == .unprocessableContent)
            #expect(try await app.count("partners") == partnersBefore)
            #expect(try await app.count("audit_log") == auditBefore)
            // a legal move: A-GZ01 to the distributor D-ZJ01
            let moved = try await app.request(.post, "/api/v1/partners/\(agent)/move", token: token, json: #"{"parentId":"D-ZJ01"}"#)
            #expect(moved.status == .ok)
            #expect(try moved.json()["parentId"] as? String == (try await app.partnerId(code: "D-ZJ01")))
        }
    }

    @Test("bad input names each field, in Chinese when asked, and writes nothing")
    func validationErrors() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-ops")
            let products = try await app.count("products")
            let response = try await app.request(
                .post, "/api/v1/products", token: token,
                json:
                    #"{"sku":"NEW-1","name":"\#(String(repeating: "长", count: 101))","categoryId":"护肤","unit":"瓶","packSize":6,"listPriceFen":12.5,"level1PriceFen":-1,"level2PriceFen":"7000","level3PriceFen":8000}"#
            )
            #expect(response.status == .unprocessableContent)
            #expect(Set(try response.problemFields()) == ["name", "listPriceFen", "level1PriceFen", "level2PriceFen"])
            #expect(response.text.contains("must be a whole number of fen"))
            let chinese = try await app.request(
                .post, "/api/v1/products", token: token,
                json:
                    #"{"sku":"NEW-1","name":"x","categoryId":"不存在","unit":"瓶","packSize":6,"listPriceFen":100,"level1PriceFen":60,"level2PriceFen":70,"level3PriceFen":80}"#,
                headers: [.acceptLanguage: "zh-CN"])
            #expect(chinese.status == .unprocessableContent)
            #expect(try chinese.problemFields() == ["categoryId"])
            #expect(chinese.text.contains("品类 不存在"))
            let duplicate = try await app.request(
                .post, "/api/v1/partners", token: try await app.token("hq-admin"),
                json:
                    #"{"code":"D-GD01","name":"重复","type":"distributor","province":"广东省","city":"广州市","contactName":"王五","contactPhone":"13800001111"}"#
            )
            #expect(duplicate.status == .unprocessableContent)
            #expect(try duplicate.problemFields() == ["code"])
            #expect(try await app.count("products") == products)
        }
    }

    @Test("the same Idempotency-Key replays the first response; a different body is refused")
    func idempotency() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-ops")
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "create-category-42"]
            let first = try await app.request(.post, "/api/v1/categories", token: token, json: #"{"name":"家居","sortOrder":60}"#, headers: key)
            #expect(first.status == .created)
            let second = try await app.request(.post, "/api/v1/categories", token: token, json: #"{"name":"家居","sortOrder":60}"#, headers: key)
            #expect(second.status == .created)
            #expect(second.text == first.text)
            #expect(second.headers[HTTPField.Name("Idempotency-Replayed")!] == "true")
            let different = try await app.request(.post, "/api/v1/categories", token: token, json: #"{"name":"厨具"}"#, headers: key)
            #expect(different.status == .unprocessableContent)
            #expect(try await app.count("product_categories") == 6)
            // a validation failure is replayed too, and did not consume a different key
            let invalidKey: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "bad-1"]
            let invalid = try await app.request(.post, "/api/v1/categories", token: token, json: #"{"name":""}"#, headers: invalidKey)
            #expect(invalid.status == .unprocessableContent)
            let replayed = try await app.request(.post, "/api/v1/categories", token: token, json: #"{"name":""}"#, headers: invalidKey)
            #expect(replayed.status == .unprocessableContent && replayed.text == invalid.text)
        }
    }

    @Test("lists are paginated with a bounded page size")
    func pagination() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-viewer")
            let page = try await app.request(.get, "/api/v1/partners?pageSize=7&page=2&level=3", token: token)
            let json = try page.json()
            #expect(json["page"] as? Int == 2 && json["pageSize"] as? Int == 7 && json["totalCount"] as? Int == 19)
            #expect((json["items"] as? [Any])?.count == 7)
            let huge = try await app.request(.get, "/api/v1/products?pageSize=100000", token: token)
            #expect(try huge.json()["pageSize"] as? Int == PageRequest.maximumPageSize)
        }
    }

    @Test("partners see their level price only; personal data is masked")
    func partnerViewOfProducts() async throws {
        try await TestApp.run { app in
            let store = try await app.token("S-GZ001")
            let products = try await app.request(.get, "/api/v1/products?pageSize=200", token: store)
            let items = try products.json()["items"] as? [[String: Any]] ?? []
            #expect(items.count == 29)  // MU-2006 is off shelf
            #expect(items.allSatisfy { $0["purchasePriceFen"] != nil && $0["level1PriceFen"] == nil })
            let own = try await app.request(.get, "/api/v1/partners/\(try await app.partnerId(code: "S-GZ001"))", token: store)
            #expect(try own.json()["contactPhoneMasked"] as? String == "135****1001")
            #expect(!own.text.contains("13560001001"))
        }
    }
}
