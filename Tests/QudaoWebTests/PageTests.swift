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

/// A browser-like session against the router: cookies and CSRF tokens carried between requests.
struct PageSession {
    let app: TestApp.Client
    var cookies: [String: String] = [:]

    init(_ app: TestApp.Client) {
        self.app = app
    }

    var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    mutating func get(_ uri: String) async throws -> TestResponse {
        let response = try await app.client.execute(uri: uri, method: .get, headers: cookieHeader, body: nil)
        remember(response)
        return response
    }

    mutating func post(_ uri: String, form: [(String, String)]) async throws -> TestResponse {
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        let response = try await app.client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Posts a `multipart/form-data` form with files, as a browser's upload form does.
    mutating func postMultipart(
        _ uri: String, fields: [(String, String)], files: [(name: String, fileName: String, content: Data)]
    ) async throws -> TestResponse {
        let boundary = "qudao-test-boundary-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for file in files {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                        .utf8))
            body.append(file.content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = cookieHeader
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await app.client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(data: body))
        remember(response)
        return response
    }

    mutating func remember(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            if header.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
    }

    /// Signs in through the login form.
    mutating func signIn(_ username: String, password: String = DemoData.password) async throws -> TestResponse {
        let page = try await get("/login")
        return try await post("/login", form: [("_csrf", Self.csrf(in: page.text)), ("username", username), ("password", password), ("next", "")])
    }

    /// The CSRF token of the first form on a page.
    static func csrf(in html: String) -> String {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return "" }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}

@Suite("Pages")
struct PageTests {
    @Test("signed-out visitors are sent to the login page; the login form needs its CSRF token")
    func login() async throws {
        try await TestApp.run { app in
            var session = PageSession(app)
            let redirect = try await session.get("/hq/partners")
            #expect(redirect.status == .seeOther || redirect.status == .found)
            #expect(redirect.headers[.location]?.hasPrefix("/login") == true)
            let forged = try await session.post("/login", form: [("_csrf", "forged"), ("username", "hq-admin"), ("password", DemoData.password)])
            #expect(forged.status == .forbidden)
            let wrong = try await session.signIn("hq-admin", password: "wrong-password")
            #expect(wrong.status == .unauthorized && wrong.text.contains("登录名或密码不正确"))
            let signedIn = try await session.signIn("hq-admin")
            #expect(signedIn.status == .found && signedIn.headers[.location] == "/hq")
            let cookie = signedIn.headers[values: .setCookie].first { $0.hasPrefix("qudao_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            let overview = try await session.get("/hq")
            #expect(overview.status == .ok && overview.text.contains("总部概览") && overview.text.contains("lang=\"zh-CN\""))
        }
    }

    @Test("forms refuse a missing CSRF token and show each field's error beside it")
    func partnerForm() async throws {
        try await TestApp.run { app in
            var session = PageSession(app)
            _ = try await session.signIn("hq-admin")
            let before = try await app.count("partners")
            let noToken = try await session.post("/hq/partners", form: [("name", "x")])
            #expect(noToken.status == .forbidden)
            let form = try await session.get("/hq/partners/new")
            let csrf = PageSession.csrf(in: form.text)
            // a store under a level-3 store, an empty name and a bad phone
            let invalid = try await session.post(
                "/hq/partners",
                form: [
                    ("_csrf", csrf), ("name", ""), ("type", "store"), ("parentId", "S-GZ001"), ("province", "广东省"), ("city", "广州市"),
                    ("contactName", "王五"), ("contactPhone", "12"), ("status", "active"),
                ])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains(#"id="name-error""#) && invalid.text.contains(#"id="contactPhone-error""#))
            #expect(invalid.text.contains("S-GZ001"))  // the typed values are kept
            // with the profile fixed, the depth guard speaks
            let tooDeep = try await session.post(
                "/hq/partners",
                form: [
                    ("_csrf", csrf), ("name", "第四级门店"), ("type", "store"), ("parentId", "S-GZ001"), ("province", "广东省"),
                    ("city", "广州市"), ("contactName", "王五"), ("contactPhone", "13800001111"), ("status", "active"),
                ])
            #expect(tooDeep.status == .unprocessableContent && tooDeep.text.contains("层级超限"))
            #expect(try await app.count("partners") == before)
            // a valid store under the agent A-GZ01
            let created = try await session.post(
                "/hq/partners",
                form: [
                    ("_csrf", csrf), ("code", "S-GZ009"), ("name", "花城汇新店"), ("type", "store"), ("parentId", "A-GZ01"),
                    ("province", "广东省"), ("city", "广州市"), ("contactName", "王五"), ("contactPhone", "13800001111"), ("status", "active"),
                    ("ownerPassword", "store-password"),
                ])
            #expect(created.status == .found)
            let detail = try await session.get(created.headers[.location] ?? "")
            #expect(detail.text.contains("S-GZ009") && detail.text.contains("138****1111") && !detail.text.contains("13800001111"))
            let tree = try await session.get("/hq/partners/tree")
            #expect(tree.text.contains(#"data-code="S-GZ009""#))
            // the new owner account signs in with the code
            var store = PageSession(app)
            #expect(try await store.signIn("S-GZ009", password: "store-password").headers[.location] == "/portal")
        }
    }

    @Test("the interface switches to English and stays there")
    func english() async throws {
        try await TestApp.run { app in
            var session = PageSession(app)
            _ = try await session.signIn("hq-viewer")
            let switched = try await session.get("/language?set=en&next=%2Fhq%2Fpartners")
            #expect(switched.headers[.location] == "/hq/partners")
            let page = try await session.get("/hq/partners")
            #expect(page.text.contains("lang=\"en\"") && page.text.contains("Partners") && page.text.contains("Distributor"))
            // a viewer sees no button to create partners
            #expect(!page.text.contains("id=\"new-partner\""))
        }
    }

    @Test("the partner portal shows the own profile and downline, never a sibling")
    func portal() async throws {
        try await TestApp.run { app in
            var session = PageSession(app)
            #expect(try await session.signIn("A-GZ01").headers[.location] == "/portal")
            let home = try await session.get("/portal")
            #expect(home.text.contains("广州天河优品代理") && home.text.contains("id=\"home-figures\"") && home.text.contains("id=\"tabbar\""))
            let profile = try await session.get("/portal/me")
            #expect(
                profile.text.contains("id=\"own-profile\"") && profile.text.contains("137****2233") && profile.text.contains("id=\"referral-link\""))
            let team = try await session.get("/portal/team")
            #expect(team.text.contains("S-GZ001") && !team.text.contains("S-SZ001"))
            let sibling = try await session.get("/portal/team/\(try await app.partnerId(code: "A-SZ01"))")
            #expect(sibling.status == .notFound)
            // HQ's console is closed to partner accounts, and the portal to HQ accounts
            #expect(try await session.get("/hq/partners").status == .forbidden)
            var hq = PageSession(app)
            _ = try await hq.signIn("hq-admin")
            #expect(try await hq.get("/portal").status == .forbidden)
            let products = try await session.get("/portal/products")
            #expect(products.status == .ok && products.text.contains("我的进货价"))
        }
    }

    @Test("the audit log page lists writes with who, where from and what changed")
    func auditPage() async throws {
        try await TestApp.run { app in
            var session = PageSession(app)
            _ = try await session.signIn("hq-admin")
            let page = try await session.get("/hq/audit?action=partner.create")
            #expect(
                page.status == .ok && page.text.contains("partner.create") && page.text.contains("S-MY002")
                    && page.text.contains("&quot;contactPhone&quot;:&quot;139****8002&quot;"))
            // read as sentences in the interface language, the fields by their labels, the raw record folded
            #expect(page.text.contains("系统 新建渠道商 S-MY002 科学城便民美护") && page.text.contains("联系电话</span> 139****8002"))
            #expect(page.text.contains("<details class=\"raw\">"))
            _ = try await session.get("/hq/reports/export.xlsx?report=sales-by-partner&range=last30")
            let exports = try await session.get("/hq/audit?action=report.export")
            #expect(exports.text.contains("总部管理员 导出 渠道商销售"))
            let signIns = try await session.get("/hq/audit?action=auth.sign_in")
            #expect(signIns.text.contains("总部管理员 登录"))
            let english = try await session.get("/hq/audit?action=auth.sign_in&lang=en")
            #expect(english.text.contains("总部管理员 signed in"))
            var viewer = PageSession(app)
            _ = try await viewer.signIn("hq-viewer")
            #expect(try await viewer.get("/hq/audit").status == .forbidden)
        }
    }
}

@Suite("Money pages")
struct MoneyPageTests {
    @Test("saved addresses show masked phones; copying reveals the full one, audited, and only to its partner")
    func addressCopy() async throws {
        try await TestApp.run { app in
            var store = PageSession(app)
            _ = try await store.signIn("S-GZ001")
            let page = try await store.get("/portal/addresses")
            #expect(page.status == .ok && page.text.contains("139****3333") && !page.text.contains("13922223333"))
            let addressId =
                try await app.platform.database.read {
                    try await $0.first(
                        "SELECT a.id FROM saved_addresses a JOIN partners p ON p.id = a.partner_id WHERE p.code = 'S-GZ001' AND a.label LIKE '老客户%'")?
                        .string("id")
                } ?? ""
            let copied = try await store.get("/portal/addresses/\(addressId)/text")
            #expect(copied.status == .ok && copied.text.contains("13922223333") && copied.text.contains("体育东路"))
            let audited = try await app.count("audit_log WHERE action = 'address.reveal'")
            #expect(audited == 1)
            var upline = PageSession(app)
            _ = try await upline.signIn("A-GZ01")
            #expect(try await upline.get("/portal/addresses/\(addressId)/text").status == .notFound)
            // The API shows the same masked phone everywhere, the one-line form included; only the
            // reveal gives the full phone, and it is audited like the page's copy.
            let token = try await app.token("S-GZ001")
            for path in ["/api/v1/addresses", "/api/v1/addresses/\(addressId)"] {
                let listed = try await app.request(.get, path, token: token)
                #expect(listed.status == .ok && listed.text.contains("139****3333") && !listed.text.contains("13922223333"), "\(path)")
            }
            let revealed = try await app.request(.post, "/api/v1/addresses/\(addressId)/reveal", token: token)
            let formatted = try revealed.json()["formatted"] as? String ?? ""
            #expect(revealed.status == .ok && formatted.contains("13922223333"))
            #expect(try await app.count("audit_log WHERE action = 'address.reveal'") == 2)
        }
    }

