import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import SQLKit
import Testing

/// Bank statement import on the demo: HQ's 招商银行 account is set up, three top-ups wait, and
/// S-HZ001 keeps a payer on file.
@Suite("Bank statements on the web")
struct BankReconciliationWebTests {
    /// A CMB-style statement paying the demo's pending top-ups: A-GZ01's with its reference in the
    /// memo, S-HZ001's from its payer on file without one, S-GZ002's with a wrong amount; and a payment out.
    static func statement(_ app: TestApp.Client, token: String) async throws -> Data {
        let pending =
            try await app.request(.get, "/api/v1/top-ups?status=pending&pageSize=50", token: token).json()["items"] as? [[String: Any]] ?? []
        let byAmount = Dictionary(pending.compactMap { item in (item["amountFen"] as? Int).map { ($0, item) } }) { first, _ in first }
        let agent = try #require(byAmount[12_000_00])
        let store = try #require(byAmount[2_000_00])
        return BankStatementFiles.cmbCSV(
            account: "6225880200018866",
            lines: [
                SampleBankLine(
                    bookedAt: "2025-11-15 09:10:00", amountFen: 12_000_00, counterpartyName: "广州悦己代理有限公司", counterpartyAccount: "6222021000001111",
                    purpose: "预存款 \(agent["bankReference"] as? String ?? "")"),
                SampleBankLine(
                    bookedAt: "2025-11-15 09:20:00", amountFen: 3_500_00, counterpartyName: "杭州西湖区悦己日用品店", counterpartyAccount: "6228480012345678",
                    purpose: "货款"),
                SampleBankLine(
                    bookedAt: "2025-11-15 09:30:00", amountFen: 1_999_00, counterpartyName: "广州某门店", counterpartyAccount: "6222021000002222",
                    purpose: "充值\(store["bankReference"] as? String ?? "")"),
                SampleBankLine(
                    bookedAt: "2025-11-15 10:00:00", amountFen: -880_00, counterpartyName: "顺丰速运", counterpartyAccount: "6217000010001234",
                    summary: "代发",
                    purpose: "运费"),
            ])
    }

