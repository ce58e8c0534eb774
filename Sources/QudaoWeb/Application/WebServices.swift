import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// The use cases the web layer calls, built once from the platform.
struct WebServices: Sendable {
    let platform: Platform
    let auth: AuthService
    let apiKeys: APIKeyService
    let webhooks: WebhookService
    let partners: PartnerService
    let products: ProductService
    let accounts: AccountService
    let auditLog: AuditLogService
    let prepaid: PrepaidService
    let orders: OrderService
    let consumerOrders: ConsumerOrderService
    let addresses: AddressService
    let stock: StockService
    let settings: SettingsService
    let jobs: ScheduledJobs
    let commissions: CommissionService
    let settlement: SettlementService
    let paymentPasswords: PaymentPasswordService
    let approvals: ApprovalService
    let partnerStatements: PartnerStatementService
    let bank: BankReconciliationService
    let personalData: PersonalDataService
    let notifications: NotificationService
    let company: CompanyService
    let setup: SetupService
    let overview: HQOverviewService
    let idempotency: IdempotencyService
    let promotions: PromotionService
    let reports: ReportService
    let dashboard: DashboardService
    let grading: GradingService
    let followUps: FollowUpService
    let profiles: ProfileService
    let partnerStock: PartnerStockService
    let replenishment: ReplenishmentService
    let configuration: AppConfiguration

    init(platform: Platform, configuration: AppConfiguration) {
        self.platform = platform
        self.configuration = configuration
        auth = AuthService(platform: platform)
        apiKeys = APIKeyService(platform: platform)
        webhooks = WebhookService(platform: platform, allowsInternalTargets: configuration.allowInternalWebhookTargets)
        partners = PartnerService(platform: platform)
        products = ProductService(platform: platform)
        accounts = AccountService(platform: platform)
        auditLog = AuditLogService(platform: platform)
        prepaid = PrepaidService(platform: platform)
        orders = OrderService(platform: platform)
        consumerOrders = ConsumerOrderService(platform: platform)
        addresses = AddressService(platform: platform)
        stock = StockService(platform: platform)
        settings = SettingsService(platform: platform)
        jobs = ScheduledJobs(platform: platform)
        commissions = CommissionService(platform: platform)
        settlement = SettlementService(platform: platform)
        paymentPasswords = PaymentPasswordService(platform: platform)
        approvals = ApprovalService(platform: platform)
        partnerStatements = PartnerStatementService(platform: platform)
        bank = BankReconciliationService(platform: platform)
        personalData = PersonalDataService(platform: platform)
        notifications = NotificationService(platform: platform)
        company = CompanyService(platform: platform)
        setup = SetupService(platform: platform)
        overview = HQOverviewService(platform: platform)
        idempotency = IdempotencyService(platform: platform)
        promotions = PromotionService(platform: platform)
        reports = ReportService(platform: platform)
        dashboard = DashboardService(platform: platform)
        grading = GradingService(platform: platform)
        followUps = FollowUpService(platform: platform)
        profiles = ProfileService(platform: platform)
        partnerStock = PartnerStockService(platform: platform)
        replenishment = ReplenishmentService(platform: platform)
    }

    /// The largest form with a file (a top-up's proof): the file limit plus room for the fields.
    static let maximumUploadBytes = UploadedFile.maximumBytes + 65_536

    /// Reads a submitted form and checks its CSRF token against the session's.
    func form(_ request: Request, _ context: QudaoRequestContext, maximumBytes: Int? = nil) async throws -> FormData {
        guard let session = context.authenticated?.session else { throw AppError.unauthenticated }
        let form = try await FormData.read(request, maximumBytes: maximumBytes ?? configuration.maximumBodyBytes)
        guard let token = form["_csrf"], ConstantTime.equal(token, session.csrfToken) else { throw AppError.forbidden }
        return form
    }

    /// A session cookie (or its removal when `value` is nil).
    func sessionCookie(_ value: String?) -> Cookie {
        cookies.cookie(
            CookieName.session, value: value ?? "", maximumAgeSeconds: value == nil ? 0 : platform.sessionPolicy.webIdleSeconds, sameSite: .lax)
    }

    /// The site's cookies, prefixed `__Host-` when served over TLS.
    var cookies: SiteCookies { SiteCookies(secure: configuration.isServedOverTLS) }
}

extension Request {
    /// A query value, trimmed; nil when absent or blank.
    func query(_ name: String) -> String? {
        guard let value = uri.queryParameters[Substring(name)].map(String.init)?.trimmingWhitespace(), !value.isEmpty
        else { return nil }
        return value
    }

    /// A query value as an integer.
    func queryInteger(_ name: String) -> Int? {
        query(name).flatMap(Int.init)
    }
}
