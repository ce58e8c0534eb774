import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("Prepaid and order API")
struct PrepaidAndOrderAPITests {
    static let key = HTTPField.Name("Idempotency-Key")!

    @Test("a store orders, HQ ships, the logistics callback delivers, the clock passes the windows, a return is refunded")
    func wholeLife() async throws {
        try await TestApp.run { app in
            let store = try await app.token("S-GZ001")
            let hq = try await app.token("hq-admin")
            let balanceBefore = try await app.request(.get, "/api/v1/prepaid/balance", token: store).json()["balanceFen"] as? Int ?? 0
            // step 2: the quote
            let quote = try await app.request(
                .post, "/api/v1/orders/quote", token: store, json: #"{"lines":[{"productId":"SK-1003","quantity":12}]}"#)
            #expect(quote.status == .ok)
            let net = try quote.json()["netFen"] as? Int ?? 0
            #expect(net == 12 * 5_520)  // level-3 price: 80 % of ¥69.00
            // step 3: place and pay
            let placed = try await app.request(.post, "/api/v1/orders", token: store, json: #"{"lines":[{"productId":"SK-1003","quantity":12}]}"#)
            #expect(placed.status == .created)
            let order = try placed.json()
            let id = order["id"] as? String ?? ""
            #expect(order["status"] as? String == "paid")
            let balanceAfterOrder = try await app.request(.get, "/api/v1/prepaid/balance", token: store).json()["balanceFen"] as? Int
            #expect(balanceAfterOrder == balanceBefore - net)
            // HQ ships; the carrier's callback marks it delivered
            #expect(
                try await app.request(.post, "/api/v1/orders/\(id)/ship", token: hq, json: #"{"carrier":"顺丰速运","trackingNumber":"SF5550001"}"#).status
                    == .ok)
            let delivered = try await app.request(
                .post, "/api/v1/logistics/delivered", token: hq, json: #"{"trackingNumber":"SF5550001","proofOfDelivery":"门店签收"}"#)
            #expect(try delivered.json()["status"] as? String == "delivered")
            // the clock passes the ten days; the order is received by itself
            let clock = try await app.request(.get, "/api/v1/test-clock", token: hq)
            let now = ISO8601DateFormatter().date(from: try clock.json()["now"] as? String ?? "") ?? Date()
            let later = BusinessTime.isoText(now.addingTimeInterval(11 * 86_400))
            #expect(try await app.request(.post, "/api/v1/test-clock", token: hq, json: #"{"now":"\#(later)"}"#).status == .ok)
            #expect(try await app.request(.get, "/api/v1/orders/\(id)", token: store).json()["status"] as? String == "received")
            // A refused return names the entries the request sent, by their place in "lines".
            for (json, field) in [
                (#"{"lines":[{"lineNumber":1,"quantity":99}],"reason":"破损"}"#, "lines[0].quantity"),
                (#"{"lines":[{"lineNumber":1,"quantity":1},{"lineNumber":7,"quantity":1}],"reason":"破损"}"#, "lines[1].lineNumber"),
                (#"{"lines":[{"lineNumber":1,"quantity":1},{"quantity":1}],"reason":"破损"}"#, "lines[1].lineNumber"),
                (#"{"lines":[{"lineNumber":1,"quantity":1},{"lineNumber":1,"quantity":2}],"reason":"破损"}"#, "lines[1].lineNumber"),
                (#"{"lines":[],"reason":"破损"}"#, "lines"),
            ] {
                let refused = try await app.request(.post, "/api/v1/orders/\(id)/returns", token: store, json: json)
                let fields = try refused.problemFields()
                #expect(refused.status == .unprocessableContent && fields == [field], "\(json)")
            }
            // a return of 6, approved, received back, refunded
            let returned = try await app.request(
                .post, "/api/v1/orders/\(id)/returns", token: store, json: #"{"lines":[{"lineNumber":1,"quantity":6}],"reason":"破损"}"#)
            #expect(returned.status == .created)
            let returnId = try returned.json()["id"] as? String ?? ""
            for step in ["approve", "receive", "refund"] {
                #expect(try await app.request(.post, "/api/v1/returns/\(returnId)/\(step)", token: hq).status == .ok, "\(step)")
            }
            let balanceAfterRefund = try await app.request(.get, "/api/v1/prepaid/balance", token: store).json()["balanceFen"] as? Int
            #expect(balanceAfterRefund == balanceBefore - net / 2)
            // after the return window the order completes
            let end = BusinessTime.isoText(now.addingTimeInterval(20 * 86_400))
            #expect(try await app.request(.post, "/api/v1/test-clock", token: hq, json: #"{"now":"\#(end)"}"#).status == .ok)
            let final = try await app.request(.get, "/api/v1/orders/\(id)", token: store).json()
            #expect(final["status"] as? String == "completed" && final["refundedFen"] as? Int == net / 2)
            let vouchers = try await app.request(.get, "/api/v1/orders/\(id)/vouchers", token: store).json()["items"] as? [[String: Any]] ?? []
            #expect(
                vouchers.compactMap { $0["event"] as? String } == [
                    "create", "pay", "ship", "deliver", "receive", "return.requested", "return.approved", "return.goods_received", "return.refunded",
                    "complete",
                ])
            #expect(
                vouchers.first { $0["event"] as? String == "deliver" }?["payload"] as? String
                    == #"{"proofOfDelivery":"门店签收","trackingNumber":"SF5550001"}"#)
            #expect(try await InvariantChecker.check(app.platform.database).violations.isEmpty)
        }
    }

    @Test("the test clock never goes backwards and answers only HQ admins")
    func testClock() async throws {
        try await TestApp.run { app in
            let hq = try await app.token("hq-admin")
            let backwards = try await app.request(.post, "/api/v1/test-clock", token: hq, json: #"{"now":"2001-01-01T00:00:00+08:00"}"#)
            #expect(backwards.status == .unprocessableContent)
            #expect(try backwards.problemFields() == ["now"])
            #expect(try await app.request(.post, "/api/v1/test-clock", token: hq, json: #"{"now":"tomorrow"}"#).status == .unprocessableContent)
            #expect(try await app.request(.get, "/api/v1/test-clock", token: try await app.token("hq-ops")).status == .forbidden)
            #expect(try await app.request(.get, "/api/v1/test-clock", token: try await app.token("S-GZ001")).status == .forbidden)
        }
    }

    @Test("without --test-clock the test clock endpoints do not exist")
    func noTestClockWithoutTheFlag() async throws {
        var configuration = TestApp.configuration()
        configuration.testClock = false
        let built = try await buildApplication(configuration)
        #expect(!built.routes.contains { $0.path == "/api/v1/test-clock" })
        await built.platform.database.close()
    }

    @Test("insufficient balance is a 422 naming the balance, and nothing is written")
    func insufficientBalance() async throws {
        try await TestApp.run { app in
            let store = try await app.token("S-MY001")  // no top-ups in the demo
            let orders = try await app.count("orders")
            let response = try await app.request(.post, "/api/v1/orders", token: store, json: #"{"lines":[{"productId":"SK-1001","quantity":6}]}"#)
            #expect(response.status == .unprocessableContent)
            #expect(try response.json()["type"] as? String == "urn:qudao:problem:insufficient-balance")
            #expect(try response.problemFields() == ["balance"])
            #expect(try await app.count("orders") == orders)
            let badLines = try await app.request(
                .post, "/api/v1/orders", token: store,
                json:
                    #"{"lines":[{"productId":"SK-1001","quantity":5},{"productId":"MU-2006","quantity":12},{"productId":"SK-1002","quantity":2.5}]}"#)
            #expect(Set(try badLines.problemFields()) == ["lines[0].quantity", "lines[1].productId", "lines[2].quantity"])
        }
    }

    @Test("the same Idempotency-Key, sent 12 times at once, places one order and debits once")
    func concurrentReplays() async throws {
        try await TestApp.run { app in
            let store = try await app.token("S-GZ001")
            let before = try await app.request(.get, "/api/v1/prepaid/balance", token: store).json()["balanceFen"] as? Int ?? 0
            let orders = try await app.count("orders")
            let body = #"{"lines":[{"productId":"PC-3004","quantity":24}]}"#
            let statuses = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let response = try await app.request(
                            .post, "/api/v1/orders", token: store, json: body, headers: [Self.key: "reorder-20261125-01"])
                        return (Int(response.status.code), response.text)
                    }
                }
                return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
            }
            // every answer is the first response, or (committed, answer not stored yet) a 303 to the
            // order; exactly one order was placed
            #expect(statuses.allSatisfy { $0.0 == 201 || $0.0 == 303 })
            #expect(Set(statuses.filter { $0.0 == 201 }.map(\.1)).count == 1)
            #expect(try await app.count("orders") == orders + 1)
            let after = try await app.request(.get, "/api/v1/prepaid/balance", token: store).json()["balanceFen"] as? Int ?? 0
            #expect(before - after == 24 * 2_072)  // level-3 price of ¥25.90
            // a later replay returns the same order; a different body with the key is refused
            let replay = try await app.request(.post, "/api/v1/orders", token: store, json: body, headers: [Self.key: "reorder-20261125-01"])
            #expect(replay.status == .created && statuses.contains { $0.1 == replay.text })
            let different = try await app.request(
                .post, "/api/v1/orders", token: store, json: #"{"lines":[{"productId":"PC-3004","quantity":48}]}"#,
                headers: [Self.key: "reorder-20261125-01"])
            #expect(different.status == .unprocessableContent)
            #expect(try await app.count("orders") == orders + 1)
        }
    }

    @Test("a request that committed but lost its answer (the server stopped in between) replays as 303 to what it made, never 409 for ever")
    func committedRequestReplaysAfterCrash() async throws {
        try await TestApp.run { app in
            let store = try await app.token("S-GZ001")
            let body = #"{"lines":[{"productId":"PC-3004","quantity":24}]}"#
            let placed = try await app.request(.post, "/api/v1/orders", token: store, json: body, headers: [Self.key: "crash-20261203-01"])
            #expect(placed.status == .created)
            let id = try placed.json()["id"] as? String ?? ""
            let orders = try await app.count("orders")
            // The state a crash between the commit and storing the answer leaves: the key and the
            // order committed together, the answer never written.
            try await app.platform.database.write {
                try await $0.execute(
                    """
                    UPDATE idempotency_keys SET response_status = NULL, response_content_type = NULL, response_body = NULL
                    WHERE idempotency_key = 'crash-20261203-01'
                    """)
            }
            let retry = try await app.request(.post, "/api/v1/orders", token: store, json: body, headers: [Self.key: "crash-20261203-01"])
            #expect(retry.status == .seeOther)
            #expect(retry.headers[.location] == "/api/v1/orders/\(id)")
            #expect(retry.headers[HTTPField.Name("Idempotency-Replayed")!] == "true")
            let result = try retry.json()
            #expect(result["resultType"] as? String == "order" && result["resultId"] as? String == id)
            let followed = try await app.request(.get, retry.headers[.location] ?? "", token: store)
            let followedId = try followed.json()["id"] as? String
            #expect(followed.status == .ok && followedId == id)
            // Nothing was placed again, and the key still refuses a different request.
            #expect(try await app.count("orders") == orders)
            let different = try await app.request(
                .post, "/api/v1/orders", token: store, json: #"{"lines":[{"productId":"PC-3004","quantity":48}]}"#,
                headers: [Self.key: "crash-20261203-01"])
            #expect(different.status == .unprocessableContent)
        }
    }

    @Test("a top-up with a proof file, confirmed by finance, credits the amount once; the proof downloads intact")
    func topUpWithProof() async throws {
        try await TestApp.run { app in
            let store = try await app.token("S-MY002")
            let proof = DemoData.proofPNG.base64EncodedString()
            let requested = try await app.request(
                .post, "/api/v1/top-ups", token: store,
                json:
                    #"{"amountFen":1234567,"bankReference":"CCB-20261125-77","proof":{"fileName":"回单.png","contentType":"image/png","contentBase64":"\#(proof)"}}"#
            )
            #expect(requested.status == .created)
            let id = try requested.json()["id"] as? String ?? ""
            let downloaded = try await app.request(.get, "/api/v1/top-ups/\(id)/proof", token: store)
            #expect(downloaded.status == .ok && Data(buffer: downloaded.body) == DemoData.proofPNG)
            #expect(try await app.request(.post, "/api/v1/top-ups/\(id)/confirm", token: store).status == .forbidden)
            let finance = try await app.token("hq-finance")
            #expect(try await app.request(.post, "/api/v1/top-ups/\(id)/confirm", token: finance).status == .ok)
            #expect(try await app.request(.post, "/api/v1/top-ups/\(id)/confirm", token: finance).status == .conflict)
            let balance = try await app.request(.get, "/api/v1/prepaid/balance", token: store).json()["balanceFen"] as? Int
            #expect(balance == 1_234_567)
            let statement = try await app.request(.get, "/api/v1/prepaid/statement", token: store).json()["items"] as? [[String: Any]] ?? []
            #expect(statement.count == 1 && statement.first?["balanceAfterFen"] as? Int == 1_234_567)
            // bad amounts name the field
            for amount in ["0", "-5", "12.5", #""100""#] {
                let bad = try await app.request(
                    .post, "/api/v1/top-ups", token: store, json: #"{"amountFen":\#(amount),"bankReference":"CCB-X-\#(amount.count)"}"#)
                #expect(bad.status == .unprocessableContent, "\(amount)")
                #expect(try bad.problemFields() == ["amountFen"], "\(amount)")
            }
        }
    }
}