    @Test(
        "the API: HQ finance imports a bank's export, the demo's pending top-ups are matched, accepting credits each once, a second import adds nothing"
    )
    func api() async throws {
        try await TestApp.run { app in
            let finance = try await app.token("hq-finance")
            let accounts = try await app.request(.get, "/api/v1/bank-accounts", token: finance).json()["items"] as? [[String: Any]] ?? []
            let account = try #require(accounts.first)
            #expect(account["bankFormat"] as? String == "cmb" && (account["accountNumberMasked"] as? String)?.contains("*") == true)
            let accountId = try #require(account["id"] as? String)
            let content = try await Self.statement(app, token: finance).base64EncodedString()
            let body = #"{"fileName":"招商银行流水.csv","contentBase64":"\#(content)"}"#
            // A partner may not import, nor read HQ's accounts.
            let store = try await app.token("S-GZ001")
            #expect(try await app.request(.post, "/api/v1/bank-accounts/\(accountId)/statements", token: store, json: body).status == .forbidden)
            #expect(try await app.request(.get, "/api/v1/bank-accounts", token: store).status == .forbidden)
            let imported = try await app.request(.post, "/api/v1/bank-accounts/\(accountId)/statements", token: finance, json: body)
            #expect(imported.status == .created)
            let record = try imported.json()
            let counts = record["counts"] as? [String: Int] ?? [:]
            #expect(counts["exact"] == 1 && counts["suggested"] == 1 && counts["mismatch"] == 1 && counts["debit"] == 1)
            let importId = try #require(record["id"] as? String)
            let lines = try await app.request(.get, "/api/v1/bank-statement-imports/\(importId)/lines?status=suggested", token: finance).json()
            let suggestion = try #require((lines["items"] as? [[String: Any]])?.first)
            #expect(suggestion["partnerCode"] as? String == "S-HZ001" && suggestion["counterpartyAccountTail"] as? String == "5678")
            let accepted = try await app.request(.post, "/api/v1/bank-statement-imports/\(importId)/accept-exact", token: finance).json()
            #expect(accepted["accepted"] as? Int == 1)
            let suggestionId = try #require(suggestion["id"] as? String)
            let one = try await app.request(.post, "/api/v1/bank-statement-lines/\(suggestionId)/accept", token: finance)
            let oneStatus = try one.json()["status"] as? String
            #expect(one.status == .ok && oneStatus == "matched")
            #expect(try await app.request(.post, "/api/v1/bank-statement-lines/\(suggestionId)/accept", token: finance).status == .conflict)
            let mismatch = try #require(
                (try await app.request(.get, "/api/v1/bank-statement-imports/\(importId)/lines?status=mismatch", token: finance).json()["items"]
                    as? [[String: Any]])?.first?["id"] as? String)
            let noReason = try await app.request(.post, "/api/v1/bank-statement-lines/\(mismatch)/ignore", token: finance, json: #"{"reason":""}"#)
            let noReasonFields = try noReason.problemFields()
            #expect(noReason.status == .unprocessableContent && noReasonFields == ["reason"])
            // The same file again: every line a duplicate, nothing credited twice.
            let again = try await app.request(.post, "/api/v1/bank-accounts/\(accountId)/statements", token: finance, json: body).json()
            #expect(again["newCount"] as? Int == 0 && again["duplicateCount"] as? Int == 4)
            let waiting = try await app.request(.get, "/api/v1/top-ups/without-bank-line", token: finance).json()["items"] as? [[String: Any]] ?? []
            #expect(waiting.isEmpty)
            let report = try await InvariantChecker.check(app.platform.database)
            #expect(report.violations.isEmpty)
            // A bad file names its row and column; an unknown format is said.
            let broken = Data("交易日,借贷标志,交易金额,收(付)方名称,收(付)方账号,摘要,用途\n20251115,贷,12.345,甲,6222,转账,x\n".utf8).base64EncodedString()
            let refused = try await app.request(
                .post, "/api/v1/bank-accounts/\(accountId)/statements", token: finance, json: #"{"fileName":"x.csv","contentBase64":"\#(broken)"}"#)
            let refusedFields = try refused.problemFields()
            #expect(refused.status == .unprocessableContent && refusedFields == ["rows[2].交易金额"])
        }
    }

    @Test("payers: a partner keeps its own, masked; another partner's are not found; HQ finance sees any")
    func payers() async throws {
        try await TestApp.run { app in
            let hangzhou = try await app.partnerId(code: "S-HZ001")
            let guangzhou = try await app.partnerId(code: "S-GZ001")
            let store = try await app.token("S-HZ001")
            let own = try await app.request(.get, "/api/v1/partners/\(hangzhou)/payers", token: store).json()["items"] as? [[String: Any]] ?? []
            #expect(own.count == 1 && own.first?["accountTail"] as? String == "5678")
            #expect(try await app.request(.get, "/api/v1/partners/\(guangzhou)/payers", token: store).status == .notFound)
            let added = try await app.request(
                .post, "/api/v1/partners/\(hangzhou)/payers", token: store, json: #"{"name":"王小明","accountNumber":"6222 0210 0100 9999"}"#)
            #expect(added.status == .created)
            let listed = try added.json()["items"] as? [[String: Any]] ?? []
            #expect(listed.count == 2 && !String(describing: listed).contains("62220210"))
            let duplicate = try await app.request(
                .post, "/api/v1/partners/\(hangzhou)/payers", token: store, json: #"{"name":"王小明","accountNumber":"6222021001009999"}"#)
            let duplicateFields = try duplicate.problemFields()
            #expect(duplicate.status == .unprocessableContent && duplicateFields == ["name"])
            let finance = try await app.token("hq-finance")
            let seen = try await app.request(.get, "/api/v1/partners/\(hangzhou)/payers", token: finance).json()["items"] as? [[String: Any]] ?? []
            #expect(seen.count == 2)
            let payerId = try #require(listed.last?["id"] as? String)
            #expect(
                try await app.request(.delete, "/api/v1/partners/\(guangzhou)/payers/\(payerId)", token: try await app.token("S-GZ001")).status
                    == .notFound)
            #expect(try await app.request(.delete, "/api/v1/partners/\(hangzhou)/payers/\(payerId)", token: store).status == .ok)
        }
    }

    @Test("the pages: HQ finance uploads the file, works through the buckets and accepts every exact match")
    func pages() async throws {
        try await TestApp.run { app in
            let finance = try await app.token("hq-finance")
            let content = try await Self.statement(app, token: finance)
            var hq = PageSession(app)
            _ = try await hq.signIn("hq-finance")
            let bank = try await hq.get("/hq/bank")
            #expect(bank.status == .ok && bank.text.contains("bank-import-form") && bank.text.contains("招商银行 基本户"))
            let accountId = try #require(bank.text.firstMatch(of: /data-bank-account="(bac_[0-9a-z]+)"/)?.1).description
            let csrf = PageSession.csrf(in: bank.text)
            let wrong = try await hq.postMultipart(
                "/hq/bank/imports", fields: [("_csrf", csrf), ("bankAccountId", accountId)], files: [("file", "notes.txt", Data("hello".utf8))])
            #expect(
                wrong.status == .unprocessableContent && wrong.text.contains("找不到列") && wrong.text.contains("/hq/bank/accounts/\(accountId)/mapping"))
            // The overview tells HQ finance there are lines to accept once a file is in.
            let sent = try await hq.postMultipart(
                "/hq/bank/imports", fields: [("_csrf", csrf), ("bankAccountId", accountId)], files: [("file", "招商银行流水.csv", content)])
            #expect(sent.status == .found)
            let result = try await hq.get(sent.headers[.location] ?? "")
            #expect(result.text.contains("bucket-tabs") && result.text.contains("accept-all") && result.text.contains("data-status=\"exact\""))
            let importId = try #require((sent.headers[.location] ?? "").split(separator: "/").last).description
            let overview = try await hq.get("/hq").text
            #expect(overview.contains("class=\"stat task due\" id=\"bank-lines-to-decide\""))
            let all = try await hq.post("/hq/bank/imports/\(importId)/accept-exact", form: [("_csrf", PageSession.csrf(in: result.text))])
            #expect(all.status == .found && all.headers[.location]?.contains("accepted=1") == true)
            let suggested = try await hq.get("/hq/bank/imports/\(importId)?bucket=suggested")
            let lineId = try #require(suggested.text.firstMatch(of: /action="\/hq\/bank\/lines\/(bsl_[0-9a-z]+)\/reject"/)?.1).description
            let rejected = try await hq.post(
                "/hq/bank/lines/\(lineId)/reject",
                form: [("_csrf", PageSession.csrf(in: suggested.text)), ("importId", importId), ("bucket", "suggested")])
            #expect(rejected.status == .found)
            let ignore = try await hq.post(
                "/hq/bank/lines/\(lineId)/ignore",
                form: [("_csrf", PageSession.csrf(in: suggested.text)), ("importId", importId), ("bucket", "unmatched"), ("reason", "")])
            #expect(ignore.status == .unprocessableContent && ignore.text.contains("原因"))
            let pending = try await hq.get("/hq/bank/imports/\(importId)?bucket=pending").text
            #expect(pending.contains("pending-top-ups") && pending.contains("TU-"))
            // A partner is kept out.
            var partner = PageSession(app)
            _ = try await partner.signIn("S-GZ001")
            #expect(try await partner.get("/hq/bank").status == .forbidden)
        }
    }

    @Test("another bank: a custom account is mapped from a sample file's own columns, kept, and its files are read with it")
    func customMapping() async throws {
        try await TestApp.run { app in
            var hq = PageSession(app)
            _ = try await hq.signIn("hq-finance")
            let bank = try await hq.get("/hq/bank")
            let created = try await hq.post(
                "/hq/bank/accounts",
                form: [
                    ("_csrf", PageSession.csrf(in: bank.text)), ("name", "农业银行 一般户"), ("bankFormat", "custom"),
                    ("accountNumber", "6228 4800 1234 5678"),
                ])
            #expect(created.status == .found && created.headers[.location]?.hasSuffix("/mapping") == true)
            let mappingPath = created.headers[.location] ?? ""
            let accountId = mappingPath.split(separator: "/").dropLast().last.map(String.init) ?? ""
            // Importing before the columns are set says so, with the way on.
            let early = try await hq.postMultipart(
                "/hq/bank/imports", fields: [("_csrf", PageSession.csrf(in: bank.text)), ("bankAccountId", accountId)],
                files: [("file", "abc.csv", Data("x,y\n".utf8))])
            #expect(early.status == .unprocessableContent && early.text.contains("/hq/bank/accounts/\(accountId)/mapping"))
            let file = Data(
                """
                中国农业银行 账户交易明细
                账号:6228480012345678
                交易日期,交易时间,收入金额,支出金额,本次余额,对方户名,对方账号,对方开户行,交易用途,摘要
                20251115,101112,"12,000.00",,"9,000.00",某商行,6222000011112222,农行深圳分行,预存款 ABC-0001,转账

                """.utf8)
            let page = try await hq.get(mappingPath)
            let sample = try await hq.postMultipart(
                "\(mappingPath)/sample", fields: [("_csrf", PageSession.csrf(in: page.text))], files: [("file", "农行流水.csv", file)])
            #expect(sample.status == .ok && sample.text.contains("<option value=\"收入金额\" selected>"))
            let saved = try await hq.post(
                mappingPath,
                form: [
                    ("_csrf", PageSession.csrf(in: sample.text)), ("bookingDate", "交易日期"), ("amountKind", "creditDebit"), ("creditColumn", "收入金额"),
                    ("debitColumn", "支出金额"), ("counterpartyName", "对方户名"), ("counterpartyAccount", "对方账号"), ("memo", "交易用途,摘要"),
                ])
            #expect(saved.status == .found)
            let imported = try await hq.postMultipart(
                "/hq/bank/imports", fields: [("_csrf", PageSession.csrf(in: bank.text)), ("bankAccountId", accountId)],
                files: [("file", "农行流水.csv", file)])
            #expect(imported.status == .found)
            let result = try await hq.get(imported.headers[.location] ?? "").text
            #expect(result.contains("新增 1 笔"))
            let audit = try await app.request(.get, "/api/v1/audit-log?action=bank_account.mapping", token: try await app.token("hq-admin")).json()
            #expect((audit["items"] as? [[String: Any]] ?? []).count == 1)
        }
    }
}
