import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

/// The payment password (支付密码, issue 13): set by the owner with the sign-in password, stored as
/// a bcrypt hash, asked for above HQ's threshold and for payout changes, throttled like sign-in.
@Suite("Payment password")
struct PaymentPasswordTests {
    static let ownerPassword = "store-owner-secret-2026"

    /// MoneyWorld with a real owner account for C (level 3, ¥100.00 a unit), ¥10,000.00 on
    /// prepaid and a threshold of ¥1,000.00.
    struct World {
        let money: MoneyWorld
        let owner: Caller
        let clerk: Caller
        var platform: Platform { money.platform }
        var service: PaymentPasswordService { PaymentPasswordService(platform: money.platform) }

        static func make(_ backend: Backend) async throws -> World {
            let money = try await MoneyWorld.make(backend)
            let accounts = AccountService(platform: money.platform)
            let account = try await accounts.create(
                Fixtures.hq(),
                AccountInput(
                    username: "c-owner", displayName: "店主", kind: "partner", partner: money.c.id, isOwner: true, password: ownerPassword))
            let owner = Fixtures.partnerCaller(money.c, accountId: account.id)
            let clerkAccount = try await accounts.create(
                owner, AccountInput(username: "c-clerk", displayName: "店员", permissions: ["ordering"], password: "store-clerk-secret-2026"))
            let clerk = Fixtures.partnerCaller(money.c, owner: false, permissions: [.ordering], accountId: clerkAccount.id)
            try await money.topUp(money.c, fen: 1_000_000)
            var rules = PrepaidRules.defaults
            rules.paymentPasswordAbove = Money(fen: 100_000)
            try await SettingsService(platform: money.platform).setPrepaidRules(Fixtures.hq(.finance), rules)
            return World(money: money, owner: owner, clerk: clerk)
        }

        func order(_ caller: Caller, units: Int64, paymentPassword: String? = nil) async throws -> OrderRecord {
            try await OrderService(platform: platform).placePurchaseOrder(
                caller, lines: [OrderLineInput(product: money.product.sku, quantity: .integer(units))], shipping: ShippingInput(),
                paymentPassword: paymentPassword)
        }

        func auditActions() async throws -> [String] {
            try await platform.database.read { session in
                try await session.rows("SELECT action FROM audit_log ORDER BY sequence").map { try $0.string("action") }
            }
        }
    }

