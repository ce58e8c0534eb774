import Foundation

/// Filters for the order list.
public struct OrderFilter: Sendable, Hashable {
    /// Orders of these partners only (a partner's scope: itself and its downline).
    public var partnerIds: [String]?
    public var kind: OrderKind?
    public var status: OrderStatus?
    /// Matches the order number or a tracking number exactly.
    public var number: String?
    /// Only back-orders (paid, waiting for HQ stock).
    public var waitingOnly: Bool = false

    /// Creates a filter.
    public init(partnerIds: [String]? = nil, kind: OrderKind? = nil, status: OrderStatus? = nil, number: String? = nil) {
        self.partnerIds = partnerIds
        self.kind = kind
        self.status = status
        self.number = number
    }
}
