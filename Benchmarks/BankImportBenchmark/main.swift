import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit

// Measures bank statement import (银行流水, issue 14): `swift run -c release BankImportBenchmark
// [lines] [pending top-ups] [database-url | postgres]`. It makes 1,000 partners with the pending
// top-ups spread over them (a tenth of the partners keep a payer on file), writes an ICBC-style
// GBK CSV of `lines` lines (80% of the pending top-ups paid with their reference in the memo, 10%
// from a payer on file without one, 5% with a wrong amount, the rest other receipts and payments),
// then times reading the file, the import with matching, and accepting every exact match; beside
// them, in the same run, the ceiling of storing that many rows (a bare multi-row INSERT of as many
// rows of the same width, in one transaction). Results go in docs/PERFORMANCE.md; nothing here is a test.

let arguments = Array(CommandLine.arguments.dropFirst())
let lineCount = arguments.first.flatMap(Int.init) ?? 50_000
let pendingCount = arguments.dropFirst().first.flatMap(Int.init) ?? 10_000
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-bank-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let target = arguments.dropFirst(2).first ?? "sqlite://\(folder.path)/qudao.sqlite"

var logger = Logger(label: "benchmark")
logger.logLevel = .error
let clock = TestClock(start: BusinessTime.calendar.date(from: DateComponents(year: 2026, month: 11, day: 3, hour: 9))!)
let location =
    target == "postgres" ? try await PostgresTestServer.shared.makeDatabase(logger: logger).location : try DatabaseLocation.parse(target)
let database = try await Database.open(location, logger: logger)
print("database: \(target == "postgres" ? "throwaway PostgreSQL" : target)")
try await Migrator.migrate(database, now: clock.now())
let platform = Platform(
    database: database, clock: clock, cipher: PersonalDataCipher(keyMaterial: Data(repeating: 9, count: 32)), passwordCost: 4, logger: logger)
let hq = Caller.system()

let setup = ContinuousClock.now
let partners = PartnerService(platform: platform)
var partnerRecords: [PartnerRecord] = []
for index in 1...1_000 {
    partnerRecords.append(
        try await partners.create(
            hq,
            PartnerInput(
                code: String(format: "BK-%04d", index), name: "基准 \(index)", type: "distributor", parent: nil, province: "广东省", city: "深圳市",
                address: "南山区", contactName: "测试", contactPhone: "13912345678", status: "active")))
}
let bank = BankReconciliationService(platform: platform)
for partner in partnerRecords.prefix(100) {
    _ = try await bank.addPayer(
        hq, partner: partner.code, name: "付款公司 \(partner.code)",
        account: "6228" + String(format: "%012d", partnerRecords.firstIndex(of: partner) ?? 0))
}
let prepaid = PrepaidService(platform: platform)
var topUps: [TopUpRecord] = []
for index in 0..<pendingCount {
    let partner = partnerRecords[index % partnerRecords.count]
    topUps.append(
        try await prepaid.requestTopUp(
            hq, TopUpInput(amount: .fen(.integer(Int64(10_000_00 + index))), bankReference: "HX\(10_000_000 + index)", partner: partner.code)))
}
print("partners: 1,000 (100 with a payer on file); pending top-ups: \(pendingCount); set up in \(BenchmarkReport.seconds(since: setup))")

// The file: paid top-ups first (by reference, by payer, with a wrong amount), then other movements.
var lines: [SampleBankLine] = []
lines.reserveCapacity(lineCount)
for (index, topUp) in topUps.enumerated() where lines.count < lineCount {
    let share = index * 100 / max(topUps.count, 1)
    let partnerIndex = index % partnerRecords.count
    if share < 80 {
        lines.append(
            SampleBankLine(
                bookedAt: "2026-11-04 10:00:00", amountFen: topUp.amount.fen, counterpartyName: "客户 \(index)",
                counterpartyAccount: "6222" + String(format: "%012d", index), purpose: "预存款 \(topUp.bankReference)"))
    } else if share < 90, partnerIndex < 100 {
        lines.append(
            SampleBankLine(
                bookedAt: "2026-11-04 11:00:00", amountFen: topUp.amount.fen, counterpartyName: "付款公司 \(partnerRecords[partnerIndex].code)",
                counterpartyAccount: "6228" + String(format: "%012d", partnerIndex), purpose: "货款"))
    } else if share >= 90 && share < 95 {
        lines.append(
            SampleBankLine(
                bookedAt: "2026-11-04 12:00:00", amountFen: topUp.amount.fen - 1_00, counterpartyName: "客户 \(index)",
                counterpartyAccount: "6222" + String(format: "%012d", index), purpose: "充值\(topUp.bankReference)"))
    }
}
while lines.count < lineCount {
    let index = lines.count
    lines.append(
        SampleBankLine(
            bookedAt: "2026-11-\(String(format: "%02d", 1 + index % 28)) 15:00:00",
            amountFen: index % 7 == 0 ? -Int64(500_00 + index) : Int64(100_00 + index),
            counterpartyName: "往来单位 \(index % 3_000)", counterpartyAccount: "6217" + String(format: "%012d", index % 3_000),
            purpose: "往来款 \(index)"))
}
let content = BankStatementFiles.icbcCSV(account: "4000021009200123456", lines: lines)
let file = UploadedFile(fileName: "icbc-benchmark.csv", contentType: "text/csv", content: content)
print("file: \(lines.count) lines, \(content.count / 1_024) KiB (GBK CSV)")

