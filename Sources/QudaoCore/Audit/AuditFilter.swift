import Foundation

/// Filters for browsing the audit log.
public struct AuditFilter: Sendable, Hashable {
    public var accountId: String?
    public var username: String?
    public var action: String?
    public var entityType: String?
    public var entityId: String?
    public var from: Date?
    public var to: Date?

    /// Creates a filter.
    public init(
        accountId: String? = nil, username: String? = nil, action: String? = nil, entityType: String? = nil, entityId: String? = nil,
        from: Date? = nil, to: Date? = nil
    ) {
        self.accountId = accountId
        self.username = username
        self.action = action
        self.entityType = entityType
        self.entityId = entityId
        self.from = from
        self.to = to
    }
}
