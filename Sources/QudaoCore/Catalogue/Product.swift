/// Prices a product carries (RULES §3): a list price and one purchase price per level.
public struct ProductPrices: Sendable, Hashable, Codable {
    /// 零售价: the price of a referral (retail) order.
    public var listPrice: Money
    /// 一级/二级/三级进货价, indexed by level 1 … 3.
    public var levelPrices: [Money]

    /// Creates a price list.
    public init(listPrice: Money, level1Price: Money, level2Price: Money, level3Price: Money) {
        self.listPrice = listPrice
        self.levelPrices = [level1Price, level2Price, level3Price]
    }

    /// The purchase price for a partner at `level` (1 … 3).
    public func purchasePrice(forLevel level: Int) -> Money {
        precondition((1...3).contains(level), "a partner's level is 1, 2 or 3")
        return levelPrices[level - 1]
    }

    /// The unit price of an order: the buyer's level price for a purchase, the list price for a referral.
    public func unitPrice(purchaseByLevel level: Int?) -> Money {
        guard let level else { return listPrice }
        return purchasePrice(forLevel: level)
    }
}

/// A product's own commission rates by chain position, replacing the rule's for its lines (RULES §5).
public struct CommissionOverride: Sendable, Hashable, Codable {
    /// Rates for positions 1, 2 and 3; 0 excludes the product from that position.
    public var rates: [Rate]

    /// Creates an override; each rate must be a valid configured rate.
    public init(rate1: Rate, rate2: Rate, rate3: Rate) {
        self.rates = [rate1, rate2, rate3]
    }
}

/// The arithmetic of an order's amounts (RULES §3): Σ(quantity × unit price) − prepaid discount.
public enum OrderPricing {
    /// One line's quantity and unit price.
    public struct Line: Sendable, Hashable {
        /// Number of units.
        public let quantity: Int64
        /// Price of one unit.
        public let unitPrice: Money

        /// Creates a line.
        public init(quantity: Int64, unitPrice: Money) {
            self.quantity = quantity
            self.unitPrice = unitPrice
        }

        /// quantity × unit price.
        public var gross: Money { unitPrice.times(quantity) }
    }

    /// Σ line gross.
    public static func gross(_ lines: [Line]) -> Money {
        lines.map(\.gross).sum()
    }

    /// The net amount after a prepaid discount at `discountRate` of the gross.
    public static func net(_ lines: [Line], discountRate: Rate) -> (gross: Money, discount: Money, net: Money) {
        let gross = gross(lines)
        let discount = gross.percentage(discountRate)
        return (gross, discount, gross - discount)
    }
}
