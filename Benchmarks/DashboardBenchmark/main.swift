import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit

// Measures HQ's dashboard on a large history: `swift run -c release DashboardBenchmark [orders]
// [partners] [database-url | postgres]` (defaults: 1,000,000 orders, 5,000 partners, a new SQLite
// file). It builds a channel of distributors with 10 agents and 200 stores each across ten
// provinces and 200 products, writes two years of paid orders straight into the tables (1–3
// lines each, 2 % cancelled and refunded, 1 % partly returned and refunded, a commission record
// for every order with an upline), rebuilds the rollups as migration 9 does, checks they equal the
// orders, then loads the dashboard for every preset and filter and reports p50 / p95 / max per
// load. Results go in docs/PERFORMANCE.md; nothing here is a test.

let arguments = Array(CommandLine.arguments.dropFirst())
let orderCount = arguments.first.flatMap(Int.init) ?? 1_000_000
let wantedPartners = arguments.dropFirst().first.flatMap(Int.init) ?? 5_000
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-dashboard-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let target = arguments.dropFirst(2).first ?? "sqlite://\(folder.path)/qudao.sqlite"
let loadsPerScenario = 20

var logger = Logger(label: "benchmark")
logger.logLevel = .error
let clock = TestClock(start: BusinessTime.calendar.date(from: DateComponents(year: 2026, month: 11, day: 30, hour: 15))!)
let location =
    target == "postgres" ? try await PostgresTestServer.shared.makeDatabase(logger: logger).location : try DatabaseLocation.parse(target)
let database = try await Database.open(location, logger: logger)
print("database: \(target == "postgres" ? "throwaway PostgreSQL" : target)")
let migration = ContinuousClock.now
try await Migrator.migrate(database, now: clock.now())
print("migrations applied in \(seconds(since: migration))")
let platform = Platform(
    database: database, clock: clock, cipher: PersonalDataCipher(keyMaterial: Data(repeating: 9, count: 32)), passwordCost: 4, logger: logger)
let hq = Caller.system()
let existingOrders = try await database.read { try await $0.first("SELECT COUNT(*) AS total FROM orders")?.int64("total") ?? 0 }

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
}

func seconds(since start: ContinuousClock.Instant) -> String {
    String(format: "%.1f s", milliseconds(ContinuousClock.now - start) / 1_000)
}

/// A small deterministic generator (SplitMix64), so every run builds the same history.
struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
var random = Generator(state: 20_261_201)

// MARK: - Channel (skipped when the database already holds a history: it is measured as it is)

