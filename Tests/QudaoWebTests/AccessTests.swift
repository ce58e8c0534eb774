import Foundation
import HTTPTypes
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import QudaoWeb
import Testing

/// Every endpoint that takes an object id refuses another partner's id. The test enumerates the
/// router, so a new `{id}` endpoint without a case here fails the suite.
@Suite("Access: another partner's ids are refused")
struct AccessTests {
    @Test("every API object endpoint refuses ids outside the caller's scope, and changes nothing")
    func everyObjectEndpoint() async throws {
        try await TestApp.run { app in
            // given the owner of the level-2 agent A-GZ01 (downline S-GZ001…S-GZ003)
            let agent = try await app.token("A-GZ01")
            let sibling = try await app.partnerId(code: "A-SZ01")
            let upline = try await app.partnerId(code: "D-GD01")
            let otherBranchStore = try await app.partnerId(code: "S-HZ001")
            let siblingOwner = try await app.platform.database.read { try await $0.account(username: "a-sz01")?.id } ?? ""
            let hqAdmin = try await app.platform.database.read { try await $0.account(username: "hq-admin")?.id } ?? ""
            let offShelf = try await app.platform.database.read { try await $0.product(sku: "MU-2006")?.id } ?? ""
            let category = try await app.platform.database.read { try await $0.categories().first?.id } ?? ""
            let siblingOrder =
                try await app.platform.database.read {
                    try await $0.first("SELECT id FROM orders WHERE partner_id = \(bind: sibling) LIMIT 1")?.string("id")
                } ?? ""
            let otherBranchOrder =
                try await app.platform.database.read {
                    try await $0.first("SELECT o.id FROM orders o JOIN partners p ON p.id = o.partner_id WHERE p.code = 'D-ZJ01' LIMIT 1")?.string(
                        "id")
                } ?? ""
            let siblingTopUp =
                try await app.platform.database.read {
                    try await $0.first("SELECT id FROM top_ups WHERE partner_id = \(bind: sibling) LIMIT 1")?.string("id")
                } ?? ""
            let siblingReturn =
                try await app.platform.database.read {
                    try await $0.first(
                        "SELECT r.id FROM order_returns r JOIN orders o ON o.id = r.order_id WHERE o.partner_id = \(bind: sibling) LIMIT 1")?.string(
                            "id")
                } ?? ""
            // Addresses belong to their partner alone: not even the upline may use a store's.
            let downlineAddress =
                try await app.platform.database.read {
                    try await $0.first("SELECT a.id FROM saved_addresses a JOIN partners p ON p.id = a.partner_id WHERE p.code = 'S-GZ001' LIMIT 1")?
                        .string("id")
                } ?? ""
            // Commission records and statements are the partner's own: not a sibling's, an upline's or a downline's.
            func commission(_ code: String) async throws -> String {
                try await app.platform.database.read {
                    try await $0.first(
                        "SELECT c.id FROM commission_records c JOIN partners p ON p.id = c.partner_id WHERE p.code = \(bind: code) LIMIT 1")?.string(
                            "id")
                } ?? ""
            }
            func statement(_ code: String) async throws -> String {
                try await app.platform.database.read {
                    try await $0.first(
                        "SELECT s.id FROM settlement_statements s JOIN partners p ON p.id = s.partner_id WHERE p.code = \(bind: code) LIMIT 1")?
                        .string("id")
                } ?? ""
            }
            let siblingCommission = try await commission("A-FS01")
            let uplineCommission = try await commission("D-GD01")
            let downlineCommission = try await commission("S-FS001")
            let siblingStatement = try await statement("A-FS01")
            // Notifications are read by their audience alone: an upline's or a sibling's are not the agent's.
            func notification(_ code: String) async throws -> String {
                try await app.platform.database.read {
                    try await $0.first(
                        "SELECT n.id FROM notifications n JOIN partners p ON p.id = n.partner_id WHERE p.code = \(bind: code) LIMIT 1")?.string("id")
                } ?? ""
            }
            // Follow-up tasks are HQ's and the partner's own: a sibling's and another branch's are refused.
            func followUp(_ code: String) async throws -> String {
                try await app.platform.database.read {
                    try await $0.first(
                        "SELECT f.id FROM follow_up_tasks f JOIN partners p ON p.id = f.partner_id WHERE p.code = \(bind: code) LIMIT 1")?.string(
                            "id")
                } ?? ""
            }
            let siblingFollowUp = try await followUp("A-FS01")
            let otherBranchFollowUp = try await followUp("S-SZ002")
            func certificate(_ code: String) async throws -> String {
                try await app.platform.database.read {
                    try await $0.first(
                        "SELECT c.id FROM partner_certificates c JOIN partners p ON p.id = c.partner_id WHERE p.code = \(bind: code) LIMIT 1")?
                        .string("id")
                } ?? ""
            }
            let siblingCertificate = try await certificate("A-SZ01")
            let uplineCertificate = try await certificate("D-GD01")
            // A promotion for quality partners is not the agent's (it is potential or below).
            let qualityPromotion =
                try await app.platform.database.read {
                    try await $0.first("SELECT id FROM promotions WHERE target_grades = ',quality,' LIMIT 1")?.string("id")
                } ?? ""
            let uplineNotification = try await notification("D-GD01")
            let siblingNotification = try await notification("A-FS01")
            let uplineStatement = try await statement("D-GD01")
            #expect(
                ![
                    siblingOrder, otherBranchOrder, siblingTopUp, siblingReturn, downlineAddress, siblingCommission, uplineCommission,
                    downlineCommission,
                    siblingStatement, uplineStatement, uplineNotification, siblingNotification, siblingFollowUp, otherBranchFollowUp,
                    siblingCertificate, uplineCertificate, qualityPromotion,
                ].contains(""))
            let demoApproval =
                try await app.platform.database.read {
                    try await $0.first("SELECT id FROM approval_requests WHERE status = 'pending' LIMIT 1")?.string("id")
                } ?? ""
            #expect(!demoApproval.isEmpty)
            var partnerStatements: [String] = []
            for code in ["A-SZ01", "D-GD01", "S-GZ001"] {
                let id = try await app.platform.database.read {
                    try await $0.first(
                        "SELECT s.id FROM partner_statements s JOIN partners p ON p.id = s.partner_id WHERE p.code = \(bind: code) LIMIT 1"
                    )?.string("id")
                }
                if let id { partnerStatements.append(id) }
            }
            #expect(!partnerStatements.isEmpty, "the demo's settled months have partner statements")
            let demoBankAccount =
                try await app.platform.database.read { try await $0.first("SELECT id FROM bank_accounts LIMIT 1")?.string("id") } ?? ""
            let demoPayer =
                try await app.platform.database.read { try await $0.first("SELECT id FROM partner_payers LIMIT 1")?.string("id") } ?? ""
            #expect(!demoBankAccount.isEmpty && !demoPayer.isEmpty)
            // API keys are their owner's alone: a sibling's, a downline store's and HQ's.
            var foreignKeys: [String] = []
            for owner in ["A-SZ01", "S-GZ001", "hq-admin"] {
                let created = try await app.request(
                    .post, "/api/v1/api-keys", token: try await app.token(owner), json: #"{"name":"ERP","scopes":["orders:read"]}"#)
                foreignKeys.append((try created.json()["key"] as? [String: Any])?["id"] as? String ?? "")
            }
            #expect(!foreignKeys.contains(""))
            // So are webhook subscriptions and their deliveries (a test event makes one of each).
            var foreignWebhooks: [String] = []
            for owner in ["A-SZ01", "hq-admin"] {
                let token = try await app.token(owner)
                let created = try await app.request(
                    .post, "/api/v1/webhooks", token: token, json: #"{"url":"https://erp.example.com/hook","eventTypes":["order.paid"]}"#)
                let id = (try created.json()["subscription"] as? [String: Any])?["id"] as? String ?? ""
                foreignWebhooks.append(id)
                #expect(try await app.request(.post, "/api/v1/webhooks/\(id)/test", token: token).status == .accepted)
            }
            let foreignDeliveries = try await app.platform.database.read {
                try await $0.rows("SELECT id FROM webhook_deliveries ORDER BY id").map { try $0.string("id") }
            }
            #expect(!foreignWebhooks.contains("") && foreignDeliveries.count == 2)
            let before = try await snapshot(app)

            // One case per object endpoint: method, path template, the foreign ids to try, a body.
            let cases: [(method: HTTPRequest.Method, template: String, ids: [String], body: String?)] = [
                (.get, "/api/v1/partners/{id}", [sibling, upline, otherBranchStore], nil),
                (.patch, "/api/v1/partners/{id}", [sibling, upline], #"{"name":"被篡改"}"#),
                (.post, "/api/v1/partners/{id}/move", [sibling, otherBranchStore], #"{"parentId":null}"#),
                (.post, "/api/v1/partners/{id}/status", [sibling], #"{"status":"suspended","reason":"x"}"#),
                (.post, "/api/v1/partners/{id}/reveal-contact-phone", [sibling, upline], nil),
                (.get, "/api/v1/products/{id}", [offShelf], nil),
                (.patch, "/api/v1/products/{id}", [offShelf], #"{"name":"被篡改"}"#),
                (.patch, "/api/v1/categories/{id}", [category], #"{"name":"被篡改"}"#),
                (.get, "/api/v1/accounts/{id}", [siblingOwner, hqAdmin], nil),
                (.patch, "/api/v1/accounts/{id}", [siblingOwner, hqAdmin], #"{"status":"disabled"}"#),
                (.post, "/api/v1/accounts/{id}/revoke-sessions", [siblingOwner, hqAdmin], nil),
                (.get, "/api/v1/orders/{id}", [siblingOrder, otherBranchOrder], nil),
                (.get, "/api/v1/orders/{id}/vouchers", [siblingOrder, otherBranchOrder], nil),
                (.post, "/api/v1/orders/{id}/confirm-payment", [siblingOrder], #"{"paymentReference":"PAY-0001"}"#),
                (.post, "/api/v1/orders/{id}/ship", [siblingOrder], #"{"carrier":"x","trackingNumber":"X12345"}"#),
                (.post, "/api/v1/orders/{id}/deliver", [otherBranchOrder], nil),
                (.post, "/api/v1/orders/{id}/receive", [siblingOrder, otherBranchOrder], nil),
                (.post, "/api/v1/orders/{id}/cancel", [siblingOrder, otherBranchOrder], #"{"reason":"x"}"#),
                (.post, "/api/v1/orders/{id}/returns", [siblingOrder], #"{"lines":[{"lineNumber":1,"quantity":1}],"reason":"x"}"#),
                (.get, "/api/v1/top-ups/{id}", [siblingTopUp], nil),
                (.get, "/api/v1/top-ups/{id}/proof", [siblingTopUp], nil),
                (.post, "/api/v1/top-ups/{id}/confirm", [siblingTopUp], nil),
                (.post, "/api/v1/top-ups/{id}/reject", [siblingTopUp], #"{"reason":"x"}"#),
                (.post, "/api/v1/returns/{id}/approve", [siblingReturn], nil),
                (.post, "/api/v1/returns/{id}/reject", [siblingReturn], #"{"reason":"x"}"#),
                (.post, "/api/v1/returns/{id}/receive", [siblingReturn], nil),
                (.post, "/api/v1/returns/{id}/refund", [siblingReturn], nil),
                (.get, "/api/v1/addresses/{id}", [downlineAddress], nil),
                (.put, "/api/v1/addresses/{id}", [downlineAddress], #"{"name":"x","phone":"13800000000","province":"广东省","city":"x","detail":"x"}"#),
                (.delete, "/api/v1/addresses/{id}", [downlineAddress], nil),
                (.post, "/api/v1/addresses/{id}/reveal", [downlineAddress], nil),
                (.get, "/api/v1/commissions/{id}", [siblingCommission, uplineCommission, downlineCommission], nil),
                (.get, "/api/v1/statements/{id}", [siblingStatement, uplineStatement], nil),
                (.get, "/api/v1/statements/{id}/download", [siblingStatement, uplineStatement], nil),
                (.post, "/api/v1/statements/{id}/mark-paid", [siblingStatement, uplineStatement], nil),
                (.post, "/api/v1/statements/{id}/mark-failed", [siblingStatement, uplineStatement], #"{"reason":"x"}"#),
                (.post, "/api/v1/statements/{id}/retry", [siblingStatement, uplineStatement], nil),
                (.post, "/api/v1/notifications/{id}/read", [uplineNotification, siblingNotification], nil),
                (.get, "/api/v1/follow-ups/{id}", [siblingFollowUp, otherBranchFollowUp], nil),
                (.post, "/api/v1/follow-ups/{id}/assign", [siblingFollowUp, otherBranchFollowUp], #"{"assignee":"hq-ops"}"#),
                (.post, "/api/v1/follow-ups/{id}/comments", [siblingFollowUp, otherBranchFollowUp], #"{"body":"篡改"}"#),
                (.post, "/api/v1/follow-ups/{id}/close", [siblingFollowUp, otherBranchFollowUp], #"{"resolution":"篡改关闭"}"#),
                (
                    .post, "/api/v1/partners/{id}/certificates", [sibling, upline],
                    #"{"certificateType":"other","number":"X-0001","issuer":"某局","validFrom":"2020-01-01","validTo":"2030-01-01"}"#
                ),
                (
                    .put, "/api/v1/certificates/{id}", [siblingCertificate, uplineCertificate],
                    #"{"certificateType":"other","number":"X-0001","issuer":"某局","validFrom":"2020-01-01","validTo":"2030-01-01"}"#
                ),
                (.delete, "/api/v1/certificates/{id}", [siblingCertificate, uplineCertificate], nil),
                (.get, "/api/v1/certificates/{id}/file", [siblingCertificate, uplineCertificate], nil),
                (.post, "/api/v1/partners/{id}/credit-rating", [sibling, upline], #"{"rating":"A","reason":"自行上调"}"#),
                (.get, "/api/v1/promotions/{id}", [qualityPromotion], nil),
                (.post, "/api/v1/promotions/{id}/cancel", [qualityPromotion], nil),
                // Imports are HQ's: a partner is refused whatever the id.
                (.post, "/api/v1/imports/{id}/commit", ["imp_00000000000000000000"], nil),
                // So are requests for a second approver, the demo's waiting one included.
                (.get, "/api/v1/approvals/{id}", [demoApproval], nil),
                (.post, "/api/v1/approvals/{id}/approve", [demoApproval], nil),
                (.post, "/api/v1/approvals/{id}/reject", [demoApproval], #"{"reason":"x"}"#),
                (.post, "/api/v1/approvals/{id}/withdraw", [demoApproval], nil),
                // A partner statement is between HQ and that partner: not a sibling's, an upline's or a downline's.
                (.get, "/api/v1/partner-statements/{id}", partnerStatements, nil),
                (.get, "/api/v1/partner-statements/{id}/download", partnerStatements, nil),
                (.post, "/api/v1/partner-statements/{id}/confirm", partnerStatements, nil),
                (
                    .post, "/api/v1/partner-statements/{id}/dispute", partnerStatements,
                    #"{"comment":"x","lines":[{"orderNumber":"PO-1","claimedFen":1}]}"#
                ),
                (.post, "/api/v1/partner-statements/{id}/dispute/answers", partnerStatements, #"{"line":1,"decision":"rejected","reply":"x"}"#),
                (.get, "/api/v1/partner-statements/{id}/dispute/attachment", partnerStatements, nil),
                // Bank statements are HQ finance's: a partner is refused whatever the id.
                (
                    .put, "/api/v1/bank-accounts/{id}/mapping", [demoBankAccount],
                    #"{"bookingDate":"日期","amountColumn":"金额","counterpartyName":"户名","memo":"摘要"}"#
                ),
                (.post, "/api/v1/bank-accounts/{id}/statements", [demoBankAccount], #"{"fileName":"x.csv","contentBase64":"eA=="}"#),
                (.get, "/api/v1/bank-statement-imports/{id}", ["bim_00000000000000000000"], nil),
                (.get, "/api/v1/bank-statement-imports/{id}/lines", ["bim_00000000000000000000"], nil),
                (.post, "/api/v1/bank-statement-imports/{id}/accept-exact", ["bim_00000000000000000000"], nil),
                (.post, "/api/v1/bank-statement-imports/{id}/rematch", ["bim_00000000000000000000"], nil),
                (.post, "/api/v1/bank-statement-lines/{id}/accept", ["bsl_00000000000000000000"], nil),
                (.post, "/api/v1/bank-statement-lines/{id}/reject", ["bsl_00000000000000000000"], nil),
                (.post, "/api/v1/bank-statement-lines/{id}/ignore", ["bsl_00000000000000000000"], #"{"reason":"x"}"#),
                // A partner's payers: its own only (the demo's payer is S-HZ001's, in another branch).
                (.get, "/api/v1/partners/{id}/payers", [sibling, upline, otherBranchStore], nil),
                (.post, "/api/v1/partners/{id}/payers", [sibling, upline], #"{"name":"篡改"}"#),
                (.delete, "/api/v1/partners/{id}/payers/{payerId}", [sibling, otherBranchStore], nil),
                (.get, "/api/v1/api-keys/{id}", foreignKeys, nil),
                (.post, "/api/v1/api-keys/{id}/rotate", foreignKeys, #"{"graceHours":0}"#),
                (.post, "/api/v1/api-keys/{id}/revoke", foreignKeys, nil),
                // HQ's warehouse is HQ operations': a partner is refused whatever the product.
                (.put, "/api/v1/stock/{id}/low-stock-line", [offShelf], #"{"units":5}"#),
                (.get, "/api/v1/webhooks/{id}", foreignWebhooks, nil),
                (.patch, "/api/v1/webhooks/{id}", foreignWebhooks, #"{"status":"disabled"}"#),
                (.get, "/api/v1/webhooks/{id}/deliveries", foreignWebhooks, nil),
                (.post, "/api/v1/webhooks/{id}/test", foreignWebhooks, nil),
                (.get, "/api/v1/webhook-deliveries/{id}", foreignDeliveries, nil),
                (.post, "/api/v1/webhook-deliveries/{id}/resend", foreignDeliveries, nil),
            ]
            let covered = Set(cases.map { "\($0.method.rawValue) \($0.template)" })
            let objectRoutes = Set(
                app.built.routes.filter { $0.path.hasPrefix("/api/") && $0.path.contains("{id}") }.map { "\($0.method) \($0.path)" })
            #expect(covered == objectRoutes, "object endpoints without an access case: \(objectRoutes.subtracting(covered))")

            for item in cases {
                for id in item.ids {
                    let path = item.template.replacingOccurrences(of: "{id}", with: id).replacingOccurrences(of: "{payerId}", with: demoPayer)
                    let response = try await app.request(item.method, path, token: agent, json: item.body)
                    #expect(
                        [.notFound, .forbidden].contains(response.status), "\(item.method) \(item.template) with \(id) answered \(response.status)")
                }
            }
            // and nothing changed anywhere
            let after = try await snapshot(app)
            #expect(after == before, "changed: \(Set(after).symmetricDifference(Set(before)).sorted().prefix(6))")
            // while the agent can still see its own downline store
            let ownStore = try await app.partnerId(code: "S-GZ001")
            #expect(try await app.request(.get, "/api/v1/partners/\(ownStore)", token: agent).status == .ok)
        }
    }

    @Test("lists are scoped: a partner never sees a sibling's partners or accounts, nor the audit log")
    func scopedLists() async throws {
        try await TestApp.run { app in
            let agent = try await app.token("A-GZ01")
            let partners = try await app.request(.get, "/api/v1/partners?pageSize=200", token: agent)
            let codes = Set((try partners.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
            #expect(codes == ["A-GZ01", "S-GZ001", "S-GZ002", "S-GZ003"])
            let tree = try await app.request(.get, "/api/v1/partners/tree", token: agent)
            #expect(Set((try tree.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }) == codes)
            // asking for another branch by filter returns nothing of it
            let filtered = try await app.request(
                .get, "/api/v1/partners?province=浙江省".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!, token: agent)
            #expect(try filtered.json()["totalCount"] as? Int == 0)
            let accounts = try await app.request(
                .get, "/api/v1/accounts?pageSize=200&partnerId=\(try await app.partnerId(code: "A-SZ01"))", token: agent)
            let usernames = (try accounts.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
            #expect(usernames == ["a-gz01", "a-gz01-manager"])
            #expect(try await app.request(.get, "/api/v1/audit-log", token: agent).status == .forbidden)
            #expect(try await app.request(.get, "/api/v1/settings", token: agent).status == .forbidden)
            // a store owner's sub-account without team rights sees only its own partner
            let store = try await app.token("S-GZ001")
            let created = try await app.request(
                .post, "/api/v1/accounts", token: store,
                json: #"{"username":"s-gz001-cashier","displayName":"收银","permissions":["ordering"],"password":"cashier-password"}"#)
            #expect(created.status == .created)
            let clerk = try await app.token("s-gz001-cashier", password: "cashier-password")
            let visible = try await app.request(.get, "/api/v1/partners", token: clerk)
            #expect(try visible.json()["totalCount"] as? Int == 1)
            #expect(try await app.request(.get, "/api/v1/accounts", token: clerk).status == .forbidden)
        }
    }

    @Test("HQ roles: viewers and finance read; only admins and operations change the tree")
    func hqRoles() async throws {
        try await TestApp.run { app in
            let viewer = try await app.token("hq-viewer")
            let partner = try await app.partnerId(code: "S-GZ001")
            #expect(try await app.request(.get, "/api/v1/partners/\(partner)", token: viewer).status == .ok)
            #expect(try await app.request(.patch, "/api/v1/partners/\(partner)", token: viewer, json: #"{"name":"x"}"#).status == .forbidden)
            #expect(try await app.request(.get, "/api/v1/accounts", token: viewer).status == .forbidden)
            let finance = try await app.token("hq-finance")
            #expect(
                try await app.request(.post, "/api/v1/partners/\(partner)/move", token: finance, json: #"{"parentId":null}"#).status == .forbidden)
            let operations = try await app.token("hq-ops")
            #expect(try await app.request(.patch, "/api/v1/partners/\(partner)", token: operations, json: #"{"city":"佛山市"}"#).status == .ok)
            #expect(try await app.request(.post, "/api/v1/partners/\(partner)/reveal-contact-phone", token: operations).status == .forbidden)
            let admin = try await app.token("hq-admin")
            let revealed = try await app.request(.post, "/api/v1/partners/\(partner)/reveal-contact-phone", token: admin)
            #expect(try revealed.json()["contactPhone"] as? String == "13560001001")
        }
    }

    /// Every row of every table that an endpoint could change, to prove a refused request changed nothing.
    func snapshot(_ app: TestApp.Client) async throws -> [String] {
        try await app.platform.database.read { session in
            var rows: [String] = []
            for (table, columns) in [
                ("partners", "id, name, parent_id, path, status, row_version"), ("products", "id, name, row_version"),
                ("product_categories", "id, name"), ("accounts", "id, status, row_version"),
                ("sessions", "id, revoked_at_ms"), ("orders", "id, status, refunded_fen, row_version"), ("top_ups", "id, status"),
                ("order_returns", "id, status"), ("saved_addresses", "id, detail"), ("ledger_accounts", "code, balance_fen"),
                ("warehouse_stock", "product_id, on_hand, reserved, low_stock_units"), ("commission_records", "id, state, statement_id"),
                ("settlement_statements", "id, status"), ("payouts", "statement_id, attempt, status"),
                ("notification_reads", "notification_id, account_id"), ("notification_read_marks", "account_id, read_through_ms"),
                ("follow_up_tasks", "id, status, assignee_account_id, row_version"), ("follow_up_comments", "id"),
                ("partner_stock", "partner_id, product_id, on_hand"), ("platform_settings", "setting_key, setting_value"),
                ("partner_certificates", "id, status, valid_to, row_version"), ("partner_credit_ratings", "id, rating"),
                ("promotions", "id, status, row_version"), ("import_batches", "id, status"),
                ("approval_requests", "id, status, decided_by_account_id"), ("partner_statements", "id, status, confirmed_at_ms"),
                ("statement_disputes", "id, status"), ("bank_accounts", "id, mapping_json"), ("bank_statement_lines", "id, status"),
                ("partner_payers", "id, name"), ("api_keys", "id, status, secret_prefix, row_version"),
                ("webhook_subscriptions", "id, status, url, row_version"), ("webhook_deliveries", "id, status, next_attempt_at_ms"),
                ("webhook_events", "id"),
            ] {
                for row in try await session.rows("SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) ORDER BY 1") {
                    rows.append(
                        table + ":"
                            + (row.allColumns.map { column in
                                (try? row.decode(column: column, as: String.self)) ?? (try? row.decode(column: column, as: Int64.self)).map(
                                    String.init) ?? "null"
                            }.joined(separator: "|")))
                }
            }
            return rows
        }
    }
}
