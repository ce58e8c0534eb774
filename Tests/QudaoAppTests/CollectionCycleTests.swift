import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

/// The collection cycle (回款周期, RULES §8): top-ups from request to confirmation and referral
/// orders from order to payment, as a mean and a 90th percentile in days, beside the previous period.
@Suite("Collection cycle")
struct CollectionCycleTests {
    @Test(
        "the 90th percentile is the nearest rank; days are shown with one decimal, rounded half up",
        arguments: [
            (Int64(1), Int64(0)), (4, 3), (10, 8), (11, 9), (20, 17),
        ] as [(Int64, Int64)])
    func nearestRank(_ count: Int64, _ offset: Int64) {
        #expect(CollectionCycle.percentile90Offset(count: count) == offset)
    }

    @Test("days text", arguments: [(Int64(0), "0.0"), (86_400_000, "1.0"), (129_600_000, "1.5"), (4_320_000, "0.1"), (4_319_999, "0.0")])
    func days(_ milliseconds: Int64, _ text: String) {
        #expect(CollectionCycle.daysText(milliseconds) == text)
    }

    @Test("top-ups and referral orders of the period, against the previous period of the same length", arguments: Backend.available)
    func dashboard(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.exampleProducts()
        let prepaid = PrepaidService(platform: world.platform)
        let finance = Fixtures.hq(.finance)
        // The week before (30 October – 5 November): a top-up confirmed 12 hours after it was asked for.
        world.clock.set(shanghai(2026, 11, 3, 9))
        let early = try await prepaid.requestTopUp(world.owner(world.b), TopUpInput(amount: .fen(.integer(1_000_00)), bankReference: "EARLY-1"))
        world.clock.set(shanghai(2026, 11, 3, 21))
        _ = try await prepaid.confirmTopUp(finance, id: early.id)
        // This week (6 – 12 November): three top-ups asked for on the 5th, confirmed after 1, 2 and 7
        // days, and a referral order paid 6 hours after it was placed.
        world.clock.set(shanghai(2026, 11, 5, 9))
        var requests: [TopUpRecord] = []
        for index in 0..<3 {
            requests.append(
                try await prepaid.requestTopUp(world.owner(world.c), TopUpInput(amount: .fen(.integer(2_000_00)), bankReference: "WEEK-\(index)")))
        }
        world.clock.set(shanghai(2026, 11, 6, 9))
        _ = try await prepaid.confirmTopUp(finance, id: requests[0].id)
        world.clock.set(shanghai(2026, 11, 7, 9))
        _ = try await prepaid.confirmTopUp(finance, id: requests[1].id)
        world.clock.set(shanghai(2026, 11, 10, 10))
        let orders = OrderService(platform: world.platform)
        let (order, _) = try await orders.placeReferralOrder(
            referralCode: world.c.referralCode, lines: [OrderLineInput(product: "EX-3333", quantity: .integer(1))],
            consumer: ShippingInput(name: "顾客", phone: "13700000000", province: "广东省", city: "深圳市", detail: "南山区 1 号"),
            actor: .consumer(sourceIP: "198.51.100.9"), createdBy: "consumer")
        world.clock.set(shanghai(2026, 11, 10, 16))
        _ = try await orders.confirmPayment(finance, orderId: order.id, paymentReference: "PAY-0001")
        world.clock.set(shanghai(2026, 11, 12, 9))
        _ = try await prepaid.confirmTopUp(finance, id: requests[2].id)
        world.clock.set(shanghai(2026, 11, 12, 12))
        let service = DashboardService(platform: world.platform)
        let view = try await service.load(Fixtures.hq(.viewer), filter: try service.filter(["from": "2026-11-06", "to": "2026-11-12"]))
        let hour: Int64 = 3_600_000
        // 24, 48 and 168 hours and 6 hours: the mean is 246 / 4 = 61.5 hours (2.6 days); the nearest
        // rank of 90% of 4 is the 4th, 168 hours.
        #expect(view.collection.count == 4)
        #expect(view.collection.meanMilliseconds == 61 * hour + hour / 2)
        #expect(view.collection.percentile90Milliseconds == 168 * hour)
        #expect(CollectionCycle.daysText(view.collection.meanMilliseconds ?? 0) == "2.6")
        #expect(view.previousCollection.count == 1 && view.previousCollection.percentile90Milliseconds == 12 * hour)
        // A filter narrows it to the partners it names.
        let narrowed = try await service.load(
            Fixtures.hq(.viewer), filter: try service.filter(["from": "2026-11-06", "to": "2026-11-12", "level": "2"]))
        #expect(narrowed.collection.count == 0)
        // The prepaid report shows the same cycle.
        let report = try await ReportService(platform: world.platform).page(
            Fixtures.hq(.viewer), kind: .prepaid, filter: try service.filter(["from": "2026-11-06", "to": "2026-11-12"]),
            page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(report.collection?.current == view.collection && report.collection?.previous == view.previousCollection)
    }
}