if existingOrders == 0 {

    let setup = ContinuousClock.now
    let products = ProductService(platform: platform)
    let category = try await products.createCategory(hq, name: "基准", sortOrder: .integer(1))
    var catalogue: [(id: String, sku: String, prices: [Int64])] = []
    for number in 1...200 {
        let list = Int64(2_000 + number * 137 % 20_000)
        let product = try await products.create(
            hq,
            ProductInput(
                sku: String(format: "BM-%04d", number), name: "基准商品 \(number)", category: category.id, unit: "件", packSize: .integer(1),
                listPrice: .fen(.integer(list)), level1Price: .fen(.integer(list * 6 / 10)), level2Price: .fen(.integer(list * 7 / 10)),
                level3Price: .fen(.integer(list * 8 / 10))))
        catalogue.append((product.id, product.sku, [list * 6 / 10, list * 7 / 10, list * 8 / 10]))
    }
    let provinces = ["广东省", "浙江省", "江苏省", "上海市", "北京市", "四川省", "湖北省", "山东省", "福建省", "河南省"]
    let partnerService = PartnerService(platform: platform)
    var channel: [(id: String, level: Int, parentId: String?)] = []
    var distributor = 0
    while channel.count < wantedPartners {
        distributor += 1
        let province = provinces[distributor % provinces.count]
        func input(_ code: String, parent: String?, type: String) -> PartnerInput {
            PartnerInput(
                code: code, name: "基准 \(code)", type: type, parent: parent, province: province, city: "市区", address: "中心路 1 号",
                contactName: "测试", contactPhone: "13912345678", status: "active")
        }
        let level1 = try await partnerService.create(hq, input(String(format: "BD-%03d", distributor), parent: nil, type: "distributor"))
        channel.append((level1.id, 1, nil))
        for agent in 1...10 where channel.count < wantedPartners {
            let level2 = try await partnerService.create(
                hq, input(String(format: "BA-%03d-%02d", distributor, agent), parent: level1.code, type: "agent"))
            channel.append((level2.id, 2, level1.id))
            for store in 1...20 where channel.count < wantedPartners {
                let level3 = try await partnerService.create(
                    hq, input(String(format: "BS-%03d-%02d-%02d", distributor, agent, store), parent: level2.code, type: "store"))
                channel.append((level3.id, 3, level2.id))
            }
        }
    }
    print("channel: \(channel.count) partners in \(provinces.count) provinces, \(catalogue.count) products, in \(seconds(since: setup))")

    // MARK: - Two years of orders

    let history = ContinuousClock.now
    let now = clock.now()
    let nowMilliseconds = Int64(now.timeIntervalSince1970 * 1_000)
    let spanMilliseconds: Int64 = 730 * 86_400_000
    let batchSize = 250
    var written = 0
    var linesWritten = 0
    var commissionsWritten = 0
    while written < orderCount {
        let count = min(batchSize, orderCount - written)
        var orderValues: [String] = []
        var lineValues: [String] = []
        var commissionValues: [String] = []
        var returnValues: [String] = []
        for offset in 0..<count {
            let serial = written + offset
            // Stores order most; later days a little more than earlier ones (a growing channel).
            let partner = channel[random.below(4) == 0 ? random.below(channel.count) : channel.count - 1 - random.below(channel.count * 9 / 10)]
            let age = Int64(random.below(Int(spanMilliseconds))) * Int64(random.below(3) + 2) / 4
            let paidAt = nowMilliseconds - min(age, spanMilliseconds - 1) - 1
            var gross: Int64 = 0
            var lines: [(product: Int, quantity: Int64, price: Int64)] = []
            for _ in 0..<(1 + random.below(3)) {
                let product = random.below(catalogue.count)
                let price = catalogue[product].prices[partner.level - 1]
                let quantity = Int64(1 + random.below(24))
                lines.append((product, quantity, price))
                gross += price * quantity
            }
            let discountBasisPoints: Int64 = gross >= 500_000 ? 500 : 0
            let discount = Money.roundedHalfUpDivision(gross, multipliedBy: discountBasisPoints, dividedBy: 10_000)
            let net = gross - discount
            let roll = random.below(100)
            let cancelled = roll < 2
            let returned = roll == 2
            let refundedLine = returned ? 0 : -1
            var refunded: Int64 = cancelled ? net : 0
            if returned { refunded = Money.roundedHalfUpDivision(net, multipliedBy: lines[0].price * lines[0].quantity, dividedBy: gross) }
            let id = String(format: "ord_bench%012d", serial)
            let status = cancelled ? "cancelled" : "completed"
            orderValues.append(
                "('\(id)', 'B\(serial)', 'purchase', '\(partner.id)', \(partner.level), '\(status)', \(gross), \(discountBasisPoints), \(discount), \(net), \(refunded), 'prepaid', '基准', 'x', '地址', 'bench', \(paidAt - 60_000), \(paidAt), \(paidAt + 1))"
            )
            for (index, line) in lines.enumerated() {
                let product = catalogue[line.product]
                lineValues.append(
                    "('\(id)', \(index + 1), '\(product.id)', '\(product.sku)', '基准商品', '件', 1, \(line.price), \(line.quantity), \(index == refundedLine ? line.quantity : 0))"
                )
            }
            if returned {
                returnValues.append(
                    "('ret_bench\(serial)', 'R\(serial)', '\(id)', 'refunded', '破损', \(refunded), 'bench', \(paidAt + 86_400_000), \(min(paidAt + 3 * 86_400_000, nowMilliseconds)))"
                )
            }
            if let upline = partner.parentId {
                let amount = Money.roundedHalfUpDivision(net, multipliedBy: 300, dividedBy: 10_000)
                let state = cancelled ? "reversed" : paidAt < nowMilliseconds - 30 * 86_400_000 ? "settleable" : "frozen"
                commissionValues.append(
                    "('com_bench\(serial)', 'commission', '\(id)', '\(upline)', 1, \(net), \(amount), 1, '\(state)', \(state == "settleable" ? String(paidAt + 15 * 86_400_000) : "NULL"), '{}', \(paidAt))"
                )
            }
        }
        let statements = [
            """
            INSERT INTO orders (id, number, kind, partner_id, buyer_level, status, gross_fen, discount_rate_bp, discount_fen, net_fen, refunded_fen,
                payment_method, ship_name, ship_phone_encrypted, ship_address, created_by, created_at_ms, paid_at_ms, updated_at_ms)
            VALUES \(orderValues.joined(separator: ", "))
            """,
            """
            INSERT INTO order_lines (order_id, line_number, product_id, sku, product_name, unit, pack_size, unit_price_fen, quantity, returned_quantity)
            VALUES \(lineValues.joined(separator: ", "))
            """,
            returnValues.isEmpty
                ? ""
                : """
                INSERT INTO order_returns (id, number, order_id, status, reason, refund_fen, requested_by, requested_at_ms, refunded_at_ms)
                VALUES \(returnValues.joined(separator: ", "))
                """,
            commissionValues.isEmpty
                ? ""
                : """
                INSERT INTO commission_records (id, kind, order_id, partner_id, position, base_fen, amount_fen, rule_version, state,
                    settleable_at_ms, explanation_json, created_at_ms)
                VALUES \(commissionValues.joined(separator: ", "))
                """,
        ].filter { !$0.isEmpty }
        try await database.write { session in
            for statement in statements { try await session.execute(SQLQueryString(statement)) }
        }
        written += count
        linesWritten += lineValues.count
        commissionsWritten += commissionValues.count
        if written % 100_000 == 0 { print("  \(written) orders…") }
    }
    print("history: \(written) orders, \(linesWritten) lines, \(commissionsWritten) commission records over 730 days, in \(seconds(since: history))")
}

