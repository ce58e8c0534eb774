import Foundation
import PropertyBased
import QudaoCore
import Testing

@Suite("Commission engine and settlement planning (RULES §5, §7)")
struct CommissionTests {
    static let rule = CommissionRule.defaults()
    // Tree: HQ → A → B → C.
    static let path = "/a/b/c/"
    static let everyone: Set<String> = ["a", "b", "c"]
    static let exampleLines = [
        CommissionLine(lineNumber: 1, unitPrice: Money(fen: 3_333), quantity: 3, keptQuantity: 3, override: nil),
        CommissionLine(lineNumber: 2, unitPrice: Money(fen: 5_000), quantity: 1, keptQuantity: 1, override: nil),
    ]

    static func amounts(
        _ lines: [CommissionLine], kind: OrderKind = .referral, active: Set<String> = everyone, discount: Rate = .zero
    ) -> [String: Int64] {
        let chain = CommissionEngine.chain(pathAtPayment: path, kind: kind, activePartnerIds: active)
        var result: [String: Int64] = [:]
        for (beneficiary, explanation) in CommissionEngine.compute(lines: lines, discountRate: discount, beneficiaries: chain, rule: rule) {
            result[beneficiary.partnerId] = explanation.amount.fen
        }
        return result
    }

    @Test("worked example 1: a referral order of 14,999 fen pays C 750, B 450, A 300")
    func workedExampleOne() {
        #expect(Self.amounts(Self.exampleLines) == ["c": 750, "b": 450, "a": 300])
        let chain = CommissionEngine.chain(pathAtPayment: Self.path, kind: .referral, activePartnerIds: Self.everyone)
        #expect(chain.map(\.partnerId) == ["c", "b", "a"] && chain.map(\.position) == [1, 2, 3])
    }

    @Test("worked example 2: returning one ¥33.33 item adjusts C −167, B −100, A −67; returning the rest nets to zero")
    func workedExampleTwo() {
        let original = Self.amounts(Self.exampleLines)
        var kept = Self.exampleLines
        kept[0] = CommissionLine(lineNumber: 1, unitPrice: Money(fen: 3_333), quantity: 3, keptQuantity: 2, override: nil)
        let afterFirst = Self.amounts(kept)
        #expect(afterFirst == ["c": 583, "b": 350, "a": 233])
        #expect(afterFirst.mapValues { $0 }.merging(original) { after, before in after - before } == ["c": -167, "b": -100, "a": -67])
        let nothing = Self.exampleLines.map {
            CommissionLine(lineNumber: $0.lineNumber, unitPrice: $0.unitPrice, quantity: $0.quantity, keptQuantity: 0, override: nil)
        }
        let afterAll = Self.amounts(nothing)
        #expect(afterAll == ["c": 0, "b": 0, "a": 0])
        #expect(afterAll.merging(afterFirst) { after, before in after - before } == ["c": -583, "b": -350, "a": -233])
    }

    @Test("worked example 3: A earns 4,192 on B's discounted purchase; B earns nothing on its own purchase")
    func workedExampleThree() {
        let path = "/a/b/"
        let chain = CommissionEngine.chain(pathAtPayment: path, kind: .purchase, activePartnerIds: ["a", "b"])
        #expect(chain.map(\.partnerId) == ["a"])
        let result = CommissionEngine.compute(
            lines: [CommissionLine(lineNumber: 1, unitPrice: Money(fen: 8_555), quantity: 10, keptQuantity: 10, override: nil)],
            discountRate: Rate(basisPoints: 200), beneficiaries: chain, rule: Self.rule)
        #expect(result.map(\.explanation.amount.fen) == [4_192])
        #expect(result.first?.explanation.lines.first?.base.fen == 83_839)
        #expect(result.first.map(\.explanation.total) == Int64(41_919_500))
    }

