import Foundation
import PropertyBased
import QudaoCore
import Testing

@Suite("Order lifecycle and money rules (RULES §4, §6)")
struct OrderRulesTests {
    static let legal: [OrderStatus: [OrderEvent: OrderStatus]] = [
        .pendingPayment: [.pay: .paid, .cancel: .cancelled],
        .paid: [.ship: .shipped, .cancel: .cancelled],
        .shipped: [.deliver: .delivered],
        .delivered: [.receive: .received],
        .received: [.complete: .completed],
        .completed: [:],
        .cancelled: [:],
    ]

    @Test("every status × event pair is legal exactly where RULES §4 says", arguments: OrderStatus.allCases)
    func transitions(status: OrderStatus) {
        for event in OrderEvent.allCases {
            #expect(OrderStateMachine.next(after: status, on: event) == Self.legal[status]?[event], "\(status) on \(event)")
        }
    }

    @Test("returns are asked for only once the goods arrived and before completion")
    func returnWindow() {
        #expect(OrderStatus.allCases.filter(OrderStateMachine.acceptsReturnRequest) == [.delivered, .received])
        #expect(ReturnStatus.allCases.filter(\.isOpen) == [.requested, .approved, .received])
        #expect(ReturnStatus.requested.allowedNext == [.approved, .rejected])
        #expect(ReturnStatus.refunded.allowedNext.isEmpty)
    }

    @Test("worked example 4: a ¥100,000.00 top-up earns a 100,000 fen rebate; one fen less earns none")
    func workedExampleFour() {
        let rules = PrepaidRules.defaults
        #expect(rules.bonus(forTopUp: Money(fen: 10_000_000)).fen == 100_000)
        #expect(rules.bonus(forTopUp: Money(fen: 9_999_999)).fen == 0)
        #expect(rules.bonus(forTopUp: Money(fen: 12_345_678)).fen == 123_457)
    }

    @Test("worked example 3: ¥60,000 of top-ups give 200 bp; 10 × ¥85.55 nets 83,839")
    func workedExampleThree() {
        let rules = PrepaidRules.defaults
        let rate = rules.discountRate(forTopUpsInWindow: Money(fen: 6_000_000))
        #expect(rate.basisPoints == 200)
        #expect(rules.discountRate(forTopUpsInWindow: Money(fen: 4_999_999)) == .zero)
        #expect(rules.discountRate(forTopUpsInWindow: Money(fen: 5_000_000)).basisPoints == 200)
        let amounts = OrderAmounts(lines: [AmountLine(unitPrice: Money(fen: 8_555), quantity: 10)], discountRate: rate)
        #expect(amounts.gross.fen == 85_550 && amounts.discount.fen == 1_711 && amounts.net.fen == 83_839)
        // the posting debits the partner the net, books the discount, and the revenue at gross
        let posting = Postings.purchasePayment(partnerId: "b", amounts: amounts, reference: "order")
        #expect(posting?.prepaidChange(partnerId: "b").fen == -83_839)
        #expect(posting?.amount.fen == 85_550)
    }

    @Test("the highest tier reached applies, and tiers must strictly increase")
    func tiers() {
        var rules = PrepaidRules.defaults
        rules.discountTiers = [
            Tier(threshold: Money(fen: 100), rate: Rate(basisPoints: 100)), Tier(threshold: Money(fen: 200), rate: Rate(basisPoints: 300)),
        ]
        #expect(rules.discountRate(forTopUpsInWindow: Money(fen: 250)).basisPoints == 300)
        #expect(rules.discountRate(forTopUpsInWindow: Money(fen: 150)).basisPoints == 100)
        #expect(rules.problems().isEmpty)
        rules.discountTiers = [
            Tier(threshold: Money(fen: 200), rate: Rate(basisPoints: 100)), Tier(threshold: Money(fen: 200), rate: Rate(basisPoints: 20_000)),
        ]
        #expect(Set(rules.problems().map(\.field)) == ["discountTiers[1].thresholdFen", "discountTiers[1].rateBp"])
    }

