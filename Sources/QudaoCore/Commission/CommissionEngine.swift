import Foundation

/// A version of the commission rule (RULES §5, §7). Every change is a new version with an effective
/// time; an order uses the version in force when it was paid, and its records name that version.
public struct CommissionRule: Sendable, Hashable, Codable {
    /// 1, 2, 3, … in the order the versions were made.
    public var version: Int64
    /// Rates by chain position: rate1 (nearest) … rate3.
    public var rates: [Rate]
    /// The most the three rates may add up to (default 3 000 bp).
    public var capBasisPoints: Int64
    /// Monthly volume bonus tiers: sales strictly greater than a threshold earn its rate; highest tier only.
    public var bonusTiers: [Tier]
    /// The day of month M+1 on which month M is settled, at 02:00 Asia/Shanghai (1 … 28).
    public var settlementDay: Int
    /// Nets below this carry over to the next period.
    public var minimumPayout: Money
    /// Delivered orders become received after this many days; received orders complete after the return window.
    public var windows: OrderWindows
    public var effectiveAt: Date

    /// RULES' defaults: 500/300/200 bp, cap 3 000 bp, one bonus tier above ¥100,000.00 at 100 bp,
    /// settlement on the 15th, minimum payout ¥1.00, windows 10 and 7 days.
    public static func defaults(effectiveAt: Date = Date(timeIntervalSince1970: 0)) -> CommissionRule {
        CommissionRule(
            version: 1, rates: [Rate(basisPoints: 500), Rate(basisPoints: 300), Rate(basisPoints: 200)], capBasisPoints: 3_000,
            bonusTiers: [Tier(threshold: Money(fen: 10_000_000), rate: Rate(basisPoints: 100))], settlementDay: 15,
            minimumPayout: Money(fen: 100), windows: .defaults, effectiveAt: effectiveAt)
    }

    /// Creates a rule.
    public init(
        version: Int64, rates: [Rate], capBasisPoints: Int64, bonusTiers: [Tier], settlementDay: Int, minimumPayout: Money, windows: OrderWindows,
        effectiveAt: Date
    ) {
        self.version = version
        self.rates = rates
        self.capBasisPoints = capBasisPoints
        self.bonusTiers = bonusTiers
        self.settlementDay = settlementDay
        self.minimumPayout = minimumPayout
        self.windows = windows
        self.effectiveAt = effectiveAt
    }

    /// The rate of a position (1 … 3) for a line with an optional product override.
    public func rate(position: Int, override: CommissionOverride?) -> Rate {
        (override?.rates ?? rates)[position - 1]
    }

    /// The monthly bonus on sales `sales` (RULES §5, worked example 5): strictly greater than a threshold.
    public func monthlyBonus(sales: Money) -> Money {
        guard let tier = bonusTiers.filter({ sales > $0.threshold }).max(by: { $0.threshold < $1.threshold }) else { return .zero }
        return sales.percentage(tier.rate)
    }

    /// Every problem with the rule, by field.
    public func problems() -> [FieldError] {
        var errors: [FieldError] = []
        if rates.count != 3 { errors.append(FieldError(field: "rates", problem: .outOfRange(minimum: 3, maximum: 3))) }
        for (index, rate) in rates.enumerated() where !rate.isValidConfiguredRate {
            errors.append(FieldError(field: "rate\(index + 1)Bp", problem: .outOfRange(minimum: 0, maximum: 10_000)))
        }
        if !(0...10_000).contains(capBasisPoints) {
            errors.append(FieldError(field: "capBp", problem: .outOfRange(minimum: 0, maximum: 10_000)))
        } else if rates.map(\.basisPoints).reduce(0, +) > capBasisPoints {
            errors.append(
                FieldError(field: "rate1Bp", problem: .notAllowed(reason: .ratesAboveCap(capBasisPoints: Int64(capBasisPoints)))))
        }
        for (index, tier) in bonusTiers.enumerated() {
            if tier.threshold.fen < 0 {
                errors.append(FieldError(field: "bonusTiers[\(index)].thresholdFen", problem: .outOfRange(minimum: 0, maximum: Int64.max)))
            }
            if !tier.rate.isValidConfiguredRate {
                errors.append(FieldError(field: "bonusTiers[\(index)].rateBp", problem: .outOfRange(minimum: 0, maximum: 10_000)))
            }
            if index > 0 && tier.threshold <= bonusTiers[index - 1].threshold {
                errors.append(
                    FieldError(field: "bonusTiers[\(index)].thresholdFen", problem: .notAllowed(reason: .tierThresholdsNotIncreasing)))
            }
        }
        if bonusTiers.count > 10 { errors.append(FieldError(field: "bonusTiers", problem: .outOfRange(minimum: 0, maximum: 10))) }
        if !(1...28).contains(settlementDay) { errors.append(FieldError(field: "settlementDay", problem: .outOfRange(minimum: 1, maximum: 28))) }
        if minimumPayout.fen < 1 { errors.append(FieldError(field: "minimumPayoutFen", problem: .outOfRange(minimum: 1, maximum: Int64.max))) }
        if !(1...90).contains(windows.autoReceiveDays) {
            errors.append(FieldError(field: "autoReceiveDays", problem: .outOfRange(minimum: 1, maximum: 90)))
        }
        if !(0...90).contains(windows.returnWindowDays) {
            errors.append(FieldError(field: "returnWindowDays", problem: .outOfRange(minimum: 0, maximum: 90)))
        }
        return errors
    }
}

