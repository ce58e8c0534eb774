import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The versioned JSON API under `/api/v1` and the health checks: every operation is an `Endpoint`
/// declared in its feature's `…API` file; this lists them, registers them and serves the document
/// written from them.
struct APIRoutes {
    let services: WebServices

    /// Every operation of the API, in the order the document lists them by tag.
    var endpoints: [Endpoint] {
        var endpoints = operations
        endpoints += AuthAPI(services: services).endpoints
        endpoints += PartnersAPI(services: services).endpoints
        endpoints += CatalogueAPI(services: services).endpoints
        endpoints += AccountsAPI(services: services).endpoints
        endpoints += PaymentPasswordAPI(services: services).endpoints
        endpoints += PrivacyAPI(services: services).endpoints
        endpoints += ApprovalsAPI(services: services).endpoints
        endpoints += ReconciliationAPI(services: services).endpoints
        endpoints += BankReconciliationAPI(services: services).endpoints
        endpoints += AdminAPI(services: services).endpoints
        endpoints += PrepaidAPI(services: services).endpoints
        endpoints += OrdersAPI(services: services).endpoints
        endpoints += ReturnsAPI(services: services).endpoints
        endpoints += AddressesAPI(services: services).endpoints
        endpoints += StockAPI(services: services).endpoints
        endpoints += CommissionAPI(services: services).endpoints
        endpoints += NotificationAPI(services: services).endpoints
        endpoints += PartnerStockAPI(services: services).endpoints
        endpoints += GradingAPI(services: services).endpoints
        endpoints += DashboardAPI(services: services).endpoints
        endpoints += ReportAPI(services: services).endpoints
        endpoints += ReplenishmentAPI(services: services).endpoints
        endpoints += ProfileAPI(services: services).endpoints
        endpoints += PromotionAPI(services: services).endpoints
        endpoints += ImportAPI(services: services).endpoints
        endpoints += APIKeysAPI(services: services).endpoints
        endpoints += WebhooksAPI(services: services).endpoints
        return endpoints
    }

    /// The health checks and the document itself.
    private var operations: [Endpoint] {
        let platform = services.platform
        return [
            Endpoint(.get, "/healthz", "Process liveness", tag: .operations, access: .everyone) { _, _ in HealthResponse(status: "ok") },
            Endpoint(
                .get, "/readyz", "Readiness: the database answers (503 with `{\"status\": \"database unreachable\"}` when it does not)",
                tag: .operations, produces: ["application/json"], access: .everyone
            ) { _, _ in
                guard await platform.isReady() else {
                    return try JSONResponse.make(HealthResponse(status: "database unreachable"), status: .serviceUnavailable)
                }
                return try JSONResponse.make(HealthResponse(status: "ready"))
            },
            Endpoint(
                .get, "/api/v1/openapi.json", "This document", tag: .operations, produces: ["application/json"], access: .everyone,
                serveDocument),
        ]
    }

    /// Every operation the document lists: the test clock's too, whether or not this server runs
    /// on one, so every build serves the same document.
    var documentedEndpoints: [Endpoint] {
        endpoints + TestClockAPI(services: services, clock: TestClock(start: Date(timeIntervalSince1970: 0))).endpoints
    }

    /// Registers every endpoint, and the test clock's when the platform runs on one.
    func register(on router: Router<QudaoRequestContext>, testClock: TestClock?) {
        let limits = Endpoint.Limits(bodyBytes: services.configuration.maximumBodyBytes)
        var routed = endpoints
        if let testClock { routed += TestClockAPI(services: services, clock: testClock).endpoints }
        for endpoint in routed {
            let allowing = APIScope.required(method: endpoint.method.rawValue, pathTemplate: endpoint.path)
            router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
                // Deny by default: a key calls only what one of its scopes names (APIScope.table).
                if endpoint.access == .signedIn, let key = context.authenticated?.apiKey {
                    guard let allowing, !key.scopes.isDisjoint(with: allowing) else { throw APIKeyScopeRefused(allowing: allowing ?? []) }
                }
                return try await endpoint.handler(request, context, limits)
            }
        }
    }

    /// The document, written from the declarations on each request (it takes a few milliseconds,
    /// and clients cache it for five minutes).
    @Sendable func serveDocument(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        var headers: HTTPFields = [:]
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "public, max-age=300"
        let document = try OpenAPIDocument.json(for: documentedEndpoints)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: document)))
    }
}

/// The answer of the health checks.
struct HealthResponse: Codable, Sendable {
    let status: String
}
