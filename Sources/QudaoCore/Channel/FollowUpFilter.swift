import Foundation

/// Which follow-up tasks a list shows.
public struct FollowUpFilter: Sendable, Hashable {
    public var status: FollowUpStatus?
    public var partnerId: String?
    public var assigneeAccountId: String?

    /// Creates a filter.
    public init(status: FollowUpStatus? = nil, partnerId: String? = nil, assigneeAccountId: String? = nil) {
        self.status = status
        self.partnerId = partnerId
        self.assigneeAccountId = assigneeAccountId
    }
}
