import Foundation
import PropertyBased
import QudaoCore
import Testing

@Suite("Partner grading (RULES §9)")
struct GradingTests {
    /// Inputs with neutral defaults: 100 units to sell, nothing returned, flat sales of ¥2,000.00.
    static func inputs(
        sold: Int64 = 45, opening: Int64 = 40, received: Int64 = 60, delivered: Int64 = 60, returned: Int64 = 0, last: Int64 = 200_000,
        previous: Int64 = 200_000
    ) -> GradingInputs {
        GradingInputs(
            unitsSold: sold, openingOnHand: opening, unitsReceived: received, unitsDelivered: delivered, unitsReturned: returned,
            salesLast30Days: Money(fen: last), salesPrevious30Days: Money(fen: previous))
    }

    @Test(
        "hand-computed grades, on and around every default threshold",
        arguments: [
            // sell-through exactly 30 % does not warn; 29 % does
            (inputs(sold: 30), Grade.potential, "30/100 sells through, no warning"),
            (inputs(sold: 29), .warning, "29/100 is below 30 %"),
            // return rate exactly 15 % does not warn; 16 % does
            (inputs(delivered: 100, returned: 15), .potential, "15/100 returned is not above 15 %"),
            (inputs(delivered: 100, returned: 16), .warning, "16/100 returned is above 15 %"),
            // sales fell by exactly 20 % from ¥1,000.00: warning; by a fen less: none
            (inputs(last: 80_000, previous: 100_000), .warning, "¥1,000.00 → ¥800.00 is a 20 % drop"),
            (inputs(last: 80_001, previous: 100_000), .potential, "a 19.999 % drop"),
            (inputs(last: 0, previous: 99_999), .potential, "a 100 % drop from under ¥1,000.00 does not warn"),
            // quality: at least 60 % sold through and at most 5 % returned
            (inputs(sold: 60, delivered: 100, returned: 5), .quality, "60 % through, 5 % returned"),
            (inputs(sold: 60, delivered: 100, returned: 6), .potential, "6 % returned keeps it from quality"),
            (inputs(sold: 59, delivered: 100, returned: 0), .potential, "59 % through keeps it from quality"),
            // n/a: nothing on hand or received, nothing delivered, no earlier sales
            (inputs(sold: 0, opening: 0, received: 0, delivered: 0), .potential, "no stock at all: sell-through n/a"),
            (inputs(sold: 70, opening: 100, received: 0, delivered: 0), .quality, "nothing delivered: return rate n/a does not bar quality"),
            (inputs(sold: 70, last: 0, previous: 0), .quality, "no sales in either month: change n/a"),
            (inputs(sold: 70, last: 50_000, previous: 0), .quality, "sales from nothing: change n/a"),
        ])
    func grades(_ inputs: GradingInputs, _ expected: Grade, _ why: String) {
        #expect(Grading.grade(inputs).grade == expected, "\(why)")
    }

    @Test("a warning names every condition met, with its figure; the drop reads as RULES' example")
    func warningReasons() throws {
        let result = Grading.grade(Self.inputs(sold: 20, delivered: 50, returned: 10, last: 77_000, previous: 100_000))
        #expect(result.grade == .warning)
        #expect(result.reasons.count == 3)
        guard case .salesDrop(let drop) = result.reasons[2] else {
            Issue.record("expected a sales drop, got \(result.reasons)")
            return
        }
        // 近1个月销量下降23%
        #expect(drop.roundedPercent == 23)
        #expect(result.metrics.sellThrough?.roundedBasisPoints == 2_000)
        #expect(result.metrics.returnRate?.roundedPercent == 20)
        #expect(result.metrics.salesChange?.roundedBasisPoints == -2_300)
    }

    @Test("thresholds are configuration: stricter ones regrade the same figures; inconsistent ones are refused")
    func configuredThresholds() {
        var strict = GradingThresholds.defaults
        strict.qualitySellThroughAtLeastBasisPoints = 8_000
        let figures = Self.inputs(sold: 70)
        #expect(Grading.grade(figures).grade == .quality)
        #expect(Grading.grade(figures, thresholds: strict).grade == .potential)
        #expect(GradingThresholds.defaults.problems().isEmpty)
        var wrong = GradingThresholds.defaults
        wrong.qualitySellThroughAtLeastBasisPoints = 2_000
        wrong.warningReturnRateAboveBasisPoints = 10_001
        #expect(Set(wrong.problems().map(\.field)) == ["qualitySellThroughAtLeastBp", "warningReturnRateAboveBp"])
    }

    @Test("ratios compare exactly with basis points and round percentages half away from zero")
    func ratios() throws {
        let third = try #require(Ratio(1, over: 3))
        #expect(third.isBelow(basisPoints: 3_334) && third.isAbove(basisPoints: 3_333))
        #expect(Ratio(5, over: 0) == nil)
        #expect(Ratio(235, over: 1_000)?.roundedPercent == 24)
        #expect(Ratio(-235, over: 1_000)?.roundedPercent == -24)
        #expect(Ratio(Int64.max, over: 3)?.isAbove(basisPoints: 10_000) == true)
    }

