import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport

// Measures the daily grading on a large channel: `swift run -c release GradingBenchmark [partners]
// [database-url | postgres]`. It builds distributors with 10 agents and 20 stores each until it has
// about `partners` partners, gives every store 90 days of deliveries and weekly sell-out (stock
// movements written directly, in batches, since the benchmark measures grading, not reporting),
// then times a grading run, a forced second run of the same day, and reports the process's peak
// memory. Results go in docs/PERFORMANCE.md; nothing here is a test.

let arguments = CommandLine.arguments.dropFirst()
let wanted = arguments.first.flatMap(Int.init) ?? 10_000
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-grading-\(UUID().uuidString)")
let target = arguments.dropFirst().first ?? "sqlite://\(folder.path)/qudao.sqlite"

var logger = Logger(label: "benchmark")
logger.logLevel = .error
let clock = TestClock(start: BusinessTime.calendar.date(from: DateComponents(year: 2026, month: 11, day: 30, hour: 3))!)
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
let product = try await products.create(
    hq,
    ProductInput(
        sku: "BM-1", name: "基准商品", category: category.id, unit: "件", packSize: .integer(1), listPrice: .fen(.integer(10_000)),
        level1Price: .fen(.integer(6_000)), level2Price: .fen(.integer(7_000)), level3Price: .fen(.integer(8_000))))
let partners = PartnerService(platform: platform)
func input(_ code: String, parent: String?, type: String) -> PartnerInput {
    PartnerInput(
        code: code, name: "基准 \(code)", type: type, parent: parent, province: "广东省", city: "深圳市", address: "南山区", contactName: "测试",
        contactPhone: "13912345678", status: "active")
}
var storeIds: [String] = []
var created = 0
var distributor = 0
while created < wanted {
    distributor += 1
    let level1 = try await partners.create(hq, input(String(format: "GD-%04d", distributor), parent: nil, type: "distributor"))
    created += 1
    for agent in 1...10 where created < wanted {
        let level2 = try await partners.create(hq, input(String(format: "GA-%04d-%02d", distributor, agent), parent: level1.code, type: "agent"))
        created += 1
        for store in 1...20 where created < wanted {
            let level3 = try await partners.create(
                hq, input(String(format: "GS-%04d-%02d-%02d", distributor, agent, store), parent: level2.code, type: "store"))
            storeIds.append(level3.id)
            created += 1
        }
    }
}
print("partners: \(created) (\(storeIds.count) stores), created in \(BenchmarkReport.seconds(since: setup))")

// 90 days of history per store: a delivery every 30 days and a weekly sell-out of varying size,
// so the stores spread over all three grades.
let history = ContinuousClock.now
let today = BusinessTime.dayText(clock.now())
let start = BusinessTime.startOfDay(today)!
var movements = 0
for batch in stride(from: 0, to: storeIds.count, by: 500) {
    let slice = Array(storeIds[batch..<min(batch + 500, storeIds.count)])
    movements += try await database.write { session -> Int in
        var written = 0
        for (index, storeId) in slice.enumerated() {
            let pace = Int64((batch + index) % 10)
            for dayOffset in stride(from: -95, through: -1, by: 1) {
                let instant = start.addingTimeInterval(Double(dayOffset) * 86_400 + 36_000)
                let day = BusinessTime.dayText(instant)
                if dayOffset % 30 == -5 {
                    try await session.changePartnerStock(
                        partnerId: storeId, productId: product.id, change: 60, kind: .delivery, businessDate: day, reference: "bench", reason: "",
                        actorAccountId: nil, at: instant)
                    written += 1
                }
                if dayOffset % 7 == 0 {
                    let onHand = try await session.partnerOnHand(partnerId: storeId, productId: product.id)
                    let sold = min(onHand, pace * 2)
                    if sold > 0 {
                        try await session.changePartnerStock(
                            partnerId: storeId, productId: product.id, change: -sold, kind: .sellOut, businessDate: day, reference: "bench",
                            reason: "", actorAccountId: nil, at: instant)
                        written += 1
                    }
                }
            }
        }
        return written
    }
}
print("history: \(movements) stock movements in \(BenchmarkReport.seconds(since: history))")

let grading = GradingService(platform: platform)
let first = ContinuousClock.now
let outcome = try await grading.run(hq, day: today)
print("grading run: \(outcome?.partnersGraded ?? 0) partners, \(outcome?.warningsEntered ?? 0) warnings in \(BenchmarkReport.seconds(since: first))")
let second = ContinuousClock.now
let again = try await grading.run(hq, day: today, force: true)
print("forced second run of the same day: \(again?.partnersGraded ?? 0) partners in \(BenchmarkReport.seconds(since: second))")
let skipped = ContinuousClock.now
let scheduled = try await grading.run(Caller.scheduler, day: today, force: false)
print("scheduled run of a graded day: already complete = \(scheduled?.alreadyComplete ?? false) in \(BenchmarkReport.seconds(since: skipped))")
let distribution = try await database.read { try await $0.gradeDistribution() }
print("grades: quality \(distribution[.quality] ?? 0), potential \(distribution[.potential] ?? 0), warning \(distribution[.warning] ?? 0)")
print("tasks: \(try await database.read { try await $0.first("SELECT COUNT(*) AS total FROM follow_up_tasks")?.int64("total") ?? 0 })")
print("peak memory: \(BenchmarkReport.peakMemoryMebibytes())")
await database.close()
