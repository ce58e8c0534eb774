import Foundation

/// Filters for top-up requests.
public struct TopUpFilter: Sendable, Hashable {
    public var partnerId: String?
    public var status: TopUpRecord.Status?

    /// Creates a filter.
    public init(partnerId: String? = nil, status: TopUpRecord.Status? = nil) {
        self.partnerId = partnerId
        self.status = status
    }
}
