import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

/// A small world for the money path: HQ → A → B → C, one product priced so that a level-2
/// purchase matches RULES worked example 3, and plenty of stock.
struct MoneyWorld {
    let platform: Platform
    let clock: TestClock
    let a: PartnerRecord
    let b: PartnerRecord
    let c: PartnerRecord
    /// A level-1 partner in another branch.
    let d: PartnerRecord
    let product: ProductRecord

    static func make(_ backend: Backend, stock: Int64 = 10_000) async throws -> MoneyWorld {
        let (platform, clock) = try await TestDatabase.platform(backend)
        let (a, b, c, d) = try await Fixtures.chain(platform)
        let products = ProductService(platform: platform)
        let category = try await products.createCategory(Fixtures.hq(), name: "保健", sortOrder: .integer(1))
        let product = try await products.create(
            Fixtures.hq(),
            ProductInput(
                sku: "HF-8555", name: "鱼油", category: category.id, unit: "瓶", packSize: .integer(1), listPrice: .fen(.integer(12_000)),
                level1Price: .fen(.integer(7_000)), level2Price: .fen(.integer(8_555)), level3Price: .fen(.integer(10_000))))
        if stock > 0 {
            _ = try await StockService(platform: platform).record(
                Fixtures.hq(), product: product.sku, quantity: .integer(stock), adjustment: false, note: nil)
        }
        return MoneyWorld(platform: platform, clock: clock, a: a, b: b, c: c, d: d, product: product)
    }

    func owner(_ partner: PartnerRecord) -> Caller { Fixtures.partnerCaller(partner) }

    /// Turns the second HQ approver off, for tests of what a payout change or a credit does rather
    /// than of who approves it (the fixtures' HQ callers are not stored accounts a request can name).
    func withoutSecondApprover() async throws {
        try await ApprovalService(platform: platform).setPolicy(
            Fixtures.hq(.admin), ApprovalPolicy(commissionRules: false, payoutAccounts: false, prepaidCreditAbove: nil))
    }

    /// A confirmed top-up of `fen` for `partner`.
    @discardableResult
    func topUp(_ partner: PartnerRecord, fen: Int64, reference: String = "BANK-\(UUID().uuidString.prefix(8))") async throws -> TopUpRecord {
        let prepaid = PrepaidService(platform: platform)
        let request = try await prepaid.requestTopUp(owner(partner), TopUpInput(amount: .fen(.integer(fen)), bankReference: reference))
        return try await prepaid.confirmTopUp(Fixtures.hq(.finance), id: request.id)
    }

    func balance(_ partner: PartnerRecord) async throws -> Int64 {
        try await platform.database.read { try await $0.prepaidBalance(partnerId: partner.id) }.fen
    }

    func stock() async throws -> (onHand: Int64, reserved: Int64) {
        try await platform.database.read { try await $0.stockLevel(productId: product.id) }
    }

    func verify() async throws -> [String] {
        try await InvariantChecker.check(platform.database).violations
    }
}

@Suite("Prepaid deposits and purchase orders")
struct PrepaidAndOrderTests {
    @Test("worked example 4: a ¥100,000.00 top-up is credited with a separate 100,000 fen rebate", arguments: Backend.available)
    func topUpWithRebate(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let confirmed = try await world.topUp(world.a, fen: 10_000_000)
        #expect(confirmed.bonus.fen == 100_000)
        #expect(try await world.balance(world.a) == 10_100_000)
        let statement = try await PrepaidService(platform: world.platform).statement(
            world.owner(world.a), partnerId: nil, filter: StatementFilter(), page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(statement.items.map(\.kind) == [.topUpBonus, .topUp])
        #expect(statement.items.map(\.change.fen) == [100_000, 10_000_000])
        #expect(statement.items.map(\.balanceAfter.fen) == [10_100_000, 10_000_000])
        // confirming again credits nothing more
        await #expect(throws: AppError.self) {
            _ = try await PrepaidService(platform: world.platform).confirmTopUp(Fixtures.hq(.finance), id: confirmed.id)
        }
        #expect(try await world.balance(world.a) == 10_100_000)
        #expect(try await world.verify().isEmpty)
    }