let account = try await bank.createBankAccount(hq, name: "工行基本户", format: "icbc", accountNumber: "4000021009200123456")

var start = ContinuousClock.now
let parsed = BankStatementParser.parse(try BankReconciliationService.rows(file), mapping: BankFormat.icbc.preset!)
print("read and parse:            \(BenchmarkReport.seconds(since: start)) (\(parsed.lines.count) lines, \(parsed.errors.count) problems)")

start = ContinuousClock.now
let imported = try await bank.importStatement(hq, bankAccountId: account.id, file: file)
print("import and match:          \(BenchmarkReport.seconds(since: start)) (\(imported.newCount) new lines)")
let summary = try await bank.importSummary(hq, id: imported.id)
let buckets = BankLineStatus.allCases.map { "\($0.rawValue) \(summary.counts[$0] ?? 0)" }.joined(separator: ", ")
print("buckets: \(buckets)")

start = ContinuousClock.now
let again = try await bank.importStatement(hq, bankAccountId: account.id, file: file)
print("the same file again:       \(BenchmarkReport.seconds(since: start)) (\(again.newCount) new, \(again.duplicateCount) duplicates)")

start = ContinuousClock.now
let accepted = try await bank.acceptAllExact(hq, importId: imported.id)
print("accept every exact match:  \(BenchmarkReport.seconds(since: start)) (\(accepted.accepted) top-ups confirmed, \(accepted.skipped) skipped)")

// The ceiling: storing as many rows of the same width with the same multi-row INSERTs, in one
// transaction, without reading, matching or encrypting anything.
try await database.write { session in
    try await session.execute(
        """
        CREATE TABLE ceiling_lines (id TEXT PRIMARY KEY, import_id TEXT, bank_account_id TEXT, row_number BIGINT, booked_on TEXT, amount_fen BIGINT,
            direction TEXT, counterparty_name TEXT, counterparty_account_cipher TEXT, counterparty_account_lookup TEXT, counterparty_account_tail TEXT,
            memo TEXT, fingerprint TEXT, status TEXT, top_up_id TEXT, UNIQUE (bank_account_id, fingerprint))
        """)
}
start = ContinuousClock.now
try await database.write { session in
    for batchStart in stride(from: 0, to: lineCount, by: 150) {
        var query: SQLQueryString = "INSERT INTO ceiling_lines VALUES "
        for index in batchStart..<min(batchStart + 150, lineCount) {
            let padding = String(repeating: "x", count: 60)
            query += (index == batchStart ? "" : ", ") as SQLQueryString
            query +=
                """
                (\(bind: "c\(index)"), 'i', 'a', \(bind: Int64(index)), '2026-11-05', \(bind: Int64(index + 1)), 'credit', \(bind: "往来单位 \(index)"),
                \(bind: "v1:" + padding), \(bind: padding), '1234', \(bind: "往来款 \(index)"), \(bind: "f\(index)\(padding)"), 'unmatched', NULL)
                """
        }
        try await session.execute(query)
    }
}
print("ceiling, bare INSERT of \(lineCount) rows: \(BenchmarkReport.seconds(since: start))")
let report = try await InvariantChecker.check(database)
print("qudao verify: \(report.violations.isEmpty ? "passes" : report.violations.joined(separator: "; "))")
print("peak memory: \(BenchmarkReport.peakMemoryMebibytes())")
await database.close()
