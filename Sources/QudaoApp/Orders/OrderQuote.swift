import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// A priced order before it is placed: step 2 of the three steps.
public struct OrderQuote: Sendable {
    public struct Line: Sendable {
        public let product: ProductRecord
        public let quantity: Int64
        public let unitPrice: Money
        /// The promotion that set the unit price, and the price without it.
        public var promotion: Promotion? = nil
        public var regularUnitPrice: Money? = nil
        public var gross: Money { unitPrice.times(quantity) }
    }

    public let lines: [Line]
    public let amounts: OrderAmounts
    /// For purchase orders: the balance now and after paying.
    public let balance: Money
    public let balanceAfter: Money
    public let topUpsInWindow: Money
    /// For purchase orders: whether paying needs the partner's payment password (the net amount
    /// is above HQ's threshold).
    public var paymentPasswordRequired = false
}
