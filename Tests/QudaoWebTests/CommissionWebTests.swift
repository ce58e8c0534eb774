import Foundation
import HTTPTypes
import HummingbirdTesting
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

/// Commission and settlement through the API and the pages, on the demo's history: the Foshan
/// branch's July 2025 orders settled on 15 August (D-GD01 by bank), and the clawback of a return
/// booked after that settlement, settled on 15 September. The test clock starts at 2025-11-15 10:00.
///
/// Hand calculation (RULES §5), store S-FS001 at level-3 prices, no prepaid discount:
/// SK-1001 24 × ¥159.20 = ¥3,820.80 and MU-2003 12 × ¥79.20 = ¥950.40, base ¥4,771.20;
/// A-FS01 (rate 1, 500 bp): 477,120 × 500 = 238,560,000 fen·bp → ¥238.56.
/// After 6 × SK-1001 come back: base ¥3,816.00 → ¥190.80, a clawback of −¥47.76.
@Suite("Commission and settlement on the web")
struct CommissionWebTests {
    static let settledHistoryMonth = "2025-07"
    static let clawbackMonth = "2025-08"

    static func items(_ response: TestResponse) throws -> [[String: Any]] {
        try response.json()["items"] as? [[String: Any]] ?? []
    }

    @Test("a partner's records and explanations show the hand-calculated fen; the summary adds them up")
    func recordsAndExplanations() async throws {
        try await TestApp.run { app in
            let agent = try await app.token("A-FS01")
            let records = try Self.items(try await app.request(.get, "/api/v1/commissions?pageSize=50", token: agent))
            let amounts = records.compactMap { $0["amountFen"] as? Int }.sorted()
            // the clawback, the referral at rate 2, the August order, the July order
            #expect(amounts == [-4_776, 5_688, 14_256, 23_856])
            let original = try #require(records.first { $0["amountFen"] as? Int == 23_856 })
            #expect(original["baseFen"] as? Int == 477_120)
            #expect(original["position"] as? Int == 1)
            #expect(original["state"] as? String == "settled")
            #expect(original["ruleVersion"] as? Int == 1)

            let detail = try await app.request(.get, "/api/v1/commissions/\(original["id"] as? String ?? "")", token: agent).json()
            let explanation = try #require(detail["explanation"] as? [String: Any])
            #expect(explanation["totalFenBp"] as? Int == 238_560_000)
            #expect(explanation["amountFen"] as? Int == 23_856)
            let lines = explanation["lines"] as? [[String: Any]] ?? []
            #expect(lines.compactMap { $0["baseFen"] as? Int } == [382_080, 95_040])
            #expect(lines.compactMap { $0["productFenBp"] as? Int } == [191_040_000, 47_520_000])

            let clawback = try #require(records.first { $0["kind"] as? String == "adjustment" })
            let clawbackDetail = try await app.request(.get, "/api/v1/commissions/\(clawback["id"] as? String ?? "")", token: agent).json()
            #expect(clawbackDetail["bookedBeforeFen"] as? Int == 23_856)
            #expect(clawbackDetail["recomputedFen"] as? Int == 19_080)
            #expect(clawback["statementNumber"] as? String != nil)

            // filters: by state, kind and period
            let adjustments = try Self.items(try await app.request(.get, "/api/v1/commissions?kind=adjustment", token: agent))
            #expect(adjustments.count == 1)
            let august = try Self.items(try await app.request(.get, "/api/v1/commissions?month=\(Self.clawbackMonth)", token: agent))
            #expect(Set(august.compactMap { $0["amountFen"] as? Int }) == [-4_776, 14_256])
            let malformed = try await app.request(.get, "/api/v1/commissions?month=2025-13&state=gone", token: agent)
            #expect(malformed.status == .unprocessableContent)
            #expect(Set(try malformed.problemFields()) == ["month", "state"])

            let summary = try await app.request(.get, "/api/v1/commission/summary", token: agent).json()
            #expect(summary["settledTotalFen"] as? Int == 23_856 + 5_688 + 14_256 - 4_776)
            #expect(summary["frozenFen"] as? Int == 0)

            // the explanation page shows the same arithmetic
            var session = PageSession(app)
            _ = try await session.signIn("A-FS01")
            let page = try await session.get("/portal/commissions/\(clawback["id"] as? String ?? "")")
            #expect(page.status == .ok)
            #expect(page.text.contains("19080"))
            #expect(page.text.contains("¥238.56"))
            #expect(page.text.contains("-¥47.76"))
            let list = try await session.get("/portal/commissions?state=settled")
            #expect(list.text.contains("commission-summary"))
            #expect(list.text.contains("¥142.56"))
        }
    }

