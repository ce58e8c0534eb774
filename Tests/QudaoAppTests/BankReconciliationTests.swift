import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit
import Testing

/// Bank statement import (银行流水, RULES §8): three banks' exports are read, lines are matched to
/// pending top-ups in the rule's order, accepting credits a top-up once whatever the concurrency, and
/// importing the same or an overlapping file adds nothing twice.
@Suite("Bank statement import")
struct BankReconciliationTests {
    struct World {
        let money: MoneyWorld
        let service: BankReconciliationService
        let financeOne: Caller
        let financeTwo: Caller
        let account: BankAccountRecord
    }

    static func world(_ backend: Backend, format: String = "icbc") async throws -> World {
        let money = try await MoneyWorld.make(backend)
        let accounts = AccountService(platform: money.platform)
        func finance(_ username: String) async throws -> Caller {
            let record = try await accounts.create(
                Fixtures.hq(.admin),
                AccountInput(username: username, displayName: username, kind: "hq", hqRole: "finance", password: "Tq8#harbour-lantern"))
            return Caller(principal: record.principal, origin: Fixtures.origin)
        }
        let one = try await finance("hq-fin-1")
        let two = try await finance("hq-fin-2")
        let service = BankReconciliationService(platform: money.platform)
        let account = try await service.createBankAccount(one, name: "工行基本户", format: format, accountNumber: "4000 0210 0920 0123 456")
        money.clock.set(shanghai(2026, 11, 4, 9))
        return World(money: money, service: service, financeOne: one, financeTwo: two, account: account)
    }

    func request(_ world: World, _ partner: PartnerRecord, fen: Int64, reference: String) async throws -> TopUpRecord {
        try await PrepaidService(platform: world.money.platform).requestTopUp(
            world.money.owner(partner), TopUpInput(amount: .fen(.integer(fen)), bankReference: reference))
    }

    func statuses(_ world: World, _ importId: String) async throws -> [Int: BankStatementLineRecord] {
        let lines = try await world.service.lines(world.financeOne, importId: importId, status: nil, page: PageRequest(pageNumber: 1, pageSize: 200))
        return Dictionary(uniqueKeysWithValues: lines.items.map { ($0.rowNumber, $0) })
    }

