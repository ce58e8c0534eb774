import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit
import Testing

/// The second HQ approver (双人复核): a held action changes nothing until another HQ account
/// approves it, is carried out once in the approval's transaction, and can never be decided by
/// the account that asked, however the requests race.
@Suite("Second HQ approver")
struct ApprovalTests {
    /// A money world with real HQ accounts (the requests name them, and the table checks who decides).
    struct World {
        let money: MoneyWorld
        let finance: Caller
        let secondFinance: Caller
        let admin: Caller
        let viewer: Caller
        var platform: Platform { money.platform }
        var approvals: ApprovalService { ApprovalService(platform: money.platform) }

        static func make(_ backend: Backend) async throws -> World {
            let money = try await MoneyWorld.make(backend)
            let accounts = AccountService(platform: money.platform)
            func account(_ username: String, _ role: HQRole) async throws -> Caller {
                let record = try await accounts.create(
                    Fixtures.hq(.admin),
                    AccountInput(username: username, displayName: username, kind: "hq", hqRole: role.rawValue, password: "Tq8#harbour-lantern"))
                return Caller(principal: record.principal, origin: Fixtures.origin)
            }
            return World(
                money: money, finance: try await account("finance-one", .finance), secondFinance: try await account("finance-two", .finance),
                admin: try await account("admin-one", .admin), viewer: try await account("viewer-one", .viewer))
        }

        func setPolicy(commissionRules: Bool = false, payoutAccounts: Bool = true, creditAboveFen: Int64? = nil) async throws {
            try await approvals.setPolicy(
                admin,
                ApprovalPolicy(
                    commissionRules: commissionRules, payoutAccounts: payoutAccounts, prepaidCreditAbove: creditAboveFen.map(Money.init(fen:))))
        }

        func auditActions(entityId: String) async throws -> [String] {
            try await platform.database.read { session in
                try await session.rows("SELECT action FROM audit_log WHERE entity_id = \(bind: entityId) ORDER BY sequence").map {
                    try $0.string("action")
                }
            }
        }
    }

    static let accountNumber = "6225881234567890"

    func bankPayout(
        _ world: World, _ caller: Caller, partner: PartnerRecord, number: String = accountNumber
    ) async throws -> Submission<PayoutSettings> {
        try await SettlementService(platform: world.platform).setPayoutSettings(
            caller, partnerId: partner.id, method: PayoutMethod.bank.rawValue, accountName: partner.name, bankName: "招商银行深圳分行",
            accountNumber: number)
    }

    @Test(
        "the policy: payout accounts held by default; a credit is held only above the threshold; the threshold stays within the largest top-up",
        arguments: [
            (ApprovalPolicy.defaults, Int64(1), false),
            (ApprovalPolicy(commissionRules: false, payoutAccounts: true, prepaidCreditAbove: .zero), 1, true),
            (ApprovalPolicy(commissionRules: false, payoutAccounts: true, prepaidCreditAbove: Money(fen: 100_000)), 100_000, false),
            (ApprovalPolicy(commissionRules: false, payoutAccounts: true, prepaidCreditAbove: Money(fen: 100_000)), 100_001, true),
        ])
    func policy(_ policy: ApprovalPolicy, creditFen: Int64, held: Bool) {
        #expect(ApprovalPolicy.defaults.payoutAccounts && !ApprovalPolicy.defaults.commissionRules)
        #expect(policy.holdsCredit(Money(fen: creditFen)) == held)
        #expect(policy.problems().isEmpty)
        let tooHigh = ApprovalPolicy(
            commissionRules: false, payoutAccounts: true, prepaidCreditAbove: ApprovalPolicy.maximumCreditThreshold + Money(fen: 1))
        #expect(tooHigh.problems().map(\.field) == ["prepaidCreditAboveFen"])
        #expect(ApprovalPolicy(commissionRules: false, payoutAccounts: true, prepaidCreditAbove: Money(fen: -1)).problems().count == 1)
    }

