/// A business document as people know it: its number (PO-…, TU-…, RT-…, ST-…) in place of the
/// internal id a ledger line or voucher points at.
public struct DocumentReference: Sendable, Hashable {
    /// What kind of document the id names.
    public enum Kind: String, Sendable, Hashable {
        case purchaseOrder, referralOrder, topUp, orderReturn, commissionStatement, adjustment, statementDispute
    }

    /// The internal id (`ord_…`, `top_…`, `ret_…`, `stm_…`, `adj_…`, `dsp_…`).
    public let id: String
    public let kind: Kind
    /// The document number people read; nil for a manual adjustment, which has none.
    public let number: String?
    /// The order a return belongs to (its page is where the return is shown).
    public let orderId: String?
    public let orderNumber: String?

    /// Creates a reference.
    public init(id: String, kind: Kind, number: String?, orderId: String? = nil, orderNumber: String? = nil) {
        self.id = id
        self.kind = kind
        self.number = number
        self.orderId = orderId
        self.orderNumber = orderNumber
    }
}
