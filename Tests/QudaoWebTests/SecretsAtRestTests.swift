import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("Secrets at rest")
struct SecretsAtRestTests {
    static let key = HTTPField.Name("Idempotency-Key")!

    /// Every phone and bank account number the demo seeds, read from the demo loader's source, so a
    /// new seeded value is covered without editing this test.
    static func seededSecrets() throws -> Set<String> {
        var found: Set<String> = []
        // A phone stands alone (not inside a licence number such as JY13301080012345).
        let phone = try Regex(#"(^|[^0-9A-Za-z])(1[3-9][0-9]{9})(?![0-9])"#)
        let account = try Regex(#"accountNumber: "([0-9 ]{12,30})""#)
        for file in try SourceFiles.swiftFiles(under: "Sources/QudaoApp/Demo") {
            for match in file.text.matches(of: phone) { found.insert(String(file.text[match.range]).filter(\.isNumber)) }
            for match in file.text.matches(of: account) {
                found.insert(String(file.text[match.range]).filter(\.isNumber))
            }
        }
        return found
    }

    @Test(
        "a dump of a demo database after reveals, saved addresses and referral orders under Idempotency-Key holds no phone, account or token in plain text"
    )
    func databaseDumpHasNoSecret() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-secrets-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("qudao.sqlite").path
        let secrets = Box()
        try await TestApp.run(configure: { $0.databaseURL = "sqlite://" + path }) { app in
            let hq = try await app.token("hq-admin")
            let store = try await app.token("S-GZ001")
            secrets.add([hq, store])
            // A revealed contact phone, answered under a key (the saved answer holds it).
            let partnerId = try await app.partnerId(code: "S-GZ001")
            let revealed = try await app.request(
                .post, "/api/v1/partners/\(partnerId)/reveal-contact-phone", token: hq, headers: [Self.key: "reveal-1"])
            #expect(revealed.status == .ok)
            secrets.add([try revealed.json()["contactPhone"] as? String ?? "missing"])
            // A saved address with a new phone, and its reveal.
            let saved = try await app.request(
                .post, "/api/v1/addresses", token: store,
                json: #"{"label":"仓库","name":"赵强","phone":"13355557777","province":"广东省","city":"广州市","district":"白云区","detail":"机场路 9 号"}"#,
                headers: [Self.key: "address-1"])
            #expect(saved.status == .created)
            let addressId = try saved.json()["id"] as? String ?? ""
            #expect(
                try await app.request(.post, "/api/v1/addresses/\(addressId)/reveal", token: store, headers: [Self.key: "address-2"]).status == .ok)
            secrets.add(["13355557777"])
            // An API key's secret, created and rotated under keys (the saved answers hold them).
            let created = try await app.request(
                .post, "/api/v1/api-keys", token: hq, json: #"{"name":"ERP","scopes":["orders:read"]}"#, headers: [Self.key: "api-key-1"])
            #expect(created.status == .created)
            let keyId = (try created.json()["key"] as? [String: Any])?["id"] as? String ?? ""
            let rotated = try await app.request(
                .post, "/api/v1/api-keys/\(keyId)/rotate", token: hq, json: #"{"graceHours":1}"#, headers: [Self.key: "api-key-2"])
            secrets.add([try created.json()["secret"] as? String ?? "missing", try rotated.json()["secret"] as? String ?? "missing"])
            // A referral order: its consumer token is a bearer secret for the consumer's page.
            let code = try await app.platform.database.read { try await $0.partner(code: "S-GZ001", cipher: app.platform.cipher)?.referralCode } ?? ""
            let referral = try await app.request(
                .post, "/api/v1/referral-orders", token: hq,
                json:
                    #"{"referralCode":"\#(code)","lines":[{"productId":"MU-2001","quantity":12}],"consumer":{"name":"钱女士","phone":"13244446666","province":"广东省","city":"广州市","district":"越秀区","detail":"北京路 1 号"}}"#,
                headers: [Self.key: "referral-1"])
            #expect(referral.status == .created, "\(referral.text)")
            secrets.add([try referral.json()["consumerToken"] as? String ?? "missing", "13244446666"])
            // A page session's cookie.
            var session = PageSession(app)
            _ = try await session.signIn("A-GZ01")
            secrets.add(Array(session.cookies.values))
        }
        let seeded = try Self.seededSecrets()
        #expect(seeded.count >= 20, "the demo seeds phones and bank accounts: \(seeded.count) found")
        // The database file and anything SQLite left beside it, byte for byte.
        var dump = Data()
        for suffix in ["", "-wal", "-journal"] {
            if let data = FileManager.default.contents(atPath: path + suffix) { dump.append(data) }
        }
        #expect(dump.count > 100_000)
        for secret in seeded.union(secrets.values) where secret.count >= 8 {
            #expect(dump.range(of: Data(secret.utf8)) == nil, "\(secret) is stored in plain text")
        }
        try? FileManager.default.removeItem(at: folder)
    }

    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Set<String> = []

        func add(_ values: [String]) {
            lock.lock()
            stored.formUnion(values)
            lock.unlock()
        }

        var values: Set<String> {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
    }
}