    @Test("another partner's records, statements and downloads are refused on the pages too")
    func pagesRefuseOtherPartners() async throws {
        try await TestApp.run { app in
            let foshan = try await app.token("A-FS01")
            let record = try Self.items(try await app.request(.get, "/api/v1/commissions", token: foshan)).first?["id"] as? String ?? ""
            let statement = try Self.items(try await app.request(.get, "/api/v1/statements", token: foshan)).first?["id"] as? String ?? ""
            #expect(!record.isEmpty && !statement.isEmpty)
            var sibling = PageSession(app)
            _ = try await sibling.signIn("A-GZ01")
            for path in [
                "/portal/commissions/\(record)", "/portal/statements/\(statement)", "/portal/statements/\(statement)/download?format=csv",
            ] {
                #expect(try await sibling.get(path).status == .notFound, "\(path)")
            }
            // the upline sees its own commission, never its downline's records
            var upline = PageSession(app)
            _ = try await upline.signIn("D-GD01")
            #expect(try await upline.get("/portal/commissions/\(record)").status == .notFound)
            // a sub-account without finance view gets no commission at all
            let clerk = try await app.token("s-gz001-clerk")
            #expect(try await app.request(.get, "/api/v1/commissions", token: clerk).status == .forbidden)
            #expect(try await app.request(.get, "/api/v1/commission/summary", token: clerk).status == .forbidden)
        }
    }

