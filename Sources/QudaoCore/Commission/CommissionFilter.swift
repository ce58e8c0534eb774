import Foundation

/// Filters for commission records.
public struct CommissionFilter: Sendable, Hashable {
    public var partnerId: String?
    public var state: CommissionState?
    public var kind: CommissionKind?
    public var orderId: String?
    /// Records whose settleable time (or, for frozen ones, creation) falls in this month.
    public var month: BusinessMonth?
    /// Records of the order with this number.
    public var orderNumber: String?
    /// Records included in this statement.
    public var statementId: String?

    /// Creates a filter.
    public init(
        partnerId: String? = nil, state: CommissionState? = nil, kind: CommissionKind? = nil, orderId: String? = nil, month: BusinessMonth? = nil,
        orderNumber: String? = nil, statementId: String? = nil
    ) {
        self.orderNumber = orderNumber
        self.statementId = statementId
        self.partnerId = partnerId
        self.state = state
        self.kind = kind
        self.orderId = orderId
        self.month = month
    }
}
