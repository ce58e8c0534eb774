/// One order line as the amounts see it: what was bought, at what unit price, and how much of it
/// the buyer still keeps after returns.
public struct AmountLine: Sendable, Hashable {
    public let unitPrice: Money
    public let quantity: Int64
    public let keptQuantity: Int64

    /// Creates a line; `keptQuantity` defaults to everything.
    public init(unitPrice: Money, quantity: Int64, keptQuantity: Int64? = nil) {
        precondition(quantity > 0, "a line has a positive quantity")
        self.unitPrice = unitPrice
        self.quantity = quantity
        self.keptQuantity = keptQuantity ?? quantity
        precondition((0...quantity).contains(self.keptQuantity), "kept quantity lies in 0 … quantity")
    }

    /// quantity × unit price.
    public var gross: Money { unitPrice.times(quantity) }
}

/// An order's money (RULES §3): gross, prepaid discount and net, and each line's base after its
/// share of the discount (RULES §5), which the commission engine will use.
public struct OrderAmounts: Sendable, Hashable {
    public let gross: Money
    public let discountRate: Rate
    public let discount: Money
    public let net: Money
    /// Each line's share of the discount, in line order.
    public let lineDiscountShares: [Money]

    /// The amounts of lines at their full quantities.
    public init(lines: [AmountLine], discountRate: Rate) {
        self.init(grossByLine: lines.map(\.gross), discountRate: discountRate)
    }

    /// The amounts of the quantities kept (for refunds and recomputation after returns).
    public static func kept(_ lines: [AmountLine], discountRate: Rate) -> OrderAmounts {
        OrderAmounts(grossByLine: lines.map { $0.unitPrice.times($0.keptQuantity) }, discountRate: discountRate)
    }

    init(grossByLine: [Money], discountRate: Rate) {
        let gross = grossByLine.sum()
        let discount = gross.percentage(discountRate)
        self.gross = gross
        self.discountRate = discountRate
        self.discount = discount
        self.net = gross - discount
        self.lineDiscountShares = DiscountAllocation.shares(of: discount, over: grossByLine)
    }

    /// Each line's commission base: its gross less its share of the discount. They add up to `net`.
    public func lineBases(_ lines: [AmountLine]) -> [Money] {
        zip(lines, lineDiscountShares).map { $0.gross - $1 }
    }
}

/// What a refund gives back: the gross returned, the discount that no longer applies, and the
/// net paid back. `net = gross − discount`, all non-negative.
public struct RefundAmounts: Sendable, Hashable {
    public let gross: Money
    public let discount: Money
    public let net: Money

    /// The refund for going from the quantities kept before to those kept after (RULES §4): the
    /// difference of the net amounts recomputed on kept quantities with the order's own rate, so a
    /// full cancellation or return refunds the whole net amount.
    public init(before: [AmountLine], after: [AmountLine], discountRate: Rate) {
        let previous = OrderAmounts.kept(before, discountRate: discountRate)
        let next = OrderAmounts.kept(after, discountRate: discountRate)
        gross = previous.gross - next.gross
        discount = previous.discount - next.discount
        net = previous.net - next.net
    }
}

/// Checks a quantity a buyer asks for: positive, whole, a multiple of the pack size, bounded.
public enum QuantityRule {
    /// The most units of one product one order line may hold.
    public static let maximumQuantity: Int64 = 100_000

    /// The problem with `quantity` for a product packed in `packSize`, if any.
    public static func problem(quantity: IntegerInput, packSize: Int64) -> FieldError.Problem? {
        switch quantity {
        case .missing: return .required
        case .notWhole: return .invalidFormat(expected: .wholeUnits)
        case .notANumber: return .invalidFormat(expected: .wholeNumber)
        case .integer(let value):
            if value <= 0 || value > maximumQuantity { return .outOfRange(minimum: 1, maximum: maximumQuantity) }
            if value % packSize != 0 { return .notAllowed(reason: .packMultiple(packSize: packSize)) }
            return nil
        }
    }
}
