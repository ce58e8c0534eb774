import Foundation

/// An exact ratio of two whole numbers, compared with thresholds in basis points without
/// floating point (so a partner exactly on a threshold is graded the way RULES §9 says).
public struct Ratio: Sendable, Hashable, Codable, CustomStringConvertible {
    public let numerator: Int64
    /// Always positive.
    public let denominator: Int64

    /// A ratio, or nil (n/a) when the denominator is not positive.
    public init?(_ numerator: Int64, over denominator: Int64) {
        guard denominator > 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Whether the ratio is below `basisPoints` / 10 000.
    public func isBelow(basisPoints: Int64) -> Bool { compare(basisPoints) < 0 }
    /// Whether the ratio is at least `basisPoints` / 10 000.
    public func isAtLeast(basisPoints: Int64) -> Bool { compare(basisPoints) >= 0 }
    /// Whether the ratio is above `basisPoints` / 10 000.
    public func isAbove(basisPoints: Int64) -> Bool { compare(basisPoints) > 0 }
    /// Whether the ratio is at most `basisPoints` / 10 000.
    public func isAtMost(basisPoints: Int64) -> Bool { compare(basisPoints) <= 0 }

    /// The sign of `numerator × 10 000 − basisPoints × denominator`, computed in 128 bits.
    func compare(_ basisPoints: Int64) -> Int {
        let left = numerator.multipliedFullWidth(by: 10_000)
        let right = basisPoints.multipliedFullWidth(by: denominator)
        if left.high != right.high { return left.high < right.high ? -1 : 1 }
        if left.low != right.low { return left.low < right.low ? -1 : 1 }
        return 0
    }

    /// The ratio as a whole percentage, half away from zero: 0.2345 → 23, −0.235 → −24.
    public var roundedPercent: Int64 {
        Money.roundedHalfUpDivision(numerator, multipliedBy: 100, dividedBy: denominator)
    }

    /// The ratio in basis points, half away from zero (for storing and sorting).
    public var roundedBasisPoints: Int64 {
        Money.roundedHalfUpDivision(numerator, multipliedBy: 10_000, dividedBy: denominator)
    }

    public var description: String { "\(numerator)/\(denominator)" }
}

/// The grade of a partner (RULES §9).
public enum Grade: String, Sendable, Codable, CaseIterable, Comparable {
    /// 优质: served first under shortage, sees promotions targeted at quality partners.
    case quality
    /// 潜力.
    case potential
    /// 预警: HQ operations and the partner are told why, and a follow-up task opens.
    case warning

