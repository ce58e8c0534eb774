import Foundation

/// Whether an account may log in.
public enum AccountStatus: String, Sendable, Codable, CaseIterable {
    case active
    case disabled
}

/// A login account, HQ or partner.
public struct AccountRecord: Sendable, Hashable {
    public var id: String
    public var username: String
    public var displayName: String
    public var passwordHash: String
    public var kind: AccountKind
    public var hqRole: HQRole?
    public var partnerId: String?
    public var isOwner: Bool
    public var permissions: Set<PartnerPermission>
    public var status: AccountStatus
    public var createdAt: Date
    public var updatedAt: Date
    public var rowVersion: Int64
    /// Whether the account is an API key's (issue 15): nobody signs in to it and no account list shows it.
    public var isService: Bool

    /// Creates a record.
    public init(
        id: String, username: String, displayName: String, passwordHash: String, kind: AccountKind, hqRole: HQRole?,
        partnerId: String?, isOwner: Bool, permissions: Set<PartnerPermission>, status: AccountStatus, createdAt: Date,
        updatedAt: Date, rowVersion: Int64, isService: Bool = false
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.kind = kind
        self.hqRole = hqRole
        self.partnerId = partnerId
        self.isOwner = isOwner
        self.permissions = permissions
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.rowVersion = rowVersion
        self.isService = isService
    }

    /// The principal this account acts as.
    public var principal: Principal {
        Principal(
            accountId: id, username: username, kind: kind, hqRole: hqRole, partnerId: partnerId, isOwner: isOwner,
            permissions: permissions)
    }

    /// Permissions as stored: a sorted comma-separated list.
    public static func storedPermissions(_ permissions: Set<PartnerPermission>) -> String {
        permissions.map(\.rawValue).sorted().joined(separator: ",")
    }

    /// Permissions read back from their stored form; unknown names are ignored.
    public static func parsePermissions(_ stored: String) -> Set<PartnerPermission> {
        Set(stored.split(separator: ",").compactMap { PartnerPermission(rawValue: String($0)) })
    }
}