    @Test("worked example 5: ¥100,000.00 of sales earns no bonus; one fen more earns 100,000 fen")
    func workedExampleFive() {
        #expect(Self.rule.monthlyBonus(sales: Money(fen: 10_000_000)) == .zero)
        #expect(Self.rule.monthlyBonus(sales: Money(fen: 10_000_001)).fen == 100_000)
    }

    @Test("worked example 6: October settlement on 15 November")
    func workedExampleSix() {
        func day(_ month: Int, _ day: Int) -> Date { BusinessTime.calendar.date(from: DateComponents(year: 2026, month: month, day: day, hour: 12))! }
        let october = BusinessMonth(year: 2026, month: 10)
        let minimum = Money(fen: 100)
        // C: +750 (20 Oct), −120 clawback (25 Oct), +60 (2 Nov): the statement is 630; +60 waits
        let c = SettlementPlanner.plan(
            candidates: [
                .init(id: "c1", amount: Money(fen: 750), settleableAt: day(10, 20)),
                .init(id: "c2", amount: Money(fen: -120), settleableAt: day(10, 25)),
                .init(id: "c3", amount: Money(fen: 60), settleableAt: day(11, 2)),
            ], monthEnd: october.end, minimumPayout: minimum)
        #expect(c == .statement(net: Money(fen: 630), recordIds: ["c1", "c2"]))
        // D: only +50, under ¥1.00: carried
        #expect(
            SettlementPlanner.plan(
                candidates: [.init(id: "d1", amount: Money(fen: 50), settleableAt: day(10, 10))], monthEnd: october.end, minimumPayout: minimum)
                == .carryOver(net: Money(fen: 50)))
        // E: only −200: carried; in November E earns +500 and is paid 300
        let e1 = SettlementPlanner.Candidate(id: "e1", amount: Money(fen: -200), settleableAt: day(10, 5))
        #expect(SettlementPlanner.plan(candidates: [e1], monthEnd: october.end, minimumPayout: minimum) == .carryOver(net: Money(fen: -200)))
        let november = SettlementPlanner.plan(
            candidates: [e1, .init(id: "e2", amount: Money(fen: 500), settleableAt: day(11, 20))], monthEnd: october.next.end, minimumPayout: minimum)
        #expect(november == .statement(net: Money(fen: 300), recordIds: ["e1", "e2"]))
        #expect(october.settlementRunTime(day: 15) == BusinessTime.calendar.date(from: DateComponents(year: 2026, month: 11, day: 15, hour: 2)))
    }

    @Test("an inactive beneficiary's position earns nothing and nobody takes it")
    func inactiveBeneficiary() {
        #expect(Self.amounts(Self.exampleLines, active: ["a", "c"]) == ["c": 750, "a": 300])
    }

    @Test("a product's own rates replace the rule's for its lines; 0 excludes it")
    func overrides() {
        var lines = Self.exampleLines
        lines[1] = CommissionLine(
            lineNumber: 2, unitPrice: Money(fen: 5_000), quantity: 1, keptQuantity: 1,
            override: CommissionOverride(rate1: Rate(basisPoints: 1_000), rate2: .zero, rate3: .zero))
        // C: 9,999 × 500 + 5,000 × 1,000 = 9,999,500 → 999.95 → 1,000; B: 9,999 × 300 → 299.97 → 300; A: 9,999 × 200 → 199.98 → 200
        #expect(Self.amounts(lines) == ["c": 1_000, "b": 300, "a": 200])
    }

    @Test("any sequence of partial returns that returns everything nets every beneficiary to zero")
    func returnsNetToZero() async {
        await propertyCheck(
            input: Gen.int64(in: 1...80_000).array(of: 1...5), Gen.int64(in: 1...9), Gen.int64(in: 0...1_000), Gen.int(in: 1...4)
        ) { prices, quantity, discount, steps in
            var lines = prices.enumerated().map {
                CommissionLine(
                    lineNumber: $0.offset + 1, unitPrice: Money(fen: $0.element), quantity: quantity, keptQuantity: quantity, override: nil)
            }
            let rate = Rate(basisPoints: discount)
            var booked = Self.amounts(lines, discount: rate)
            for step in 0..<steps {
                lines = lines.enumerated().map { index, line in
                    let give = step == steps - 1 ? line.keptQuantity : min(line.keptQuantity, Int64((index + step) % 3))
                    return CommissionLine(
                        lineNumber: line.lineNumber, unitPrice: line.unitPrice, quantity: line.quantity, keptQuantity: line.keptQuantity - give,
                        override: nil)
                }
                let now = Self.amounts(lines, discount: rate)
                for (partner, amount) in now { booked[partner, default: 0] += amount - (booked[partner] ?? 0) }
                booked = booked.merging(now) { _, new in new }
            }
            #expect(booked.values.allSatisfy { $0 == 0 })
        }
    }

    @Test("the sum of adjustments is exactly the difference between amounts on kept quantities")
    func adjustmentsTelescope() async {
        await propertyCheck(input: Gen.int64(in: 1...50_000).array(of: 1...4), Gen.int64(in: 2...8)) { prices, quantity in
            let full = prices.enumerated().map {
                CommissionLine(
                    lineNumber: $0.offset + 1, unitPrice: Money(fen: $0.element), quantity: quantity, keptQuantity: quantity, override: nil)
            }
            let half = full.map {
                CommissionLine(
                    lineNumber: $0.lineNumber, unitPrice: $0.unitPrice, quantity: $0.quantity, keptQuantity: $0.quantity / 2, override: nil)
            }
            let none = full.map {
                CommissionLine(lineNumber: $0.lineNumber, unitPrice: $0.unitPrice, quantity: $0.quantity, keptQuantity: 0, override: nil)
            }
            let a = Self.amounts(full)
            let b = Self.amounts(half)
            let c = Self.amounts(none)
            for partner in a.keys {
                let original = a[partner] ?? 0
                let firstAdjustment = (b[partner] ?? 0) - original
                let secondAdjustment = (c[partner] ?? 0) - (b[partner] ?? 0)
                #expect(original + firstAdjustment + secondAdjustment == 0)
            }
        }
    }

    @Test("rule validation: rates, the cap, increasing bonus tiers, the settlement day")
    func ruleValidation() {
        var rule = CommissionRule.defaults()
        #expect(rule.problems().isEmpty)
        rule.rates = [Rate(basisPoints: 2_000), Rate(basisPoints: 800), Rate(basisPoints: 300)]
        #expect(rule.problems().map(\.field) == ["rate1Bp"])
        rule.rates = [Rate(basisPoints: -1), Rate(basisPoints: 10_001), .zero]
        rule.capBasisPoints = 10_000
        #expect(Set(rule.problems().map(\.field)) == ["rate1Bp", "rate2Bp"])
        rule = CommissionRule.defaults()
        rule.bonusTiers = [
            Tier(threshold: Money(fen: 200), rate: Rate(basisPoints: 100)), Tier(threshold: Money(fen: 100), rate: Rate(basisPoints: 200)),
        ]
        rule.settlementDay = 31
        #expect(Set(rule.problems().map(\.field)) == ["bonusTiers[1].thresholdFen", "settlementDay"])
    }

    @Test("business months: parsing, boundaries in Shanghai time, the run time")
    func months() {
        let month = BusinessMonth("2026-10")
        #expect(month?.description == "2026-10")
        #expect(BusinessMonth("2026-13") == nil && BusinessMonth("26-10") == nil)
        #expect(
            month?.next == BusinessMonth(year: 2026, month: 11) && BusinessMonth(year: 2026, month: 12).next == BusinessMonth(year: 2027, month: 1))
        // 2026-10-31 23:30 in Shanghai is still October, though it is 15:30 UTC
        let lateOctober = BusinessTime.calendar.date(from: DateComponents(year: 2026, month: 10, day: 31, hour: 23, minute: 30))!
        #expect(BusinessMonth(containing: lateOctober) == month)
        #expect(month!.end.timeIntervalSince(lateOctober) == 1_800)
    }
}
