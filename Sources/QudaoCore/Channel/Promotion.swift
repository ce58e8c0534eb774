import Foundation

/// How a promotion prices its products.
public enum PromotionKind: String, Sendable, Codable, CaseIterable {
    /// A fixed unit price per product.
    case price
    /// A discount in basis points off the partner's purchase price (rounded half up at the fen).
    case discount
}

/// Who a promotion is for: partners matching every non-empty set (an empty set matches anyone).
public struct PromotionTarget: Sendable, Hashable {
    public var grades: Set<Grade>
    public var levels: Set<Int>
    public var provinces: Set<String>

    /// Creates a target.
    public init(grades: Set<Grade> = [], levels: Set<Int> = [], provinces: Set<String> = []) {
        self.grades = grades
        self.levels = levels
        self.provinces = provinces
    }

    /// Whether a partner with this current grade (nil: not graded yet), level and province is targeted.
    public func matches(grade: Grade?, level: Int, province: String) -> Bool {
        if !grades.isEmpty, !(grade.map(grades.contains) ?? false) { return false }
        if !levels.isEmpty, !levels.contains(level) { return false }
        if !provinces.isEmpty, !provinces.contains(province) { return false }
        return true
    }

    /// Whether the promotion is for everyone.
    public var isEveryone: Bool { grades.isEmpty && levels.isEmpty && provinces.isEmpty }
}

/// A promotion (定向促销): a price or a discount on chosen products for a period, for the
/// partners it targets. Only they see it and get it; an order line records the promotion it used.
public struct Promotion: Sendable, Hashable {
    public let id: String
    public let number: String
    public let name: String
    public let kind: PromotionKind
    /// For `discount`: 1 … 9 999 bp.
    public let discount: Rate?
    public let startsAt: Date
    public let endsAt: Date
    public let target: PromotionTarget
    /// For `price`: the unit price of each product; for `discount`: the products (prices nil).
    public let products: [String: Money?]
    public let cancelled: Bool
    public let createdBy: String
    public let createdAt: Date

    /// Creates a promotion.
    public init(
        id: String, number: String, name: String, kind: PromotionKind, discount: Rate?, startsAt: Date, endsAt: Date, target: PromotionTarget,
        products: [String: Money?], cancelled: Bool, createdBy: String, createdAt: Date
    ) {
        self.id = id
        self.number = number
        self.name = name
        self.kind = kind
        self.discount = discount
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.target = target
        self.products = products
        self.cancelled = cancelled
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// Whether it is running at `instant`.
    public func isRunning(at instant: Date) -> Bool { !cancelled && startsAt <= instant && instant < endsAt }

    /// The promotion's unit price for a product whose regular purchase price is `regular`, or nil
    /// when the product is not in it. Never above the regular price.
    public func unitPrice(productId: String, regular: Money) -> Money? {
        guard let entry = products[productId] else { return nil }
        switch kind {
        case .price:
            guard let price = entry else { return nil }
            return min(price, regular)
        case .discount:
            guard let discount else { return nil }
            return regular - regular.percentage(discount)
        }
    }

    /// The best running promotion for a product among those a partner may use: the lowest unit
    /// price, the earliest created on a tie. Nil when none lowers the price.
    public static func best(
        _ promotions: [Promotion], productId: String, regular: Money, at instant: Date
    ) -> (promotion: Promotion, unitPrice: Money)? {
        var best: (promotion: Promotion, unitPrice: Money)?
        for promotion in promotions.sorted(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) where promotion.isRunning(at: instant) {
            guard let price = promotion.unitPrice(productId: productId, regular: regular), price < regular else { continue }
            if best == nil || price < best!.unitPrice { best = (promotion, price) }
        }
        return best
    }
}
