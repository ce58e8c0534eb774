import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit
import Testing

@testable import QudaoWeb

/// A system that receives webhooks: a real HTTP server on a free port that checks each body's
/// signature, answers 500 to the first `failFirst` requests and 200 after, and records what came.
final class WebhookReceiver: @unchecked Sendable {
    struct Received: Sendable {
        let eventId: String
        let eventType: String
        let signatureValid: Bool
        let status: Int
        let body: String
    }

    private let lock = NSLock()
    private var received: [Received] = []
    private var remainingFailures: Int
    var secret = ""

    init(failFirst: Int) {
        remainingFailures = failFirst
    }

    var all: [Received] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// The events answered 200, by id, with how often each was.
    var acceptedCounts: [String: Int] {
        all.filter { $0.status == 200 }.reduce(into: [:]) { $0[$1.eventId, default: 0] += 1 }
    }

    /// Checks and records one request; answers the status to send.
    private func record(header: String, body: String, eventId: String, eventType: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let valid = WebhookBody.verify(header: header, body: body, secret: secret, now: Date(), toleranceSeconds: 10 * 365 * 86_400)
        let status = remainingFailures > 0 ? 500 : 200
        if remainingFailures > 0 { remainingFailures -= 1 }
        received.append(Received(eventId: eventId, eventType: eventType, signatureValid: valid, status: status, body: body))
        return status
    }

    func handle(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1_048_576)
        let body = String(buffer: buffer)
        let header = request.headers[HTTPField.Name("Qudao-Signature")!] ?? ""
        let eventId = request.headers[HTTPField.Name("Qudao-Event-Id")!] ?? ""
        let eventType = request.headers[HTTPField.Name("Qudao-Event-Type")!] ?? ""
        let status = record(header: header, body: body, eventId: eventId, eventType: eventType)
        return Response(status: HTTPResponse.Status(code: status), body: .init(byteBuffer: ByteBuffer(string: status == 200 ? "ok" : "try later")))
    }

    /// Runs `test` with the receiver listening on 127.0.0.1.
    static func run(failFirst: Int, _ test: @escaping @Sendable (WebhookReceiver, Int) async throws -> Void) async throws {
        let receiver = WebhookReceiver(failFirst: failFirst)
        let router = Router()
        router.post("/hook") { request, _ in try await receiver.handle(request) }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            try await test(receiver, try #require(client.port))
        }
    }
}

