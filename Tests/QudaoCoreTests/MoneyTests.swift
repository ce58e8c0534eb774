import PropertyBased
import QudaoCore
import Testing

@Suite("Money, rates and pct (RULES §1)")
struct MoneyTests {
    struct PercentageCase: Sendable, CustomTestStringConvertible {
        let amountFen: Int64
        let basisPoints: Int64
        let expectedFen: Int64
        let note: String
        var testDescription: String { "pct(\(amountFen), \(basisPoints)) = \(expectedFen) — \(note)" }
    }

    static let percentageCases: [PercentageCase] = [
        // RULES worked example 1: referral order net 14,999 fen, chain [C, B, A].
        .init(amountFen: 14_999, basisPoints: 500, expectedFen: 750, note: "example 1, C 749.95 → 750"),
        .init(amountFen: 14_999, basisPoints: 300, expectedFen: 450, note: "example 1, B 449.97 → 450"),
        .init(amountFen: 14_999, basisPoints: 200, expectedFen: 300, note: "example 1, A 299.98 → 300"),
        // RULES worked example 2: kept base 11,666.
        .init(amountFen: 11_666, basisPoints: 500, expectedFen: 583, note: "example 2, C 583.30 → 583"),
        .init(amountFen: 11_666, basisPoints: 300, expectedFen: 350, note: "example 2, B 349.98 → 350"),
        .init(amountFen: 11_666, basisPoints: 200, expectedFen: 233, note: "example 2, A 233.32 → 233"),
        // RULES worked example 3: prepaid discount and A's commission.
        .init(amountFen: 85_550, basisPoints: 200, expectedFen: 1_711, note: "example 3, discount of 85,550"),
        .init(amountFen: 83_839, basisPoints: 500, expectedFen: 4_192, note: "example 3, A 4,191.95 → 4,192"),
        // RULES worked example 4: top-up rebate.
        .init(amountFen: 10_000_000, basisPoints: 100, expectedFen: 100_000, note: "example 4, rebate on ¥100,000.00"),
        // RULES worked example 5: monthly bonus just above the threshold.
        .init(amountFen: 10_000_001, basisPoints: 100, expectedFen: 100_000, note: "example 5, 100,000.01 → 100,000"),
        // Half up exactly at the half fen, and the negative rule (round the magnitude, restore the sign).
        .init(amountFen: 1, basisPoints: 5_000, expectedFen: 1, note: "0.5 rounds up"),
        .init(amountFen: 3, basisPoints: 5_000, expectedFen: 2, note: "1.5 rounds up, not to even"),
        .init(amountFen: 1, basisPoints: 4_999, expectedFen: 0, note: "0.4999 rounds down"),
        .init(amountFen: -1, basisPoints: 5_000, expectedFen: -1, note: "−0.5 → −1 (magnitude half up)"),
        .init(amountFen: -14_999, basisPoints: 500, expectedFen: -750, note: "negative example 1 amount"),
        .init(amountFen: -11_666, basisPoints: 200, expectedFen: -233, note: "−233.32 → −233"),
        .init(amountFen: 0, basisPoints: 500, expectedFen: 0, note: "zero amount"),
        .init(amountFen: 12_345, basisPoints: 0, expectedFen: 0, note: "zero rate"),
        .init(amountFen: 12_345, basisPoints: 10_000, expectedFen: 12_345, note: "100 %"),
        .init(amountFen: Int64.max / 10_000, basisPoints: 10_000, expectedFen: Int64.max / 10_000, note: "no intermediate overflow"),
    ]

    @Test("pct rounds half up at the fen", arguments: percentageCases)
    func percentage(_ testCase: PercentageCase) {
        // given an amount and a rate; when pct is applied; then the fen match RULES §1
        #expect(Money(fen: testCase.amountFen).percentage(Rate(basisPoints: testCase.basisPoints)).fen == testCase.expectedFen)
    }

