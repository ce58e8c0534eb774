import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

/// The second HQ approver through the API and HQ's pages, on the demo data (payout accounts are
/// held by default; the demo has one waiting request, hq-finance's change for A-SZ01).
@Suite("Second HQ approver on the web")
struct ApprovalWebTests {
    static let body = #""method":"bank","accountName":"佛山禅城代理","bankName":"中国银行佛山分行","accountNumber":"6216 6100 0001 2345""#

    @Test("the API: HQ's bank account change answers 202 and waits; the requester cannot approve; another HQ account's approval applies it")
    func api() async throws {
        try await TestApp.run { app in
            let finance = try await app.token("hq-finance")
            let admin = try await app.token("hq-admin")
            let agent = try await app.partnerId(code: "A-FS01")
            let held = try await app.request(.put, "/api/v1/payout-settings", token: finance, json: #"{"partnerId":"\#(agent)",\#(Self.body)}"#)
            #expect(held.status == .accepted, "\(held.text)")
            let approval = try held.json()
            let id = approval["id"] as? String ?? ""
            #expect(approval["status"] as? String == "pending" && approval["action"] as? String == "payout_account")
            #expect((approval["payoutSettings"] as? [String: Any])?["accountNumberMasked"] as? String == "6216********2345")
            #expect(!held.text.contains("6216610000012345"))
            #expect(try await app.request(.get, "/api/v1/payout-settings?partnerId=\(agent)", token: admin).json()["method"] as? String == "prepaid")

            // The same change again waits already; the requester cannot decide it; read-only HQ cannot either.
            let again = try await app.request(.put, "/api/v1/payout-settings", token: finance, json: #"{"partnerId":"\#(agent)",\#(Self.body)}"#)
            #expect(again.status == .conflict && again.text.contains(approval["number"] as? String ?? "?"))
            let own = try await app.request(.post, "/api/v1/approvals/\(id)/approve", token: finance)
            #expect(own.status == .conflict && own.text.contains("cannot decide its own request"), "\(own.text)")
            #expect(try await app.request(.post, "/api/v1/approvals/\(id)/approve", token: try await app.token("hq-viewer")).status == .forbidden)
            #expect(try await app.request(.get, "/api/v1/approvals", token: try await app.token("A-FS01")).status == .forbidden)

            let waiting = try await app.request(.get, "/api/v1/approvals?status=pending", token: admin).json()
            let numbers = (waiting["items"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? String }
            #expect(numbers.count == 2 && numbers.contains(approval["number"] as? String ?? "?"))
            let approved = try await app.request(.post, "/api/v1/approvals/\(id)/approve", token: admin)
            #expect(approved.status == .ok)
            #expect(try approved.json()["decidedByName"] as? String == "总部管理员")
            let settings = try await app.request(.get, "/api/v1/payout-settings?partnerId=\(agent)", token: finance).json()
            #expect(settings["method"] as? String == "bank" && settings["accountNumberMasked"] as? String == "6216********2345")
            #expect(try await app.request(.post, "/api/v1/approvals/\(id)/reject", token: admin, json: "{}").status == .conflict)
            let audit = try await app.request(.get, "/api/v1/audit-log?entityId=\(id)", token: admin).json()
            #expect(
                Set((audit["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }) == ["approval.requested", "approval.approved"])
        }
    }

    @Test("the settings API: HQ admins change the policy; a credit above the threshold answers 202; finance may not change the policy")
    func settings() async throws {
        try await TestApp.run { app in
            let admin = try await app.token("hq-admin")
            let finance = try await app.token("hq-finance")
            let shown = try await app.request(.get, "/api/v1/settings", token: finance).json()["approvals"] as? [String: Any]
            #expect(shown?["payoutAccounts"] as? Bool == true && shown?["commissionRules"] as? Bool == false)
            let policy = #"{"approvals":{"commissionRules":true,"payoutAccounts":true,"prepaidCreditAboveFen":500000}}"#
            #expect(try await app.request(.patch, "/api/v1/settings", token: finance, json: policy).status == .forbidden)
            let bad = try await app.request(
                .patch, "/api/v1/settings", token: admin,
                json: #"{"approvals":{"commissionRules":true,"payoutAccounts":true,"prepaidCreditAboveFen":-1}}"#)
            let badFields = try bad.problemFields()
            #expect(bad.status == .unprocessableContent && badFields == ["prepaidCreditAboveFen"])
            #expect(try await app.request(.patch, "/api/v1/settings", token: admin, json: policy).status == .ok)

            let store = try await app.partnerId(code: "S-GZ001")
            let small = try await app.request(
                .post, "/api/v1/prepaid/adjustments", token: finance,
                json: #"{"partnerId":"\#(store)","amountFen":500000,"direction":"credit","reason":"返利"}"#)
            #expect(small.status == .created)
            let balance = try small.json()["balanceFen"] as? Int ?? 0
            let large = try await app.request(
                .post, "/api/v1/prepaid/adjustments", token: finance,
                json: #"{"partnerId":"\#(store)","amountFen":500001,"direction":"credit","reason":"年度返利"}"#,
                headers: [HTTPField.Name("Idempotency-Key")!: "credit-0001"])
            #expect(large.status == .accepted)
            #expect((try large.json()["prepaidCredit"] as? [String: Any])?["amountFen"] as? Int == 500_001)
            // A retry with the same key answers the same request; nothing new waits.
            let retried = try await app.request(
                .post, "/api/v1/prepaid/adjustments", token: finance,
                json: #"{"partnerId":"\#(store)","amountFen":500001,"direction":"credit","reason":"年度返利"}"#,
                headers: [HTTPField.Name("Idempotency-Key")!: "credit-0001"])
            let retriedId = try retried.json()["id"] as? String
            let largeId = try large.json()["id"] as? String
            #expect(retried.status == .accepted && retriedId == largeId)
            #expect(try await app.request(.get, "/api/v1/prepaid/balance?partnerId=\(store)", token: finance).json()["balanceFen"] as? Int == balance)
            // Rules wait too now, order windows included.
            let windows = try await app.request(
                .patch, "/api/v1/settings", token: admin, json: #"{"orderWindows":{"autoReceiveDays":12,"returnWindowDays":7}}"#)
            #expect(windows.status == .ok)
            let windowsBody = try windows.json()
            #expect((windowsBody["orderWindows"] as? [String: Any])?["autoReceiveDays"] as? Int == 10)
            #expect((windowsBody["orderWindowsAwaitingApproval"] as? [String: Any])?["action"] as? String == "commission_rule")
        }
    }

    @Test("the pages: finance's payout form says it waits; the queue shows the change beside the account in force; another admin approves it")
    func pages() async throws {
        try await TestApp.run { app in
            let agent = try await app.partnerId(code: "A-FS01")
            var finance = PageSession(app)
            _ = try await finance.signIn("hq-finance")
            let csrf = PageSession.csrf(in: try await finance.get("/hq/partners/\(agent)/payout").text)
            let submitted = try await finance.post(
                "/hq/partners/\(agent)/payout",
                form: [
                    ("_csrf", csrf), ("payoutMethod", "bank"), ("bankAccountName", "佛山禅城代理"), ("bankName", "中国银行佛山分行"),
                    ("bankAccountNumber", "6216610000012345"),
                ])
            #expect(submitted.status == .found && submitted.headers[.location]?.contains("notice=approval") == true)
            let notice = try await finance.get(submitted.headers[.location] ?? "")
            #expect(notice.text.contains("approval-notice") && notice.text.contains("已提交复核"))
            let ownQueue = try await finance.get("/hq/approvals").text
            #expect(ownQueue.contains("data-action=\"withdraw\"") && ownQueue.contains("6216********2345") && !ownQueue.contains("6216610000012345"))

            var admin = PageSession(app)
            _ = try await admin.signIn("hq-admin")
            #expect(try await admin.get("/hq").text.contains(#"id="pending-approvals" href="/hq/approvals"><div class="value">2</div>"#))
            let queue = try await admin.get("/hq/approvals").text
            #expect(queue.contains("data-action=\"approve\"") && queue.contains("修改收款账户"))
            // What is in force now is shown beside the change, as markup rather than escaped text.
            #expect(queue.contains(#"<dd class="payout-now">转入预存款</dd>"#) && !queue.contains("&lt;dt&gt;"))
            let id =
                try await app.platform.database.read {
                    try await $0.first("SELECT id FROM approval_requests WHERE partner_id = \(bind: agent) AND status = 'pending'")?.string("id")
                } ?? ""
            let approved = try await admin.post("/hq/approvals/\(id)/approve", form: [("_csrf", PageSession.csrf(in: queue))])
            #expect(approved.status == .found && approved.headers[.location]?.contains("notice=approved") == true)
            // Approving again: the queue with the reason beside the request, nothing applied twice.
            let twice = try await admin.post("/hq/approvals/\(id)/approve", form: [("_csrf", PageSession.csrf(in: queue))])
            #expect(twice.status == .unprocessableContent && twice.text.contains("已批准"))
            #expect(try await admin.get("/hq/approvals?status=approved").text.contains("总部管理员"))
            // The settings page shows the policy; turning payout accounts off is saved.
            let settingsPage = try await admin.get("/hq/settings").text
            #expect(settingsPage.contains("approval-settings-form") && settingsPage.contains(#"name="payoutAccounts" checked"#))
            let saved = try await admin.post(
                "/hq/settings", form: [("_csrf", PageSession.csrf(in: settingsPage)), ("section", "approvals"), ("prepaidCreditAboveFen", "5000.00")])
            #expect(saved.status == .found)
            let policy = try await ApprovalService(platform: app.platform).policy()
            #expect(!policy.payoutAccounts && !policy.commissionRules && policy.prepaidCreditAbove == Money(fen: 500_000))
        }
    }
}