/// One beneficiary in an order's chain: the partner at a position, and whether it was active when
/// the order was paid (an inactive one earns nothing and nobody takes its place).
public struct Beneficiary: Sendable, Hashable {
    public let partnerId: String
    public let position: Int
    public let isActive: Bool

    /// Creates a beneficiary.
    public init(partnerId: String, position: Int, isActive: Bool) {
        self.partnerId = partnerId
        self.position = position
        self.isActive = isActive
    }
}

/// An order line as the commission engine sees it.
public struct CommissionLine: Sendable, Hashable, Codable {
    public let lineNumber: Int
    public let unitPrice: Money
    public let quantity: Int64
    public let keptQuantity: Int64
    public let override: CommissionOverride?

    /// Creates a line.
    public init(lineNumber: Int, unitPrice: Money, quantity: Int64, keptQuantity: Int64, override: CommissionOverride?) {
        self.lineNumber = lineNumber
        self.unitPrice = unitPrice
        self.quantity = quantity
        self.keptQuantity = keptQuantity
        self.override = override
    }
}

/// How one beneficiary's commission was computed: every line's base and rate, the sum before
/// rounding, and the rounding — enough for a partner to recompute every fen.
public struct CommissionExplanation: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public let lineNumber: Int
        /// Kept quantity × unit price.
        public let gross: Money
        /// The line's share of the prepaid discount (largest remainder).
        public let discountShare: Money
        /// gross − share.
        public let base: Money
        public let rate: Rate
        /// Whether the rate comes from the product's own override.
        public let overridden: Bool
        /// base × rate, in fen × bp (not yet divided by 10 000).
        public let product: Int64
    }

    public let position: Int
    public let ruleVersion: Int64
    public let discountRate: Rate
    public let lines: [Line]
    /// Σ line products (fen × bp).
    public let total: Int64
    /// round_half_up(total / 10 000).
    public let amount: Money
}

/// The commission engine (RULES §5): pure arithmetic from an order, its chain at payment and the
/// rule version, to one amount per beneficiary with its explanation.
public enum CommissionEngine {
    /// The beneficiary chain from the attributed partner's tree path at payment (`/a/b/c/`) and the
    /// statuses at payment: referral orders start at the partner, purchase orders at its parent; at
    /// most three positions, stopping at HQ.
    public static func chain(pathAtPayment: String, kind: OrderKind, activePartnerIds: Set<String>) -> [Beneficiary] {
        let ids = Array(pathAtPayment.split(separator: "/").map(String.init).reversed())
        guard let attributed = ids.first else { return [] }
        let ancestors = Array(ids.dropFirst())
        return BeneficiaryChain.beneficiaries(attributedPartnerId: attributed, ancestorIds: ancestors, isReferralOrder: kind == .referral)
            .enumerated().map { Beneficiary(partnerId: $0.element, position: $0.offset + 1, isActive: activePartnerIds.contains($0.element)) }
    }

    /// The commission of each active beneficiary on the kept quantities of `lines`:
    /// `round_half_up(Σ line_base × rate_k(line) / 10 000)`, one rounding per beneficiary.
    public static func compute(
        lines: [CommissionLine], discountRate: Rate, beneficiaries: [Beneficiary], rule: CommissionRule
    ) -> [(beneficiary: Beneficiary, explanation: CommissionExplanation)] {
        let amounts = OrderAmounts.kept(
            lines.map { AmountLine(unitPrice: $0.unitPrice, quantity: $0.quantity, keptQuantity: $0.keptQuantity) }, discountRate: discountRate)
        return beneficiaries.filter(\.isActive).map { beneficiary in
            var explained: [CommissionExplanation.Line] = []
            var total: Int64 = 0
            for (index, line) in lines.enumerated() {
                let gross = line.unitPrice.times(line.keptQuantity)
                let share = amounts.lineDiscountShares[index]
                let base = gross - share
                let rate = rule.rate(position: beneficiary.position, override: line.override)
                let product = base.fen * rate.basisPoints
                total += product
                explained.append(
                    CommissionExplanation.Line(
                        lineNumber: line.lineNumber, gross: gross, discountShare: share, base: base, rate: rate, overridden: line.override != nil,
                        product: product))
            }
            let amount = Money(fen: Money.roundedHalfUpDivision(total, multipliedBy: 1, dividedBy: 10_000))
            return (
                beneficiary,
                CommissionExplanation(
                    position: beneficiary.position, ruleVersion: rule.version, discountRate: discountRate, lines: explained, total: total,
                    amount: amount)
            )
        }
    }
}

/// A commission record's state (RULES §5).
public enum CommissionState: String, Sendable, Codable, CaseIterable {
    /// 待结算: the order is not complete yet.
    case frozen
    /// 可结算: the order completed (or an adjustment to a settleable or settled record).
    case settleable
    /// 已结算: inside a statement.
    case settled
    /// The order was cancelled before completion.
    case reversed
}

/// What a commission record is.
public enum CommissionKind: String, Sendable, Codable, CaseIterable {
    case commission
    /// A change after a refunded return (negative); a clawback when the original was settled.
    case adjustment
    /// The monthly volume bonus.
    case bonus
}