    @Test("above the threshold an order needs the password; a wrong or missing one places nothing", arguments: Backend.available)
    func ordersAboveTheThreshold(_ backend: Backend) async throws {
        let world = try await World.make(backend)
        let orders = OrderService(platform: world.platform)
        let small = try await orders.quote(world.owner, lines: [OrderLineInput(product: world.money.product.sku, quantity: .integer(10))])
        let large = try await orders.quote(world.owner, lines: [OrderLineInput(product: world.money.product.sku, quantity: .integer(11))])
        // ¥1,000.00 exactly is not above the threshold; ¥1,100.00 is.
        #expect(small.amounts.net.fen == 100_000 && !small.paymentPasswordRequired)
        #expect(large.amounts.net.fen == 110_000 && large.paymentPasswordRequired)
        _ = try await world.order(world.owner, units: 10)
        let balanceBefore = try await world.money.balance(world.money.c)

        // No password set yet: the order says so instead of asking for one that does not exist.
        await #expect(throws: AppError.invalid("paymentPassword", .notAllowed(reason: .paymentPasswordNotSet))) {
            _ = try await world.order(world.owner, units: 11)
        }
        try await world.service.set(world.owner, signInPassword: Self.ownerPassword, newPassword: "135790", confirmation: "135790")
        await #expect(throws: AppError.invalid("paymentPassword", .required)) { _ = try await world.order(world.clerk, units: 11) }
        await #expect(throws: AppError.invalid("paymentPassword", .mismatch)) {
            _ = try await world.order(world.clerk, units: 11, paymentPassword: "246813")
        }
        // A wrong password below the threshold is not ignored either.
        await #expect(throws: AppError.invalid("paymentPassword", .mismatch)) {
            _ = try await world.order(world.owner, units: 1, paymentPassword: "246813")
        }
        #expect(try await world.money.balance(world.money.c) == balanceBefore)
        let placed = try await world.order(world.clerk, units: 11, paymentPassword: "135790")
        #expect(placed.net.fen == 110_000)
        #expect(try await world.money.balance(world.money.c) == balanceBefore - 110_000)
        #expect(try await world.auditActions().filter { $0 == "payment_password.failed" }.count == 2)
        #expect(try await world.money.verify().isEmpty)
    }

    @Test("only the owner sets it, with the sign-in password; only a bcrypt hash is stored", arguments: Backend.available)
    func settingIt(_ backend: Backend) async throws {
        let world = try await World.make(backend)
        await #expect(throws: AppError.forbidden) {
            try await world.service.set(world.clerk, signInPassword: "store-clerk-secret-2026", newPassword: "135790", confirmation: "135790")
        }
        await #expect(throws: AppError.forbidden) {
            try await world.service.set(Fixtures.hq(), signInPassword: "x", newPassword: "135790", confirmation: "135790")
        }
        let refusals: [(String, String, String, AppError)] = [
            ("wrong-password-2026", "135790", "135790", .invalid("currentPassword", .mismatch)),
            (Self.ownerPassword, "123456", "123456", .invalid("newPaymentPassword", .notAllowed(reason: .paymentPasswordTooSimple))),
            (Self.ownerPassword, "13579", "13579", .invalid("newPaymentPassword", .invalidFormat(expected: .paymentPassword))),
            (Self.ownerPassword, "135790", "135791", .invalid("paymentPasswordConfirmation", .notAllowed(reason: .passwordsDiffer))),
        ]
        for (signIn, new, confirmation, expected) in refusals {
            await #expect(throws: expected) {
                try await world.service.set(world.owner, signInPassword: signIn, newPassword: new, confirmation: confirmation)
            }
        }
        #expect(try await world.service.status(world.owner).isSet == false)
        try await world.service.set(world.owner, signInPassword: Self.ownerPassword, newPassword: "135790", confirmation: "135790")
        let status = try await world.service.status(world.clerk)
        #expect(status.isSet && status.requiredAbove == Money(fen: 100_000) && !status.callerMaySet)
        let stored = try await world.platform.database.read { try await $0.paymentPassword(partnerId: world.money.c.id) }
        #expect(stored?.passwordHash.hasPrefix("$2") == true && stored?.passwordHash.contains("135790") == false)
        // Changing it replaces the old one at once.
        try await world.service.set(world.owner, signInPassword: Self.ownerPassword, newPassword: "908172", confirmation: "908172")
        await #expect(throws: AppError.invalid("paymentPassword", .mismatch)) {
            _ = try await world.order(world.owner, units: 11, paymentPassword: "135790")
        }
        _ = try await world.order(world.owner, units: 11, paymentPassword: "908172")
        let actions = try await world.auditActions()
        #expect(actions.contains("payment_password.set") && actions.contains("payment_password.change"))
        #expect(actions.contains("payment_password.reauthentication_failed"))
    }

    @Test("five wrong tries lock it for the partner, even the right one, until the lock ends", arguments: Backend.available)
    func throttled(_ backend: Backend) async throws {
        let world = try await World.make(backend)
        try await world.service.set(world.owner, signInPassword: Self.ownerPassword, newPassword: "135790", confirmation: "135790")
        let policy = world.platform.sessionPolicy
        for _ in 0..<policy.maximumFailuresPerUsername {
            await #expect(throws: AppError.invalid("paymentPassword", .mismatch)) {
                _ = try await world.order(world.clerk, units: 11, paymentPassword: "246813")
            }
        }
        let lockedUntil = world.money.clock.now().addingTimeInterval(TimeInterval(policy.lockSeconds))
        // The lock holds for the partner's other accounts too.
        await #expect(throws: AppError.invalid("paymentPassword", .notAllowed(reason: .tooManyWrongPasswords(until: lockedUntil)))) {
            _ = try await world.order(world.owner, units: 11, paymentPassword: "135790")
        }
        world.money.clock.advance(seconds: policy.lockSeconds + 1)
        _ = try await world.order(world.owner, units: 11, paymentPassword: "135790")
    }

    @Test("a partner owner changes payout settings only with the payment password; HQ finance without", arguments: Backend.available)
    func payoutSettings(_ backend: Backend) async throws {
        let world = try await World.make(backend)
        let settlement = SettlementService(platform: world.platform)
        func change(_ caller: Caller, partnerId: String? = nil, _ password: String?) async throws -> PayoutSettings? {
            try await settlement.setPayoutSettings(
                caller, partnerId: partnerId, method: PayoutMethod.bank.rawValue, accountName: "店主", bankName: "招商银行",
                accountNumber: "6225881234567890", paymentPassword: password
            ).applied
        }
        await #expect(throws: AppError.invalid("paymentPassword", .notAllowed(reason: .paymentPasswordNotSet))) {
            _ = try await change(world.owner, nil)
        }
        try await world.service.set(world.owner, signInPassword: Self.ownerPassword, newPassword: "135790", confirmation: "135790")
        await #expect(throws: AppError.invalid("paymentPassword", .required)) { _ = try await change(world.owner, nil) }
        await #expect(throws: AppError.invalid("paymentPassword", .mismatch)) { _ = try await change(world.owner, "246813") }
        #expect(try await settlement.payoutSettings(world.owner, partnerId: nil).method == .prepaid)
        #expect(try await change(world.owner, "135790")?.accountNumber == "6225881234567890")
        // Another partner's id is refused before any password is looked at.
        await #expect(throws: AppError.self) { _ = try await change(world.owner, partnerId: world.money.d.id, "135790") }
        // HQ needs no payment password; with the second approver off for payout accounts it applies at once.
        try await world.money.withoutSecondApprover()
        #expect(try await change(Fixtures.hq(.finance), partnerId: world.money.c.id, nil)?.method == .bank)
    }
}
