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

@Suite("Partner stock on the web and the API")
struct PartnerStockWebTests {
    /// A demo partner holding stock, its code and one SKU it has on hand.
    func stocked(_ app: TestApp.Client) async throws -> (code: String, sku: String, onHand: Int64) {
        try await app.platform.database.read { session in
            let row = try #require(
                try await session.first(
                    """
                    SELECT p.code, pr.sku, s.on_hand FROM partner_stock s JOIN partners p ON p.id = s.partner_id
                    JOIN products pr ON pr.id = s.product_id WHERE s.on_hand >= 3 AND p.partner_type = 'store' AND p.status = 'active'
                    ORDER BY p.code, pr.sku LIMIT 1
                    """))
            return (try row.string("code"), try row.string("sku"), try row.int64("on_hand"))
        }
    }

    @Test("sell-out through the API: bad lines are refused by field with nothing written; a good report lowers the stock")
    func sellOutAPI() async throws {
        try await TestApp.run { app in
            // given a store with stock
            let (code, sku, onHand) = try await stocked(app)
            let token = try await app.token(code)
            let tomorrow = BusinessTime.dayText(app.platform.clock.now().addingTimeInterval(86_400))
            let reportsBefore = try await app.count("sell_out_reports")

            // when it reports negative, fractional, unknown, future and too many units
            let bad = try await app.request(
                .post, "/api/v1/sell-out-reports", token: token,
                json: """
                    {"lines":[{"productId":"\(sku)","quantity":-2},{"productId":"\(sku)","quantity":1.5},{"productId":"NO-SUCH","quantity":1},
                    {"productId":"\(sku)","quantity":1,"soldOn":"\(tomorrow)"},{"productId":"\(sku)","quantity":\(onHand + 100)}]}
                    """)

            // then every problem is named and nothing is written
            #expect(bad.status == .unprocessableContent)
            let fields = try bad.problemFields()
            #expect(fields.contains("lines[0].quantity") && fields.contains("lines[1].quantity") && fields.contains("lines[2].productId"))
            #expect(fields.contains("lines[3].soldOn"))
            #expect(try await app.count("sell_out_reports") == reportsBefore)

            // when it reports two units sold today
            let good = try await app.request(
                .post, "/api/v1/sell-out-reports", token: token, json: #"{"lines":[{"productId":"\#(sku)","quantity":2}]}"#)
            #expect(good.status == .created)
            #expect(try good.json()["unitCount"] as? Int == 2)
            let levels = try await app.request(.get, "/api/v1/partner-stock?search=\(sku)", token: token).json()
            let level = try #require((levels["items"] as? [[String: Any]])?.first { $0["sku"] as? String == sku })
            #expect(level["onHand"] as? Int64 == onHand - 2 || level["onHand"] as? Int == Int(onHand - 2))
            let movements = try await app.request(.get, "/api/v1/partner-stock/movements?productId=\(sku)&pageSize=1", token: token).json()
            #expect((movements["items"] as? [[String: Any]])?.first?["kind"] as? String == "sell_out")

            // and a count without a reason is refused; with one it sets the figure
            let noReason = try await app.request(
                .post, "/api/v1/partner-stock/counts", token: token, json: #"{"productId":"\#(sku)","countedQuantity":1}"#)
            #expect(noReason.status == .unprocessableContent)
            #expect(try noReason.problemFields() == ["reason"])
            let counted = try await app.request(
                .post, "/api/v1/partner-stock/counts", token: token, json: #"{"productId":"\#(sku)","countedQuantity":1,"reason":"月末盘点"}"#)
            #expect(counted.status == .created)
            #expect(try counted.json()["onHandAfter"] as? Int == 1)
        }
    }

    @Test("a partner never sees another partner's stock; HQ sees anyone's")
    func access() async throws {
        try await TestApp.run { app in
            let (code, _, _) = try await stocked(app)
            let own = try await app.partnerId(code: code)
            let other = try await app.partnerId(code: code == "S-GZ001" ? "S-GZ002" : "S-GZ001")
            let upline = try await app.platform.database.read { try await $0.partner(id: own, cipher: app.platform.cipher)?.parentId } ?? ""
            // the upline may not look into its store's stock either
            let uplineCode = try await app.platform.database.read { try await $0.partner(id: upline, cipher: app.platform.cipher)?.code } ?? ""
            let uplineToken = try await app.token(uplineCode)
            for path in ["/api/v1/partner-stock", "/api/v1/partner-stock/movements", "/api/v1/sell-out-reports"] {
                #expect(try await app.request(.get, "\(path)?partnerId=\(own)", token: uplineToken).status == .notFound, "\(path)")
            }
            let token = try await app.token(code)
            #expect(try await app.request(.get, "/api/v1/partner-stock?partnerId=\(other)", token: token).status == .notFound)
            #expect(try await app.request(.get, "/api/v1/partner-stock?partnerId=\(own)", token: token).status == .ok)
            let count = try await app.request(
                .post, "/api/v1/partner-stock/counts", token: token,
                json: #"{"partnerId":"\#(other)","productId":"HF-1001","countedQuantity":0,"reason":"篡改"}"#)
            #expect(count.status == .notFound)
            let hq = try await app.token("hq-ops")
            #expect(try await app.request(.get, "/api/v1/partner-stock?partnerId=\(own)", token: hq).status == .ok)
            #expect(try await app.request(.get, "/api/v1/partner-stock", token: hq).status == .notFound)
            var session = PageSession(app)
            _ = try await session.signIn("hq-ops")
            let page = try await session.get("/hq/partners/\(own)/stock")
            #expect(page.status == .ok && page.text.contains("id=\"partner-stock\""))
        }
    }

    @Test("an uploaded file with mistakes is refused row by row and nothing is imported; a good one is imported whole")
    func upload() async throws {
        try await TestApp.run { app in
            let (code, sku, _) = try await stocked(app)
            var session = PageSession(app)
            _ = try await session.signIn(code)
            let page = try await session.get("/portal/stock/sell-out")
            #expect(page.status == .ok && page.text.contains("id=\"sell-out-form\""))
            let csrf = PageSession.csrf(in: page.text)
            let before = try await app.count("partner_stock_movements")

            func upload(_ name: String, _ csv: String) async throws -> TestResponse {
                let boundary = "qudao-test-boundary"
                var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n"
                body +=
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n"
                body += "--\(boundary)--\r\n"
                var headers = session.cookieHeader
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                return try await app.client.execute(
                    uri: "/portal/stock/sell-out/upload", method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            // when the file has an unknown SKU on row 3 and a fraction on row 4
            let bad = try await upload("sales.csv", "商品编码,数量,销售日期\n\(sku),1,\nNOPE-1,1,\n\(sku),1.5,\n")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("文件 第 3 行 商品"))
            #expect(bad.text.contains("文件 第 4 行 数量"))
            #expect(try await app.count("partner_stock_movements") == before)
            // a file of another kind is refused by name
            let wrongKind = try await upload("sales.txt", "x")
            #expect(wrongKind.status == .unprocessableContent && wrongKind.text.contains("xlsx 或 csv"))
            // when the file is right, every row is imported
            let good = try await upload("sales.csv", "\u{FEFF}SKU,数量,日期\n\(sku),1,\n\(sku),1,\n")
            #expect(good.status == .found)
            #expect(try await app.count("partner_stock_movements") == before + 2)
        }
    }
}
