import Foundation
import HTTPTypes
import QudaoApp
import QudaoWeb
import Testing

@Suite("HTTP semantics: transport security headers, cookie prefixes and methods")
struct HTTPSemanticsTests {
    @Test("over TLS every answer carries HSTS and every cookie is __Host- prefixed, Secure and Path=/; sign-in still works")
    func secureTransport() async throws {
        try await TestApp.run(configure: { $0.secureCookies = true }) { app in
            var session = PageSession(app)
            let login = try await session.get("/login")
            #expect(login.headers[.strictTransportSecurity] == "max-age=31536000; includeSubDomains")
            let signedIn = try await session.signIn("hq-admin")
            #expect(signedIn.status == .found && signedIn.headers[.location] == "/hq")
            let cookies = login.headers[values: .setCookie] + signedIn.headers[values: .setCookie]
            #expect(cookies.count >= 2)
            for cookie in cookies {
                // Attributes come in any order, so they are compared as a set.
                let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
                #expect(cookie.hasPrefix("__Host-") && attributes.isSuperset(of: ["secure", "path=/"]), "\(cookie)")
                #expect(!attributes.contains { $0.hasPrefix("domain=") }, "\(cookie)")
            }
            #expect(cookies.contains { $0.hasPrefix("__Host-qudao_session=") } && cookies.contains { $0.hasPrefix("__Host-qudao_device=") })
            // A session cookie without the prefix (as a sibling subdomain could plant) is not read.
            #expect(try await session.get("/hq").status == .ok)
            var planted = PageSession(app)
            planted.cookies["qudao_session"] = session.cookies["__Host-qudao_session"]
            #expect(try await planted.get("/hq").status != .ok)
            #expect(try await app.request(.get, "/healthz").headers[.strictTransportSecurity] != nil)
        }
    }

    @Test("over plain HTTP there is no HSTS, which would lock browsers out of a development server")
    func plainTransport() async throws {
        try await TestApp.run { app in
            let response = try await app.request(.get, "/login")
            #expect(response.headers[.strictTransportSecurity] == nil)
            #expect(response.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("__Host-") })
        }
    }

    @Test(
        "a path that exists answers 405 with Allow for another method, on pages and the API; an unknown path stays 404",
        arguments: [
            ("/api/v1/orders", HTTPRequest.Method.delete, "GET, POST"),
            ("/api/v1/orders/ord_0000000000000000", .put, "GET"),
            ("/api/v1/orders/quote", .get, "POST"),
            ("/api/v1/addresses/adr_0000000000000000", .patch, "DELETE, GET, PUT"),
            ("/login", .put, "GET, POST"),
        ])
    func methodNotAllowed(path: String, method: HTTPRequest.Method, allow: String) async throws {
        try await TestApp.run(demo: false) { app in
            let response = try await app.request(method, path)
            #expect(response.status == .methodNotAllowed, "\(method) \(path)")
            #expect(response.headers[.allow] == allow, "\(method) \(path)")
            #expect(try await app.request(method, "/api/v1/no-such-thing").status == .notFound)
        }
    }
}