    @Test(
        "HQ pointing a payout at a bank account waits; the requester cannot approve it, even in SQL; another account's approval applies it once",
        arguments: Backend.available)
    func payoutAccount(_ backend: Backend) async throws {
        let world = try await World.make(backend)
        let settlement = SettlementService(platform: world.platform)
        let partner = world.money.c
        let held = try #require(try await bankPayout(world, world.finance, partner: partner).awaitingApproval)
        #expect(held.number.hasPrefix("AP-") && held.status == .pending)
        #expect(try await settlement.payoutSettings(world.admin, partnerId: partner.id).method == .prepaid)
        // A second change for the same partner while one waits is refused, naming the first.
        await #expect(throws: AppError.conflict(reason: .approvalAlreadyPending(number: held.number))) {
            _ = try await bankPayout(world, world.secondFinance, partner: partner, number: "6222020000000001")
        }
        // Neither the service nor the table lets the requester decide.
        await #expect(throws: AppError.conflict(reason: .approverIsRequester)) { _ = try await world.approvals.approve(world.finance, id: held.id) }
        await #expect(throws: AppError.conflict(reason: .approverIsRequester)) {
            _ = try await world.approvals.reject(world.finance, id: held.id, reason: nil)
        }
        let decidedBySelf = try await world.platform.database.write { session in
            try await session.decideApprovalRequest(
                id: held.id, status: .approved, byAccountId: world.finance.principal.accountId, at: world.money.clock.now(), note: nil,
                resultReference: nil)
        }
        #expect(!decidedBySelf)
        await #expect(throws: (any Error).self) {
            try await world.platform.database.write { session in
                try await session.execute(
                    """
                    UPDATE approval_requests SET status = 'approved', decided_by_account_id = requested_by_account_id, decided_at_ms = 1
                    WHERE id = \(bind: held.id)
                    """)
            }
        }
        // Read-only HQ and partners may not decide.
        await #expect(throws: AppError.forbidden) { _ = try await world.approvals.approve(world.viewer, id: held.id) }
        await #expect(throws: AppError.forbidden) { _ = try await world.approvals.approve(world.money.owner(partner), id: held.id) }
        await #expect(throws: AppError.forbidden) { _ = try await world.approvals.request(world.money.owner(partner), id: held.id) }

        let approved = try await world.approvals.approve(world.admin, id: held.id)
        #expect(
            approved.status == .approved && approved.decidedByAccountId == world.admin.principal.accountId && approved.resultReference == partner.code
        )
        #expect(try await settlement.payoutSettings(world.admin, partnerId: partner.id).accountNumber == Self.accountNumber)
        await #expect(throws: AppError.conflict(reason: .approvalNotPending(status: .approved))) {
            _ = try await world.approvals.approve(world.secondFinance, id: held.id)
        }
        #expect(try await world.auditActions(entityId: held.id) == ["approval.requested", "approval.approved"])
        let payoutAudit = try await world.platform.database.read { session in
            try await session.first("SELECT account_id FROM audit_log WHERE action = 'payout.settings' AND entity_id = \(bind: partner.id)")?
                .string("account_id")
        }
        #expect(payoutAudit == world.admin.principal.accountId)
        // The held change (a full account number) is stored encrypted, never in plaintext.
        let stored = try await world.platform.database.read { session in
            try await session.first("SELECT change_cipher FROM approval_requests WHERE id = \(bind: held.id)")?.string("change_cipher") ?? ""
        }
        #expect(!stored.isEmpty && !stored.contains(Self.accountNumber) && !stored.contains(partner.id))
        // Switching to the prepaid balance pays the partner itself and is not held; a partner owner
        // is guarded by the payment password instead.
        let toPrepaid = try await settlement.setPayoutSettings(
            world.finance, partnerId: partner.id, method: PayoutMethod.prepaid.rawValue, accountName: nil, bankName: nil, accountNumber: nil)
        #expect(toPrepaid.applied?.method == .prepaid)
    }

    @Test("with the setting off HQ changes a payout account at once; the platform itself is never held", arguments: Backend.available)
    func payoutAccountNotHeld(_ backend: Backend) async throws {
        let world = try await World.make(backend)
        #expect(try await bankPayout(world, Caller.system(), partner: world.money.b).applied != nil)
        try await world.setPolicy(payoutAccounts: false)
        #expect(try await bankPayout(world, world.finance, partner: world.money.c).applied?.accountNumber == Self.accountNumber)
        // Loosening the policy tells HQ admins and finance who did it.
        let notices = try await world.platform.database.read { session in
            try await session.first("SELECT COUNT(*) AS total FROM notifications WHERE event_key LIKE 'approval_policy_weakened:%'")?.int64("total")
                ?? 0
        }
        #expect(notices >= 1)
        // Only an HQ admin changes the policy.
        await #expect(throws: AppError.forbidden) {
            try await world.approvals.setPolicy(world.finance, ApprovalPolicy.defaults)
        }
    }

    @Test(
        "a direct credit above the threshold waits; rejecting changes nothing; eight concurrent approvals credit it exactly once",
        arguments: Backend.available)
    func prepaidCredit(_ backend: Backend) async throws {
        let world = try await World.make(backend)
        try await world.setPolicy(creditAboveFen: 100_000)
        let prepaid = PrepaidService(platform: world.platform)
        let partner = world.money.b
        func credit(_ fen: Int64, _ reason: String) async throws -> Submission<Money> {
            try await prepaid.adjust(world.finance, partner: partner.code, amount: .fen(.integer(fen)), direction: "credit", reason: reason)
        }
        #expect(try await credit(100_000, "返利补发").applied?.fen == 100_000)
        let rejected = try #require(try await credit(100_001, "大额补偿").awaitingApproval)
        #expect(try await world.money.balance(partner) == 100_000)
        // A debit is never held: it cannot move money to anyone.
        #expect(
            try await prepaid.adjust(world.finance, partner: partner.code, amount: .fen(.integer(50_000)), direction: "debit", reason: "冲正")
                .applied?.fen == 50_000)
        _ = try await world.approvals.reject(world.secondFinance, id: rejected.id, reason: "金额不符")
        #expect(try await world.money.balance(partner) == 50_000)
        await #expect(throws: AppError.conflict(reason: .approvalNotPending(status: .rejected))) {
            _ = try await world.approvals.approve(world.admin, id: rejected.id)
        }

        let held = try #require(try await credit(250_000, "年度返利").awaitingApproval)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                let approver = index.isMultiple(of: 2) ? world.admin : world.secondFinance
                group.addTask { (try? await world.approvals.approve(approver, id: held.id)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await world.money.balance(partner) == 300_000)
        let reference = try #require(try await world.approvals.request(world.viewer, id: held.id).resultReference)
        let postings = try await world.platform.database.read { session in
            try await session.first("SELECT COUNT(*) AS total FROM ledger_transactions WHERE reference = \(bind: reference)")?.int64("total") ?? 0
        }
        #expect(postings == 1)
        let pending = try await world.approvals.requests(
            world.viewer, filter: ApprovalFilter(status: .pending), page: PageRequest(pageNumber: 1, pageSize: 50))
        #expect(pending.totalCount == 0)
    }

    @Test("a held commission rule is withdrawn only by its requester; approved late, it takes effect at the approval", arguments: Backend.available)
    func commissionRule(_ backend: Backend) async throws {
        let world = try await World.make(backend)
        try await world.setPolicy(commissionRules: true)
        let commissions = CommissionService(platform: world.platform)
        var draft = CommissionRule.defaults(effectiveAt: world.money.clock.now())
        draft.rates = [Rate(basisPoints: 900), Rate(basisPoints: 300), Rate(basisPoints: 200)]
        let first = try #require(try await commissions.publish(world.finance, draft).awaitingApproval)
        await #expect(throws: AppError.conflict(reason: .onlyRequesterWithdraws)) {
            _ = try await world.approvals.withdraw(world.admin, id: first.id)
        }
        #expect(try await world.approvals.withdraw(world.finance, id: first.id).status == .withdrawn)
        #expect(try await commissions.rules(world.admin).versions.count <= 1)

        let second = try #require(try await commissions.publish(world.finance, draft).awaitingApproval)
        world.money.clock.advance(seconds: 3 * 86_400)
        let approved = try await world.approvals.approve(world.admin, id: second.id)
        #expect(approved.resultReference == "v2")
        let current = try await commissions.currentRule()
        #expect(current.version == 2 && current.rates.first == Rate(basisPoints: 900))
        #expect(current.effectiveAt == world.money.clock.now())
        // Order windows belong to the rule, so changing them is held too.
        let windows = try await SettingsService(platform: world.platform).setOrderWindows(
            world.finance, OrderWindows(autoReceiveDays: 12, returnWindowDays: 7))
        #expect(windows.awaitingApproval?.change.action == .commissionRule)
    }
}