@Suite("Webhooks")
struct WebhookWebTests {
    static func subscribe(_ app: TestApp.Client, token: String, port: Int, types: [String]) async throws -> (id: String, secret: String) {
        let list = types.map { "\"\($0)\"" }.joined(separator: ",")
        let created = try await app.request(
            .post, "/api/v1/webhooks", token: token, json: #"{"url":"http://127.0.0.1:\#(port)/hook","eventTypes":[\#(list)]}"#)
        #expect(created.status == .created, "\(created.text)")
        let body = try created.json()
        return ((body["subscription"] as? [String: Any])?["id"] as? String ?? "", body["secret"] as? String ?? "")
    }

    @Test("an order's whole life reaches the receiver signed, each event once, after its first three attempts failed")
    func orderLifecycle() async throws {
        try await WebhookReceiver.run(failFirst: 3) { receiver, port in
            try await TestApp.run(configure: { $0.allowInternalWebhookTargets = true }) { app in
                let admin = try await app.token("hq-admin")
                let store = try await app.token("S-GZ001")
                let (subscriptionId, secret) = try await Self.subscribe(
                    app, token: admin, port: port, types: ["order.paid", "order.shipped", "order.delivered", "order.completed", "order.cancelled"])
                receiver.secret = secret
                #expect(secret.hasPrefix("whsec_"))
                // A purchase that is refused (over the balance) writes no event: its transaction rolled back.
                let refused = try await app.request(
                    .post, "/api/v1/orders", token: store, json: #"{"lines":[{"productId":"SK-1003","quantity":99000}]}"#)
                #expect(refused.status == .unprocessableContent)
                #expect(try await app.count("webhook_events") == 0)
                // The order's life: placed and paid, shipped, delivered, then the clock passes the windows.
                let placed = try await app.request(.post, "/api/v1/orders", token: store, json: #"{"lines":[{"productId":"SK-1003","quantity":12}]}"#)
                let orderId = try placed.json()["id"] as? String ?? ""
                #expect(
                    try await app.request(
                        .post, "/api/v1/orders/\(orderId)/ship", token: admin, json: #"{"carrier":"顺丰","trackingNumber":"SF9990001"}"#
                    )
                    .status == .ok)
                #expect(
                    try await app.request(.post, "/api/v1/logistics/delivered", token: admin, json: #"{"trackingNumber":"SF9990001"}"#).status == .ok)
                let clock = try #require(app.platform.clock as? TestClock)
                for days in [11, 8] {
                    let later = BusinessTime.isoText(clock.now().addingTimeInterval(TimeInterval(days * 86_400)))
                    #expect(try await app.request(.post, "/api/v1/test-clock", token: admin, json: #"{"now":"\#(later)"}"#).status == .ok)
                }
                let status = try await app.request(.get, "/api/v1/orders/\(orderId)", token: admin).json()["status"] as? String
                #expect(status == "completed")
                // This order's four steps, and the demo's other delivered orders completing as the clock passed.
                let ownTypes = try await app.platform.database.read {
                    try await $0.rows(
                        "SELECT event_type FROM webhook_events WHERE payload_json LIKE \(bind: "%" + orderId + "%") ORDER BY created_at_ms"
                    )
                    .map { try $0.string("event_type") }
                }
                #expect(ownTypes == ["order.paid", "order.shipped", "order.delivered", "order.completed"])
                let events = Int(try await app.count("webhook_events"))

                // The worker sends; the first three answers are 500, retried with backoff as the clock moves on.
                let transport = HTTPWebhookTransport(allowsInternalTargets: true)
                let worker = WebhookDeliveryWorker(platform: app.platform, transport: transport)
                for _ in 0..<20 where receiver.acceptedCounts.count < events {
                    try await worker.runOnce()
                    clock.advance(seconds: 600)
                }
                await transport.shutdown()
                let received = receiver.all
                let states = try await app.platform.database.read {
                    try await $0.rows("SELECT status, attempt_count, last_error FROM webhook_deliveries").map {
                        "\(try $0.string("status")) \(try $0.int64("attempt_count")) \(try $0.optionalString("last_error") ?? "")"
                    }
                }
                #expect(
                    received.count == events + 3 && received.filter { $0.status == 500 }.count == 3, "\(received.count) \(events) \(states.prefix(3))"
                )
                #expect(received.allSatisfy { $0.signatureValid })
                #expect(receiver.acceptedCounts.count == events && receiver.acceptedCounts.values.allSatisfy { $0 == 1 })
                let types = received.filter { $0.status == 200 && $0.body.contains(orderId) }.map(\.eventType)
                #expect(Set(types) == ["order.paid", "order.shipped", "order.delivered", "order.completed"] && types.count == 4)
                // Each body is the envelope: the event's id, its type and the order's data in fen.
                let paid = try #require(received.first { $0.eventType == "order.paid" && $0.status == 200 && $0.body.contains(orderId) })
                let envelope = try #require(try JSONSerialization.jsonObject(with: Data(paid.body.utf8)) as? [String: Any])
                let data = envelope["data"] as? [String: Any] ?? [:]
                #expect(
                    envelope["id"] as? String == paid.eventId && data["orderId"] as? String == orderId && data["partnerCode"] as? String == "S-GZ001")
                #expect(data["netFen"] as? Int == 12 * 5_520)

                // The delivery log: attempts with their status codes, and "send again" keeps the event id.
                let deliveries =
                    try await app.request(.get, "/api/v1/webhooks/\(subscriptionId)/deliveries?pageSize=200", token: admin).json()["items"]
                    as? [[String: Any]] ?? []
                #expect(deliveries.count == events && deliveries.allSatisfy { $0["status"] as? String == "delivered" })
                let retried = try #require(deliveries.first { ($0["attemptCount"] as? Int ?? 0) > 1 })
                let retriedId = try #require(retried["id"] as? String)
                let log = try await app.request(.get, "/api/v1/webhook-deliveries/\(retriedId)", token: admin).json()
                let attempts = log["attempts"] as? [[String: Any]] ?? []
                #expect(attempts.first?["statusCode"] as? Int == 500 && attempts.last?["statusCode"] as? Int == 200)
                #expect((attempts.first?["responseExcerpt"] as? String)?.contains("try later") == true)
                #expect(try await app.request(.post, "/api/v1/webhook-deliveries/\(retriedId)/resend", token: admin).status == .accepted)
                #expect(try await app.request(.post, "/api/v1/webhook-deliveries/\(retriedId)/resend", token: admin).status == .conflict)
                let again = HTTPWebhookTransport(allowsInternalTargets: true)
                try await WebhookDeliveryWorker(platform: app.platform, transport: again).runOnce()
                await again.shutdown()
                #expect(receiver.all.last?.eventId == retried["eventId"] as? String && receiver.all.count == events + 4)
                // A test event reaches only this subscription, whatever its types.
                #expect(try await app.request(.post, "/api/v1/webhooks/\(subscriptionId)/test", token: admin).status == .accepted)
                let tester = HTTPWebhookTransport(allowsInternalTargets: true)
                try await WebhookDeliveryWorker(platform: app.platform, transport: tester).runOnce()
                await tester.shutdown()
                #expect(receiver.all.last?.eventType == "webhook.test" && receiver.all.last?.signatureValid == true)
            }
        }
    }

    @Test("a partner's subscription gets its own events only; HQ's gets every partner's")
    func ownEventsOnly() async throws {
        try await WebhookReceiver.run(failFirst: 0) { receiver, port in
            try await TestApp.run(configure: { $0.allowInternalWebhookTargets = true }) { app in
                let store = try await app.token("S-GZ001")
                let sibling = try await app.token("S-GZ002")
                let (_, secret) = try await Self.subscribe(app, token: store, port: port, types: ["order.paid", "topup.confirmed"])
                receiver.secret = secret
                for token in [store, sibling] {
                    let placed = try await app.request(
                        .post, "/api/v1/orders", token: token, json: #"{"lines":[{"productId":"SK-1003","quantity":12}]}"#)
                    #expect(placed.status == .created)
                }
                let transport = HTTPWebhookTransport(allowsInternalTargets: true)
                try await WebhookDeliveryWorker(platform: app.platform, transport: transport).runOnce()
                await transport.shutdown()
                let storeId = try await app.partnerId(code: "S-GZ001")
                #expect(receiver.all.count == 1 && receiver.all.first?.body.contains(storeId) == true)
                // A partner may not subscribe to another system's view of HQ: no test event to HQ's, no types beyond the list.
                let bad = try await app.request(
                    .post, "/api/v1/webhooks", token: store, json: #"{"url":"http://127.0.0.1:\#(port)/hook","eventTypes":["webhook.test"]}"#)
                let badFields = try bad.problemFields()
                #expect(bad.status == .unprocessableContent && badFields == ["eventTypes"])
            }
        }
    }

    @Test(
        "server-side request forgery: internal or plain-http URLs are refused unless the operator allows them, and a resolved internal host is never called"
    )
    func internalTargetsRefused() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            for url in [
                "http://127.0.0.1:9/hook", "https://10.0.0.8/hook", "https://[::1]/hook", "https://localhost/hook", "ftp://example.com/x",
                "https://user:pw@example.com/",
            ] {
                let refused = try await app.request(.post, "/api/v1/webhooks", token: admin, json: #"{"url":"\#(url)","eventTypes":["order.paid"]}"#)
                let refusedFields = try refused.problemFields()
                #expect(refused.status == .unprocessableContent && refusedFields == ["url"], "\(url)")
            }
            #expect(try await app.count("webhook_subscriptions") == 0)
            let transport = HTTPWebhookTransport(allowsInternalTargets: false)
            let answer = await transport.post(url: "http://localhost:9/hook", headers: [], body: "{}", timeoutSeconds: 2)
            await transport.shutdown()
            #expect(answer.statusCode == nil && answer.excerpt.contains("internal address"))
        }
    }

    @Test("a delivery that fails for 24 hours is marked failed, its subscription turned off and its owner told; turned on again, what waited is sent")
    func failingSubscriptionDisabled() async throws {
        try await WebhookReceiver.run(failFirst: 1_000) { receiver, port in
            try await TestApp.run(configure: { $0.allowInternalWebhookTargets = true }) { app in
                let admin = try await app.token("hq-admin")
                let (id, secret) = try await Self.subscribe(app, token: admin, port: port, types: ["topup.rejected"])
                receiver.secret = secret
                let pending = try await app.request(.get, "/api/v1/top-ups?status=pending", token: admin).json()["items"] as? [[String: Any]] ?? []
                let topUpId = try #require(pending.first?["id"] as? String)
                #expect(try await app.request(.post, "/api/v1/top-ups/\(topUpId)/reject", token: admin, json: #"{"reason":"未到账"}"#).status == .ok)
                let clock = try #require(app.platform.clock as? TestClock)
                let transport = HTTPWebhookTransport(allowsInternalTargets: true)
                let worker = WebhookDeliveryWorker(platform: app.platform, transport: transport)
                for _ in 0..<40 {
                    try await worker.runOnce()
                    clock.advance(seconds: 3_600)
                }
                await transport.shutdown()
                let subscription = try await app.request(.get, "/api/v1/webhooks/\(id)", token: admin).json()
                #expect(subscription["status"] as? String == "disabled" && (subscription["disabledReason"] as? String)?.contains("24") == true)
                let deliveries =
                    try await app.request(.get, "/api/v1/webhooks/\(id)/deliveries", token: admin).json()["items"] as? [[String: Any]] ?? []
                #expect(deliveries.first?["status"] as? String == "failed")
                // Retried for a day with growing gaps: about fifteen attempts, not forty.
                let attempts = receiver.all.count
                #expect((10...20).contains(attempts), "\(attempts) attempts")
                let notices = try await app.request(.get, "/api/v1/notifications", token: admin).text
                #expect(notices.contains("/hq/integrations/webhooks/\(id)"))
                #expect(try await app.request(.patch, "/api/v1/webhooks/\(id)", token: admin, json: #"{"status":"active"}"#).status == .ok)
            }
        }
    }

    @Test("two server instances on one PostgreSQL deliver each of 200 events exactly once", .enabled(if: Backend.available.contains(.postgres)))
    func twoInstances() async throws {
        let (location, _) = try await PostgresTestServer.shared.makeDatabase(logger: Logger(label: "test"))
        guard case .postgres(let host, let port, let username, _, let database) = location else { return }
        let url = "postgres://\(username)@\(host):\(port)/\(database)"
        try await WebhookReceiver.run(failFirst: 0) { receiver, receiverPort in
            try await TestApp.run(configure: {
                $0.databaseURL = url
                $0.migrateOnStart = true
                $0.allowInternalWebhookTargets = true
            }) { app in
                let admin = try await app.token("hq-admin")
                let (_, secret) = try await Self.subscribe(app, token: admin, port: receiverPort, types: ["partner.status_changed"])
                receiver.secret = secret
                // 200 events: the demo's stores suspended and reactivated, again and again.
                let stores = try await app.platform.database.read {
                    try await $0.rows("SELECT id FROM partners WHERE partner_type = 'store' AND status = 'active' ORDER BY code LIMIT 10").map {
                        try $0.string("id")
                    }
                }
                for round in 0..<10 {
                    for store in stores {
                        for status in ["suspended", "active"] {
                            let changed = try await app.request(
                                .post, "/api/v1/partners/\(store)/status", token: admin, json: #"{"status":"\#(status)","reason":"第 \#(round) 轮"}"#)
                            #expect(changed.status == .ok)
                        }
                    }
                }
                let events = try await app.count("webhook_events")
                #expect(stores.count == 10 && events == 200)
                // A second instance: its own platform (pool, clock) on the same database.
                var options = Platform.OpeningOptions()
                options.databaseURL = url
                options.dataKey = TestApp.configuration().dataKey
                options.testClock = true
                options.testClockStart = app.platform.clock.now()
                options.passwordCost = 4
                let second = try await Platform.open(options, logger: Logger(label: "second"))
                let first = HTTPWebhookTransport(allowsInternalTargets: true)
                let other = HTTPWebhookTransport(allowsInternalTargets: true)
                let workers = [
                    WebhookDeliveryWorker(platform: app.platform, transport: first, concurrency: 4),
                    WebhookDeliveryWorker(platform: second, transport: other, concurrency: 4),
                ]
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for worker in workers {
                        group.addTask {
                            for _ in 0..<100 where receiver.acceptedCounts.count < Int(events) { try await worker.runOnce() }
                        }
                    }
                    try await group.waitForAll()
                }
                await first.shutdown()
                await other.shutdown()
                await second.database.close()
                #expect(receiver.all.count == Int(events))
                #expect(receiver.acceptedCounts.count == Int(events) && receiver.acceptedCounts.values.allSatisfy { $0 == 1 })
                #expect(receiver.all.allSatisfy { $0.signatureValid })
            }
        }
    }

    @Test("the pages: an endpoint is added with its secret shown once; its page sends a test event, lists it and turns it off; bad input is named")
    func pages() async throws {
        try await TestApp.run { app in
            var hq = PageSession(app)
            _ = try await hq.signIn("hq-admin")
            let page = try await hq.get("/hq/integrations")
            #expect(page.status == .ok && page.text.contains("webhook-form") && page.text.contains("order.paid"))
            let invalid = try await hq.post(
                "/hq/integrations/webhooks", form: [("_csrf", PageSession.csrf(in: page.text)), ("url", "http://10.0.0.1/x")])
            #expect(invalid.status == .unprocessableContent && invalid.text.contains("url-error") && invalid.text.contains("eventTypes-error"))
            #expect(!invalid.text.contains("name-error"))
            let created = try await hq.post(
                "/hq/integrations/webhooks",
                form: [
                    ("_csrf", PageSession.csrf(in: page.text)), ("url", "https://erp.example.com/qudao"), ("eventTypes", "order.paid"),
                    ("eventTypes", "topup.confirmed"),
                ])
            #expect(created.status == .created && created.text.contains("whsec_"))
            let path = try #require(
                created.text.range(of: #"/hq/integrations/webhooks/whs_[0-9a-z]{20}"#, options: .regularExpression).map { String(created.text[$0]) })
            let detail = try await hq.get(path)
            #expect(detail.status == .ok && detail.text.contains("https://erp.example.com/qudao") && !detail.text.contains("whsec_" + "x"))
            let tested = try await hq.post(path + "/test", form: [("_csrf", PageSession.csrf(in: detail.text))])
            #expect(tested.status == .found)
            let withTest = try await hq.get(path)
            #expect(withTest.text.contains("webhook.test") && withTest.text.contains("data-delivery"))
            let off = try await hq.post(path + "/status", form: [("_csrf", PageSession.csrf(in: withTest.text)), ("status", "disabled")])
            #expect(off.status == .found)
            #expect(try await hq.get(path).text.contains("toggle-webhook"))
            let state = try await app.platform.database.read { try await $0.first("SELECT status FROM webhook_subscriptions")?.string("status") }
            #expect(state == "disabled")

            // The stock page sets a product's low-stock line, naming a wrong SKU or number beside its field.
            let stock = try await hq.get("/hq/stock")
            #expect(stock.text.contains("low-stock-form"))
            let wrong = try await hq.post(
                "/hq/stock/low-stock-line", form: [("_csrf", PageSession.csrf(in: stock.text)), ("lineProductId", "NO-SUCH"), ("units", "5")])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("lineProductId-error"))
            let notNumber = try await hq.post(
                "/hq/stock/low-stock-line", form: [("_csrf", PageSession.csrf(in: stock.text)), ("lineProductId", "SK-1003"), ("units", "很多")])
            #expect(notNumber.status == .unprocessableContent && notNumber.text.contains("units-error"))
            let saved = try await hq.post(
                "/hq/stock/low-stock-line", form: [("_csrf", PageSession.csrf(in: stock.text)), ("lineProductId", "SK-1003"), ("units", "40")])
            #expect(saved.status == .found)
            let row = try await hq.get("/hq/stock?q=SK-1003").text
            #expect(row.contains("<td class=\"number\">40</td>"))

            var store = PageSession(app)
            _ = try await store.signIn("S-GZ001")
            let portal = try await store.get("/portal/integrations")
            #expect(portal.status == .ok && portal.text.contains("webhook-form") && !portal.text.contains("erp.example.com/qudao"))
            #expect(try await store.get(path.replacingOccurrences(of: "/hq/", with: "/portal/")).status == .notFound)
        }
    }

    @Test("settlement sends statement.issued and commission.settled per statement, a payout statement.paid, and grading each grade change")
    func settlementAndGrading() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let created = try await app.request(
                .post, "/api/v1/webhooks", token: admin,
                json:
                    #"{"url":"https://erp.example.com/hook","eventTypes":["statement.issued","statement.paid","commission.settled","partner.grade_changed"]}"#
            )
            #expect(created.status == .created)
            let gradesBefore = try await app.count("partner_grades")
            let subscribedAt = Int64(app.platform.clock.now().timeIntervalSince1970 * 1_000)
            // The clock passes two settlement runs (November's and December's) and weeks of grading.
            let clock = try #require(app.platform.clock as? TestClock)
            let later = BusinessTime.isoText(clock.now().addingTimeInterval(50 * 86_400))
            #expect(try await app.request(.post, "/api/v1/test-clock", token: admin, json: #"{"now":"\#(later)"}"#).status == .ok)
            func events(_ type: String) async throws -> Int64 {
                try await app.platform.database.read {
                    try await $0.first("SELECT COUNT(*) AS total FROM webhook_events WHERE event_type = \(bind: type)")?.int64("total") ?? 0
                }
            }
            let statements = try await app.platform.database.read {
                try await $0.first("SELECT COUNT(*) AS total FROM settlement_statements WHERE created_at_ms >= \(bind: subscribedAt)")?.int64("total")
                    ?? 0
            }
            let paidAtOnce = try await app.platform.database.read {
                try await $0.first(
                    "SELECT COUNT(*) AS total FROM settlement_statements WHERE created_at_ms >= \(bind: subscribedAt) AND payout_method = 'prepaid'")?
                    .int64("total") ?? 0
            }
            #expect(statements > 0)
            let (issued, settled) = (try await events("statement.issued"), try await events("commission.settled"))
            #expect(issued == statements && settled == statements)
            #expect(try await events("statement.paid") == paidAtOnce)
            // A bank payout marked paid sends its own statement.paid.
            let pending = try await app.platform.database.read {
                try await $0.first(
                    "SELECT id FROM settlement_statements WHERE created_at_ms >= \(bind: subscribedAt) AND status = 'pending_payout' LIMIT 1")?
                    .string("id")
            }
            if let pending {
                let marked = try await app.request(.post, "/api/v1/statements/\(pending)/mark-paid", token: try await app.token("hq-finance"))
                #expect(marked.status == .ok, "\(marked.text)")
                #expect(try await events("statement.paid") == paidAtOnce + 1)
            }
            // Each grade that differs from the one before is one event.
            let changes = try await app.platform.database.read {
                try await $0.first(
                    """
                    SELECT COUNT(*) AS total FROM partner_grades
                    WHERE computed_at_ms >= \(bind: subscribedAt) AND previous_grade IS NOT NULL AND grade <> previous_grade
                    """)?.int64("total") ?? 0
            }
            #expect(try await app.count("partner_grades") > gradesBefore)
            #expect(try await events("partner.grade_changed") == changes)
        }
    }