    /// Quality first, warning last (the order of allocation and of lists).
    public static func < (lhs: Grade, rhs: Grade) -> Bool {
        let order: [Grade] = [.quality, .potential, .warning]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// The grading thresholds HQ configures; the defaults are RULES §9's.
public struct GradingThresholds: Sendable, Hashable, Codable {
    /// `warning` below this sell-through (3 000 bp = 30 %).
    public var warningSellThroughBelowBasisPoints: Int64
    /// `warning` above this return rate (1 500 bp = 15 %).
    public var warningReturnRateAboveBasisPoints: Int64
    /// `warning` when sales fell by at least this much (2 000 bp = 20 %)…
    public var warningSalesDropBasisPoints: Int64
    /// …and the earlier 30 days had at least this much (¥1,000.00).
    public var warningSalesDropMinimumEarlier: Money
    /// `quality` from this sell-through (6 000 bp = 60 %)…
    public var qualitySellThroughAtLeastBasisPoints: Int64
    /// …with a return rate at most this (500 bp = 5 %).
    public var qualityReturnRateAtMostBasisPoints: Int64

    /// RULES §9's defaults.
    public static let defaults = GradingThresholds(
        warningSellThroughBelowBasisPoints: 3_000, warningReturnRateAboveBasisPoints: 1_500, warningSalesDropBasisPoints: 2_000,
        warningSalesDropMinimumEarlier: Money(fen: 100_000), qualitySellThroughAtLeastBasisPoints: 6_000, qualityReturnRateAtMostBasisPoints: 500)

    /// Creates thresholds.
    public init(
        warningSellThroughBelowBasisPoints: Int64, warningReturnRateAboveBasisPoints: Int64, warningSalesDropBasisPoints: Int64,
        warningSalesDropMinimumEarlier: Money, qualitySellThroughAtLeastBasisPoints: Int64, qualityReturnRateAtMostBasisPoints: Int64
    ) {
        self.warningSellThroughBelowBasisPoints = warningSellThroughBelowBasisPoints
        self.warningReturnRateAboveBasisPoints = warningReturnRateAboveBasisPoints
        self.warningSalesDropBasisPoints = warningSalesDropBasisPoints
        self.warningSalesDropMinimumEarlier = warningSalesDropMinimumEarlier
        self.qualitySellThroughAtLeastBasisPoints = qualitySellThroughAtLeastBasisPoints
        self.qualityReturnRateAtMostBasisPoints = qualityReturnRateAtMostBasisPoints
    }

    /// Every problem with the thresholds, by field.
    public func problems() -> [FieldError] {
        var errors: [FieldError] = []
        for (field, value) in [
            ("warningSellThroughBelowBp", warningSellThroughBelowBasisPoints), ("warningReturnRateAboveBp", warningReturnRateAboveBasisPoints),
            ("warningSalesDropBp", warningSalesDropBasisPoints), ("qualitySellThroughAtLeastBp", qualitySellThroughAtLeastBasisPoints),
            ("qualityReturnRateAtMostBp", qualityReturnRateAtMostBasisPoints),
        ] where !(0...10_000).contains(value) {
            errors.append(FieldError(field: field, problem: .outOfRange(minimum: 0, maximum: 10_000)))
        }
        if warningSalesDropMinimumEarlier.fen < 0 {
            errors.append(FieldError(field: "warningSalesDropMinimumEarlierFen", problem: .outOfRange(minimum: 0, maximum: Int64.max)))
        }
        // A partner graded quality must never also meet a warning condition on the same metric.
        if qualitySellThroughAtLeastBasisPoints < warningSellThroughBelowBasisPoints {
            errors.append(
                FieldError(
                    field: "qualitySellThroughAtLeastBp", problem: .notAllowed(reason: .qualitySellThroughBelowWarning)))
        }
        if qualityReturnRateAtMostBasisPoints > warningReturnRateAboveBasisPoints {
            errors.append(
                FieldError(field: "qualityReturnRateAtMostBp", problem: .notAllowed(reason: .qualityReturnRateAboveWarning)))
        }
        return errors
    }
}

/// What a partner did in the grading window, as counted by the store.
public struct GradingInputs: Sendable, Hashable, Codable {
    /// Units in the partner's sell-out reports in the 90-day window.
    public var unitsSold: Int64
    /// The partner's on-hand units when the window started.
    public var openingOnHand: Int64
    /// Units delivered to the partner in the window (its purchase orders).
    public var unitsReceived: Int64
    /// Units delivered on orders attributed to the partner in the window, and those returned.
    public var unitsDelivered: Int64
    public var unitsReturned: Int64
    /// Net sales of orders attributed to the partner, less refunds: the last 30 days and the 30 before.
    public var salesLast30Days: Money
    public var salesPrevious30Days: Money

    /// Creates inputs.
    public init(
        unitsSold: Int64, openingOnHand: Int64, unitsReceived: Int64, unitsDelivered: Int64, unitsReturned: Int64, salesLast30Days: Money,
        salesPrevious30Days: Money
    ) {
        self.unitsSold = unitsSold
        self.openingOnHand = openingOnHand
        self.unitsReceived = unitsReceived
        self.unitsDelivered = unitsDelivered
        self.unitsReturned = unitsReturned
        self.salesLast30Days = salesLast30Days
        self.salesPrevious30Days = salesPrevious30Days
    }
}

/// The three metrics of RULES §9; nil is n/a.
public struct GradingMetrics: Sendable, Hashable, Codable {
    public let sellThrough: Ratio?
    public let returnRate: Ratio?
    /// (last − earlier) ÷ earlier; negative when sales fell.
    public let salesChange: Ratio?

    /// The metrics of some inputs.
    public init(_ inputs: GradingInputs) {
        sellThrough = Ratio(inputs.unitsSold, over: inputs.openingOnHand + inputs.unitsReceived)
        returnRate = Ratio(inputs.unitsReturned, over: inputs.unitsDelivered)
        salesChange = Ratio((inputs.salesLast30Days - inputs.salesPrevious30Days).fen, over: inputs.salesPrevious30Days.fen)
    }
}

/// Why a partner has its grade: every warning condition met, or what made it quality or potential.
public enum GradeReason: Sendable, Hashable, Codable {
    case lowSellThrough(Ratio)
    case highReturnRate(Ratio)
    /// Sales fell by this fraction (positive: 0.23 is a 23 % drop).
    case salesDrop(Ratio)
    case meetsQuality
    /// Neither warning nor quality; the metrics that kept it from quality (n/a counts as not met).
    case belowQuality
}

/// A grade with the figures and reasons that produced it.
public struct GradingResult: Sendable, Hashable, Codable {
    public let grade: Grade
    public let metrics: GradingMetrics
    public let reasons: [GradeReason]
}

/// Grading (RULES §9), pure.
public enum Grading {
    /// The grade of a partner's window. A sell-through of n/a neither warns nor qualifies; a return
    /// rate of n/a (nothing delivered, so nothing returned) does not keep a partner from quality;
    /// a sales change of n/a (no earlier sales) never warns.
    public static func grade(_ inputs: GradingInputs, thresholds: GradingThresholds = .defaults) -> GradingResult {
        let metrics = GradingMetrics(inputs)
        var warnings: [GradeReason] = []
        if let sellThrough = metrics.sellThrough, sellThrough.isBelow(basisPoints: thresholds.warningSellThroughBelowBasisPoints) {
            warnings.append(.lowSellThrough(sellThrough))
        }
        if let returnRate = metrics.returnRate, returnRate.isAbove(basisPoints: thresholds.warningReturnRateAboveBasisPoints) {
            warnings.append(.highReturnRate(returnRate))
        }
        if let change = metrics.salesChange, inputs.salesPrevious30Days >= thresholds.warningSalesDropMinimumEarlier,
            let drop = Ratio(-change.numerator, over: change.denominator), drop.isAtLeast(basisPoints: thresholds.warningSalesDropBasisPoints)
        {
            warnings.append(.salesDrop(drop))
        }
        if !warnings.isEmpty { return GradingResult(grade: .warning, metrics: metrics, reasons: warnings) }
        let sellsThrough = metrics.sellThrough?.isAtLeast(basisPoints: thresholds.qualitySellThroughAtLeastBasisPoints) ?? false
        let returnsFew = metrics.returnRate?.isAtMost(basisPoints: thresholds.qualityReturnRateAtMostBasisPoints) ?? true
        if sellsThrough && returnsFew { return GradingResult(grade: .quality, metrics: metrics, reasons: [.meetsQuality]) }
        return GradingResult(grade: .potential, metrics: metrics, reasons: [.belowQuality])
    }
}
