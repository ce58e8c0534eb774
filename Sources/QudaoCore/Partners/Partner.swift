/// The kind of business a partner is.
public enum PartnerType: String, Sendable, Codable, CaseIterable {
    /// 经销商: buys in volume and supplies agents and stores.
    case distributor
    /// 代理: an agent below a distributor.
    case agent
    /// 门店: a terminal store selling to consumers.
    case store
}

/// A partner's standing (RULES §2). Only `active` partners order or earn commission.
public enum PartnerStatus: String, Sendable, Codable, CaseIterable {
    case pending
    case active
    case suspended
    case terminated

    /// The statuses HQ may move a partner to from this one.
    ///
    /// Approval moves `pending` to `active`; suspension is reversible; termination ends the
    /// cooperation but can be undone by reactivation, because contracts are sometimes renewed.
    public var allowedNextStatuses: [PartnerStatus] {
        switch self {
        case .pending: [.active, .terminated]
        case .active: [.suspended, .terminated]
        case .suspended: [.active, .terminated]
        case .terminated: [.active]
        }
    }

    /// Whether HQ may move a partner from this status to `next`.
    public func canChange(to next: PartnerStatus) -> Bool {
        allowedNextStatuses.contains(next)
    }
}

/// One partner's place in the tree: what the tree rules need to know about it.
public struct TreeNode: Sendable, Hashable {
    /// The partner's id.
    public let id: String
    /// The parent's id, or nil when the parent is HQ.
    public let parentId: String?
    /// Depth below HQ: HQ's children are level 1.
    public let level: Int

    /// Creates a node.
    public init(id: String, parentId: String?, level: Int) {
        self.id = id
        self.parentId = parentId
        self.level = level
    }
}
