import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import QudaoApp
import QudaoCore
import ServiceLifecycle

/// The running application and the platform it serves, as the composition root built them.
public struct BuiltApplication: Sendable {
    /// The Hummingbird application, ready to run (or to test).
    public let application: Application<RouterResponder<QudaoRequestContext>>
    /// The platform (database, clock, cipher) the routes use.
    public let platform: Platform
    /// The routes as `METHOD path` pairs, for documentation and tests.
    public let routes: [(method: String, path: String)]
    /// The one-time setup token printed at start while no HQ admin exists (nil once one does).
    public let setupToken: String?
}

/// Thrown when the server must not start.
public struct StartupError: Error, CustomStringConvertible {
    /// Why, and what to do about it.
    public let description: String
}

/// Opens the platform the configuration names (see `Platform.open`).
public func openPlatform(_ configuration: AppConfiguration, logger: Logger) async throws -> Platform {
    var options = Platform.OpeningOptions()
    options.databaseURL = configuration.databaseURL
    options.dataKey = configuration.dataKey
    options.dataKeyFile = configuration.dataKeyFile
    options.migrateOnStart = configuration.migrateOnStart
    options.testClock = configuration.testClock
    options.testClockStart = configuration.testClockStart
    options.passwordCost = configuration.passwordCost
    do {
        return try await Platform.open(options, logger: logger)
    } catch let refused as Platform.OpeningRefused {
        throw StartupError(description: refused.description)
    }
}

/// The one composition root: builds the platform, the routes and the middleware. `qudao serve`
/// and the tests both call it, so tests exercise exactly what runs in production.
public func buildApplication(_ configuration: AppConfiguration, platform existing: Platform? = nil) async throws -> BuiltApplication {
    var logger = Logger(label: "qudao")
    logger.logLevel = ProcessInfo.processInfo.environment["QUDAO_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    let platform: Platform
    if let existing {
        platform = existing
    } else {
        platform = try await openPlatform(configuration, logger: logger)
    }
    if configuration.loadDemoData { try await loadDemoData(platform, logger: logger) }
    let services = WebServices(platform: platform, configuration: configuration)
    let router = Router(context: QudaoRequestContext.self)
    let routeTable = RouteTable()
    addMiddleware(to: router, services: services, routeTable: routeTable, logger: logger)
    let testClock = configuration.testClock ? platform.clock as? TestClock : nil
    registerRoutes(on: router, services: services, testClock: testClock)
    routeTable.load(router.routes.map { (method: $0.method, path: $0.path.description) })
    var backgroundServices: [any Service] = []
    // Under a test clock, scheduled jobs run when the clock is advanced, never behind a test's back.
    if testClock == nil {
        backgroundServices.append(
            SchedulerService(
                jobs: services.jobs, platform: platform, logger: logger, intervalSeconds: configuration.schedulerIntervalSeconds,
                checkpointDirectory: configuration.checkpointDirectory.map { URL(fileURLWithPath: $0) }))
    }
    if configuration.deliversWebhooks {
        backgroundServices.append(
            WebhookDeliveryService(
                platform: platform, allowsInternalTargets: configuration.allowInternalWebhookTargets, logger: logger,
                pollMilliseconds: configuration.webhookPollMilliseconds))
    }
    let routes = router.routes.map { (method: $0.method.rawValue, path: $0.path.description) }
    // A new installation has no account: print a one-time link to the setup page (as Gitea and
    // Jenkins do) once the server listens, so the first admin can be made from a browser.
    let setupToken = try await services.setup.issueTokenIfNeeded()
    let startupLogger = logger
    let application = Application(
        router: router, server: try serverBuilder(configuration),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "qudao"),
        services: backgroundServices,
        onServerRunning: { channel in
            startupLogger.info("qudao is listening", metadata: ["address": .string(channel.localAddress?.description ?? "")])
            if let setupToken { announceSetup(setupToken, configuration: configuration, port: channel.localAddress?.port, logger: startupLogger) }
        },
        logger: logger)
    return BuiltApplication(application: application, platform: platform, routes: routes, setupToken: setupToken)
}

/// HTTP/1.1, over TLS when a certificate and key are given. A file that cannot be read or parsed
/// stops the start with its path named, rather than serving plain HTTP by surprise.
private func serverBuilder(_ configuration: AppConfiguration) throws -> HTTPServerBuilder {
    switch (configuration.tlsCertificatePath, configuration.tlsKeyPath) {
    case (nil, nil):
        return .http1()
    case (let certificatePath?, let keyPath?):
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw StartupError(description: "cannot read the TLS certificate \(certificatePath): \(error)")
        }
        guard !chain.isEmpty else { throw StartupError(description: "the TLS certificate file \(certificatePath) holds no certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw StartupError(description: "cannot read the TLS private key \(keyPath): \(error)")
        }
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv12
        return try .tls(.http1(), tlsConfiguration: tls)
    default:
        throw StartupError(description: "--tls-certificate and --tls-key go together: give both files, or neither")
    }
}

