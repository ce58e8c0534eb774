import QudaoCore
import Testing

@Suite("The units people type and read: percentages, tier hints, addresses")
struct PeopleUnitsTests {
    @Test(
        "a percentage typed by a person becomes basis points without floating point",
        arguments: [
            ("5", Int64?.some(500)), ("2.5", 250), ("0.25", 25), ("3%", 300), ("3 %", 300), ("100", 10_000), ("0", 0), ("12.05", 1_205),
            ("1.234", nil), ("-1", nil), ("abc", nil), ("", nil), (".5", nil), ("5.", nil), ("1e2", nil),
        ])
    func percentages(_ text: String, _ basisPoints: Int64?) {
        #expect(Rate.parsePercent(text)?.basisPoints == basisPoints, "\(text)")
    }

    @Test("a rate reads as people say it", arguments: [(Int64(500), "5%"), (250, "2.5%"), (25, "0.25%"), (1_205, "12.05%"), (0, "0%")])
    func shortPercentages(_ basisPoints: Int64, _ text: String) {
        #expect(Rate(basisPoints: basisPoints).shortPercentText == text)
        #expect(Rate.parsePercent(Rate(basisPoints: basisPoints).percentNumberText)?.basisPoints == basisPoints, "round trip")
    }

    @Test(
        "the top-up form says how much more reaches the next purchase-discount tier",
        arguments: [
            // RULES §6 defaults: ≥ ¥50,000.00 → 2 %.
            (Int64(4_900_000), Int64?.some(100_000)), (0, 5_000_000), (5_000_000, nil), (6_000_000, nil),
        ])
    func nextTier(_ topUpsFen: Int64, _ missingFen: Int64?) {
        let next = PrepaidRules.defaults.nextDiscountTier(forTopUpsInWindow: Money(fen: topUpsFen))
        #expect(next?.missing.fen == missingFen)
        if missingFen != nil { #expect(next?.tier.rate == Rate(basisPoints: 200)) }
    }

    @Test("with two tiers, the next one above is named; one already beaten by a reached rate is skipped")
    func nextOfTwoTiers() {
        var rules = PrepaidRules.defaults
        rules.discountTiers = [
            Tier(threshold: Money(fen: 5_000_000), rate: Rate(basisPoints: 200)),
            Tier(threshold: Money(fen: 10_000_000), rate: Rate(basisPoints: 300)),
        ]
        #expect(rules.nextDiscountTier(forTopUpsInWindow: Money(fen: 6_000_000))?.missing.fen == 4_000_000)
        #expect(rules.nextDiscountTier(forTopUpsInWindow: Money(fen: 6_000_000))?.tier.rate.basisPoints == 300)
        #expect(rules.nextDiscountTier(forTopUpsInWindow: Money(fen: 10_000_000)) == nil)
    }

    @Test(
        "an address names the province, city and district once, however the street was typed",
        arguments: [
            (["广东省", "广州市", "广州市示范路11号"], "广东省广州市示范路11号"), (["广东省", "广州市", "广东省广州市天河路1号"], "广东省广州市天河路1号"),
            (["广东省", "广州市", "天河区", "天河路1号"], "广东省广州市天河区天河路1号"), (["浙江省", "杭州市", "西湖区", "杭州市西湖区文三路"], "浙江省杭州市西湖区文三路"),
            (["四川省", "成都市", "", "春熙路"], "四川省成都市春熙路"),
        ])
    func addresses(_ parts: [String], _ line: String) {
        #expect(PostalAddress.line(parts) == line)
    }
}
