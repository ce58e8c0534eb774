import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// An order with what its page shows.
public struct OrderView: Sendable {
    public let order: OrderRecord
    public let partner: PartnerRecord
    public let returns: [ReturnRecord]
    public let vouchers: [VoucherRecord]
    /// Units per line that may still be asked back (quantity − refunded − in open returns).
    public let returnableByLine: [Int: Int64]
}
