import ArgumentParser
import Foundation
import Hummingbird
import Logging
import QudaoApp
import QudaoCore
import QudaoFiles
import QudaoStore
import QudaoWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web interface and the API.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on (default: QUDAO_HOST or 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default: QUDAO_PORT or 8080).") var port: Int?
    @Flag(help: "Load the demo dataset (idempotent) before serving.") var demo = false
    @Flag(help: "Apply pending migrations on PostgreSQL at start (SQLite always migrates).") var migrate = false
    @Flag(name: .customLong("test-clock"), help: "Run on a test clock that HQ admins read and advance through /api/v1/test-clock.")
    var testClock = false
    @Option(name: .customLong("tls-certificate"), help: "Serve HTTPS with this PEM certificate chain (with --tls-key; or QUDAO_TLS_CERTIFICATE).")
    var tlsCertificate: String?
    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-certificate (or QUDAO_TLS_KEY).")
    var tlsKey: String?

    func run() async throws {
        var configuration = database.configuration()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        configuration.loadDemoData = demo
        configuration.migrateOnStart = migrate
        configuration.testClock = testClock
        if let tlsCertificate { configuration.tlsCertificatePath = tlsCertificate }
        if let tlsKey { configuration.tlsKeyPath = tlsKey }
        let built: BuiltApplication
        do {
            built = try await buildApplication(configuration)
        } catch let error as StartupError {
            throw CommandFailure(error.description)
        }
        if demo {
            // Written straight to the file handle (unbuffered), so the banner shows before the server's
            // log lines even when standard output is a pipe or a file.
            FileHandle.standardOutput.write(
                Data(
                    """
                    Qudao is starting on \(configuration.tlsCertificatePath == nil ? "http" : "https")://\(configuration.host == "0.0.0.0" ? "127.0.0.1" : configuration.host):\(configuration.port)
                    Demo logins (password \(DemoData.password)):
                      HQ: \(DemoData.hqLogins.map(\.username).joined(separator: ", "))
                      Partners: each partner's owner signs in with its code, e.g. D-GD01 (level 1), A-GZ01 (level 2), S-GZ001 (store)

                    """.utf8))
        }
        try await built.application.runService()
        await built.platform.database.close()
    }
}