    @Test("pct of a negated amount is the negated pct")
    func percentageIsOdd() async {
        await propertyCheck(input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000), Gen.int64(in: 0...10_000)) { fen, bp in
            #expect(Money(fen: -fen).percentage(Rate(basisPoints: bp)) == -Money(fen: fen).percentage(Rate(basisPoints: bp)))
        }
    }

    @Test("pct is within half a fen of the exact product")
    func percentageIsWithinHalfAFen() async {
        await propertyCheck(input: Gen.int64(in: 0...1_000_000_000_000), Gen.int64(in: 0...10_000)) { fen, bp in
            let result = Money(fen: fen).percentage(Rate(basisPoints: bp)).fen
            // fen ≤ 10¹² and bp ≤ 10⁴ keep every product below 10¹⁷, far from overflow.
            #expect(abs(result * 10_000 - fen * bp) <= 5_000)
            // Half up: an exact half always rounds away from zero.
            #expect(result * 10_000 - fen * bp != -5_000)
        }
    }

    @Test("pct never decreases as the amount grows")
    func percentageIsMonotonic() async {
        await propertyCheck(input: Gen.int64(in: 0...1_000_000_000), Gen.int64(in: 0...1_000_000), Gen.int64(in: 0...10_000)) { fen, step, bp in
            let rate = Rate(basisPoints: bp)
            #expect(Money(fen: fen).percentage(rate) <= Money(fen: fen + step).percentage(rate))
        }
    }

    struct ParseCase: Sendable, CustomTestStringConvertible {
        let text: String
        let expectedFen: Int64?
        var testDescription: String { "\"\(text)\" → \(expectedFen.map(String.init) ?? "refused")" }
    }

    static let parseCases: [ParseCase] = [
        .init(text: "149.99", expectedFen: 14_999), .init(text: "149.9", expectedFen: 14_990), .init(text: "149", expectedFen: 14_900),
        .init(text: "¥1,234.50", expectedFen: 123_450), .init(text: " 0.01 ", expectedFen: 1), .init(text: "0", expectedFen: 0),
        .init(text: "12.345", expectedFen: nil), .init(text: "-1.00", expectedFen: nil), .init(text: "abc", expectedFen: nil),
        .init(text: "1.", expectedFen: nil), .init(text: ".5", expectedFen: nil), .init(text: "1e3", expectedFen: nil),
        .init(text: "1.2.3", expectedFen: nil), .init(text: "", expectedFen: nil), .init(text: "１２", expectedFen: nil),
    ]

    @Test("yuan text parses to fen without floating point", arguments: parseCases)
    func parseYuan(_ testCase: ParseCase) {
        #expect(Money.parseYuan(testCase.text)?.fen == testCase.expectedFen)
    }

    @Test("negative yuan parses only when allowed")
    func parseNegative() {
        #expect(Money.parseYuan("-1.05", allowNegative: true)?.fen == -105)
        #expect(Money.parseYuan("-1.05") == nil)
    }

    @Test(
        "amounts format as the UI shows them",
        arguments: [(Int64(14_999), "¥149.99"), (0, "¥0.00"), (5, "¥0.05"), (-5, "-¥0.05"), (123_456_789, "¥1,234,567.89"), (100_000, "¥1,000.00")])
    func formatting(fen: Int64, expected: String) {
        #expect(Money(fen: fen).formatted == expected)
    }

    @Test("formatting and parsing round-trip every non-negative amount")
    func formattingRoundTrips() async {
        await propertyCheck(input: Gen.int64(in: 0...999_999_999_999)) { fen in
            #expect(Money.parseYuan(Money(fen: fen).formatted)?.fen == fen)
            #expect(Money.parseYuan(Money(fen: fen).yuanText)?.fen == fen)
        }
    }

    @Test("rates outside 0…10000 bp are not valid configuration")
    func rateRange() {
        #expect(Rate(basisPoints: 0).isValidConfiguredRate)
        #expect(Rate(basisPoints: 10_000).isValidConfiguredRate)
        #expect(!Rate(basisPoints: -1).isValidConfiguredRate)
        #expect(!Rate(basisPoints: 10_001).isValidConfiguredRate)
        #expect(Rate(basisPoints: 500).percentText == "5.00%")
        #expect(Rate(basisPoints: 125).percentText == "1.25%")
    }
}

