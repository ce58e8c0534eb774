import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@Suite("Accounts, sign-in and demo data")
struct AccountAndAuthTests {
    @Test("sign-in works, wrong passwords lock the name after five tries, and the lock ends", arguments: Backend.available)
    func signInAndLockout(_ backend: Backend) async throws {
        let (platform, clock) = try await TestDatabase.platform(backend)
        try await DemoData.load(platform)
        let auth = AuthService(platform: platform)
        let signedIn = try await auth.signIn(username: "HQ-Admin", password: DemoData.password, kind: "api", origin: Fixtures.origin)
        #expect(signedIn.account.hqRole == .admin)
        #expect(try await auth.authenticate(token: signedIn.token)?.account.username == "hq-admin")
        for _ in 0..<5 {
            await #expect(throws: AppError.unauthenticated) {
                _ = try await auth.signIn(username: "hq-ops", password: "wrong-password", kind: "web", origin: Fixtures.origin)
            }
        }
        // the right password is refused while locked
        await #expect(throws: AppError.self) {
            _ = try await auth.signIn(username: "hq-ops", password: DemoData.password, kind: "web", origin: Fixtures.origin)
        }
        // after the lock period it works again
        clock.advance(seconds: 15 * 60 + 1)
        #expect(
            try await auth.signIn(username: "hq-ops", password: DemoData.password, kind: "web", origin: Fixtures.origin).account.hqRole == .operations
        )
        // failed attempts are audited
        let failures = try await AuditLogService(platform: platform).entries(
            Fixtures.hq(), filter: AuditFilter(action: "auth.sign_in_failed"), page: PageRequest(pageNumber: 1, pageSize: 50))
        #expect(failures.totalCount == 5)
    }

    @Test(
        "a stranger's wrong passwords lock only the stranger: the owner signs in from elsewhere, and during a distributed attack from a browser it used before",
        arguments: Backend.available)
    func strangerCannotLockOutOwner(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        try await DemoData.load(platform)
        let auth = AuthService(platform: platform)
        func origin(_ last: Int) -> RequestOrigin { RequestOrigin(sourceIP: "203.0.113.\(last)", userAgent: "test") }
        // The owner signs in once from the office and keeps the browser's device token.
        let office = try await auth.signIn(username: "hq-admin", password: DemoData.password, kind: "web", origin: origin(1))
        // A stranger guesses from one address until that address is refused, even with the right password.
        for _ in 0..<5 {
            await #expect(throws: AppError.unauthenticated) {
                _ = try await auth.signIn(username: "hq-admin", password: "guess-1234", kind: "web", origin: origin(66))
            }
        }
        await #expect(throws: AppError.self) {
            _ = try await auth.signIn(username: "hq-admin", password: DemoData.password, kind: "web", origin: origin(66))
        }
        // The owner, from another address, is not locked out.
        #expect(
            try await auth.signIn(username: "hq-admin", password: DemoData.password, kind: "web", origin: origin(2)).account.username == "hq-admin")
        // A distributed attack: failures from many addresses lock the name for browsers it never signed in from…
        for last in 100..<(100 + platform.sessionPolicy.maximumFailuresPerUsernameEverywhere) {
            _ = try? await auth.signIn(username: "hq-admin", password: "guess-\(last)", kind: "api", origin: origin(last))
        }
        await #expect(throws: AppError.self) {
            _ = try await auth.signIn(username: "hq-admin", password: DemoData.password, kind: "web", origin: origin(3))
        }
        // …but the owner's own browser, with its device token, still signs in from a new address.
        let trusted = try await auth.signIn(
            username: "hq-admin", password: DemoData.password, kind: "web", origin: origin(4), deviceToken: office.deviceToken)
        #expect(trusted.account.username == "hq-admin")
        // A device token is the account's own: another account's, or a forged one, does not help.
        let other = try await auth.signIn(username: "hq-ops", password: DemoData.password, kind: "web", origin: origin(5))
        for forged in [other.deviceToken, office.deviceToken.dropLast(2) + "00", "d1.x.1.y.z"] {
            await #expect(throws: AppError.self) {
                _ = try await auth.signIn(
                    username: "hq-admin", password: DemoData.password, kind: "web", origin: origin(6), deviceToken: String(forged))
            }
        }
    }

    @Test("an unknown login name is checked against a bcrypt hash of the accounts' own cost, so it takes as long as a wrong password")
    func timingEqualizerUsesAccountCost() {
        for cost: UInt8 in [4, 10, 12] {
            let hash = AuthService.timingEqualizerHash(cost: cost)
            let parts = hash.split(separator: "$").map(String.init)
            #expect(parts.count == 3 && ["2a", "2b", "2y"].contains(parts[0]) && parts[1] == String(format: "%02d", cost), "\(hash)")
        }
    }

    @Test("signing out revokes the token; a password change ends other sessions", arguments: Backend.available)
    func revocation(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        try await DemoData.load(platform)
        let auth = AuthService(platform: platform)
        let first = try await auth.signIn(username: "hq-admin", password: DemoData.password, kind: "web", origin: Fixtures.origin)
        let second = try await auth.signIn(username: "hq-admin", password: DemoData.password, kind: "api", origin: Fixtures.origin)
        let caller = Caller(principal: first.account.principal, origin: Fixtures.origin)
        try await auth.changeOwnPassword(caller, currentPassword: DemoData.password, newPassword: "a-new-password", keepSessionId: first.session.id)
        #expect(try await auth.authenticate(token: first.token) != nil)
        #expect(try await auth.authenticate(token: second.token) == nil)
        try await auth.signOut(caller, sessionId: first.session.id)
        #expect(try await auth.authenticate(token: first.token) == nil)
        await #expect(throws: AppError.invalid("currentPassword", .mismatch)) {
            try await auth.changeOwnPassword(caller, currentPassword: "wrong", newPassword: "another-password", keepSessionId: nil)
        }
    }

    @Test("an owner manages sub-accounts; only the owner grants team management", arguments: Backend.available)
    func subAccounts(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let accounts = AccountService(platform: platform)
        let (a, b, _, _) = try await Fixtures.chain(platform)
        let owner = Fixtures.partnerCaller(b)
        let clerk = try await accounts.create(
            owner, AccountInput(username: "b01-clerk", displayName: "店员", permissions: ["ordering"], password: "clerk-password"))
        #expect(clerk.partnerId == b.id && !clerk.isOwner && clerk.permissions == [.ordering])
        let manager = try await accounts.create(
            owner,
            AccountInput(username: "b01-manager", displayName: "店长", permissions: ["team_management", "finance_view"], password: "manager-password"))
        let managerCaller = Fixtures.partnerCaller(b, owner: false, permissions: manager.permissions, accountId: manager.id)
        // a team manager may create sub-accounts but not grant team management
        await #expect(throws: AppError.self) {
            _ = try await accounts.create(
                managerCaller, AccountInput(username: "b01-x", displayName: "x", permissions: ["team_management"], password: "password-x"))
        }
        // a clerk without team management may not manage accounts
        let clerkCaller = Fixtures.partnerCaller(b, owner: false, permissions: [.ordering], accountId: clerk.id)
        await #expect(throws: AppError.forbidden) {
            _ = try await accounts.list(clerkCaller, filter: AccountFilter(), page: PageRequest(pageNumber: 1, pageSize: 10))
        }
        // another partner's owner cannot see B's accounts
        let otherOwner = Fixtures.partnerCaller(a, accountId: "acc_other")
        await #expect(throws: AppError.notFound(entity: "account")) { _ = try await accounts.account(otherOwner, id: clerk.id) }
        await #expect(throws: AppError.notFound(entity: "account")) {
            _ = try await accounts.update(otherOwner, id: clerk.id, AccountInput(status: "disabled"))
        }
        // disabling ends the clerk's sessions
        try await platform.database.write {
            try await $0.execute(
                "UPDATE accounts SET password_hash = (SELECT password_hash FROM accounts WHERE id = \(bind: manager.id)) WHERE id = \(bind: clerk.id)"
            )
        }
        let session = try await AuthService(platform: platform).signIn(
            username: "b01-clerk", password: "manager-password", kind: "web", origin: Fixtures.origin)
        _ = try await accounts.update(owner, id: clerk.id, AccountInput(status: "disabled"))
        #expect(try await AuthService(platform: platform).authenticate(token: session.token) == nil)
    }

    @Test("HQ roles: only admins manage accounts; viewers change nothing", arguments: Backend.available)
    func hqRoles(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let accounts = AccountService(platform: platform)
        let input = AccountInput(username: "new-finance", displayName: "财务二", kind: "hq", hqRole: "finance", password: "finance-password")
        await #expect(throws: AppError.forbidden) { _ = try await accounts.create(Fixtures.hq(.operations), input) }
        let created = try await accounts.create(Fixtures.hq(), input)
        #expect(created.hqRole == .finance)
        await #expect(throws: AppError.invalid("username", .duplicate)) { _ = try await accounts.create(Fixtures.hq(), input) }
        await #expect(throws: AppError.forbidden) {
            _ = try await PartnerService(platform: platform).create(Fixtures.hq(.viewer), Fixtures.partnerInput(code: "V-01"))
        }
        await #expect(throws: AppError.forbidden) {
            _ = try await ProductService(platform: platform).createCategory(Fixtures.hq(.finance), name: "x", sortOrder: .missing)
        }
    }

    @Test("products: prices are whole non-negative fen, overrides all or none", arguments: Backend.available)
    func productValidation(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let products = ProductService(platform: platform)
        let category = try await products.createCategory(Fixtures.hq(), name: "护肤", sortOrder: .integer(1))
        var input = ProductInput(
            sku: "SK-1", name: "精华", category: category.id, unit: "瓶", packSize: .integer(6), listPrice: .fen(.notWhole),
            level1Price: .fen(.integer(-1)), level2Price: .fen(.notANumber), level3Price: .fen(.integer(100)),
            commissionRate1: .basisPoints(.integer(500)))
        do {
            _ = try await products.create(Fixtures.hq(), input)
            Issue.record("invalid product accepted")
        } catch AppError.validation(let failure) {
            let byField = Dictionary(failure.errors.map { ($0.field, $0.problem) }, uniquingKeysWith: { first, _ in first })
            #expect(byField["listPriceFen"] == .notWholeFen)
            #expect(byField["level1PriceFen"] == .amountOutOfRange(minimumFen: 0, maximumFen: ProductService.maximumPriceFen))
            #expect(byField["level2PriceFen"] == .invalidFormat(expected: .wholeNumber))
            #expect(byField["commissionRate2Bp"] != nil && byField["commissionRate3Bp"] != nil)
        }
        #expect(try await Fixtures.count(platform, "products") == 0)
        input.listPrice = .fen(.integer(19_900))
        input.level1Price = .fen(.integer(11_940))
        input.level2Price = .fen(.integer(13_930))
        input.commissionRate2 = .basisPoints(.integer(0))
        input.commissionRate3 = .basisPoints(.integer(0))
        let product = try await products.create(Fixtures.hq(), input)
        #expect(product.commissionOverride == CommissionOverride(rate1: Rate(basisPoints: 500), rate2: .zero, rate3: .zero))
        await #expect(throws: AppError.invalid("sku", .duplicate)) { _ = try await products.create(Fixtures.hq(), input) }
        // partners never see products off shelf
        _ = try await products.setOnShelf(Fixtures.hq(), id: product.id, onShelf: false)
        let (_, b, _, _) = try await Fixtures.chain(platform)
        await #expect(throws: AppError.notFound(entity: "product")) { _ = try await products.product(Fixtures.partnerCaller(b), id: product.id) }
    }

    @Test("the demo dataset is realistic and loading it twice duplicates nothing", arguments: Backend.available)
    func demoData(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let first = try await DemoData.load(platform)
        #expect(first.partnersCreated == 30 && first.productsCreated == 30 && first.categoriesCreated == 5)
        #expect(first.accountsCreated == 4 + 30 + DemoData.subAccounts.count)
        let second = try await DemoData.load(platform)
        #expect(second == DemoData.LoadSummary())
        let partners = PartnerService(platform: platform)
        let page = PageRequest(pageNumber: 1, pageSize: 200)
        #expect(try await partners.list(Fixtures.hq(), filter: PartnerFilter(level: 1), page: page).totalCount == 3)
        #expect(try await partners.list(Fixtures.hq(), filter: PartnerFilter(level: 2), page: page).totalCount == 8)
        #expect(try await partners.list(Fixtures.hq(), filter: PartnerFilter(level: 3), page: page).totalCount == 19)
        let provinces = Set(try await partners.list(Fixtures.hq(), filter: PartnerFilter(), page: page).items.map(\.province))
        #expect(provinces.count >= 3)
        #expect(try await InvariantChecker.check(platform.database).violations.isEmpty)
    }
}