/// Loads the demo data (`--demo`), refusing a database that holds real data.
private func loadDemoData(_ platform: Platform, logger: Logger) async throws {
    let summary: DemoData.LoadSummary
    do {
        summary = try await DemoData.load(platform)
    } catch let refused as DemoDataRefused {
        throw StartupError(description: refused.description)
    }
    logger.info(
        "demo data loaded",
        metadata: [
            "accounts": .stringConvertible(summary.accountsCreated), "partners": .stringConvertible(summary.partnersCreated),
            "products": .stringConvertible(summary.productsCreated),
        ])
}

/// The middleware, outermost first.
private func addMiddleware(to router: Router<QudaoRequestContext>, services: WebServices, routeTable: RouteTable, logger: Logger) {
    let configuration = services.configuration
    router.add(middleware: SecurityHeadersMiddleware(strictTransportSecurity: configuration.isServedOverTLS))
    // The context (language, client address, account) is set before errors are rendered, so that
    // error pages and problem documents speak the caller's language.
    router.add(
        middleware: ContextMiddleware(
            auth: services.auth, apiKeys: services.apiKeys, keyRates: APIKeyRateLimiter(), clock: services.platform.clock,
            notifications: services.notifications, company: services.company, trustForwardedFor: configuration.trustForwardedFor,
            cookies: services.cookies, logger: logger))
    router.add(middleware: ErrorMiddleware(logger: logger))
    router.add(middleware: MethodNotAllowedMiddleware(routes: routeTable))
    router.add(middleware: AreaMiddleware())
    router.add(
        middleware: IdempotencyMiddleware(idempotency: services.idempotency, logger: logger, maximumBodyBytes: configuration.maximumBodyBytes))
}

/// Every route: the assets, each feature's pages and the API.
private func registerRoutes(on router: Router<QudaoRequestContext>, services: WebServices, testClock: TestClock?) {
    router.get("/assets/app.css") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: Assets.styleSheet)))
    }
    router.get("/assets/app.js") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: Assets.script)))
    }
    AuthPages(services: services).register(on: router)
    SetupPages(services: services).register(on: router)
    BrandPages(services: services).register(on: router)
    PartnerPages(services: services).register(on: router)
    ProductPages(services: services).register(on: router)
    AccountPages(services: services).register(on: router)
    PaymentPasswordPages(services: services).register(on: router)
    PrivacyPages(services: services).register(on: router)
    ApprovalsPages(services: services).register(on: router)
    ReconciliationPages(services: services).register(on: router)
    BankReconciliationPages(services: services).register(on: router)
    PayerPages(services: services).register(on: router)
    APIKeyPages(services: services).register(on: router)
    WebhookPages(services: services).register(on: router)
    AdminPages(services: services).register(on: router)
    PortalPages(services: services).register(on: router)
    APIRoutes(services: services).register(on: router, testClock: testClock)
    HQOrderPages(services: services).register(on: router)
    HQFinancePages(services: services).register(on: router)
    PortalOrderPages(services: services).register(on: router)
    PortalFinancePages(services: services).register(on: router)
    ConsumerPages(services: services).register(on: router)
    PortalCommissionPages(services: services).register(on: router)
    HQCommissionPages(services: services).register(on: router)
    NotificationPages(services: services).register(on: router)
    PartnerStockPages(services: services).register(on: router)
    GradingPages(services: services).register(on: router)
    ReplenishmentPages(services: services).register(on: router)
    PartnerProfilePages(services: services).register(on: router)
    PromotionPages(services: services).register(on: router)
    ImportPages(services: services).register(on: router)
    DashboardPages(services: services).register(on: router)
    ReportPages(services: services).register(on: router)
}

/// Prints the one-time setup link while no HQ admin exists.
private func announceSetup(_ setupToken: String, configuration: AppConfiguration, port: Int?, logger: Logger) {
    let base =
        configuration.publicURL
        ?? "\(configuration.tlsCertificatePath == nil ? "http" : "https")://\(configuration.host == "0.0.0.0" ? "127.0.0.1" : configuration.host):\(port ?? configuration.port)"
    let link = "\(base)/setup?token=\(setupToken)"
    logger.notice(
        "no HQ admin exists yet: open the setup link within 24 hours to create the first admin and the company profile, or run `qudao admin create --username NAME`",
        metadata: ["setup": .string(link)])
    FileHandle.standardOutput.write(Data("\nFirst-run setup (works once, for 24 hours): \(link)\n\n".utf8))
}