    @Test("worked example 3: B with ¥60,000 of top-ups buys 10 × ¥85.55 for 83,839 fen", arguments: Backend.available)
    func workedExampleThree(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.b, fen: 6_000_000)
        let orders = OrderService(platform: world.platform)
        let quote = try await orders.quote(world.owner(world.b), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(10))])
        #expect(quote.amounts.gross.fen == 85_550 && quote.amounts.discount.fen == 1_711 && quote.amounts.net.fen == 83_839)
        #expect(quote.balanceAfter.fen == 6_000_000 - 83_839)
        let order = try await orders.placePurchaseOrder(
            world.owner(world.b), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(10))], shipping: ShippingInput())
        #expect(order.status == .paid && order.net.fen == 83_839 && order.discountRate.basisPoints == 200)
        #expect(order.partnerPathAtPayment == world.b.path)
        #expect(try await world.balance(world.b) == 6_000_000 - 83_839)
        #expect(try await world.stock().reserved == 10)
        #expect(try await world.verify().isEmpty)
    }

    @Test("insufficient balance is a clear error and nothing is reserved, debited or written", arguments: Backend.available)
    func insufficientBalance(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 10_000)
        let ordersBefore = try await Fixtures.count(world.platform, "orders")
        let ledgerBefore = try await Fixtures.count(world.platform, "ledger_transactions")
        await #expect(throws: AppError.insufficientBalance(available: Money(fen: 10_000), required: Money(fen: 20_000))) {
            _ = try await OrderService(platform: world.platform).placePurchaseOrder(
                world.owner(world.c), lines: [OrderLineInput(product: "HF-8555", quantity: .integer(2))], shipping: ShippingInput())
        }
        #expect(try await Fixtures.count(world.platform, "orders") == ordersBefore)
        #expect(try await Fixtures.count(world.platform, "ledger_transactions") == ledgerBefore)
        #expect(try await world.stock().reserved == 0)
        #expect(try await world.balance(world.c) == 10_000)
    }

    @Test("bad lines and top-ups name the field and write nothing", arguments: Backend.available)
    func badInput(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let orders = OrderService(platform: world.platform)
        let offShelf = try await ProductService(platform: world.platform).setOnShelf(Fixtures.hq(), id: world.product.id, onShelf: false)
        #expect(!offShelf.onShelf)
        do {
            _ = try await orders.quote(
                world.owner(world.b),
                lines: [
                    OrderLineInput(product: "HF-8555", quantity: .integer(1)), OrderLineInput(product: "NOPE", quantity: .integer(1)),
                    OrderLineInput(product: nil, quantity: .integer(1)),
                ])
            Issue.record("off-shelf and unknown products were accepted")
        } catch AppError.validation(let failure) {
            #expect(failure.errors.map(\.field) == ["lines[0].productId", "lines[1].productId", "lines[2].productId"])
        }
        _ = try await ProductService(platform: world.platform).setOnShelf(Fixtures.hq(), id: world.product.id, onShelf: true)
        for (quantity, problem) in [
            (IntegerInput.integer(0), FieldError.Problem.outOfRange(minimum: 1, maximum: 100_000)),
            (.integer(-1), .outOfRange(minimum: 1, maximum: 100_000)),
            (.notWhole, .invalidFormat(expected: .wholeUnits)),
        ] {
            await #expect(throws: AppError.invalid("lines[0].quantity", problem)) {
                _ = try await orders.placePurchaseOrder(
                    world.owner(world.b), lines: [OrderLineInput(product: "HF-8555", quantity: quantity)], shipping: ShippingInput())
            }
        }
        let prepaid = PrepaidService(platform: world.platform)
        for (amount, problem) in [
            (AmountInput.fen(.integer(0)), FieldError.Problem.amountOutOfRange(minimumFen: 1, maximumFen: PrepaidRules.defaults.maximumTopUp.fen)),
            (.fen(.integer(-100)), .amountOutOfRange(minimumFen: 1, maximumFen: PrepaidRules.defaults.maximumTopUp.fen)),
            (.fen(.notWhole), .notWholeFen),
            (
                .fen(.integer(PrepaidRules.defaults.maximumTopUp.fen + 1)),
                .amountOutOfRange(minimumFen: 1, maximumFen: PrepaidRules.defaults.maximumTopUp.fen)
            ),
        ] {
            await #expect(throws: AppError.invalid("amountFen", problem)) {
                _ = try await prepaid.requestTopUp(world.owner(world.b), TopUpInput(amount: amount, bankReference: "REF-0001"))
            }
        }
        // A bank reference can be used once by a partner; another partner's same reference is its own
        // (so nobody learns or blocks another's references), and a rejected request frees it.
        _ = try await prepaid.requestTopUp(world.owner(world.b), TopUpInput(amount: .fen(.integer(100)), bankReference: "REF-ONCE"))
        await #expect(throws: AppError.invalid("bankReference", .duplicate)) {
            _ = try await prepaid.requestTopUp(world.owner(world.b), TopUpInput(amount: .fen(.integer(200)), bankReference: "REF-ONCE"))
        }
        _ = try await prepaid.requestTopUp(world.owner(world.c), TopUpInput(amount: .fen(.integer(100)), bankReference: "REF-ONCE"))
        // a proof must be a real image or PDF
        await #expect(throws: AppError.invalid("proof", .invalidFormat(expected: .proofFile))) {
            _ = try await prepaid.requestTopUp(
                world.owner(world.b),
                TopUpInput(
                    amount: .fen(.integer(100)), bankReference: "REF-0002",
                    proof: UploadedFile(fileName: "x.png", contentType: "image/png", content: Data("hello".utf8))))
        }
        #expect(try await Fixtures.count(world.platform, "orders") == 0)
        #expect(try await Fixtures.count(world.platform, "top_ups") == 2)
    }

    @Test("100 concurrent orders against a balance covering 50: exactly 50 paid, 50 refused, balance 0", arguments: Backend.available)
    func concurrentOrders(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        // C (level 3) pays 10,000 fen a unit; no discount below ¥50,000 of top-ups.
        try await world.topUp(world.c, fen: 50 * 10_000)
        let orders = OrderService(platform: world.platform)
        let caller = world.owner(world.c)
        let started = Date()
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    do {
                        _ = try await orders.placePurchaseOrder(
                            caller, lines: [OrderLineInput(product: "HF-8555", quantity: .integer(1))], shipping: ShippingInput())
                        return "paid"
                    } catch AppError.insufficientBalance {
                        return "insufficient"
                    }
                }
            }
            return try await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        }
        let seconds = Date().timeIntervalSince(started)
        print(
            "Concurrent orders on \(backend): \(outcomes["paid"] ?? 0) paid, \(outcomes["insufficient"] ?? 0) refused in \(String(format: "%.2f", seconds)) s"
        )
        #expect(outcomes == ["paid": 50, "insufficient": 50])
        #expect(try await world.balance(world.c) == 0)
        #expect(try await world.stock() == (onHand: 10_000, reserved: 50))
        #expect(try await Fixtures.count(world.platform, "orders") == 50)
        #expect(try await world.verify().isEmpty)
    }

    @Test("a manual debit never takes a balance below zero; a credit needs a reason", arguments: Backend.available)
    func adjustments(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let prepaid = PrepaidService(platform: world.platform)
        #expect(
            try await prepaid.adjust(Fixtures.hq(.finance), partner: world.b.code, amount: .fen(.integer(5_000)), direction: "credit", reason: "补偿运费")
                .applied?.fen == 5_000)
        await #expect(throws: AppError.insufficientBalance(available: Money(fen: 5_000), required: Money(fen: 5_001))) {
            _ = try await prepaid.adjust(Fixtures.hq(.finance), partner: world.b.code, amount: .fen(.integer(5_001)), direction: "debit", reason: "x")
        }
        await #expect(throws: AppError.invalid("reason", .required)) {
            _ = try await prepaid.adjust(Fixtures.hq(.finance), partner: world.b.code, amount: .fen(.integer(1)), direction: "credit", reason: " ")
        }
        await #expect(throws: AppError.forbidden) {
            _ = try await prepaid.adjust(Fixtures.hq(.operations), partner: world.b.code, amount: .fen(.integer(1)), direction: "credit", reason: "x")
        }
        #expect(try await world.balance(world.b) == 5_000)
        #expect(try await world.verify().isEmpty)
    }
}
