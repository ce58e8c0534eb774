import Foundation

/// What an API key may do (issue 15). A key is refused every operation no scope names: the table in
/// ``APIScope/required(method:pathTemplate:)`` is the only way in, so a new endpoint is closed to
/// keys until it is given a scope.
public enum APIScope: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case ordersRead = "orders:read"
    case ordersWrite = "orders:write"
    case logisticsWrite = "logistics:write"
    case productsRead = "products:read"
    case stockRead = "stock:read"
    case stockWrite = "stock:write"
    case partnersRead = "partners:read"
    case prepaidRead = "prepaid:read"
    case commissionsRead = "commissions:read"
    case reportsRead = "reports:read"

    /// The scopes a partner's own key may hold: HQ's logistics callback and HQ reports are not a
    /// partner's to call.
    public static let partnerAllowed: [APIScope] = allCases.filter { $0 != .logisticsWrite && $0 != .reportsRead }

    /// Whether the scope changes anything.
    public var isWrite: Bool { rawValue.hasSuffix(":write") }

    public static func < (left: APIScope, right: APIScope) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }

    /// What a key needs to call an operation: one of the scopes listed, or nil when no key may call it
    /// (accounts, settings, money-moving HQ actions, key and webhook management, anything new).
    /// `pathTemplate` is the route as declared, its ids written `{id}`.
    public static func required(method: String, pathTemplate: String) -> [APIScope]? {
        let key = method.uppercased() + " " + pathTemplate
        if key == "GET /api/v1/me" { return allCases }
        return table[key]
    }

    /// Every operation a key may call, with the scopes that allow it.
    public static let table: [String: [APIScope]] = {
        var table: [String: [APIScope]] = [:]
        func allow(_ scopes: [APIScope], _ operations: [String]) {
            for operation in operations { table[operation, default: []] += scopes }
        }
        allow(
            [.ordersRead],
            [
                "GET /api/v1/orders", "GET /api/v1/orders/{id}", "GET /api/v1/orders/{id}/vouchers", "GET /api/v1/returns",
                "GET /api/v1/order-draft",
            ])
        allow(
            [.ordersWrite],
            [
                "POST /api/v1/orders/quote", "POST /api/v1/orders", "POST /api/v1/orders/{id}/cancel", "POST /api/v1/orders/{id}/receive",
                "POST /api/v1/orders/{id}/returns", "POST /api/v1/referral-orders", "POST /api/v1/returns/{id}/approve",
                "POST /api/v1/returns/{id}/reject", "POST /api/v1/returns/{id}/receive",
            ])
        allow([.ordersWrite, .logisticsWrite], ["POST /api/v1/orders/{id}/ship", "POST /api/v1/orders/{id}/deliver"])
        allow([.logisticsWrite], ["POST /api/v1/logistics/delivered"])
        allow([.productsRead], ["GET /api/v1/products", "GET /api/v1/products/{id}", "GET /api/v1/categories", "GET /api/v1/promotions"])
        allow(
            [.stockRead],
            ["GET /api/v1/stock", "GET /api/v1/partner-stock", "GET /api/v1/partner-stock/movements", "GET /api/v1/sell-out-reports"])
        allow(
            [.stockWrite],
            [
                "POST /api/v1/stock/receipts", "POST /api/v1/stock/adjustments", "PUT /api/v1/stock/{id}/low-stock-line",
                "POST /api/v1/partner-stock/counts", "POST /api/v1/sell-out-reports",
            ])
        allow(
            [.partnersRead],
            ["GET /api/v1/partners", "GET /api/v1/partners/tree", "GET /api/v1/partners/{id}", "GET /api/v1/partner-grades"])
        allow(
            [.prepaidRead],
            ["GET /api/v1/prepaid/balance", "GET /api/v1/prepaid/statement", "GET /api/v1/top-ups", "GET /api/v1/top-ups/{id}"])
        allow(
            [.commissionsRead],
            [
                "GET /api/v1/commission/summary", "GET /api/v1/commissions", "GET /api/v1/commissions/{id}", "GET /api/v1/statements",
                "GET /api/v1/statements/{id}", "GET /api/v1/statements/{id}/download", "GET /api/v1/partner-statements",
                "GET /api/v1/partner-statements/{id}", "GET /api/v1/partner-statements/{id}/download",
            ])
        allow([.reportsRead], ["GET /api/v1/dashboard", "GET /api/v1/reports/{kind}"])
        return table
    }()

    /// The HQ role a key acts with: operations when it may write (shipping, stock, referral orders
    /// need it), a viewer otherwise. The scopes, checked before, are what narrows it.
    public static func hqRole(for scopes: Set<APIScope>) -> HQRole {
        scopes.contains(where: \.isWrite) ? .operations : .viewer
    }

    /// The partner permissions a partner's key acts with, read from its scopes.
    public static func partnerPermissions(for scopes: Set<APIScope>) -> Set<PartnerPermission> {
        var permissions: Set<PartnerPermission> = []
        if scopes.contains(.ordersRead) || scopes.contains(.ordersWrite) || scopes.contains(.stockRead) || scopes.contains(.stockWrite) {
            permissions.insert(.ordering)
        }
        if scopes.contains(.prepaidRead) || scopes.contains(.commissionsRead) { permissions.insert(.financeView) }
        if scopes.contains(.partnersRead) { permissions.insert(.teamManagement) }
        return permissions
    }

    /// Scopes as stored: sorted raw values joined by commas.
    public static func stored(_ scopes: Set<APIScope>) -> String { scopes.sorted().map(\.rawValue).joined(separator: ",") }

    /// Scopes read back from storage; unknown names (a scope since retired) are dropped.
    public static func parse(_ stored: String) -> Set<APIScope> {
        Set(stored.split(separator: ",").compactMap { APIScope(rawValue: String($0)) })
    }
}

