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

/// Builds the real application (the same composition root as `qudao serve`) on a fresh SQLite
/// database with the demo data, and runs a test against its router.
enum TestApp {
    static func configuration() -> AppConfiguration {
        var configuration = AppConfiguration()
        configuration.databaseURL = TestDatabase.sqliteURL()
        configuration.dataKey = String(repeating: "ab", count: 32)
        configuration.passwordCost = 4
        configuration.loadDemoData = true
        configuration.testClock = true
        configuration.testClockStart = TestDatabase.start
        // Tests that send webhooks run the worker themselves, so nothing is sent behind a test's back.
        configuration.deliversWebhooks = false
        return configuration
    }

    static func run(
        demo: Bool = true, configure: (inout AppConfiguration) -> Void = { _ in }, _ test: @escaping @Sendable (Client) async throws -> Void
    ) async throws {
        var configuration = configuration()
        configuration.loadDemoData = demo
        configure(&configuration)
        let built = try await buildApplication(configuration)
        try await built.application.test(.router) { client in
            try await test(Client(client: client, built: built))
        }
        await built.platform.database.close()
    }

    /// A test client with helpers for JSON, tokens and forms.
    struct Client: Sendable {
        let client: any TestClientProtocol
        let built: BuiltApplication

        var platform: Platform { built.platform }

        @discardableResult
        func request(
            _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, headers extra: HTTPFields = [:]
        ) async throws -> TestResponse {
            var headers = extra
            if let token { headers[.authorization] = "Bearer \(token)" }
            if json != nil { headers[.contentType] = "application/json" }
            let response = try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
            // Every API answer is also a check of the document an integrator reads.
            for problem in ResponseContract.problems(
                method: method, uri: uri, status: Int(response.status.code), contentType: response.headers[.contentType],
                body: Data(buffer: response.body))
            {
                Issue.record("the response does not match the OpenAPI document: \(problem)")
            }
            return response
        }

        func token(_ username: String, password: String = DemoData.password) async throws -> String {
            let response = try await request(.post, "/api/v1/auth/token", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
            #expect(response.status == .created)
            return try JSONDecoder().decode(TokenBody.self, from: Data(buffer: response.body)).token
        }

        func partnerId(code: String) async throws -> String {
            try await platform.database.read { try await $0.partner(code: code, cipher: platform.cipher)?.id } ?? ""
        }

        func count(_ table: String) async throws -> Int64 {
            try await platform.database.read { try await $0.first("SELECT COUNT(*) AS total FROM \(unsafeRaw: table)")?.int64("total") ?? 0 }
        }
    }

    struct TokenBody: Decodable {
        let token: String
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
    }

    /// The `field` names of a problem document's errors.
    func problemFields() throws -> [String] {
        ((try json()["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
    }
}
