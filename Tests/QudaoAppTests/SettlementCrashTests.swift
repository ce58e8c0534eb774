import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@Suite("Settlement survives being killed")
struct SettlementCrashTests {
    @Test(
        "killing a real qudao settle process at several points and running it again settles every partner exactly once", arguments: Backend.available)
    func killedAndRerun(_ backend: Backend) async throws {
        // given 15 level-1 partners, each with a completed October referral order
        let (database, url) = try await TestDatabase.makeWithURL(backend)
        let clock = TestClock(start: shanghai(2026, 10, 1))
        let platform = Platform(database: database, clock: clock, cipher: TestDatabase.cipher, passwordCost: 4, logger: database.logger)
        let products = ProductService(platform: platform)
        let category = try await products.createCategory(Fixtures.hq(), name: "测试", sortOrder: .integer(1))
        _ = try await products.create(
            Fixtures.hq(),
            ProductInput(
                sku: "CR-1", name: "CR-1", category: category.id, unit: "件", packSize: .integer(1), listPrice: .fen(.integer(14_999)),
                level1Price: .fen(.integer(9_000)), level2Price: .fen(.integer(10_000)), level3Price: .fen(.integer(11_000))))
        _ = try await StockService(platform: platform).record(Fixtures.hq(), product: "CR-1", quantity: .integer(1_000), adjustment: false, note: nil)
        let orders = OrderService(platform: platform)
        for index in 1...15 {
            let partner = try await PartnerService(platform: platform).create(
                Fixtures.hq(), Fixtures.partnerInput(code: String(format: "CR-%02d", index)))
            let (order, _) = try await orders.placeReferralOrder(
                referralCode: partner.referralCode, lines: [OrderLineInput(product: "CR-1", quantity: .integer(Int64(index)))],
                consumer: ShippingInput(name: "顾客", phone: "13700000000", province: "广东省", city: "深圳市", detail: "1 号"),
                actor: .consumer(sourceIP: "198.51.100.1"),
                createdBy: "consumer")
            _ = try await orders.confirmPayment(Fixtures.hq(.finance), orderId: order.id, paymentReference: "PAY-CR-\(index)")
            _ = try await orders.ship(Fixtures.hq(.operations), orderId: order.id, carrier: "EMS", trackingNumber: "EMS-CR-\(index)")
            _ = try await orders.markDelivered(Fixtures.hq(.operations), orderId: order.id, trackingNumber: nil, proof: nil)
            _ = try await orders.confirmReceipt(Fixtures.hq(.operations), orderId: order.id)
        }
        _ = try await ScheduledJobs(platform: platform).runDue(until: shanghai(2026, 10, 31), testClock: clock)
        let environment = ["QUDAO_DATA_KEY": TestDatabase.dataKeyHex, "QUDAO_LOG_LEVEL": "error"]
        let command = [ChildProcess.qudaoBinary, "settle", "--month", "2026-10", "--database-url", url]
        func statementCount() async throws -> Int64 {
            try await database.read {
                try await $0.statements(partnerId: nil, month: "2026-10", status: nil, page: PageRequest(pageNumber: 1, pageSize: 1)).totalCount
            }
        }
        // when the process is killed after its 1st partner, then (resumed) after 6 more, then after 6 more
        // (a resumed run only sees the partners still to settle)
        var settled: Int64 = 0
        for crashAfter in [1, 6, 6] {
            let outcome = try ChildProcess.run(
                command, environment: environment.merging(["QUDAO_SETTLE_CRASH_AFTER": String(crashAfter)]) { _, new in new })
            #expect(outcome.signal == SIGKILL, "expected the run to be killed after \(crashAfter): \(outcome.output)")
            settled += Int64(crashAfter)
            #expect(try await statementCount() == settled)
            #expect(try await InvariantChecker.check(database).violations.isEmpty)
        }
        // then a run to the end completes it, and one more changes nothing
        let finished = try ChildProcess.run(command, environment: environment)
        #expect(finished.exitStatus == 0, "\(finished.output)")
        #expect(finished.output.contains("Settled 2026-10"))
        let again = try ChildProcess.run(command, environment: environment)
        #expect(again.exitStatus == 0 && again.output.contains("already settled"), "\(again.output)")
        let statements = try await database.read {
            try await $0.statements(partnerId: nil, month: "2026-10", status: nil, page: PageRequest(pageNumber: 1, pageSize: 50))
        }
        #expect(statements.totalCount == 15)
        // each partner's statement is pct(index × 14,999, 500): nothing twice, nothing missing
        let expected = Set((1...15).map { Money(fen: Int64($0) * 14_999).percentage(Rate(basisPoints: 500)).fen })
        #expect(Set(statements.items.map(\.net.fen)) == expected)
        #expect(try await InvariantChecker.check(database).violations.isEmpty)
        await database.close()
    }
}
