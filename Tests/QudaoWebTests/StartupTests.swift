import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

@Suite("Start-up and limits")
struct StartupTests {
    @Test("on PostgreSQL the server refuses to start with pending migrations unless told to migrate")
    func postgresMigrationsAtStart() async throws {
        guard Backend.available.contains(.postgres) else { return }
        let logger = Logger(label: "qudao.tests")
        let (location, _) = try await PostgresTestServer.shared.makeDatabase(logger: logger)
        guard case .postgres(let host, let port, let username, _, let database) = location else { return }
        var configuration = TestApp.configuration()
        configuration.databaseURL = "postgres://\(username)@\(host):\(port)/\(database)"
        configuration.loadDemoData = false
        // when started without --migrate on an empty database: refused, naming the remedy
        await #expect {
            _ = try await openPlatform(configuration, logger: logger)
        } throws: { error in
            (error as? StartupError)?.description.contains("qudao migrate") == true
        }
        // when started with --migrate: it migrates and serves
        configuration.migrateOnStart = true
        let platform = try await openPlatform(configuration, logger: logger)
        #expect(try await Migrator.pendingVersions(platform.database).isEmpty)
        await platform.database.close()
        // and a restart without the flag now starts
        configuration.migrateOnStart = false
        let restarted = try await openPlatform(configuration, logger: logger)
        await restarted.database.close()
    }

    @Test("on SQLite pending migrations are applied at start")
    func sqliteMigratesAtStart() async throws {
        var configuration = TestApp.configuration()
        configuration.loadDemoData = false
        let platform = try await openPlatform(configuration, logger: Logger(label: "qudao.tests"))
        #expect(try await Migrator.pendingVersions(platform.database).isEmpty)
        await platform.database.close()
    }

    @Test("request bodies over the limit and unknown endpoints get problem documents")
    func limits() async throws {
        try await TestApp.run { app in
            let token = try await app.token("hq-admin")
            let huge = #"{"name":""# + String(repeating: "x", count: 2_000_000) + #""}"#
            let tooLarge = try await app.request(.post, "/api/v1/categories", token: token, json: huge)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let unknown = try await app.request(.get, "/api/v1/nothing-here", token: token)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(try await app.count("product_categories") == 5)
        }
    }
}