/// Whether a key still works.
public enum APIKeyStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case revoked
}

/// A key another system calls the API with. Its secret is never stored: only its SHA-256, and the
/// first characters, shown so people can tell keys apart and secret scanners can match a leaked one.
public struct APIKeyRecord: Sendable, Hashable {
    public let id: String
    /// The account the key acts as: a service account, never one a person signs in to.
    public let accountId: String
    /// The partner the key belongs to; nil for HQ's keys.
    public let partnerId: String?
    public var name: String
    public var scopes: Set<APIScope>
    /// `qd_live_` and the next eight characters of the secret.
    public var secretPrefix: String
    /// Addresses (IPv4 or IPv6, with an optional prefix length) requests must come from; empty for anywhere.
    public var allowedAddresses: [NetworkRange]
    public var requestsPerMinute: Int
    public var expiresAt: Date?
    public var status: APIKeyStatus
    /// Until when the secret before the last rotation still works.
    public var previousSecretValidUntil: Date?
    public var lastUsedAt: Date?
    public var lastUsedAddress: String?
    public let createdByAccountId: String?
    public let createdAt: Date
    public var rotatedAt: Date?
    public var revokedAt: Date?
    public var rowVersion: Int64

    /// Creates a record.
    public init(
        id: String, accountId: String, partnerId: String?, name: String, scopes: Set<APIScope>, secretPrefix: String,
        allowedAddresses: [NetworkRange], requestsPerMinute: Int, expiresAt: Date?, status: APIKeyStatus, previousSecretValidUntil: Date?,
        lastUsedAt: Date?, lastUsedAddress: String?, createdByAccountId: String?, createdAt: Date, rotatedAt: Date?, revokedAt: Date?,
        rowVersion: Int64
    ) {
        self.id = id
        self.accountId = accountId
        self.partnerId = partnerId
        self.name = name
        self.scopes = scopes
        self.secretPrefix = secretPrefix
        self.allowedAddresses = allowedAddresses
        self.requestsPerMinute = requestsPerMinute
        self.expiresAt = expiresAt
        self.status = status
        self.previousSecretValidUntil = previousSecretValidUntil
        self.lastUsedAt = lastUsedAt
        self.lastUsedAddress = lastUsedAddress
        self.createdByAccountId = createdByAccountId
        self.createdAt = createdAt
        self.rotatedAt = rotatedAt
        self.revokedAt = revokedAt
        self.rowVersion = rowVersion
    }

    /// Whether the key works at `now`: active and not expired.
    public func isUsable(at now: Date) -> Bool {
        status == .active && (expiresAt.map { now < $0 } ?? true)
    }

    /// Whether a request from `address` may use the key.
    public func allows(address: String) -> Bool {
        guard !allowedAddresses.isEmpty else { return true }
        guard let parsed = NetworkAddress(address) else { return false }
        return allowedAddresses.contains { $0.contains(parsed) }
    }

    /// The principal the key acts as: its scopes decide the role or the permissions, never a person's.
    /// The login name is the key's name, so the audit log records every write under it.
    public var principal: Principal {
        if let partnerId {
            return Principal(
                accountId: accountId, username: "key:\(name)", kind: .partner, hqRole: nil, partnerId: partnerId, isOwner: false,
                permissions: APIScope.partnerPermissions(for: scopes))
        }
        return Principal(
            accountId: accountId, username: "key:\(name)", kind: .hq, hqRole: APIScope.hqRole(for: scopes), partnerId: nil, isOwner: false,
            permissions: [])
    }
}

/// The limits of API keys.
public enum APIKeyPolicy {
    /// What every secret starts with, so secret scanners (GitHub's, a company's own) can spot a leaked one.
    public static let secretPrefix = "qd_live_"
    /// The characters of a secret shown after it was created: the prefix and eight more.
    public static let shownCharacters = secretPrefix.count + 8
    /// Keys one owner (HQ, or a partner) may hold at once.
    public static let maximumActiveKeys = 50
    /// The default and the bounds of a key's request rate.
    public static let defaultRequestsPerMinute = 600
    public static let requestsPerMinuteRange: ClosedRange<Int64> = 1...6_000
    /// The longest grace period after a rotation, in hours (30 days).
    public static let maximumGraceHours: Int64 = 720
    /// Allowed source address ranges per key.
    public static let maximumAllowedAddresses = 20
    /// How often the last use is written, at most: once a minute per key.
    public static let lastUseWriteIntervalSeconds: TimeInterval = 60
}