    @Test("HQ pages for orders, returns, top-ups, balances, stock and settings render with demo data")
    func hqPages() async throws {
        try await TestApp.run { app in
            var hq = PageSession(app)
            _ = try await hq.signIn("hq-admin")
            for path in ["/hq/orders", "/hq/returns", "/hq/top-ups", "/hq/top-ups?status=all", "/hq/prepaid", "/hq/stock", "/hq/settings"] {
                let page = try await hq.get(path)
                #expect(page.status == .ok, "\(path)")
            }
            let orderId =
                try await app.platform.database.read { try await $0.first("SELECT id FROM orders WHERE status = 'completed' LIMIT 1")?.string("id") }
                ?? ""
            let order = try await hq.get("/hq/orders/\(orderId)")
            #expect(order.text.contains("voucher-timeline") && order.text.contains("订单完成"))
            // the settings page refuses tiers that do not increase, naming the field
            let settings = try await hq.get("/hq/settings")
            let csrf = PageSession.csrf(in: settings.text)
            let refused = try await hq.post(
                "/hq/settings",
                form: [
                    ("_csrf", csrf), ("section", "prepaid"), ("bonusTiers[0].thresholdFen", "100000.00"), ("bonusTiers[0].rateBp", "1"),
                    ("bonusTiers[1].thresholdFen", "50000.00"), ("bonusTiers[1].rateBp", "0.5"), ("discountTiers[0].thresholdFen", "50000.00"),
                    ("discountTiers[0].rateBp", "2"), ("maximumTopUpFen", "1000000000.00"), ("discountWindowDays", "365"),
                ])
            #expect(refused.status == .unprocessableContent && refused.text.contains("data-tier=\"1\""))
            #expect(refused.text.contains("档位门槛必须逐级递增"))
            // rates are typed as percentages and answered in them; amounts in yuan
            let outOfRange = try await hq.post(
                "/hq/settings",
                form: [
                    ("_csrf", csrf), ("section", "prepaid"), ("bonusTiers[0].thresholdFen", "100000.00"), ("bonusTiers[0].rateBp", "120"),
                    ("maximumTopUpFen", "0"), ("discountWindowDays", "365"),
                ])
            #expect(outOfRange.status == .unprocessableContent && outOfRange.text.contains("比例须在 0.00% 到 100.00% 之间"))
            #expect(outOfRange.text.contains("金额须在 ¥0.01 到") && !outOfRange.text.contains("不允许"))
            let saved = try await hq.post(
                "/hq/settings",
                form: [
                    ("_csrf", csrf), ("section", "prepaid"), ("bonusTiers[0].thresholdFen", "100000.00"), ("bonusTiers[0].rateBp", "1.5"),
                    ("discountTiers[0].thresholdFen", "50000"), ("discountTiers[0].rateBp", "2"), ("maximumTopUpFen", "1000000000.00"),
                    ("discountWindowDays", "365"),
                ])
            #expect(saved.status == .found)
            let rules = try await app.platform.database.read { try await $0.setting("prepaid.rules") } ?? ""
            #expect(rules.contains("\"basisPoints\":150") && rules.contains("\"fen\":5000000"))
        }
    }

