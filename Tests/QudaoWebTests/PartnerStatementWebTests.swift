import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
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
}
