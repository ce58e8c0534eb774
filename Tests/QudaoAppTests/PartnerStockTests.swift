import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

extension MoneyWorld {
    /// C buys `quantity` of the product from prepaid; HQ ships and delivers it.
    @discardableResult
    func deliveredPurchase(_ quantity: Int64, deliver: Bool = true) async throws -> OrderRecord {
        let orders = OrderService(platform: platform)
        let order = try await orders.placePurchaseOrder(
            owner(c), lines: [OrderLineInput(product: product.sku, quantity: .integer(quantity))], shipping: ShippingInput())
        _ = try await orders.ship(Fixtures.hq(.operations), orderId: order.id, carrier: "EMS", trackingNumber: "EMS\(order.number.suffix(7))")
        if deliver { _ = try await orders.markDelivered(Fixtures.hq(.operations), orderId: order.id, trackingNumber: nil, proof: nil) }
        return order
    }

    func partnerOnHand(_ partner: PartnerRecord) async throws -> Int64 {
        try await platform.database.read { try await $0.partnerOnHand(partnerId: partner.id, productId: product.id) }
    }

    func sellOut(_ quantity: Int64, on day: String? = nil) -> [SellOutLineInput] {
        [SellOutLineInput(product: product.sku, quantity: .integer(quantity), soldOn: day)]
    }
}

