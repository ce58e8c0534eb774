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

@Suite("Partner profiles on the web and the API")
struct ProfileWebTests {
    @Test("HQ's profile page shows certificates, credit history, a sales chart and stock; a scanned certificate is added and downloaded")
    func hqProfile() async throws {
        try await TestApp.run { app in
            let store = try await app.partnerId(code: "S-HZ002")
            var session = PageSession(app)
            _ = try await session.signIn("hq-ops")
            let page = try await session.get("/hq/partners/\(store)")
            #expect(page.status == .ok)
            for marker in [
                "id=\"certificate-list\"", "JY13301080012345", "已过期", "id=\"credit-history\"", "id=\"sales-chart\"", "<svg", "id=\"profile-stock\"",
            ] {
                #expect(page.text.contains(marker), "\(marker)")
            }
            let csrf = PageSession.csrf(in: page.text)
            func upload(_ fields: [(String, String)], file: (String, Data)?) async throws -> TestResponse {
                let boundary = "qudao-profile-boundary"
                var body = Data()
                for (name, value) in [("_csrf", csrf)] + fields {
                    body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
                }
                if let file {
                    body.append(
                        Data(
                            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.0)\"\r\nContent-Type: image/png\r\n\r\n"
                                .utf8))
                    body.append(file.1)
                    body.append(Data("\r\n".utf8))
                }
                body.append(Data("--\(boundary)--\r\n".utf8))
                var headers = session.cookieHeader
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                return try await app.client.execute(
                    uri: "/hq/partners/\(store)/certificates", method: .post, headers: headers, body: ByteBuffer(data: body))
            }
            // a form with mistakes is shown again with each problem beside its field
            let bad = try await upload(
                [("certificateType", "food_business"), ("number", ""), ("issuer", "杭州"), ("validFrom", "2026-05-01"), ("validTo", "2025-01-01")],
                file: nil)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"number-error\"") && bad.text.contains("id=\"validTo-error\""))
            // the renewed licence with its scan
            let good = try await upload(
                [
                    ("certificateType", "food_business"), ("number", "JY13301080099999"), ("issuer", "杭州市滨江区市场监督管理局"), ("validFrom", "2020-11-20"),
                    ("validTo", "2099-11-19"), ("required", "1"),
                ], file: ("renewal.png", DemoData.proofPNG))
            #expect(good.status == .found)
            let token = try await app.token("hq-ops")
            let profile = try await app.request(.get, "/api/v1/partner-profile?partnerId=\(store)", token: token).json()
            let certificates = profile["certificates"] as? [[String: Any]] ?? []
            let renewed = try #require(certificates.first { $0["number"] as? String == "JY13301080099999" })
            #expect(renewed["hasFile"] as? Bool == true && renewed["standing"] as? String == "valid")
            let file = try await app.request(.get, "/api/v1/certificates/\(renewed["id"] as? String ?? "")/file", token: token)
            #expect(file.status == .ok && file.headers[.contentType] == "image/png")
            #expect((profile["monthlySales"] as? [[String: Any]])?.count == 12)
            #expect(profile["creditRating"] as? String == "B")
        }
    }

    @Test("a partner reads its own certificates and rating, and sees why it cannot order when HQ blocks")
    func partnerProfile() async throws {
        try await TestApp.run { app in
            let hq = try await app.token("hq-ops")
            let policy = try await app.request(.get, "/api/v1/channel-policy", token: hq).json()
            var changed = policy
            changed["blockOrdersOnExpiredCertificates"] = true
            let body = String(data: try JSONSerialization.data(withJSONObject: changed), encoding: .utf8) ?? "{}"
            #expect(try await app.request(.put, "/api/v1/channel-policy", token: hq, json: body).status == .ok)
            var session = PageSession(app)
            _ = try await session.signIn("S-HZ002")
            let page = try await session.get("/portal/certificates")
            #expect(page.status == .ok && page.text.contains("id=\"certificate-block\"") && page.text.contains("JY13301080012345"))
            let token = try await app.token("S-HZ002")
            let quote = try await app.request(.post, "/api/v1/orders/quote", token: token, json: #"{"lines":[{"productId":"MB-4001","quantity":4}]}"#)
            #expect(quote.status == .unprocessableContent)
            #expect(try quote.problemFields() == ["certificates"])
            // another partner's profile is not found
            let other = try await app.partnerId(code: "S-GZ002")
            #expect(try await app.request(.get, "/api/v1/partner-profile?partnerId=\(other)", token: token).status == .notFound)
            // the store next door still orders
            let neighbour = try await app.token("S-GZ002")
            let fine = try await app.request(
                .post, "/api/v1/orders/quote", token: neighbour, json: #"{"lines":[{"productId":"SK-1003","quantity":12}]}"#)
            #expect(fine.status == .ok)
        }
    }
}
