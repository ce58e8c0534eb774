import Foundation

/// Filters for the account list.
public struct AccountFilter: Sendable, Hashable {
    public var search: String?
    public var kind: AccountKind?
    /// Only the accounts of this partner.
    public var partnerId: String?
    public var status: AccountStatus?

    /// Creates a filter.
    public init(search: String? = nil, kind: AccountKind? = nil, partnerId: String? = nil, status: AccountStatus? = nil) {
        self.search = search
        self.kind = kind
        self.partnerId = partnerId
        self.status = status
    }
}
