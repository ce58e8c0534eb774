import Foundation

/// One operation audit entry: who did what to which entity, from where, with the state before and after.
public struct AuditEntry: Sendable, Hashable {
    public var sequence: Int64
    public var id: String
    public var occurredAt: Date
    public var accountId: String?
    public var username: String
    public var sourceIP: String
    public var action: String
    public var entityType: String
    public var entityId: String
    public var beforeJSON: String?
    public var afterJSON: String?
    public var previousHash: String
    public var rowHash: String

    /// Creates an entry.
    public init(
        sequence: Int64, id: String, occurredAt: Date, accountId: String?, username: String, sourceIP: String, action: String,
        entityType: String, entityId: String, beforeJSON: String?, afterJSON: String?, previousHash: String, rowHash: String
    ) {
        self.sequence = sequence
        self.id = id
        self.occurredAt = occurredAt
        self.accountId = accountId
        self.username = username
        self.sourceIP = sourceIP
        self.action = action
        self.entityType = entityType
        self.entityId = entityId
        self.beforeJSON = beforeJSON
        self.afterJSON = afterJSON
        self.previousHash = previousHash
        self.rowHash = rowHash
    }
}