    @Test("a partner's pages: three ordering steps, orders, prepaid")
    func portalPages() async throws {
        try await TestApp.run { app in
            var store = PageSession(app)
            _ = try await store.signIn("S-GZ001")
            for path in ["/portal", "/portal/order", "/portal/orders", "/portal/prepaid"] {
                #expect(try await store.get(path).status == .ok, "\(path)")
            }
            let step1 = try await store.get("/portal/order")
            let csrf = PageSession.csrf(in: step1.text)
            let productId = try await app.platform.database.read { try await $0.product(sku: "SK-1006")?.id } ?? ""
            // a quantity off the pack size is refused on step 1 with a message
            let refused = try await store.post("/portal/order/confirm", form: [("_csrf", csrf), ("qty-\(productId)", "5")])
            #expect(refused.status == .unprocessableContent && refused.text.contains("order-errors"))
            let step2 = try await store.post("/portal/order/confirm", form: [("_csrf", csrf), ("qty-\(productId)", "12")])
            #expect(step2.status == .ok && step2.text.contains("quote-net"))
            let key =
                step2.text.components(separatedBy: #"name="submissionKey" value=""#).dropFirst().first?.prefix(48).split(separator: "\"").first.map(
                    String.init) ?? ""
            let orders = try await app.count("orders")
            let placed = try await store.post(
                "/portal/orders", form: [("_csrf", csrf), ("qty-\(productId)", "12"), ("submissionKey", key), ("addressId", "")])
            #expect(placed.status == .found)
            // a second click on the same page does not place a second order
            let again = try await store.post(
                "/portal/orders", form: [("_csrf", csrf), ("qty-\(productId)", "12"), ("submissionKey", key), ("addressId", "")])
            #expect(again.headers[.location] == placed.headers[.location])
            #expect(try await app.count("orders") == orders + 1)
        }
    }

