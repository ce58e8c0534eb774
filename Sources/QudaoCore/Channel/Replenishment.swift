import Foundation

/// What a replenishment suggestion is computed from (RULES §10).
public struct ReplenishmentInputs: Sendable, Hashable, Codable {
    /// The partner's sell-out units of the product on each of the 28 days before today, oldest
    /// first (days without sales are 0).
    public var dailySales: [Int64]
    public var leadTimeDays: Int64
    public var reviewPeriodDays: Int64
    public var onHand: Int64
    /// Units on the partner's paid purchase orders not yet delivered.
    public var inTransit: Int64
    public var packSize: Int64

    /// The window of daily sales, and RULES' default lead time and review period.
    public static let windowDays = 28
    public static let defaultLeadTimeDays: Int64 = 3
    public static let defaultReviewPeriodDays: Int64 = 7

    /// Creates inputs.
    public init(
        dailySales: [Int64], leadTimeDays: Int64 = defaultLeadTimeDays, reviewPeriodDays: Int64 = defaultReviewPeriodDays, onHand: Int64,
        inTransit: Int64, packSize: Int64
    ) {
        self.dailySales = dailySales
        self.leadTimeDays = leadTimeDays
        self.reviewPeriodDays = reviewPeriodDays
        self.onHand = onHand
        self.inTransit = inTransit
        self.packSize = packSize
    }
}

/// A suggested quantity with everything it was computed from, for the store to check.
public struct ReplenishmentSuggestion: Sendable, Hashable, Codable {
    public let inputs: ReplenishmentInputs
    /// The mean daily sell-out `d` (shown; the computation itself is exact).
    public let dailyDemand: Double
    /// The population standard deviation of daily sell-out.
    public let dailyStandardDeviation: Double
    /// `⌈1.65 × σ × √(L+R)⌉`.
    public let safetyStock: Int64
    /// `⌈d × (L+R) + SS − on hand − in transit⌉`, at least 0, before the pack size.
    public let quantityBeforePacks: Int64
    /// Rounded up to whole packs.
    public let quantity: Int64
}

/// Replenishment (RULES §10), pure. RULES allows floating point here, but the ceilings are
/// computed exactly with integers so that a hand calculation on a boundary (an exact whole
/// number of units) agrees with the suggestion; the doubles are only for display.
public enum Replenishment {
    /// The service factor 1.65 as a fraction.
    static let serviceFactorNumerator: Int64 = 165
    static let serviceFactorDenominator: Int64 = 100

    /// The suggestion for one product. Empty sales give a demand of 0; the quantity is never
    /// negative and always a whole number of packs.
    public static func suggest(_ inputs: ReplenishmentInputs) -> ReplenishmentSuggestion {
        precondition(inputs.packSize > 0, "a product's pack size is positive")
        let days = Int64(max(inputs.dailySales.count, 1))
        let sales = inputs.dailySales.map { max($0, 0) }
        let sum = sales.reduce(0, +)
        let sumOfSquares = sales.reduce(0) { $0 + $1 * $1 }
        let horizon = max(inputs.leadTimeDays + inputs.reviewPeriodDays, 0)
        // σ² = (n Σx² − (Σx)²) / n²; SS = ⌈1.65 × √(σ² × (L+R))⌉ = ⌈165 √Q / (100 n)⌉ with Q = (n Σx² − (Σx)²)(L+R).
        let spread = days * sumOfSquares - sum * sum
        let radicand = spread * horizon
        let safetyStock = smallestCeiling(ofSquareRootOf: radicand, scaledBy: serviceFactorNumerator, dividedBy: serviceFactorDenominator * days)
        // ⌈d (L+R) + SS − on hand − in transit⌉ = ⌈(Σx (L+R) + n (SS − on hand − in transit)) / n⌉.
        let numerator = sum * horizon + days * (safetyStock - inputs.onHand - inputs.inTransit)
        let beforePacks = max(0, ceilingDivision(numerator, days))
        let packs = ceilingDivision(beforePacks, inputs.packSize)
        let mean = Double(sum) / Double(days)
        let variance = Double(spread) / Double(days * days)
        return ReplenishmentSuggestion(
            inputs: inputs, dailyDemand: mean, dailyStandardDeviation: variance.squareRoot(), safetyStock: safetyStock,
            quantityBeforePacks: beforePacks, quantity: packs * inputs.packSize)
    }

    /// ⌈a / b⌉ for b > 0, exact for negative a.
    static func ceilingDivision(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        let quotient = numerator / denominator
        return numerator % denominator > 0 ? quotient + 1 : quotient
    }

    /// The smallest k ≥ 0 with k ≥ scale × √radicand / divisor, i.e. (divisor × k)² ≥ scale² × radicand,
    /// found from the floating-point estimate and corrected with exact 128-bit comparisons.
    static func smallestCeiling(ofSquareRootOf radicand: Int64, scaledBy scale: Int64, dividedBy divisor: Int64) -> Int64 {
        guard radicand > 0 else { return 0 }
        func covers(_ candidate: Int64) -> Bool {
            let left = (divisor * candidate).multipliedFullWidth(by: divisor * candidate)
            let right = (scale * scale).multipliedFullWidth(by: radicand)
            return (left.high, left.low) >= (right.high, right.low)
        }
        var candidate = Int64((Double(scale) * Double(radicand).squareRoot() / Double(divisor)).rounded(.up))
        while candidate > 0 && covers(candidate - 1) { candidate -= 1 }
        while !covers(candidate) { candidate += 1 }
        return candidate
    }
}