    @Test("for any figures: a warning has a reason, and quality never meets a warning condition")
    func gradesAreConsistent() async {
        await propertyCheck(input: Gen.int64(in: 0...500).array(of: 7...7)) { values in
            let inputs = GradingInputs(
                unitsSold: values[0], openingOnHand: values[1], unitsReceived: values[2], unitsDelivered: values[3],
                unitsReturned: min(values[4], values[3]), salesLast30Days: Money(fen: values[5] * 1_000),
                salesPrevious30Days: Money(fen: values[6] * 1_000))
            let result = Grading.grade(inputs)
            switch result.grade {
            case .warning:
                #expect(!result.reasons.isEmpty && !result.reasons.contains(.meetsQuality))
            case .quality:
                #expect(result.metrics.sellThrough?.isAtLeast(basisPoints: 6_000) == true)
                #expect(result.metrics.returnRate.map { $0.isAtMost(basisPoints: 500) } ?? true)
            case .potential:
                #expect(result.reasons == [.belowQuality])
            }
        }
    }
}

@Suite("Replenishment (RULES §10)")
struct ReplenishmentTests {
    static func suggest(
        _ sales: [Int64], onHand: Int64, inTransit: Int64, packSize: Int64, lead: Int64 = 3, review: Int64 = 7
    )
        -> ReplenishmentSuggestion
    {
        Replenishment.suggest(
            ReplenishmentInputs(
                dailySales: sales, leadTimeDays: lead, reviewPeriodDays: review, onHand: onHand, inTransit: inTransit, packSize: packSize))
    }

    static let alternating: [Int64] = Array(repeating: 2, count: 14) + Array(repeating: 4, count: 14)

    @Test("14 days of 2 and 14 of 4: d = 3, σ = 1, SS = ⌈1.65 × √10⌉ = 6, 30 + 6 − 12 − 6 = 18 → 24 in packs of 12")
    func handCalculation() {
        let suggestion = Self.suggest(Self.alternating, onHand: 12, inTransit: 6, packSize: 12)
        #expect(suggestion.dailyDemand == 3)
        #expect(suggestion.dailyStandardDeviation == 1)
        #expect(suggestion.safetyStock == 6)
        #expect(suggestion.quantityBeforePacks == 18)
        #expect(suggestion.quantity == 24)
    }

    @Test(
        "more hand calculations, including the n/a cases",
        arguments: [
            // no sales: nothing to order, whatever is on hand
            (Array(repeating: Int64(0), count: 28), Int64(5), Int64(0), Int64(6), Int64(3), Int64(7), Int64(0), Int64(0), "no sales history"),
            // steady 5 a day: σ = 0, SS = 0, 50 − 20 = 30, exactly 5 packs of 6 (no rounding up past an exact whole)
            (Array(repeating: 5, count: 28), 20, 0, 6, 3, 7, 0, 30, "steady demand"),
            // one spike of 28: d = 1, σ² = 27, SS = ⌈1.65 × √270⌉ = ⌈27.11⌉ = 28, 10 + 28 = 38 → 40 in tens
            ([28] + Array(repeating: 0, count: 27), 0, 0, 10, 3, 7, 28, 40, "one spike"),
            // L + R = 14: SS = ⌈1.65 × √14⌉ = 7, 42 + 7 − 50 in transit < 0 → 0
            (alternating, 0, 50, 12, 5, 9, 7, 0, "enough in transit"),
            // no stock on hand at all: the whole target, 30 + 6 = 36 → 36 in packs of 1
            (alternating, 0, 0, 1, 3, 7, 6, 36, "empty shelf"),
        ])
    func handCalculations(
        _ sales: [Int64], _ onHand: Int64, _ inTransit: Int64, _ pack: Int64, _ lead: Int64, _ review: Int64, _ safety: Int64, _ expected: Int64,
        _ why: String
    ) {
        let suggestion = Self.suggest(sales, onHand: onHand, inTransit: inTransit, packSize: pack, lead: lead, review: review)
        #expect(suggestion.safetyStock == safety, "\(why)")
        #expect(suggestion.quantity == expected, "\(why)")
    }

    @Test("the exact safety stock matches the formula in floating point away from whole numbers")
    func safetyStockAgreesWithFloatingPoint() async {
        await propertyCheck(input: Gen.int64(in: 0...40).array(of: 28...28), Gen.int64(in: 1...10), Gen.int64(in: 1...14)) { sales, lead, review in
            let suggestion = Self.suggest(sales, onHand: 0, inTransit: 0, packSize: 1, lead: lead, review: review)
            let estimate = 1.65 * suggestion.dailyStandardDeviation * Double(lead + review).squareRoot()
            // Where the estimate is not within rounding noise of a whole number, both ceilings agree.
            if abs(estimate - estimate.rounded()) > 1e-6 {
                #expect(suggestion.safetyStock == Int64(estimate.rounded(.up)))
            }
        }
    }

    @Test("suggestions are never negative and always whole packs, covering the need by less than one pack")
    func wholePacks() async {
        await propertyCheck(
            input: Gen.int64(in: 0...60).array(of: 28...28), Gen.int64(in: 0...400), Gen.int64(in: 0...200), Gen.int64(in: 1...48)
        ) { sales, onHand, inTransit, pack in
            let suggestion = Self.suggest(sales, onHand: onHand, inTransit: inTransit, packSize: pack)
            #expect(suggestion.quantity >= 0)
            #expect(suggestion.quantity % pack == 0)
            #expect(suggestion.quantity >= suggestion.quantityBeforePacks && suggestion.quantity < suggestion.quantityBeforePacks + pack)
        }
    }
}
