import Foundation

/// The order lifecycle of RULES §4.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    case pendingPayment = "pending_payment"
    case paid
    case shipped
    case delivered
    case received
    case completed
    case cancelled
}

/// What moves an order from one status to the next.
public enum OrderEvent: String, Sendable, Codable, CaseIterable {
    case create
    case pay
    case ship
    case deliver
    case receive
    case complete
    case cancel
}

/// The kinds of order (RULES §4).
public enum OrderKind: String, Sendable, Codable, CaseIterable {
    /// 进货单: a partner buys stock from HQ, paid from its prepaid balance.
    case purchase
    /// 分销订单: a consumer buys through a partner's referral code; attributed to the partner.
    case referral
}

/// The legal transitions. Every status change in the system goes through `next(after:on:)`,
/// and the store applies it as a conditional update from the expected status only.
public enum OrderStateMachine {
    /// The status an event leads to from `status`, or nil when the event is illegal there.
    public static func next(after status: OrderStatus, on event: OrderEvent) -> OrderStatus? {
        switch (status, event) {
        case (.pendingPayment, .pay): .paid
        case (.pendingPayment, .cancel), (.paid, .cancel): .cancelled
        case (.paid, .ship): .shipped
        case (.shipped, .deliver): .delivered
        case (.delivered, .receive): .received
        case (.received, .complete): .completed
        default: nil
        }
    }

    /// Whether a buyer may ask to return goods in this status (before completion; HQ may book
    /// a return after completion as an audited exception).
    public static func acceptsReturnRequest(_ status: OrderStatus) -> Bool {
        status == .delivered || status == .received
    }
}

/// Return requests (退货).
public enum ReturnStatus: String, Sendable, Codable, CaseIterable {
    case requested
    case approved
    case rejected
    /// The goods are back in HQ's warehouse.
    case received
    case refunded

    /// Whether the return still blocks the order's completion.
    public var isOpen: Bool { self == .requested || self == .approved || self == .received }

    /// The legal next statuses.
    public var allowedNext: [ReturnStatus] {
        switch self {
        case .requested: [.approved, .rejected]
        case .approved: [.received]
        case .received: [.refunded]
        case .rejected, .refunded: []
        }
    }
}

/// The configured periods of RULES §4.
public struct OrderWindows: Sendable, Hashable, Codable {
    /// `received` is set automatically this many days after `delivered`.
    public var autoReceiveDays: Int
    /// `completed` is set automatically this many days after `received` (the return window).
    public var returnWindowDays: Int

    /// RULES §4 defaults: 10 and 7 days.
    public static let defaults = OrderWindows(autoReceiveDays: 10, returnWindowDays: 7)

    /// Creates windows.
    public init(autoReceiveDays: Int, returnWindowDays: Int) {
        self.autoReceiveDays = autoReceiveDays
        self.returnWindowDays = returnWindowDays
    }

    /// When a delivered order becomes received by itself.
    public func autoReceiveAt(deliveredAt: Date) -> Date { deliveredAt.addingTimeInterval(TimeInterval(autoReceiveDays * 86_400)) }

    /// When a received order completes by itself (if no return is open).
    public func completeAt(receivedAt: Date) -> Date { receivedAt.addingTimeInterval(TimeInterval(returnWindowDays * 86_400)) }
}