    @Test(
        "each shipped bank format reads its sample export: title rows, thousands separators, blank and totals rows",
        arguments: BankFormat.allCases.filter { $0 != .custom })
    func formats(_ format: BankFormat) throws {
        let lines = [
            SampleBankLine(
                bookedAt: "2026-11-05 10:23:11", amountFen: 1_234_567_89, counterpartyName: "深圳市南山区某某商行", counterpartyAccount: "6222 0210 0100 8888",
                purpose: "充值 REF-0001"),
            SampleBankLine(
                bookedAt: "2026-11-06 09:00:00", amountFen: -2_000_00, counterpartyName: "某物流公司", counterpartyAccount: "6217000010001234",
                summary: "代发", purpose: "运费"),
        ]
        let file: UploadedFile =
            switch format {
            case .icbc:
                UploadedFile(fileName: "icbc.csv", contentType: "text/csv", content: BankStatementFiles.icbcCSV(account: "40000210", lines: lines))
            case .ccb:
                UploadedFile(
                    fileName: "ccb.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    content: try BankStatementFiles.ccbWorkbook(account: "44201", lines: lines))
            default: UploadedFile(fileName: "cmb.csv", contentType: "text/csv", content: BankStatementFiles.cmbCSV(account: "755912", lines: lines))
            }
        let parse = BankStatementParser.parse(try BankReconciliationService.rows(file), mapping: try #require(format.preset))
        #expect(parse.errors.isEmpty)
        #expect(parse.lines.map(\.amount) == [Money(fen: 1_234_567_89), Money(fen: 2_000_00)])
        #expect(parse.lines.map(\.direction) == [.credit, .debit])
        #expect(parse.lines.map(\.bookedOn) == ["2026-11-05", "2026-11-06"])
        #expect(parse.lines.first?.counterpartyAccount == "6222021001008888" && parse.lines.first?.memo.contains("REF-0001") == true)
        #expect(parse.skippedRows == (format == .cmb ? 0 : 2))
    }

    @Test(
        "amounts as banks write them, exactly: separators, currency signs, brackets and 万元",
        arguments: [
            ("12,345.67", false, Int64(1_234_567)), ("¥1,000", false, 100_000), ("(100.00)", false, -10_000), ("-0.01", false, -1),
            ("1.2345", true, 1_234_500), ("0.000001", true, 1), ("12.3456789", true, nil), ("1.234", false, nil), ("1.230", false, 123),
            ("abc", false, nil), ("1,2,3", false, 12_300), ("", false, nil),
        ] as [(String, Bool, Int64?)])
    func amounts(_ text: String, _ tenThousands: Bool, _ fen: Int64?) {
        #expect(BankStatementParser.parsedAmount(text, tenThousands: tenThousands)?.fen == fen)
    }

    @Test(
        "booking dates as banks write them",
        arguments: [
            ("2026-11-05", "2026-11-05"), ("2026/11/5 10:00", "2026-11-05"), ("20261105", "2026-11-05"), ("2026年11月5日", "2026-11-05"),
            ("46331", "2026-11-05"), ("2026-02-30", nil), ("05/11/2026", nil), ("", nil),
        ] as [(String, String?)])
    func dates(_ text: String, _ day: String?) {
        #expect(BankStatementParser.bookingDay(text) == day)
    }

    @Test(
        "lines are matched in RULES §8's order; accepting credits the top-up with its rebate once; the same or an overlapping file adds nothing",
        arguments: Backend.available)
    func matching(_ backend: Backend) async throws {
        let world = try await Self.world(backend)
        let money = world.money
        let exact = try await request(world, money.b, fen: 100_000_00, reference: "HX20261104001")
        let mismatch = try await request(world, money.c, fen: 5_000_00, reference: "HX20261104002")
        let suggested = try await request(world, money.d, fen: 8_000_00, reference: "WX-778899")
        let alone = try await request(world, money.a, fen: 3_000_00, reference: "HX20261104009")
        // D pays from a company account it keeps on its profile.
        _ = try await world.service.addPayer(world.financeOne, partner: money.d.code, name: "广州某某贸易有限公司", account: "6228 4800 0000 1234")
        let lines = [
            SampleBankLine(
                bookedAt: "2026-11-05 10:00:00", amountFen: 100_000_00, counterpartyName: "杭州某某", counterpartyAccount: "6222000011112222",
                purpose: "预存款HX20261104001"),
            SampleBankLine(
                bookedAt: "2026-11-05 11:00:00", amountFen: 4_999_00, counterpartyName: "某某门店", counterpartyAccount: "6222000033334444",
                purpose: "HX20261104002 充值"),
            SampleBankLine(
                bookedAt: "2026-11-06 09:30:00", amountFen: 8_000_00, counterpartyName: "广州某某贸易有限公司", counterpartyAccount: "6228480000001234",
                purpose: "货款"),
            SampleBankLine(
                bookedAt: "2026-11-06 15:00:00", amountFen: 1_234_00, counterpartyName: "不认识的公司", counterpartyAccount: "6222999900001111",
                purpose: "往来款"),
            SampleBankLine(
                bookedAt: "2026-11-07 08:00:00", amountFen: -600_00, counterpartyName: "某物流公司", counterpartyAccount: "6217000010001234",
                summary: "代发", purpose: "运费"),
            // Two equal transfers on one day are two lines.
            SampleBankLine(bookedAt: "2026-11-07", amountFen: 50_00, counterpartyName: "零星客户", counterpartyAccount: "", purpose: "样品"),
            SampleBankLine(bookedAt: "2026-11-07", amountFen: 50_00, counterpartyName: "零星客户", counterpartyAccount: "", purpose: "样品"),
        ]
        let file = UploadedFile(
            fileName: "工行11月.csv", contentType: "text/csv", content: BankStatementFiles.icbcCSV(account: "4000021009200123456", lines: lines))
        let imported = try await world.service.importStatement(world.financeOne, bankAccountId: world.account.id, file: file)
        #expect(imported.lineCount == 7 && imported.newCount == 7 && imported.duplicateCount == 0 && imported.skippedCount == 2)
        let rows = try await statuses(world, imported.id)
        // The header is row 5 of the file; lines start at row 6.
        #expect(rows[6]?.status == .exact && rows[6]?.topUpId == exact.id)
        #expect(rows[7]?.status == .mismatch && rows[7]?.topUpId == mismatch.id)
        #expect(rows[8]?.status == .suggested && rows[8]?.topUpId == suggested.id && rows[8]?.counterpartyAccountTail == "1234")
        #expect(rows[9]?.status == .unmatched && rows[10]?.status == .debit)
        #expect(rows[11]?.status == .unmatched && rows[12]?.status == .unmatched)
        let waiting = try await world.service.pendingWithoutLine(world.financeOne, page: PageRequest(pageNumber: 1, pageSize: 50))
        #expect(waiting.items.map(\.id) == [alone.id])

        // Accepting the exact match confirms it as a manual confirmation does: ¥100,000.00 earns its rebate (RULES §6).
        let accepted = try await world.service.accept(world.financeTwo, lineId: try #require(rows[6]).id)
        #expect(accepted.status == .matched)
        #expect(try await money.balance(money.b) == 100_000_00 + 1_000_00)
        await #expect(throws: AppError.conflict(reason: .bankLineNotOpen)) {
            _ = try await world.service.accept(world.financeOne, lineId: accepted.id)
        }
        await #expect(throws: AppError.conflict(reason: .bankLineWithoutMatch)) {
            _ = try await world.service.accept(world.financeOne, lineId: try #require(rows[7]).id)
        }
        // A suggestion is accepted or turned down; an unmatched line is ignored with a reason.
        let rejected = try await world.service.rejectSuggestion(world.financeOne, lineId: try #require(rows[8]).id)
        #expect(rejected.status == .unmatched && rejected.topUpId == nil)
        await #expect(throws: AppError.validation(ValidationFailure(field: "reason", problem: .required))) {
            _ = try await world.service.ignore(world.financeOne, lineId: try #require(rows[9]).id, reason: " ")
        }
        let ignored = try await world.service.ignore(world.financeOne, lineId: try #require(rows[9]).id, reason: "客户退回的保证金")
        #expect(ignored.status == .ignored && ignored.ignoreReason == "客户退回的保证金")
        await #expect(throws: AppError.conflict(reason: .bankLineNotOpen)) {
            _ = try await world.service.ignore(world.financeOne, lineId: try #require(rows[10]).id, reason: "支出")
        }
        // The accepted payer is remembered for B.
        let payers = try await world.service.payers(world.financeOne, partner: money.b.code)
        #expect(payers.map(\.name) == ["杭州某某"] && payers.first?.accountTail == "2222")

        // The same file again adds nothing; an overlapping one adds only its new line, which finds the suggestion again.
        let again = try await world.service.importStatement(world.financeTwo, bankAccountId: world.account.id, file: file)
        #expect(again.newCount == 0 && again.duplicateCount == 7 && again.duplicateRows == Array(6...12))
        let overlapping =
            lines.suffix(2) + [
                SampleBankLine(
                    bookedAt: "2026-11-07 16:00:00", amountFen: 8_000_00, counterpartyName: "广州某某贸易有限公司", counterpartyAccount: "6228480000001234",
                    purpose: "补款")
            ]
        let third = try await world.service.importStatement(
            world.financeOne, bankAccountId: world.account.id,
            file: UploadedFile(
                fileName: "工行补.csv", contentType: "text/csv",
                content: BankStatementFiles.icbcCSV(account: "4000021009200123456", lines: Array(overlapping))))
        #expect(third.newCount == 1 && third.duplicateCount == 2)
        let thirdRows = try await statuses(world, third.id)
        let line = try #require(thirdRows.values.first)
        #expect(line.status == .suggested && line.topUpId == suggested.id)
        let all = try await world.service.acceptAllExact(world.financeOne, importId: imported.id)
        #expect(all.accepted == 0 && all.skipped == 0)
        _ = try await world.service.accept(world.financeOne, lineId: line.id)
        #expect(try await money.balance(money.d) == 8_000_00)
        #expect(try await money.verify().isEmpty)
        let audit = try await money.platform.database.read { session in
            try await session.rows("SELECT action FROM audit_log WHERE action LIKE 'bank_%' ORDER BY id").map { try $0.string("action") }
        }
        #expect(
            Set(audit) == ["bank_account.create", "bank_statement.import", "bank_line.accept", "bank_line.reject_suggestion", "bank_line.ignore"])
    }

    @Test("a top-up asked for after its transfer was imported is found by matching the import again", arguments: Backend.available)
    func rematch(_ backend: Backend) async throws {
        let world = try await Self.world(backend)
        let lines = [
            SampleBankLine(
                bookedAt: "2026-11-04 10:00:00", amountFen: 6_600_00, counterpartyName: "某代理", counterpartyAccount: "6222000055556666",
                purpose: "充值 LATE-5566"),
            SampleBankLine(bookedAt: "2026-11-04 11:00:00", amountFen: 700_00, counterpartyName: "路人", counterpartyAccount: "", purpose: "往来"),
        ]
        let imported = try await world.service.importStatement(
            world.financeOne, bankAccountId: world.account.id,
            file: UploadedFile(fileName: "早上的流水.csv", contentType: "text/csv", content: BankStatementFiles.icbcCSV(account: "40000210", lines: lines))
        )
        #expect(try await world.service.importSummary(world.financeOne, id: imported.id).counts[BankLineStatus.unmatched] == 2)
        #expect(try await world.service.rematch(world.financeOne, importId: imported.id) == 0)
        // The agent asks in the afternoon; matching the import again finds it, once.
        let late = try await request(world, world.money.b, fen: 6_600_00, reference: "LATE-5566")
        await #expect(throws: AppError.forbidden) { _ = try await world.service.rematch(world.money.owner(world.money.b), importId: imported.id) }
        #expect(try await world.service.rematch(world.financeTwo, importId: imported.id) == 1)
        #expect(try await world.service.rematch(world.financeTwo, importId: imported.id) == 0)
        let exact = try await world.service.lines(
            world.financeOne, importId: imported.id, status: .exact, page: PageRequest(pageNumber: 1, pageSize: 5))
        #expect(exact.items.map(\.topUpId) == [late.id])
        _ = try await world.service.accept(world.financeOne, lineId: try #require(exact.items.first).id)
        #expect(try await world.money.balance(world.money.b) == 6_600_00)
        #expect(try await world.money.verify().isEmpty)
    }

    @Test("bad files end in a message naming the row and column, and store nothing", arguments: Backend.available)
    func badFiles(_ backend: Backend) async throws {
        let world = try await Self.world(backend)
        func importing(_ name: String, _ content: Data) async throws -> BankStatementImportRecord {
            try await world.service.importStatement(
                world.financeOne, bankAccountId: world.account.id, file: UploadedFile(fileName: name, contentType: "text/csv", content: content))
        }
        let header = "交易时间,对方单位,对方账号,借方发生额,贷方发生额,余额,摘要,用途\n"
        // UTF-16 is not read as GBK garbage.
        let utf16 = (header + "2026-11-05,甲,622200001,,100.00,,转账,x\n").data(using: .utf16) ?? Data()
        await #expect(throws: AppError.invalid("file", .notAllowed(reason: .fileNotText))) { _ = try await importing("a.csv", utf16) }
        // A renamed column is named.
        let renamed = "交易时间,对方单位,对方账号,借方金额,贷方金额,余额,摘要,用途\n2026-11-05,甲,622200001,,100.00,,转账,x\n"
        await #expect(throws: AppError.invalid("file", .notAllowed(reason: .bankColumnsMissing(columns: ["贷方发生额", "借方发生额"])))) {
            _ = try await importing("b.csv", Data(renamed.utf8))
        }
        // A formula, a bad date, an amount with three decimals, both sides: each named by row and column.
        let broken =
            header
            + "=TODAY(),甲,622200001,,100.00,,转账,x\n2026-13-01,乙,622200002,,100.00,,转账,x\n2026-11-05,丙,622200003,,100.005,,转账,x\n"
            + "2026-11-05,丁,622200004,1.00,2.00,,转账,x\n"
        do {
            _ = try await importing("c.csv", Data(broken.utf8))
            Issue.record("a broken file was imported")
        } catch AppError.validation(let failure) {
            #expect(
                failure.errors == [
                    FieldError(field: "rows[2].交易时间", problem: .notAllowed(reason: .formulaNotValue)),
                    FieldError(field: "rows[3].交易时间", problem: .invalidFormat(expected: .date)),
                    FieldError(field: "rows[4].贷方发生额", problem: .invalidFormat(expected: .yuanAmount)),
                    FieldError(field: "rows[5].借方发生额", problem: .notAllowed(reason: .bankLineBothSides)),
                ])
            #expect(Language.chinese.fieldLabel("rows[4].贷方发生额") == "文件 第 4 行 贷方发生额")
        }
        #expect(try await Fixtures.count(world.money.platform, "bank_statement_lines") == 0)
        #expect(try await Fixtures.count(world.money.platform, "bank_statement_imports") == 0)
        // Amounts in 万元 (the column says so) and with separators are read exactly.
        let tenThousands = "交易时间,对方单位,对方账号,借方发生额,贷方发生额(万元),余额,摘要,用途\n2026-11-05,甲,622200001,,\"1.2345\",,转账,x\n"
        await #expect(throws: AppError.invalid("file", .notAllowed(reason: .bankColumnsMissing(columns: ["借方发生额"])))) {
            _ = try await importing("d.csv", Data(tenThousands.replacingOccurrences(of: "借方发生额,", with: "借方,").utf8))
        }
        let read = try await importing("e.csv", Data(tenThousands.utf8))
        let lines = try await world.service.lines(world.financeOne, importId: read.id, status: nil, page: PageRequest(pageNumber: 1, pageSize: 5))
        #expect(lines.items.map(\.amount) == [Money(fen: 1_234_500)])
        // Not a table at all, and an empty upload.
        await #expect(throws: AppError.invalid("file", .invalidFormat(expected: .spreadsheet))) {
            _ = try await world.service.importStatement(
                world.financeOne, bankAccountId: world.account.id,
                file: UploadedFile(fileName: "x.pdf", contentType: "application/pdf", content: Data("%PDF".utf8)))
        }
        await #expect(throws: AppError.invalid("file", .required)) {
            _ = try await world.service.importStatement(world.financeOne, bankAccountId: world.account.id, file: nil)
        }
        // Only HQ finance imports; another HQ role or a partner is refused.
        await #expect(throws: AppError.forbidden) {
            _ = try await world.service.importStatement(Fixtures.hq(.operations), bankAccountId: world.account.id, file: nil)
        }
        await #expect(throws: AppError.forbidden) {
            _ = try await world.service.bankAccounts(world.money.owner(world.money.b))
        }
    }

    @Test(
        "two finance users importing the same file and accepting the same lines at once credit each top-up once",
        arguments: Backend.available)
    func concurrency(_ backend: Backend) async throws {
        let world = try await Self.world(backend, format: "cmb")
        let money = world.money
        var lines: [SampleBankLine] = []
        for index in 0..<30 {
            let partner = [money.a, money.b, money.c, money.d][index % 4]
            _ = try await request(world, partner, fen: Int64(1_000_00 + index), reference: "CC\(10_000 + index)")
            lines.append(
                SampleBankLine(
                    bookedAt: "2026-11-05 10:\(String(format: "%02d", index)):00", amountFen: Int64(1_000_00 + index),
                    counterpartyName: "付款人\(index)",
                    counterpartyAccount: "62220000\(10_000 + index)", purpose: "充值 CC\(10_000 + index)"))
        }
        let file = UploadedFile(fileName: "cmb.csv", contentType: "text/csv", content: BankStatementFiles.cmbCSV(account: "755912", lines: lines))
        async let first = world.service.importStatement(world.financeOne, bankAccountId: world.account.id, file: file)
        async let second = world.service.importStatement(world.financeTwo, bankAccountId: world.account.id, file: file)
        let imports = try await [first, second]
        #expect(imports.map(\.newCount).reduce(0, +) == 30 && imports.map(\.duplicateCount).reduce(0, +) == 30)
        #expect(try await Fixtures.count(money.platform, "bank_statement_lines") == 30)
        let withLines = try #require(imports.first { $0.newCount == 30 })
        let exact = try await world.service.lines(
            world.financeOne, importId: withLines.id, status: .exact, page: PageRequest(pageNumber: 1, pageSize: 50))
        #expect(exact.items.count == 30)
        // One user accepts a line while both accept all.
        async let single = try? world.service.accept(world.financeTwo, lineId: try #require(exact.items.first).id)
        async let allOne = world.service.acceptAllExact(world.financeOne, importId: withLines.id)
        async let allTwo = world.service.acceptAllExact(world.financeTwo, importId: withLines.id)
        let (singleResult, one, two) = try await (single, allOne, allTwo)
        #expect(one.accepted + two.accepted + (singleResult == nil ? 0 : 1) == 30)
        let confirmed = try await money.platform.database.read { session in
            try await session.first("SELECT COUNT(*) AS total FROM top_ups WHERE status = 'confirmed'")?.int64("total") ?? 0
        }
        #expect(confirmed == 30)
        let expected = (0..<30).map { Int64(1_000_00 + $0) }.reduce(0, +)
        var balances: Int64 = 0
        for partner in [money.a, money.b, money.c, money.d] { balances += try await money.balance(partner) }
        #expect(balances == expected)
        #expect(try await money.verify().isEmpty)
    }

    @Test("a 50,000-line statement is imported in one go and matched against the pending top-ups", arguments: Backend.available)
    func largeFile(_ backend: Backend) async throws {
        let world = try await Self.world(backend)
        let money = world.money
        for index in 0..<100 {
            _ = try await request(
                world, [money.a, money.b, money.c, money.d][index % 4], fen: Int64(2_000_00 + index), reference: "BIG\(100_000 + index)")
        }
        var lines: [SampleBankLine] = []
        lines.reserveCapacity(50_000)
        for index in 0..<50_000 {
            let day = String(format: "%02d", 1 + index % 28)
            let amount: Int64 = index < 100 ? Int64(2_000_00 + index) : Int64(10_00 + index)
            let account = "6222" + String(format: "%012d", index % 500)
            let purpose = index < 100 ? "充值BIG\(100_000 + index)" : "货款 \(index)"
            lines.append(
                SampleBankLine(
                    bookedAt: "2026-11-\(day) 09:00:00", amountFen: amount, counterpartyName: "客户\(index % 500)", counterpartyAccount: account,
                    purpose: purpose))
        }
        let file = UploadedFile(fileName: "big.csv", contentType: "text/csv", content: BankStatementFiles.icbcCSV(account: "40000210", lines: lines))
        let imported = try await world.service.importStatement(world.financeOne, bankAccountId: world.account.id, file: file)
        #expect(imported.newCount == 50_000)
        let summary = try await world.service.importSummary(world.financeOne, id: imported.id)
        #expect(summary.counts[BankLineStatus.exact] == 100 && summary.counts[BankLineStatus.unmatched] == 49_900)
        let accepted = try await world.service.acceptAllExact(world.financeOne, importId: imported.id)
        #expect(accepted.accepted == 100)
        #expect(try await money.verify().isEmpty)
    }
}
