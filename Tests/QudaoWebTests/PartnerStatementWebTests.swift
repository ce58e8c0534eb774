import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import SQLKit
import Testing

/// Monthly partner statements on the demo: its history settles 2025-10 on the morning the tests'
/// clock starts, so that month's statements are issued and wait for the partners.
@Suite("Partner statements on the web")
struct PartnerStatementWebTests {
    @Test("the API: HQ sees every partner's; a store reads its own, balanced and hashed, and confirms it once")
    func api() async throws {
        try await TestApp.run { app in
            let finance = try await app.token("hq-finance")
            let all = try await app.request(.get, "/api/v1/partner-statements?month=2025-10&pageSize=200", token: finance).json()
            let items = all["items"] as? [[String: Any]] ?? []
            #expect(items.count >= 10 && items.allSatisfy { $0["status"] as? String == "issued" })
            let store = try await app.token("S-GZ001")
            let own = try await app.request(.get, "/api/v1/partner-statements", token: store).json()["items"] as? [[String: Any]] ?? []
            #expect(!own.isEmpty && own.allSatisfy { $0["partnerCode"] as? String == "S-GZ001" })
            let id = try #require(own.first { $0["month"] as? String == "2025-10" }?["id"] as? String)
            let detail = try await app.request(.get, "/api/v1/partner-statements/\(id)", token: store).json()
            #expect((detail["contentHash"] as? String)?.count == 64)
            for account in detail["accounts"] as? [[String: Any]] ?? [] {
                let movements = account["movements"] as? [[String: Any]] ?? []
                let sum = movements.compactMap { $0["amountFen"] as? Int }.reduce(0, +)
                #expect((account["openingFen"] as? Int ?? -1) + sum == account["closingFen"] as? Int)
                #expect(movements.allSatisfy { !($0["description"] as? String ?? "").isEmpty })
            }
            // HQ may not confirm a partner's statement; the partner confirms once.
            #expect(try await app.request(.post, "/api/v1/partner-statements/\(id)/confirm", token: finance).status == .forbidden)
            let confirmed = try await app.request(.post, "/api/v1/partner-statements/\(id)/confirm", token: store)
            let confirmedStatus = try confirmed.json()["status"] as? String
            #expect(confirmed.status == .ok && confirmedStatus == "confirmed")
            #expect(try await app.request(.post, "/api/v1/partner-statements/\(id)/confirm", token: store).status == .conflict)
            // Issuing the settled month again adds nothing; a month not settled is refused with the field named.
            let again = try await app.request(.post, "/api/v1/partner-statements/issue", token: finance, json: #"{"month":"2025-10"}"#)
            let issuedAgain = try again.json()["issued"] as? Int
            #expect(again.status == .ok && issuedAgain == 0)
            #expect(
                try await app.request(.post, "/api/v1/partner-statements/issue", token: store, json: #"{"month":"2025-10"}"#).status == .forbidden)
            let unsettled = try await app.request(.post, "/api/v1/partner-statements/issue", token: finance, json: #"{"month":"2025-11"}"#)
            let fields = try unsettled.problemFields()
            #expect(unsettled.status == .unprocessableContent && fields == ["month"])
            let audit = try await app.request(.get, "/api/v1/audit-log?entityId=\(id)", token: try await app.token("hq-admin")).json()
            #expect(
                Set((audit["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }) == [
                    "partner_statement.issued", "partner_statement.confirmed",
                ])
        }
    }

    @Test("the pages: a store confirms on the portal; HQ's board lists the month by state")
    func pages() async throws {
        try await TestApp.run { app in
            // A store other than S-GZ001 (the API test's) with a statement for October.
            let (id, code) = try await app.platform.database.read { session -> (String, String) in
                let row = try await session.first(
                    """
                    SELECT s.id, p.code FROM partner_statements s JOIN partners p ON p.id = s.partner_id
                    WHERE p.code LIKE 'S-%' AND p.code <> 'S-GZ001' AND s.month = '2025-10' ORDER BY p.code LIMIT 1
                    """)
                return (try row?.string("id") ?? "", try row?.string("code") ?? "")
            }
            var store = PageSession(app)
            _ = try await store.signIn(code)
            let list = try await store.get("/portal/reconciliation")
            #expect(list.status == .ok && list.text.contains("statement-list") && list.text.contains("2025-10"))
            let detail = try await store.get("/portal/reconciliation/\(id)")
            #expect(detail.text.contains("confirm-form") && detail.text.contains("statement-hash") && detail.text.contains("期初余额"))
            let confirmed = try await store.post("/portal/reconciliation/\(id)/confirm", form: [("_csrf", PageSession.csrf(in: detail.text))])
            #expect(confirmed.status == .found && confirmed.headers[.location]?.contains("notice=confirmed") == true)
            let after = try await store.get(confirmed.headers[.location] ?? "").text
            #expect(after.contains("已确认对账单") && !after.contains("confirm-form"))
            // A second confirmation (another phone still showing the form) is told why.
            let twice = try await store.post("/portal/reconciliation/\(id)/confirm", form: [("_csrf", PageSession.csrf(in: detail.text))])
            #expect(twice.status == .conflict && twice.text.contains("不能再确认"))

            var hq = PageSession(app)
            _ = try await hq.signIn("hq-finance")
            let board = try await hq.get("/hq/reconciliation?month=2025-10").text
            #expect(board.contains("statement-board") && board.contains(code) && board.contains("已确认"))
            let issued = try await hq.post("/hq/reconciliation/issue", form: [("_csrf", PageSession.csrf(in: board)), ("month", "2025-13")])
            #expect(issued.status == .unprocessableContent && issued.text.contains("issue-form"))
        }
    }

    /// An agent's statement for the demo's October with a prepaid movement, and the agent's code.
    static func agentStatement(_ app: TestApp.Client, excluding: String? = nil) async throws -> (id: String, code: String) {
        try await app.platform.database.read { session in
            let row = try await session.first(
                """
                SELECT s.id, p.code FROM partner_statements s JOIN partners p ON p.id = s.partner_id
                WHERE p.partner_type = 'agent' AND s.month = '2025-10' AND s.status = 'issued' AND s.content_json LIKE '%"entryId"%'
                    AND p.code <> \(bind: excluding ?? "")
                ORDER BY p.code LIMIT 1
                """)
            return (try row?.string("id") ?? "", try row?.string("code") ?? "")
        }
    }

    @Test("the API: an agent disputes a line with a file; HQ answers it with a correction and the reissued statement balances; nobody else may")
    func disputeAPI() async throws {
        try await TestApp.run { app in
            let (id, code) = try await Self.agentStatement(app)
            let agent = try await app.token(code)
            let finance = try await app.token("hq-finance")
            let detail = try await app.request(.get, "/api/v1/partner-statements/\(id)", token: agent).json()
            let prepaid = try #require((detail["accounts"] as? [[String: Any]])?.first { $0["kind"] as? String == "prepaid" })
            let movement = try #require((prepaid["movements"] as? [[String: Any]])?.first)
            let entryId = try #require(movement["entryId"] as? Int)
            let stated = try #require(movement["amountFen"] as? Int)
            let picture = DemoData.proofPNG.base64EncodedString()
            // Bad lines are named; nothing is written.
            let bad = try await app.request(
                .post, "/api/v1/partner-statements/\(id)/dispute", token: agent,
                json: #"{"comment":"","lines":[{"entryId":\#(entryId),"claimedFen":\#(stated)}]}"#)
            let badFields = try bad.problemFields()
            #expect(bad.status == .unprocessableContent && badFields == ["comment", "disputeLines[0].claimedFen"])
            // Another partner, HQ and a store are refused: not found for partners, forbidden for HQ.
            let store = try await app.token("S-GZ001")
            let body =
                #"{"comment":"少记 1 元","lines":[{"entryId":\#(entryId),"claimedFen":\#(stated + 100)}],"attachment":{"fileName":"回单.png","contentType":"image/png","contentBase64":"\#(picture)"}}"#
            #expect(try await app.request(.post, "/api/v1/partner-statements/\(id)/dispute", token: store, json: body).status == .notFound)
            #expect(try await app.request(.post, "/api/v1/partner-statements/\(id)/dispute", token: finance, json: body).status == .forbidden)
            let raised = try await app.request(.post, "/api/v1/partner-statements/\(id)/dispute", token: agent, json: body)
            #expect(raised.status == .created)
            let raisedBody = try raised.json()
            let dispute = try #require(raisedBody["dispute"] as? [String: Any])
            #expect(raisedBody["status"] as? String == "disputed" && dispute["hasAttachment"] as? Bool == true)
            let lines = dispute["lines"] as? [[String: Any]] ?? []
            #expect(lines.count == 1 && lines.first?["suggestedCorrectionFen"] as? Int == 100)
            #expect(try await app.request(.get, "/api/v1/partner-statements/\(id)/dispute/attachment", token: store).status == .notFound)
            let file = try await app.request(.get, "/api/v1/partner-statements/\(id)/dispute/attachment", token: finance)
            #expect(file.status == .ok && Data(buffer: file.body) == DemoData.proofPNG)
            // The partner cannot answer its own dispute; HQ must give a reply to reject.
            let answers = "/api/v1/partner-statements/\(id)/dispute/answers"
            #expect(try await app.request(.post, answers, token: agent, json: #"{"line":1,"decision":"accepted"}"#).status == .forbidden)
            let noReply = try await app.request(.post, answers, token: finance, json: #"{"line":1,"decision":"rejected"}"#)
            let noReplyFields = try noReply.problemFields()
            #expect(noReply.status == .unprocessableContent && noReplyFields == ["reply"])
            let answered = try await app.request(.post, answers, token: finance, json: #"{"line":1,"decision":"accepted","reply":"已补记"}"#)
            #expect(answered.status == .ok)
            let answeredBody = try answered.json()
            let reissuedId = try #require((answeredBody["dispute"] as? [String: Any])?["reissuedStatementId"] as? String)
            #expect(answeredBody["status"] as? String == "reissued" && answeredBody["replacedById"] as? String == reissuedId)
            #expect(try await app.request(.post, answers, token: finance, json: #"{"line":1,"decision":"accepted"}"#).status == .conflict)
            let reissued = try await app.request(.get, "/api/v1/partner-statements/\(reissuedId)", token: agent).json()
            #expect(reissued["version"] as? Int == 2 && reissued["status"] as? String == "issued")
            for account in reissued["accounts"] as? [[String: Any]] ?? [] {
                let movements = account["movements"] as? [[String: Any]] ?? []
                #expect(
                    (account["openingFen"] as? Int ?? -1) + movements.compactMap { $0["amountFen"] as? Int }.reduce(0, +) == account["closingFen"]
                        as? Int)
            }
            let reissuedPrepaid = try #require((reissued["accounts"] as? [[String: Any]])?.first { $0["kind"] as? String == "prepaid" })
            #expect(reissuedPrepaid["closingFen"] as? Int == (prepaid["closingFen"] as? Int ?? 0) + 100)
            let last = (reissuedPrepaid["movements"] as? [[String: Any]])?.last
            #expect((last?["documentNumber"] as? String)?.hasPrefix("DS-202510-") == true && last?["amountFen"] as? Int == 100)
            let audit = try await app.request(.get, "/api/v1/audit-log?entityType=statement_dispute", token: try await app.token("hq-admin")).json()
            #expect((audit["items"] as? [[String: Any]] ?? []).contains { $0["action"] as? String == "statement_dispute.line_accepted" })
            let report = try await InvariantChecker.check(app.platform.database)
            #expect(report.violations.isEmpty)
        }
    }

    @Test("the pages: an agent ticks a line on the dispute form; HQ finance answers it on the statement's page")
    func disputePages() async throws {
        try await TestApp.run { app in
            let (id, code) = try await Self.agentStatement(app)
            var agent = PageSession(app)
            _ = try await agent.signIn(code)
            let detail = try await agent.get("/portal/reconciliation/\(id)")
            #expect(detail.text.contains("dispute-statement"))
            let form = try await agent.get("/portal/reconciliation/\(id)/dispute")
            let key = try #require(form.text.firstMatch(of: /name="line" value="(e\d+)"/)?.1).description
            let csrf = PageSession.csrf(in: form.text)
            // Nothing ticked, no comment: both are said, and the form keeps what was typed.
            let empty = try await agent.postMultipart(
                "/portal/reconciliation/\(id)/dispute", fields: [("_csrf", csrf), ("claimed-\(key)", "1.00")], files: [])
            #expect(empty.status == .unprocessableContent && empty.text.contains("异议明细") && empty.text.contains("异议说明"))
            let sent = try await agent.postMultipart(
                "/portal/reconciliation/\(id)/dispute",
                fields: [("_csrf", csrf), ("line", key), ("claimed-\(key)", "abc"), ("comment", "金额有误")], files: [])
            #expect(sent.status == .unprocessableContent && sent.text.contains("aria-invalid=\"true\""))
            let good = try await agent.postMultipart(
                "/portal/reconciliation/\(id)/dispute",
                fields: [("_csrf", csrf), ("line", key), ("claimed-\(key)", "0.01"), ("comment", "金额有误")],
                files: [("attachment", "回单.png", DemoData.proofPNG)])
            #expect(good.status == .found && good.headers[.location]?.contains("notice=disputed") == true)
            let after = try await agent.get(good.headers[.location] ?? "").text
            #expect(after.contains("statement-dispute") && after.contains("待处理") && !after.contains("confirm-form"))

            var hq = PageSession(app)
            _ = try await hq.signIn("hq-finance")
            let board = try await hq.get("/hq/reconciliation?status=disputed").text
            #expect(board.contains("count-disputed") && board.contains(code))
            let page = try await hq.get("/hq/reconciliation/\(id)").text
            #expect(page.contains("answer-form") && page.contains("dispute-attachment"))
            let rejected = try await hq.post(
                "/hq/reconciliation/\(id)/answer",
                form: [("_csrf", PageSession.csrf(in: page)), ("line", "1"), ("decision", "rejected"), ("reply", "")])
            #expect(rejected.status == .unprocessableContent && rejected.text.contains("回复"))
            let answered = try await hq.post(
                "/hq/reconciliation/\(id)/answer",
                form: [("_csrf", PageSession.csrf(in: page)), ("line", "1"), ("decision", "rejected"), ("reply", "以银行回单为准")])
            #expect(answered.status == .found && answered.headers[.location]?.contains("notice=reissued") == true)
            let reissued = try await hq.get(answered.headers[.location] ?? "").text
            #expect(reissued.contains("statement-previous") && reissued.contains("第 2 版"))
            let old = try await agent.get("/portal/reconciliation/\(id)").text
            #expect(old.contains("statement-replaced") && old.contains("以银行回单为准"))
        }
    }
}