    /// The submission key a confirmation page carries.
    static func submissionKey(in html: String) -> String {
        html.components(separatedBy: #"name="submissionKey" value=""#).dropFirst().first?.split(separator: "\"").first.map(String.init) ?? ""
    }

    @Test(
        "the order form: five simultaneous submits of one page place one order and answer it five times; a changed order under a used key is refused, then placed; forms without a key are each placed"
    )
    func orderFormSubmissions() async throws {
        try await TestApp.run { app in
            var store = PageSession(app)
            _ = try await store.signIn("S-GZ001")
            let csrf = PageSession.csrf(in: try await store.get("/portal/order").text)
            let productId = try await app.platform.database.read { try await $0.product(sku: "SK-1006")?.id } ?? ""
            let step2 = try await store.post("/portal/order/confirm", form: [("_csrf", csrf), ("qty-\(productId)", "12")])
            let key = Self.submissionKey(in: step2.text)
            #expect(key.count >= 20)
            // HQ credits enough for the five orders this test places.
            let credit = try await app.request(
                .post, "/api/v1/prepaid/adjustments", token: try await app.token("hq-admin"),
                json: #"{"partnerId":"S-GZ001","amountFen":1000000,"direction":"credit","reason":"测试充值"}"#)
            #expect(credit.status == .created, "\(credit.text)")
            let orders = try await app.count("orders")
            let cookies = store.cookieHeader
            func submit(quantity: String, key: String?) async throws -> TestResponse {
                var headers = cookies
                headers[.contentType] = "application/x-www-form-urlencoded"
                var body = "_csrf=\(csrf)&qty-\(productId)=\(quantity)&addressId="
                if let key { body += "&submissionKey=\(key)" }
                return try await app.client.execute(uri: "/portal/orders", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        let response = try await submit(quantity: "12", key: key)
                        return (Int(response.status.code), response.headers[.location])
                    }
                }
                return try await group.reduce(into: [(Int, String?)]()) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.0 == 302 }, "\(answers)")
            #expect(Set(answers.map(\.1)).count == 1 && answers[0].1?.hasPrefix("/portal/orders/ord_") == true)
            #expect(try await app.count("orders") == orders + 1)
            // The same page with a changed quantity is refused (not redirected to the first order),
            // and the page it shows carries a fresh key that places the changed order.
            let changed = try await submit(quantity: "24", key: key)
            #expect(changed.status == .conflict && changed.text.contains("这张表单已经提交过另一张订单"))
            #expect(try await app.count("orders") == orders + 1)
            let fresh = Self.submissionKey(in: changed.text)
            #expect(!fresh.isEmpty && fresh != key)
            let placed = try await submit(quantity: "24", key: fresh)
            #expect(placed.status == .found && placed.headers[.location] != answers[0].1)
            #expect(try await app.count("orders") == orders + 2)
            // Two different forms without a key are two orders, never one redirected to the other.
            let first = try await submit(quantity: "12", key: nil)
            let second = try await submit(quantity: "36", key: nil)
            #expect(first.status == .found && second.status == .found && first.headers[.location] != second.headers[.location])
            #expect(try await app.count("orders") == orders + 4)
        }
    }
}
