/// One tier: at or above `threshold`, the rate applies.
public struct Tier: Sendable, Hashable, Codable {
    public let threshold: Money
    public let rate: Rate

    /// Creates a tier.
    public init(threshold: Money, rate: Rate) {
        self.threshold = threshold
        self.rate = rate
    }
}

/// The prepaid rules of RULES §6: top-up rebate tiers and prepaid discount tiers, and the limits
/// on a single top-up. Configuration HQ changes (audited); the defaults are RULES' figures.
public struct PrepaidRules: Sendable, Hashable, Codable {
    /// A single confirmed top-up at or above a threshold earns `pct(top-up, bp)`; highest tier only.
    public var bonusTiers: [Tier]
    /// Confirmed top-ups in the 365 days before a purchase at or above a threshold give purchase
    /// orders paid from prepaid `discount = pct(gross, bp)`; highest tier only.
    public var discountTiers: [Tier]
    /// The largest single top-up request accepted.
    public var maximumTopUp: Money
    /// How far back top-ups count towards the discount tier.
    public var discountWindowDays: Int
    /// A purchase order paid from prepaid whose net amount is above this needs the partner's
    /// payment password (支付密码); nil asks for none. Rules stored before this existed read as nil,
    /// so an upgrade changes nothing until HQ sets it; a new company starts with
    /// ``newCompanyPaymentPasswordAbove``.
    public var paymentPasswordAbove: Money?

    /// The payment-password threshold a company set up from scratch starts with: ¥10,000.00.
    public static let newCompanyPaymentPasswordAbove = Money(fen: 1_000_000)

    /// RULES §6 defaults: ≥ ¥100,000.00 → 100 bp rebate; ≥ ¥50,000.00 → 200 bp discount.
    public static let defaults = PrepaidRules(
        bonusTiers: [Tier(threshold: Money(fen: 10_000_000), rate: Rate(basisPoints: 100))],
        discountTiers: [Tier(threshold: Money(fen: 5_000_000), rate: Rate(basisPoints: 200))],
        maximumTopUp: Money(fen: 100_000_000_000), discountWindowDays: 365)

    /// Creates rules.
    public init(bonusTiers: [Tier], discountTiers: [Tier], maximumTopUp: Money, discountWindowDays: Int, paymentPasswordAbove: Money? = nil) {
        self.bonusTiers = bonusTiers
        self.discountTiers = discountTiers
        self.maximumTopUp = maximumTopUp
        self.discountWindowDays = discountWindowDays
        self.paymentPasswordAbove = paymentPasswordAbove
    }

    /// Whether paying `net` from prepaid needs the payment password.
    public func needsPaymentPassword(net: Money) -> Bool {
        paymentPasswordAbove.map { net > $0 } ?? false
    }

    /// The rebate on one confirmed top-up (RULES §6, worked example 4).
    public func bonus(forTopUp amount: Money) -> Money {
        guard let tier = Self.highestTier(in: bonusTiers, reachedBy: amount) else { return .zero }
        return amount.percentage(tier.rate)
    }

    /// The prepaid discount rate earned by `total` confirmed top-ups in the window (RULES §6).
    public func discountRate(forTopUpsInWindow total: Money) -> Rate {
        Self.highestTier(in: discountTiers, reachedBy: total)?.rate ?? .zero
    }

    /// The next discount tier `total` has not reached and how much more it takes: the lowest
    /// threshold above `total` whose rate beats the rate `total` earns now; nil when none is left.
    /// ("再充 ¥1,000.00 享 2% 进货折扣" on the top-up form.)
    public func nextDiscountTier(forTopUpsInWindow total: Money) -> (tier: Tier, missing: Money)? {
        let current = discountRate(forTopUpsInWindow: total)
        guard
            let next = discountTiers.filter({ $0.threshold > total && $0.rate > current }).min(by: { $0.threshold < $1.threshold })
        else { return nil }
        return (next, next.threshold - total)
    }

    /// The tier with the highest threshold that `amount` reaches ("at or above").
    static func highestTier(in tiers: [Tier], reachedBy amount: Money) -> Tier? {
        tiers.filter { amount >= $0.threshold }.max { $0.threshold < $1.threshold }
    }

    /// The problems with these rules, by field: thresholds positive and strictly increasing,
    /// rates 0 … 10 000 bp, a positive maximum, a window of 1 … 3 650 days.
    public func problems() -> [FieldError] {
        var errors: [FieldError] = []
        for (field, tiers) in [("bonusTiers", bonusTiers), ("discountTiers", discountTiers)] {
            if tiers.count > 10 { errors.append(FieldError(field: field, problem: .outOfRange(minimum: 0, maximum: 10))) }
            for (index, tier) in tiers.enumerated() {
                if tier.threshold.fen <= 0 {
                    errors.append(
                        FieldError(field: "\(field)[\(index)].thresholdFen", problem: .amountOutOfRange(minimumFen: 1, maximumFen: Int64.max / 2)))
                }
                if !tier.rate.isValidConfiguredRate {
                    errors.append(
                        FieldError(field: "\(field)[\(index)].rateBp", problem: .rateOutOfRange(minimumBasisPoints: 0, maximumBasisPoints: 10_000)))
                }
                if index > 0 && tier.threshold <= tiers[index - 1].threshold {
                    errors.append(
                        FieldError(field: "\(field)[\(index)].thresholdFen", problem: .notAllowed(reason: .tierThresholdsNotIncreasing)))
                }
            }
        }
        if maximumTopUp.fen <= 0 {
            errors.append(FieldError(field: "maximumTopUpFen", problem: .amountOutOfRange(minimumFen: 1, maximumFen: Int64.max / 2)))
        }
        if let threshold = paymentPasswordAbove, threshold.fen < 0 || threshold.fen > Int64.max / 2 {
            errors.append(FieldError(field: "paymentPasswordAboveFen", problem: .amountOutOfRange(minimumFen: 0, maximumFen: Int64.max / 2)))
        }
        if !(1...3_650).contains(discountWindowDays) {
            errors.append(FieldError(field: "discountWindowDays", problem: .outOfRange(minimum: 1, maximum: 3_650)))
        }
        return errors
    }
}