    @Test("a full cancellation or return refunds exactly the net amount")
    func fullRefund() {
        let lines = [AmountLine(unitPrice: Money(fen: 3_333), quantity: 3), AmountLine(unitPrice: Money(fen: 5_000), quantity: 1)]
        let none = lines.map { AmountLine(unitPrice: $0.unitPrice, quantity: $0.quantity, keptQuantity: 0) }
        let refund = RefundAmounts(before: lines, after: none, discountRate: Rate(basisPoints: 200))
        let amounts = OrderAmounts(lines: lines, discountRate: Rate(basisPoints: 200))
        #expect(refund.net == amounts.net && refund.gross == amounts.gross && refund.discount == amounts.discount)
    }

    @Test("any sequence of partial returns that returns everything refunds exactly the net amount")
    func partialReturnsAddUp() async {
        await propertyCheck(
            input: Gen.int64(in: 1...50_000).array(of: 1...6), Gen.int64(in: 1...12), Gen.int64(in: 0...10_000), Gen.int(in: 1...5)
        ) { prices, quantity, basisPoints, steps in
            let rate = Rate(basisPoints: basisPoints)
            var kept = prices.map { AmountLine(unitPrice: Money(fen: $0), quantity: quantity) }
            let net = OrderAmounts(lines: kept, discountRate: rate).net
            var refunded = Money.zero
            for step in 0..<steps {
                let next = kept.enumerated().map { index, line in
                    let give = step == steps - 1 ? line.keptQuantity : Int64((index + step) % 2) * min(1, line.keptQuantity)
                    return AmountLine(unitPrice: line.unitPrice, quantity: line.quantity, keptQuantity: line.keptQuantity - give)
                }
                let refund = RefundAmounts(before: kept, after: next, discountRate: rate)
                #expect(refund.net.fen >= 0 && refund.net == refund.gross - refund.discount)
                refunded = refunded + refund.net
                kept = next
            }
            #expect(refunded == net)
        }
    }

    @Test("every posting balances; a prepaid debit never exceeds what it names")
    func postingsBalance() async {
        await propertyCheck(input: Gen.int64(in: 1...10_000_000), Gen.int64(in: 0...10_000)) { gross, basisPoints in
            let amounts = OrderAmounts(lines: [AmountLine(unitPrice: Money(fen: gross), quantity: 1)], discountRate: Rate(basisPoints: basisPoints))
            guard let posting = Postings.purchasePayment(partnerId: "p", amounts: amounts, reference: "o") else { return }
            let debits = posting.entries.filter { $0.direction == .debit }.map(\.amount).sum()
            let credits = posting.entries.filter { $0.direction == .credit }.map(\.amount).sum()
            #expect(debits == credits && debits == amounts.gross)
            #expect(posting.prepaidChange(partnerId: "p") == -amounts.net)
        }
    }

    @Test(
        "quantities must be positive, whole multiples of the pack size",
        arguments: [
            (IntegerInput.integer(12), Int64(6), FieldError.Problem?.none), (.integer(0), 6, .outOfRange(minimum: 1, maximum: 100_000)),
            (.integer(-6), 6, .outOfRange(minimum: 1, maximum: 100_000)), (.notWhole, 6, .invalidFormat(expected: .wholeUnits)),
            (.integer(7), 6, .notAllowed(reason: .packMultiple(packSize: 6))), (.missing, 1, .required),
            (.integer(100_001), 1, .outOfRange(minimum: 1, maximum: 100_000)),
        ])
    func quantities(quantity: IntegerInput, packSize: Int64, expected: FieldError.Problem?) {
        #expect(QuantityRule.problem(quantity: quantity, packSize: packSize) == expected)
    }

    @Test("the windows put auto-receipt 10 days after delivery and completion 7 days after receipt")
    func windows() {
        let delivered = Date(timeIntervalSince1970: 1_000_000)
        #expect(OrderWindows.defaults.autoReceiveAt(deliveredAt: delivered).timeIntervalSince(delivered) == 10 * 86_400)
        #expect(OrderWindows.defaults.completeAt(receivedAt: delivered).timeIntervalSince(delivered) == 7 * 86_400)
    }
}