    @Test("stock.low: a change that takes the available stock across the product's line sends it once; back above the line arms it again")
    func lowStock() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let store = try await app.token("S-GZ001")
            #expect(
                try await app.request(
                    .post, "/api/v1/webhooks", token: admin, json: #"{"url":"https://wms.example.com/hook","eventTypes":["stock.low"]}"#
                ).status == .created)
            let levels = try await app.request(.get, "/api/v1/stock?search=SK-1003", token: admin).json()["items"] as? [[String: Any]] ?? []
            let level = try #require(levels.first { $0["sku"] as? String == "SK-1003" })
            let productId = try #require(level["productId"] as? String)
            let available = try #require(level["available"] as? Int)
            #expect(available > 40)
            func lowEvents() async throws -> [[String: Any]] {
                try await app.platform.database.read {
                    try await $0.rows("SELECT payload_json FROM webhook_events WHERE event_type = 'stock.low' ORDER BY created_at_ms, id")
                        .map { try $0.string("payload_json") }
                }.compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            }
            // Bad input is named; a partner may not set it; an unknown product is not found.
            let bad = try await app.request(.put, "/api/v1/stock/\(productId)/low-stock-line", token: admin, json: #"{"units":-1}"#)
            let badFields = try bad.problemFields()
            #expect(bad.status == .unprocessableContent && badFields == ["units"])
            #expect(
                try await app.request(.put, "/api/v1/stock/\(productId)/low-stock-line", token: store, json: #"{"units":5}"#).status == .forbidden)
            #expect(
                try await app.request(.put, "/api/v1/stock/prd_00000000000000000000/low-stock-line", token: admin, json: #"{"units":5}"#).status
                    == .notFound)
            // A line 10 below today's stock: the first order of 12 crosses it, the second stays below.
            let set = try await app.request(.put, "/api/v1/stock/\(productId)/low-stock-line", token: admin, json: #"{"units":\#(available - 10)}"#)
            let setLine = try set.json()["lowStockUnits"] as? Int
            #expect(set.status == .ok && setLine == available - 10)
            #expect(try await lowEvents().isEmpty)
            for _ in 0..<2 {
                #expect(
                    try await app.request(.post, "/api/v1/orders", token: store, json: #"{"lines":[{"productId":"SK-1003","quantity":12}]}"#).status
                        == .created)
            }
            var events = try await lowEvents()
            #expect(events.count == 1)
            let data = events.first?["data"] as? [String: Any] ?? [:]
            #expect(
                data["sku"] as? String == "SK-1003" && data["available"] as? Int == available - 12 && data["lowStockUnits"] as? Int == available - 10)
            // Goods received take it back above the line; a count correction takes it across again.
            #expect(
                try await app.request(.post, "/api/v1/stock/receipts", token: admin, json: #"{"productId":"SK-1003","quantity":100}"#).status
                    == .created)
            #expect(
                try await app.request(
                    .post, "/api/v1/stock/adjustments", token: admin, json: #"{"productId":"SK-1003","quantity":-90,"note":"盘点短少"}"#
                ).status == .created)
            events = try await lowEvents()
            #expect(events.count == 2)
            // Already below the line, a higher line tells nothing new; cleared, then set above what is
            // available, it says so at once.
            #expect(try await app.request(.put, "/api/v1/stock/\(productId)/low-stock-line", token: admin, json: #"{"units":100000}"#).status == .ok)
            #expect(try await lowEvents().count == 2)
            #expect(try await app.request(.put, "/api/v1/stock/\(productId)/low-stock-line", token: admin, json: #"{"units":null}"#).status == .ok)
            let higher = try await app.request(.put, "/api/v1/stock/\(productId)/low-stock-line", token: admin, json: #"{"units":100000}"#)
            let afterHigher = try await lowEvents()
            #expect(higher.status == .ok && afterHigher.count == 3)
            #expect(try await app.request(.put, "/api/v1/stock/\(productId)/low-stock-line", token: admin, json: #"{"units":null}"#).status == .ok)
            let cleared = try await app.request(.get, "/api/v1/stock?search=SK-1003", token: admin).json()["items"] as? [[String: Any]] ?? []
            #expect(cleared.first?["lowStockUnits"] == nil)
        }
    }
}