// MARK: - Rollups

let rebuild = ContinuousClock.now
if existingOrders == 0 {
    try await database.write { session in
        for statement in SalesRollupRebuild.statements(database.dialect) { try await session.execute(SQLQueryString(statement)) }
    }
    print("rollups rebuilt (as migration 10 does) in \(seconds(since: rebuild))")
} else {
    print("measuring the existing history of \(existingOrders) orders")
}
// Fresh statistics, as a production database would have, so the planner picks the rollups' keys.
try await database.read { try await $0.execute("ANALYZE") }
let rollupRows = try await database.read { try await $0.first("SELECT COUNT(*) AS total FROM sales_rollups")?.int64("total") ?? 0 }
let productRows = try await database.read { try await $0.first("SELECT COUNT(*) AS total FROM product_sales_rollups")?.int64("total") ?? 0 }
print("rollup rows: \(rollupRows) partner rows (day, week and month), \(productRows) product rows")
let check = ContinuousClock.now
let violations = try await InvariantChecker.checkSalesRollups(database).violations
print("rollups equal the orders: \(violations.isEmpty ? "yes" : violations.joined(separator: "; ")) (checked in \(seconds(since: check)))")

// MARK: - Loads

let service = DashboardService(platform: platform)
let scenarios: [(name: String, parameters: [String: String])] = [
    ("today", ["range": "today"]),
    ("last 7 days", ["range": "last7"]),
    ("last 30 days", ["range": "last30"]),
    ("last 90 days", ["range": "last90"]),
    ("this month", ["range": "month"]),
    ("this quarter", ["range": "quarter"]),
    ("this year", ["range": "year"]),
    ("last 12 months", ["range": "last12Months"]),
    ("two years, by month", ["from": "2024-12-01", "to": "2026-11-30", "granularity": "month"]),
    ("last 90 days, by day", ["range": "last90", "granularity": "day"]),
    ("last 30 days, one province", ["range": "last30", "province": "广东省"]),
    ("last 12 months, stores", ["range": "last12Months", "level": "3", "type": "store"]),
    ("last 12 months, one province, stores", ["range": "last12Months", "province": "浙江省", "level": "3"]),
]
print("")
print("| view | p50 | p95 | max |")
print("| --- | ---: | ---: | ---: |")
var allLoads: [Double] = []
for scenario in scenarios {
    let filter = try service.filter(scenario.parameters)
    _ = try await service.load(hq, filter: filter)
    var timings: [Double] = []
    for _ in 0..<loadsPerScenario {
        let start = ContinuousClock.now
        _ = try await service.load(hq, filter: filter)
        timings.append(milliseconds(ContinuousClock.now - start))
    }
    timings.sort()
    allLoads += timings
    let p95 = timings[min(timings.count - 1, Int((Double(timings.count) * 0.95).rounded(.up)) - 1)]
    print(String(format: "| %@ | %.1f ms | %.1f ms | %.1f ms |", scenario.name, timings[timings.count / 2], p95, timings.last ?? 0))
}
allLoads.sort()
let overallP95 = allLoads[min(allLoads.count - 1, Int((Double(allLoads.count) * 0.95).rounded(.up)) - 1)]
print("")
print(
    String(
        format: "all %d loads: p50 %.1f ms, p95 %.1f ms, max %.1f ms", allLoads.count, allLoads[allLoads.count / 2], overallP95, allLoads.last ?? 0))
// Where a load's time goes: each read of "this year" alone, one after another (median of 10).
let year = try service.filter(["range": "year"])
let yearPieces = year.range.cover
let parts: [(String, @Sendable (SQLSession) async throws -> Void)] = [
    ("sales per partner (rows back to Swift)", { _ = try await $0.salesByPartnerSums(pieces: yearPieces, filter: year) }),
    ("partner attributes (every partner)", { _ = try await $0.partnerAttributes(filter: year) }),
    ("previous period's totals", { _ = try await $0.salesTotals(pieces: year.range.previous.cover, filter: year) }),
    ("trend by piece", { _ = try await $0.salesByPiece(pieces: yearPieces, filter: year) }),
    (
        "top products",
        { _ = try await $0.salesByProduct(pieces: yearPieces, filter: year, page: PageRequest(pageNumber: 1, pageSize: 10), counting: false) }
    ),
    ("settleable commission now", { _ = try await $0.settleableCommissionFen(filter: year) }),
]
print("")
print("| read of \"this year\" | median |")
print("| --- | ---: |")
for (name, body) in parts {
    var timings: [Double] = []
    for _ in 0..<10 {
        let start = ContinuousClock.now
        try await database.read { try await body($0) }
        timings.append(milliseconds(ContinuousClock.now - start))
    }
    timings.sort()
    print(String(format: "| %@ | %.1f ms |", name, timings[timings.count / 2]))
}
await database.close()
if arguments.count < 3 { try? FileManager.default.removeItem(at: folder) }