@Suite("Prices and the prepaid discount spread (RULES §3, §5)")
struct PricingTests {
    @Test("worked example 3: 10 × ¥85.55 with a 200 bp prepaid discount")
    func workedExampleThree() {
        // given B's purchase of 10 × ¥85.55 at the 200 bp tier
        let lines = [OrderPricing.Line(quantity: 10, unitPrice: Money(fen: 8_555))]
        // when the order is priced
        let amounts = OrderPricing.net(lines, discountRate: Rate(basisPoints: 200))
        // then gross, discount and net are RULES' figures
        #expect(amounts.gross.fen == 85_550)
        #expect(amounts.discount.fen == 1_711)
        #expect(amounts.net.fen == 83_839)
    }

    @Test("worked example 1: 3 × ¥33.33 + 1 × ¥50.00 nets 14,999 fen")
    func workedExampleOne() {
        let lines = [OrderPricing.Line(quantity: 3, unitPrice: Money(fen: 3_333)), OrderPricing.Line(quantity: 1, unitPrice: Money(fen: 5_000))]
        #expect(OrderPricing.net(lines, discountRate: .zero).net.fen == 14_999)
    }

    @Test("a level's purchase price and the list price are chosen by order kind")
    func unitPrices() {
        let prices = ProductPrices(
            listPrice: Money(fen: 1_000), level1Price: Money(fen: 600), level2Price: Money(fen: 700), level3Price: Money(fen: 800))
        #expect(prices.unitPrice(purchaseByLevel: 1).fen == 600)
        #expect(prices.unitPrice(purchaseByLevel: 2).fen == 700)
        #expect(prices.unitPrice(purchaseByLevel: 3).fen == 800)
        #expect(prices.unitPrice(purchaseByLevel: nil).fen == 1_000)
    }

    @Test(
        "discount shares follow the largest remainder, ties to the first line",
        arguments: [
            (Int64(10), [Int64(100), 100, 100], [Int64(4), 3, 3]),
            (Int64(1), [Int64(50), 50], [Int64(1), 0]),
            (Int64(1_711), [Int64(85_550)], [Int64(1_711)]),
            (Int64(7), [Int64(1), 2, 4], [Int64(1), 2, 4]),
            (Int64(5), [Int64(0), 10, 10], [Int64(0), 3, 2]),
            (Int64(0), [Int64(10), 20], [Int64(0), 0]),
        ])
    func discountShares(discount: Int64, lines: [Int64], expected: [Int64]) {
        #expect(DiscountAllocation.shares(of: Money(fen: discount), over: lines.map(Money.init(fen:))).map(\.fen) == expected)
    }

    @Test("discount shares always add up to the discount, each within one fen of its exact share")
    func discountSharesAddUp() async {
        await propertyCheck(input: Gen.int64(in: 0...100_000).array(of: 1...12), Gen.int64(in: 0...10_000)) { lines, basisPoints in
            let gross = lines.reduce(0, +)
            let discount = Money(fen: gross).percentage(Rate(basisPoints: basisPoints))
            let shares = DiscountAllocation.shares(of: discount, over: lines.map(Money.init(fen:)))
            #expect(shares.map(\.fen).reduce(0, +) == discount.fen)
            for (line, share) in zip(lines, shares) where gross > 0 {
                let exactTimesGross = discount.fen * line
                #expect(share.fen * gross >= exactTimesGross - gross)
                #expect(share.fen * gross <= exactTimesGross + gross)
                #expect(share.fen <= line)
            }
            // The line bases add up to the net amount exactly.
            #expect(zip(lines, shares).map { $0 - $1.fen }.reduce(0, +) == gross - discount.fen)
        }
    }
}