    @Test("statements: the July and August figures, their records, and downloads in xlsx, csv and pdf")
    func statementsAndDownloads() async throws {
        try await TestApp.run { app in
            let agent = try await app.token("A-FS01")
            let statements = try Self.items(try await app.request(.get, "/api/v1/statements", token: agent))
            let byMonth = Dictionary(uniqueKeysWithValues: statements.map { ($0["month"] as? String ?? "", $0) })
            #expect(byMonth[Self.settledHistoryMonth]?["netFen"] as? Int == 23_856 + 5_688)
            #expect(byMonth[Self.clawbackMonth]?["netFen"] as? Int == 14_256 - 4_776)
            #expect(byMonth[Self.clawbackMonth]?["status"] as? String == "paid")
            #expect(byMonth[Self.clawbackMonth]?["payoutMethod"] as? String == "prepaid")
            let august = byMonth[Self.clawbackMonth]?["id"] as? String ?? ""
            let detail = try await app.request(.get, "/api/v1/statements/\(august)", token: agent).json()
            let records = detail["records"] as? [[String: Any]] ?? []
            #expect(records.compactMap { $0["amountFen"] as? Int }.reduce(0, +) == 9_480)

            let csv = try await app.request(.get, "/api/v1/statements/\(august)/download?format=csv", token: agent)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains(".csv") == true)
            let bytes = Array(Data(buffer: csv.body))
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.contains("142.56,14256"))
            #expect(text.contains("-47.76,-4776"))
            #expect(text.contains("94.80,9480"))
            let xlsx = try await app.request(.get, "/api/v1/statements/\(august)/download", token: agent)
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(Array(Data(buffer: xlsx.body).prefix(2)) == [0x50, 0x4B])
            let pdf = try await app.request(.get, "/api/v1/statements/\(august)/download?format=pdf", token: agent)
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(Data(buffer: pdf.body).starts(with: Data("%PDF-".utf8)))
            let wrong = try await app.request(.get, "/api/v1/statements/\(august)/download?format=docx", token: agent)
            #expect(wrong.status == .unprocessableContent)
            #expect(try wrong.problemFields() == ["format"])
        }
    }

    @Test("rule versions are validated, overlapping times refused, simulated without writing, published and audited")
    func ruleVersions() async throws {
        try await TestApp.run { app in
            let finance = try await app.token("hq-finance")
            // The default rule with some fields replaced (`fields` is JSON members, e.g. `"rate1Bp":600`).
            func rule(_ fields: String) throws -> String {
                var body: [String: Any] = [
                    "rate1Bp": 500, "rate2Bp": 300, "rate3Bp": 200, "capBp": 3000, "settlementDay": 15, "minimumPayoutFen": 100,
                    "autoReceiveDays": 10,
                    "returnWindowDays": 7, "bonusTiers": [["thresholdFen": 10_000_000, "rateBp": 100]],
                ]
                let replaced = try JSONSerialization.jsonObject(with: Data("{\(fields.drop { $0 == "," })}".utf8)) as? [String: Any] ?? [:]
                body.merge(replaced) { _, new in new }
                return String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
            }
            let cases: [(String, [String])] = [
                (#","rate1Bp":10001"#, ["rate1Bp"]),
                (#","rate1Bp":2000,"rate2Bp":600,"rate3Bp":500"#, ["rate1Bp"]),
                (#","bonusTiers":[{"thresholdFen":20000000,"rateBp":100},{"thresholdFen":10000000,"rateBp":200}]"#, ["bonusTiers[1].thresholdFen"]),
                (#","effectiveAt":"next Tuesday""#, ["effectiveAt"]),
                (#","effectiveAt":"2025-01-01T00:00:00+08:00""#, ["effectiveAt"]),
                (#","settlementDay":31,"minimumPayoutFen":0.5"#, ["settlementDay", "minimumPayoutFen"]),
            ]
            for (fields, expected) in cases {
                let response = try await app.request(.post, "/api/v1/commission/rules", token: finance, json: try rule(fields))
                #expect(response.status == .unprocessableContent, "\(fields)")
                #expect(try response.problemFields() == expected, "\(fields)")
            }
            #expect(try await app.count("commission_rules") == 1)

            // simulation: malformed and future months are refused; a past month is recomputed, nothing written
            let badMonth = try await app.request(
                .post, "/api/v1/commission/rules/simulate", token: finance, json: try rule(#","month":"2025-13""#))
            #expect(try badMonth.problemFields() == ["month"])
            let future = try await app.request(.post, "/api/v1/commission/rules/simulate", token: finance, json: try rule(#","month":"2025-12""#))
            #expect(try future.problemFields() == ["month"])
            let simulated = try await app.request(
                .post, "/api/v1/commission/rules/simulate", token: finance, json: try rule(#","rate1Bp":600,"month":"2025-07""#))
            #expect(simulated.status == .ok)
            let simulation = try simulated.json()
            let current = simulation["currentByPositionFen"] as? [Int] ?? []
            let draft = simulation["draftByPositionFen"] as? [Int] ?? []
            #expect(simulation["orderCount"] as? Int == 3)
            #expect(draft[0] > current[0] && draft[1] == current[1] && draft[2] == current[2])
            #expect(try await app.count("commission_rules") == 1)

            // a version scheduled in ten days, then one before it (overlap, refused), then one after it
            let now = app.platform.clock.now()
            func at(_ days: Double) -> String { BusinessTime.isoText(now.addingTimeInterval(days * 86_400)) }
            let scheduled = try await app.request(
                .post, "/api/v1/commission/rules", token: finance, json: try rule(#","rate1Bp":600,"effectiveAt":"\#(at(10))""#))
            #expect(scheduled.status == .created)
            #expect(try scheduled.json()["version"] as? Int == 2)
            let overlapping = try await app.request(
                .post, "/api/v1/commission/rules", token: finance, json: try rule(#","rate1Bp":700,"effectiveAt":"\#(at(5))""#))
            #expect(try overlapping.problemFields() == ["effectiveAt"])
            let later = try await app.request(
                .post, "/api/v1/commission/rules", token: finance, json: try rule(#","rate1Bp":650,"effectiveAt":"\#(at(20))""#))
            #expect(later.status == .created)
            let rules = try await app.request(.get, "/api/v1/commission/rules", token: finance).json()
            #expect((rules["current"] as? [String: Any])?["version"] as? Int == 1)
            #expect((rules["versions"] as? [[String: Any]])?.count == 3)
            let audit = try await app.request(.get, "/api/v1/audit-log?action=commission.rule_published", token: try await app.token("hq-admin"))
            #expect(try audit.json()["totalCount"] as? Int == 2)

            // who may: a viewer reads nothing and publishes nothing; partners see no HQ rules
            let viewer = try await app.token("hq-viewer")
            #expect(try await app.request(.post, "/api/v1/commission/rules", token: viewer, json: try rule("")).status == .forbidden)
            #expect(try await app.request(.get, "/api/v1/commission/rules", token: try await app.token("A-GZ01")).status == .forbidden)
        }
    }

    @Test("the settlement API refuses malformed, unfinished and settled months; a run settles once and matches its preview")
    func settlementRuns() async throws {
        try await TestApp.run { app in
            let finance = try await app.token("hq-finance")
            #expect(try await app.request(.post, "/api/v1/settlements/2025-13/run", token: finance).problemFields() == ["month"])
            #expect(try await app.request(.post, "/api/v1/settlements/2025-11/run", token: finance).problemFields() == ["month"])
            let statementsBefore = try await app.count("settlement_statements")
            // October 2025 was settled by the scheduler at 02:00 on 15 November: reported, not repeated
            let again = try await app.request(.post, "/api/v1/settlements/2025-10/run", token: finance)
            #expect(again.status == .conflict)
            #expect(try again.json()["detail"] as? String == "the month is already settled: 2025-10")
            #expect(try await app.count("settlement_statements") == statementsBefore)
            #expect(try await app.request(.get, "/api/v1/settlements/2025-10/preview", token: finance).json()["alreadySettled"] as? Bool == true)
            #expect(try await app.request(.post, "/api/v1/settlements/2025-10/run", token: try await app.token("A-GZ01")).status == .forbidden)

            // December: November has ended; finance previews it and runs it before the 15th
            let clock = try #require(app.platform.clock as? TestClock)
            clock.set(BusinessMonth(year: 2025, month: 12).start.addingTimeInterval(86_400))
            let preview = try await app.request(.get, "/api/v1/settlements/2025-11/preview", token: finance).json()
            let lines = preview["lines"] as? [[String: Any]] ?? []
            let settling = lines.filter { $0["settles"] as? Bool == true }
            #expect(!settling.isEmpty)
            let run = try await app.request(.post, "/api/v1/settlements/2025-11/run", token: finance)
            #expect(run.status == .ok)
            #expect(try run.json()["statementsCreated"] as? Int == settling.count)
            let made = try Self.items(try await app.request(.get, "/api/v1/statements?month=2025-11&pageSize=200", token: finance))
            #expect(made.compactMap { $0["netFen"] as? Int }.reduce(0, +) == preview["totalFen"] as? Int)
            let count = try await app.count("settlement_statements")
            #expect(try await app.request(.post, "/api/v1/settlements/2025-11/run", token: finance).status == .conflict)
            #expect(try await app.count("settlement_statements") == count)
            let runs = try Self.items(try await app.request(.get, "/api/v1/settlements", token: finance))
            #expect(runs.first?["month"] as? String == "2025-11")
            #expect(runs.first?["triggeredBy"] as? String == "hq-finance")
            #expect(try await InvariantChecker.check(app.platform.database).violations.isEmpty)
        }
    }

    @Test("bank payouts: the file in csv and xlsx is audited; a payout is paid once; a failed one is retried")
    func bankPayouts() async throws {
        try await TestApp.run { app in
            let finance = try await app.token("hq-finance")
            let admin = try await app.token("hq-admin")
            let pending = try Self.items(try await app.request(.get, "/api/v1/statements?status=pending_payout", token: finance))
            let distributor = try await app.partnerId(code: "D-GD01")
            #expect(!pending.isEmpty && pending.allSatisfy { $0["partnerId"] as? String == distributor && $0["payoutMethod"] as? String == "bank" })

            let refused = try await app.request(.post, "/api/v1/payouts/export?format=pdf", token: finance)
            #expect(try refused.problemFields() == ["format"])
            func exports() async throws -> Int {
                try await app.request(.get, "/api/v1/audit-log?action=payout.export", token: admin).json()["totalCount"] as? Int ?? -1
            }
            let exportsBefore = try await exports()
            let csv = try await app.request(.post, "/api/v1/payouts/export?format=csv", token: finance)
            #expect(csv.status == .ok)
            let rows = String(decoding: Data(buffer: csv.body).dropFirst(3), as: UTF8.self).split(separator: "\r\n")
            #expect(rows.count == pending.count + 2)  // header, one per statement, total
            #expect(rows[1].contains("6222021001234567890"))
            let total = pending.compactMap { $0["netFen"] as? Int }.reduce(0, +)
            #expect(rows.last?.hasSuffix(",\(total)") == true)
            #expect(try await exports() == exportsBefore + 1)
            let xlsx = try await app.request(.post, "/api/v1/payouts/export", token: finance)
            #expect(Array(Data(buffer: xlsx.body).prefix(2)) == [0x50, 0x4B])
            #expect(try await app.request(.post, "/api/v1/payouts/export", token: try await app.token("hq-viewer")).status == .forbidden)

            // eight concurrent "paid" clicks on the same payout: one wins, the ledger moves once
            let first = pending[0]["id"] as? String ?? ""
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await app.request(.post, "/api/v1/statements/\(first)/mark-paid", token: finance).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 7)
            let postings = try await app.platform.database.read {
                try await $0.first(
                    "SELECT COUNT(*) AS total FROM ledger_transactions WHERE reference = \(bind: first) AND kind = 'commission_payout'")?
                    .int64("total")
            }
            #expect(postings == 1)

            if pending.count > 1 {
                let second = pending[1]["id"] as? String ?? ""
                #expect(
                    try await app.request(.post, "/api/v1/statements/\(second)/mark-failed", token: finance, json: #"{"reason":" "}"#)
                        .problemFields() == ["reason"])
                let failed = try await app.request(
                    .post, "/api/v1/statements/\(second)/mark-failed", token: finance, json: #"{"reason":"账户名与户名不符"}"#)
                #expect(try failed.json()["status"] as? String == "payout_failed")
                #expect(try await app.request(.post, "/api/v1/statements/\(second)/mark-paid", token: finance).status == .conflict)
                let retried = try await app.request(.post, "/api/v1/statements/\(second)/retry", token: finance)
                #expect(try retried.json()["status"] as? String == "pending_payout")
                #expect(try await app.request(.post, "/api/v1/statements/\(second)/mark-paid", token: finance).json()["status"] as? String == "paid")
            }
            #expect(try await InvariantChecker.check(app.platform.database).violations.isEmpty)
        }
    }

    @Test("payout settings: the owner sets a bank account, shown masked; a sub-account may not; HQ finance may")
    func payoutSettings() async throws {
        try await TestApp.run { app in
            let owner = try await app.token("A-GZ01")
            let body = #""method":"bank","accountName":"广州天河优品代理","bankName":"招商银行广州分行","accountNumber":"6225 8800 1234 5678""#
            // The owner confirms with the payment password; without it or with a wrong one nothing changes.
            let missing = try await app.request(.put, "/api/v1/payout-settings", token: owner, json: "{\(body)}")
            let missingFields = try missing.problemFields()
            #expect(missing.status == .unprocessableContent && missingFields == ["paymentPassword"])
            let wrong = try await app.request(.put, "/api/v1/payout-settings", token: owner, json: #"{\#(body),"paymentPassword":"246813"}"#)
            let wrongFields = try wrong.problemFields()
            #expect(wrong.status == .unprocessableContent && wrongFields == ["paymentPassword"])
            #expect(try await app.request(.get, "/api/v1/payout-settings", token: owner).json()["method"] as? String == "prepaid")
            let set = try await app.request(
                .put, "/api/v1/payout-settings", token: owner, json: #"{\#(body),"paymentPassword":"\#(DemoData.paymentPassword)"}"#)
            #expect(set.status == .ok)
            #expect(try set.json()["accountNumberMasked"] as? String == "6225********5678")
            let invalid = try await app.request(.put, "/api/v1/payout-settings", token: owner, json: #"{"method":"bank","accountNumber":"12ab"}"#)
            #expect(Set(try invalid.problemFields()) == ["bankAccountName", "bankName", "bankAccountNumber"])
            let manager = try await app.token("a-gz01-manager")
            #expect(try await app.request(.get, "/api/v1/payout-settings", token: manager).json()["method"] as? String == "bank")
            #expect(
                try await app.request(.put, "/api/v1/payout-settings", token: manager, json: #"{"method":"prepaid"}"#).status == .forbidden)
            let sibling = try await app.partnerId(code: "A-SZ01")
            #expect(
                [.notFound, .forbidden].contains(try await app.request(.get, "/api/v1/payout-settings?partnerId=\(sibling)", token: owner).status))
            let finance = try await app.token("hq-finance")
            let agent = try await app.partnerId(code: "A-GZ01")
            #expect(
                try await app.request(.get, "/api/v1/payout-settings?partnerId=\(agent)", token: finance).json()["bankName"] as? String == "招商银行广州分行")
        }
    }

    @Test("HQ finance's and the partner's commission pages render; forms show each field's error; a settled month is reported")
    func pages() async throws {
        try await TestApp.run { app in
            var hq = PageSession(app)
            _ = try await hq.signIn("hq-finance")
            let finance = try await app.token("hq-finance")
            let statement = try Self.items(try await app.request(.get, "/api/v1/statements", token: finance)).first?["id"] as? String ?? ""
            let record = try Self.items(try await app.request(.get, "/api/v1/commissions", token: finance)).first?["id"] as? String ?? ""
            let distributor = try await app.partnerId(code: "D-GD01")
            for (path, marker) in [
                ("/hq/commissions", "commission-list"), ("/hq/commissions/\(record)", "explanation"), ("/hq/commission/rules", "rule-form"),
                ("/hq/settlements", "preview"), ("/hq/settlements?month=2025-07", "statement-list"), ("/hq/statements", "statement-list"),
                ("/hq/statements/\(statement)", "statement-summary"), ("/hq/payouts", "export-form"),
                ("/hq/partners/\(distributor)/payout", "payout-form"),
            ] {
                let page = try await hq.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.contains("id=\"\(marker)\""), "\(path)")
            }
            let rules = try await hq.get("/hq/commission/rules")
            let invalid = try await hq.post(
                "/hq/commission/rules",
                form: [
                    ("_csrf", PageSession.csrf(in: rules.text)), ("intent", "publish"), ("rate1Bp", "12.555"), ("rate2Bp", "3"), ("rate3Bp", "2"),
                    ("capBp", "30"), ("bonusTiers[0].thresholdFen", "100000.00"), ("bonusTiers[0].rateBp", "1"), ("settlementDay", "15"),
                    ("minimumPayoutFen", "1.00"),
                    ("autoReceiveDays", "10"), ("returnWindowDays", "7"), ("effectiveAt", ""), ("month", "2025-10"),
                ])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("id=\"rate1Bp-error\"") && invalid.text.contains("百分比,最多两位小数"))
            let simulated = try await hq.post(
                "/hq/commission/rules",
                form: [
                    ("_csrf", PageSession.csrf(in: rules.text)), ("intent", "simulate"), ("rate1Bp", "6"), ("rate2Bp", "3"), ("rate3Bp", "2"),
                    ("capBp", "30"), ("bonusTiers[0].thresholdFen", "100000.00"), ("bonusTiers[0].rateBp", "1"), ("settlementDay", "15"),
                    ("minimumPayoutFen", "1.00"),
                    ("autoReceiveDays", "10"), ("returnWindowDays", "7"), ("effectiveAt", ""), ("month", "2025-07"),
                ])
            #expect(simulated.status == .ok)
            #expect(simulated.text.contains("id=\"simulation\""))
            let settlements = try await hq.get("/hq/settlements?month=2025-10")
            let settledAgain = try await hq.post(
                "/hq/settlements/run", form: [("_csrf", PageSession.csrf(in: settlements.text)), ("month", "2025-10")])
            #expect(settledAgain.status == .found)
            #expect(settledAgain.headers[.location]?.contains("run=already") == true)

            var partner = PageSession(app)
            _ = try await partner.signIn("A-FS01")
            let home = try await partner.get("/portal")
            #expect(home.text.contains("id=\"commission-settled-total\">¥390.24"))
            for path in ["/portal/commissions", "/portal/statements", "/portal/payout"] {
                #expect(try await partner.get(path).status == .ok, "\(path)")
            }
        }
    }
}