@Suite("Partner stock and sell-out")
struct PartnerStockTests {
    @Test("delivery raises the partner's stock, sell-out and counts move it, every movement is kept", arguments: Backend.available)
    func movements(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 2_000_000)
        let stock = PartnerStockService(platform: world.platform)
        // paid and shipped: in transit, not on hand
        let order = try await world.deliveredPurchase(12, deliver: false)
        var levels = try await stock.stock(world.owner(world.c), partnerId: nil, search: nil, page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(levels.levels.items.map(\.inTransit) == [12])
        #expect(levels.levels.items.map(\.onHand) == [0])
        _ = try await OrderService(platform: world.platform).markDelivered(
            Fixtures.hq(.operations), orderId: order.id, trackingNumber: nil, proof: nil)
        #expect(try await world.partnerOnHand(world.c) == 12)
        world.clock.advance(seconds: 86_400)
        let report = try await stock.reportSellOut(world.owner(world.c), lines: world.sellOut(5), source: .manual)
        #expect(report.unitCount == 5 && report.number.hasPrefix("SO-"))
        let counted = try await stock.count(
            world.owner(world.c), partnerId: nil, product: world.product.sku, counted: .integer(6), reason: "月末盘点少一瓶")
        #expect(counted.quantity == -1 && counted.onHandAfter == 6 && counted.reason == "月末盘点少一瓶")
        levels = try await stock.stock(world.owner(world.c), partnerId: nil, search: nil, page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(levels.levels.items.map(\.onHand) == [6])
        #expect(levels.levels.items.map(\.inTransit) == [0])
        let history = try await stock.movements(world.owner(world.c), partnerId: nil, product: nil, page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(history.items.map(\.kind) == [.count, .sellOut, .delivery])
        #expect(history.items.map(\.quantity) == [-1, -5, 12])
        #expect(history.items.map(\.onHandAfter) == [6, 7, 12])
        #expect(try await world.verify().isEmpty)
    }

    @Test("bad sell-out input is refused line by line and nothing is written", arguments: Backend.available)
    func badInput(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 2_000_000)
        try await world.deliveredPurchase(10)
        let stock = PartnerStockService(platform: world.platform)
        let today = BusinessTime.dayText(world.clock.now())
        let tomorrow = BusinessTime.dayText(world.clock.now().addingTimeInterval(86_400))
        let lines = [
            SellOutLineInput(product: "NO-SUCH", quantity: .integer(1), soldOn: today),
            SellOutLineInput(product: world.product.sku, quantity: .integer(-2), soldOn: today),
            SellOutLineInput(product: world.product.sku, quantity: .notWhole, soldOn: today),
            SellOutLineInput(product: world.product.sku, quantity: .integer(1), soldOn: tomorrow),
            SellOutLineInput(product: world.product.sku, quantity: .integer(1), soldOn: "2026-02-30"),
            SellOutLineInput(product: "", quantity: .missing, soldOn: nil),
        ]
        do {
            _ = try await stock.reportSellOut(world.owner(world.c), lines: lines, source: .api)
            Issue.record("bad lines were accepted")
        } catch AppError.validation(let failure) {
            #expect(
                failure.errors.map(\.field) == [
                    "lines[0].productId", "lines[1].quantity", "lines[2].quantity", "lines[3].soldOn", "lines[4].soldOn", "lines[5].productId",
                    "lines[5].quantity",
                ])
        }
        // more than on hand, spread over two lines: named on the product's first line
        do {
            _ = try await stock.reportSellOut(world.owner(world.c), lines: world.sellOut(6) + world.sellOut(5), source: .manual)
            Issue.record("a sale beyond the stock was accepted")
        } catch AppError.validation(let failure) {
            #expect(failure.errors.map(\.field) == ["lines[0].quantity"])
        }
        // a count needs a reason and a whole, non-negative figure
        await #expect(throws: AppError.self) {
            _ = try await stock.count(world.owner(world.c), partnerId: nil, product: world.product.sku, counted: .integer(-1), reason: " ")
        }
        #expect(try await world.partnerOnHand(world.c) == 10)
        #expect(try await stock.reports(world.owner(world.c), partnerId: nil, page: PageRequest(pageNumber: 1, pageSize: 10)).totalCount == 0)
        #expect(try await world.verify().isEmpty)
    }

    @Test("concurrent sell-out reports never take the stock below zero", arguments: Backend.available)
    func concurrentReports(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 2_000_000)
        try await world.deliveredPurchase(12)
        let stock = PartnerStockService(platform: world.platform)
        let caller = world.owner(world.c)
        let lines = world.sellOut(3)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask { (try? await stock.reportSellOut(caller, lines: lines, source: .api)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 4)
        #expect(try await world.partnerOnHand(world.c) == 0)
        #expect(try await world.verify().isEmpty)
    }

    @Test("a file's rows map by header, Excel day numbers are dates, and errors name the file's rows", arguments: Backend.available)
    func fileImport(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 2_000_000)
        try await world.deliveredPurchase(20)
        let stock = PartnerStockService(platform: world.platform)
        world.clock.set(BusinessTime.startOfDay("2026-11-21")!.addingTimeInterval(10 * 3_600))
        let bad = [["销售日期", "商品编码", "数量"], ["2026-11-20", world.product.sku, "2"], [], ["2026-11-20", world.product.sku, "1.5"]]
        do {
            _ = try await stock.importSellOut(world.owner(world.c), rows: bad, fileName: "sales.csv")
            Issue.record("a fractional quantity was accepted")
        } catch AppError.validation(let failure) {
            #expect(failure.errors.map(\.field) == ["rows[4].quantity"])
        }
        let good = [["SKU", "数量", "日期"], [world.product.sku, "2", "46346"], [world.product.sku, "3", "2026/11/19"]]
        let report = try await stock.importSellOut(world.owner(world.c), rows: good, fileName: "sales.xlsx")
        #expect(report.source == .file && report.unitCount == 5 && report.fileName == "sales.xlsx")
        let candidates = try await world.platform.database.read {
            try await $0.replenishmentCandidates(partnerId: world.c.id, firstDay: "2026-11-01", lastDay: "2026-11-30", limit: 10)
        }
        #expect(candidates.map(\.dailySales) == [["2026-11-20": 2, "2026-11-19": 3]])
        await #expect(throws: AppError.self) {
            _ = try await stock.importSellOut(world.owner(world.c), rows: [["名称", "备注"]], fileName: "wrong.csv")
        }
    }

    @Test("a partner sees only its own stock: not its upline's, not its downline's; HQ sees any", arguments: Backend.available)
    func access(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 2_000_000)
        try await world.deliveredPurchase(12)
        let stock = PartnerStockService(platform: world.platform)
        let page = PageRequest(pageNumber: 1, pageSize: 10)
        for (viewer, target) in [(world.b, world.c), (world.c, world.b), (world.d, world.c)] {
            await #expect(throws: AppError.self) { _ = try await stock.stock(world.owner(viewer), partnerId: target.id, search: nil, page: page) }
            await #expect(throws: AppError.self) {
                _ = try await stock.movements(world.owner(viewer), partnerId: target.id, product: nil, page: page)
            }
        }
        let seen = try await stock.stock(Fixtures.hq(.viewer), partnerId: world.c.code, search: nil, page: page)
        #expect(seen.levels.items.map(\.onHand) == [12])
        // a clerk without ordering rights may look but not report
        let clerk = Fixtures.partnerCaller(world.c, owner: false, permissions: [.financeView], accountId: "acc_clerk")
        #expect(try await stock.stock(clerk, partnerId: nil, search: nil, page: page).levels.items.count == 1)
        await #expect(throws: AppError.self) { _ = try await stock.reportSellOut(clerk, lines: world.sellOut(1), source: .manual) }
    }

    @Test("goods returned to HQ leave the partner's stock, never below zero", arguments: Backend.available)
    func returns(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 2_000_000)
        let order = try await world.deliveredPurchase(10)
        let stock = PartnerStockService(platform: world.platform)
        _ = try await stock.reportSellOut(world.owner(world.c), lines: world.sellOut(8), source: .manual)
        let orders = OrderService(platform: world.platform)
        let request = try await orders.requestReturn(world.owner(world.c), orderId: order.id, quantities: [1: .integer(4)], reason: "破损")
        _ = try await orders.approveReturn(Fixtures.hq(.operations), returnId: request.id)
        _ = try await orders.receiveReturnedGoods(Fixtures.hq(.operations), returnId: request.id)
        // 2 were left of the 4 sent back; the other 2 were already reported sold
        #expect(try await world.partnerOnHand(world.c) == 0)
        let history = try await stock.movements(world.owner(world.c), partnerId: nil, product: nil, page: PageRequest(pageNumber: 1, pageSize: 1))
        #expect(history.items.first?.kind == .return && history.items.first?.quantity == -2)
        #expect(try await world.verify().isEmpty)
    }
}
