import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport

// Measures the monthly settlement on a large tree: `swift run -c release SettlementBenchmark
// [distributors] [ordersPerStore] [database-url | postgres]`. It builds 10 agents with 20 stores under each
// distributor, places and pays referral orders through every store (three commission records
// each), completes them inside October, then times the preview and the run of October, and a second run (nothing to do).
// Results go in docs/PERFORMANCE.md; nothing here is a test.

let arguments = CommandLine.arguments.dropFirst()
let distributors = arguments.first.flatMap(Int.init) ?? 10
let ordersPerStore = arguments.dropFirst().first.flatMap(Int.init) ?? 5
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-benchmark-\(UUID().uuidString)")
// The third argument: a database URL, or `postgres` for a throwaway PostgreSQL cluster (as the tests start one).
let target = arguments.dropFirst(2).first ?? "sqlite://\(folder.path)/qudao.sqlite"

var logger = Logger(label: "benchmark")
logger.logLevel = .error
let shanghai = BusinessTime.calendar
let clock = TestClock(start: shanghai.date(from: DateComponents(year: 2026, month: 10, day: 1, hour: 9))!)
let location =
    target == "postgres" ? try await PostgresTestServer.shared.makeDatabase(logger: logger).location : try DatabaseLocation.parse(target)
let database = try await Database.open(location, logger: logger)
print("database: \(target == "postgres" ? "throwaway PostgreSQL" : target)")
try await Migrator.migrate(database, now: clock.now())
let platform = Platform(
    database: database, clock: clock, cipher: PersonalDataCipher(keyMaterial: Data(repeating: 9, count: 32)), passwordCost: 4, logger: logger)
let hq = Caller.system()

let setup = ContinuousClock.now
let products = ProductService(platform: platform)
let category = try await products.createCategory(hq, name: "基准", sortOrder: .integer(1))
_ = try await products.create(
    hq,
    ProductInput(
        sku: "BM-1", name: "基准商品", category: category.id, unit: "件", packSize: .integer(1), listPrice: .fen(.integer(14_999)),
        level1Price: .fen(.integer(9_000)), level2Price: .fen(.integer(10_000)), level3Price: .fen(.integer(11_000))))
let storeCount = distributors * 10 * 20
_ = try await StockService(platform: platform).record(
    hq, product: "BM-1", quantity: .integer(Int64(storeCount * ordersPerStore * 3)), adjustment: false, note: nil)
let partners = PartnerService(platform: platform)
func input(_ code: String, parent: String?, type: String) -> PartnerInput {
    PartnerInput(
        code: code, name: "基准 \(code)", type: type, parent: parent, province: "广东省", city: "深圳市", address: "南山区",
        contactName: "测试", contactPhone: "13912345678", status: "active")
}
var stores: [PartnerRecord] = []
for distributor in 1...distributors {
    let level1 = try await partners.create(hq, input(String(format: "BD-%03d", distributor), parent: nil, type: "distributor"))
    for agent in 1...10 {
        let level2 = try await partners.create(hq, input(String(format: "BA-%03d-%02d", distributor, agent), parent: level1.code, type: "agent"))
        for store in 1...20 {
            stores.append(
                try await partners.create(
                    hq, input(String(format: "BS-%03d-%02d-%02d", distributor, agent, store), parent: level2.code, type: "store")))
        }
    }
}
let orders = OrderService(platform: platform)
var orderCount = 0
for round in 0..<ordersPerStore {
    for (index, store) in stores.enumerated() {
        let (order, _) = try await orders.placeReferralOrder(
            referralCode: store.referralCode, lines: [OrderLineInput(product: "BM-1", quantity: .integer(Int64(1 + (index + round) % 3)))],
            consumer: ShippingInput(name: "顾客", phone: "13700000000", province: "广东省", city: "深圳市", detail: "1 号"),
            actor: .consumer(sourceIP: "198.51.100.1"), createdBy: "consumer")
        _ = try await orders.confirmPayment(hq, orderId: order.id, paymentReference: "BM-\(round)-\(index)")
        orderCount += 1
    }
}
// Completion is what makes records settleable. Shipping and completing every order through the
// services would multiply the set-up time without changing what is measured, so the records are
// released in one statement, as completion inside October would (the orders stay paid, so
// `qudao verify` on this database would rightly object).
let completedAt = Timestamp.milliseconds(shanghai.date(from: DateComponents(year: 2026, month: 10, day: 20))!)
try await database.write { session in
    try await session.execute(
        "UPDATE commission_records SET state = 'settleable', settleable_at_ms = \(bind: completedAt) WHERE state = 'frozen'")
}
let recordCount = try await database.read { try await $0.first("SELECT COUNT(*) AS total FROM commission_records")?.int64("total") ?? 0 }
print("setup: \(distributors * 211) partners, \(orderCount) paid orders, \(recordCount) records in \(BenchmarkReport.seconds(since: setup))")

clock.set(shanghai.date(from: DateComponents(year: 2026, month: 11, day: 15, hour: 2))!)
let settlement = SettlementService(platform: platform)
let month = BusinessMonth(year: 2026, month: 10)
let previewStart = ContinuousClock.now
let preview = try await settlement.preview(hq, month: month)
print("preview: \(preview.lines.count) partners, \(preview.total.formatted) in \(BenchmarkReport.seconds(since: previewStart))")
let runStart = ContinuousClock.now
guard let outcome = try await settlement.run(hq, month: month) else { fatalError("the settlement lock was held") }
print("run: \(outcome.statementsCreated) statements for \(outcome.partnersExamined) partners in \(BenchmarkReport.seconds(since: runStart))")
let againStart = ContinuousClock.now
_ = try await settlement.run(hq, month: month)
print("second run (already settled): \(BenchmarkReport.seconds(since: againStart))")
await database.close()
try? FileManager.default.removeItem(at: folder)
