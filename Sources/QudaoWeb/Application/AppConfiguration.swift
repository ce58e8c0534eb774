import Foundation
import QudaoApp

/// Everything `qudao serve` can be told, from flags, `QUDAO_*` environment variables and `DATABASE_URL`.
/// With nothing set it serves the embedded SQLite database on 127.0.0.1:8080.
public struct AppConfiguration: Sendable {
    /// Address to listen on.
    public var host: String = "127.0.0.1"
    /// Port to listen on (0 picks a free one, for tests).
    public var port: Int = 8080
    /// `sqlite://PATH` or `postgres://USER:PASSWORD@HOST:PORT/DB`.
    public var databaseURL: String = Platform.defaultDatabaseURL
    /// The personal-data key from `QUDAO_DATA_KEY`, if given.
    public var dataKey: String?
    /// Where the personal-data key is kept when `QUDAO_DATA_KEY` is not set.
    public var dataKeyFile: String = "data/qudao-data.key"
    /// Load the demo dataset at start.
    public var loadDemoData: Bool = false
    /// Apply pending migrations on PostgreSQL at start (SQLite always migrates).
    public var migrateOnStart: Bool = false
    /// Start with a test clock that HQ admins can advance through the API.
    public var testClock: Bool = false
    /// Where the test clock starts; now by default.
    public var testClockStart: Date?
    /// bcrypt cost.
    public var passwordCost: UInt8 = 12
    /// Mark cookies `Secure` (behind TLS).
    public var secureCookies: Bool = false
    /// Serve HTTPS itself: the PEM certificate chain and its private key (both or neither). With
    /// them, cookies are secure and every answer carries HSTS, as behind a TLS proxy.
    public var tlsCertificatePath: String?
    /// The PEM private key of ``tlsCertificatePath``.
    public var tlsKeyPath: String?

    /// Whether people reach the server over TLS, served here or by a proxy in front.
    public var isServedOverTLS: Bool { secureCookies || tlsCertificatePath != nil }
    /// Trust `X-Forwarded-For` from a reverse proxy for the client address.
    public var trustForwardedFor: Bool = false
    /// Let webhook subscriptions name loopback or private addresses and plain `http://`: for a
    /// closed network (and the tests' receiver). Off by default (server-side request forgery).
    public var allowInternalWebhookTargets: Bool = false
    /// Whether this instance sends webhooks (every instance does by default; claims never overlap).
    public var deliversWebhooks: Bool = true
    /// How long the delivery worker waits when nothing is due, in milliseconds.
    public var webhookPollMilliseconds: Int = 200
    /// Largest request body accepted, in bytes.
    public var maximumBodyBytes: Int = 1_048_576
    /// How often the scheduled jobs run, in seconds (without a test clock).
    public var schedulerIntervalSeconds: Int = 30
    /// The address people reach the server at (e.g. `https://qudao.example.com`), for links the
    /// server prints or sends; by default the listening address.
    public var publicURL: String?
    /// Where signed checkpoints of the tamper-evident chains are written daily (outside the
    /// database); nil turns the daily checkpoint off (`QUDAO_CHECKPOINT_DIRECTORY=off`).
    public var checkpointDirectory: String? = "data/checkpoints"

    /// The defaults.
    public init() {}

    /// The defaults overridden by environment variables.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> AppConfiguration {
        var configuration = AppConfiguration()
        if let host = environment["QUDAO_HOST"], !host.isEmpty { configuration.host = host }
        if let port = environment["QUDAO_PORT"].flatMap(Int.init) { configuration.port = port }
        if let url = environment["DATABASE_URL"], !url.isEmpty { configuration.databaseURL = url }
        configuration.dataKey = environment["QUDAO_DATA_KEY"]
        if let file = environment["QUDAO_DATA_KEY_FILE"], !file.isEmpty { configuration.dataKeyFile = file }
        if let cost = environment["QUDAO_PASSWORD_COST"].flatMap(UInt8.init), (4...31).contains(cost) {
            configuration.passwordCost = cost
        }
        configuration.secureCookies = environment["QUDAO_SECURE_COOKIES"] == "1"
        if let file = environment["QUDAO_TLS_CERTIFICATE"], !file.isEmpty { configuration.tlsCertificatePath = file }
        if let file = environment["QUDAO_TLS_KEY"], !file.isEmpty { configuration.tlsKeyPath = file }
        configuration.trustForwardedFor = environment["QUDAO_TRUST_FORWARDED_FOR"] == "1"
        configuration.allowInternalWebhookTargets = environment["QUDAO_WEBHOOK_ALLOW_INTERNAL"] == "1"
        configuration.deliversWebhooks = environment["QUDAO_WEBHOOK_DELIVERY"] != "off"
        if let url = environment["QUDAO_PUBLIC_URL"], url.hasPrefix("http://") || url.hasPrefix("https://") {
            configuration.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let directory = environment["QUDAO_CHECKPOINT_DIRECTORY"], !directory.isEmpty {
            configuration.checkpointDirectory = directory == "off" ? nil : directory
        }
        return configuration
    }
}
