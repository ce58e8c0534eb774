import Foundation
import Logging
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@Suite("Going live: first-run setup, admins from the command line, demo refusal, the brand's settings")
struct GoingLiveTests {
    static let setupInput = SetupInput(
        brandName: "悦己生活", companyName: "广州悦己生活科技有限公司", customerServicePhone: "400-810-8888", username: "wang.admin",
        displayName: "王总", password: "correct-horse-battery", passwordConfirmation: "correct-horse-battery")

    @Test(
        "a new database gets a setup token; the setup page makes the first admin and the profile, then the token is dead",
        arguments: Backend.available)
    func setupCompletes(_ backend: Backend) async throws {
        // given an empty database
        let (platform, _) = try await TestDatabase.platform(backend)
        let setup = SetupService(platform: platform)
        let token = try #require(try await setup.issueTokenIfNeeded())
        #expect(try await setup.isOpen(token: token))
        #expect(!(try await setup.isOpen(token: "not-the-token")))
        #expect(!(try await setup.isOpen(token: nil)))
        // when the form is sent with the token
        let signedIn = try await setup.complete(token: token, Self.setupInput, origin: Fixtures.origin)
        // then the admin exists, is signed in, the profile is saved, and everything is in the audit log
        #expect(signedIn.account.username == "wang.admin" && signedIn.account.hqRole == .admin && signedIn.account.kind == .hq)
        let profile = try await CompanyService(platform: platform).profile()
        #expect(profile.brandName == "悦己生活" && profile.customerServicePhone == "400-810-8888" && profile.isSet)
        let actions = try await platform.database.read { session in
            try await session.rows("SELECT action FROM audit_log ORDER BY sequence").map { try $0.string("action") }
        }
        #expect(actions == ["setup.complete", "account.create", "company.update", "settings.prepaid_rules", "auth.sign_in"])
        // A new company asks for the payment password above ¥10,000.00 from its first order.
        #expect(try await SettingsService(platform: platform).prepaidRules().paymentPasswordAbove == Money(fen: 1_000_000))
        #expect(try await AuthService(platform: platform).authenticate(token: signedIn.token)?.account.id == signedIn.account.id)
        // and the link is dead: the page is closed, a second submission is not found, no new token is issued
        #expect(!(try await setup.isOpen(token: token)))
        await #expect(throws: AppError.notFound(entity: "setup")) {
            _ = try await setup.complete(token: token, Self.setupInput, origin: Fixtures.origin)
        }
        #expect(try await setup.issueTokenIfNeeded() == nil)
        #expect(try await Fixtures.count(platform, "setup_tokens") == 0)
        #expect(try await Fixtures.count(platform, "accounts") == 1)
        await platform.database.close()
    }

    @Test("a setup form with mistakes names every field and writes nothing", arguments: Backend.available)
    func setupValidation(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let setup = SetupService(platform: platform)
        let token = try #require(try await setup.issueTokenIfNeeded())
        let bad = SetupInput(
            brandName: " ", companyName: "公司", customerServicePhone: "12345", username: "Wang Admin", displayName: "王总", password: "short",
            passwordConfirmation: "other")
        do {
            _ = try await setup.complete(token: token, bad, origin: Fixtures.origin)
            Issue.record("a bad setup form was accepted")
        } catch AppError.validation(let failure) {
            #expect(Set(failure.errors.map(\.field)) == ["brandName", "customerServicePhone", "username", "password", "passwordConfirmation"])
        }
        #expect(try await Fixtures.count(platform, "accounts") == 0)
        #expect(try await setup.isOpen(token: token), "the link still works after a refused form")
        await platform.database.close()
    }

    @Test("an expired setup link no longer opens the page", arguments: Backend.available)
    func setupTokenExpires(_ backend: Backend) async throws {
        let (platform, clock) = try await TestDatabase.platform(backend)
        let setup = SetupService(platform: platform)
        let token = try #require(try await setup.issueTokenIfNeeded())
        clock.advance(seconds: SetupService.tokenLifetimeSeconds + 1)
        #expect(!(try await setup.isOpen(token: token)))
        await #expect(throws: AppError.notFound(entity: "setup")) {
            _ = try await setup.complete(token: token, Self.setupInput, origin: Fixtures.origin)
        }
        await platform.database.close()
    }

    @Test("two setups racing with two links (two instances) make exactly one admin", arguments: Backend.available)
    func setupRace(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let setup = SetupService(platform: platform)
        let first = try #require(try await setup.issueTokenIfNeeded())
        let second = try #require(try await setup.issueTokenIfNeeded())
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for (index, token) in [first, second, first, second].enumerated() {
                var input = Self.setupInput
                input.username = "admin\(index)"
                group.addTask { (try? await setup.complete(token: token, input, origin: Fixtures.origin)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await Fixtures.count(platform, "accounts") == 1)
        await platform.database.close()
    }

    @Test("qudao admin create makes an audited HQ admin and ends any setup link; reset-password ends its sessions", arguments: Backend.available)
    func commandLineAdmins(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let setup = SetupService(platform: platform)
        let token = try #require(try await setup.issueTokenIfNeeded())
        let accounts = AccountService(platform: platform)
        let origin = RequestOrigin(sourceIP: "local", userAgent: "qudao admin create (os user root)")
        // when an operator creates the admin on the server
        let admin = try await accounts.createAdministrator(username: "Ops.Lead", displayName: "运营主管", password: "long-enough-1", origin: origin)
        #expect(admin.username == "ops.lead" && admin.hqRole == .admin)
        #expect(!(try await setup.isOpen(token: token)))
        // a second one with the same name is refused, naming the field
        await #expect(throws: AppError.invalid("username", .duplicate)) {
            _ = try await accounts.createAdministrator(username: "ops.lead", displayName: "x", password: "long-enough-2", origin: origin)
        }
        await #expect(throws: AppError.self) {
            _ = try await accounts.createAdministrator(username: "ops2", displayName: "x", password: "short", origin: origin)
        }
        // when the admin forgets the password: a reset ends every session and the new password works
        let auth = AuthService(platform: platform)
        let before = try await auth.signIn(username: "ops.lead", password: "long-enough-1", kind: "web", origin: Fixtures.origin)
        // … and clears the lock its wrong guesses left on the name from this address
        for _ in 0..<platform.sessionPolicy.maximumFailuresPerUsername {
            _ = try? await auth.signIn(username: "ops.lead", password: "forgotten-one", kind: "web", origin: Fixtures.origin)
        }
        await #expect(throws: AppError.self) {
            _ = try await auth.signIn(username: "ops.lead", password: "long-enough-1", kind: "web", origin: Fixtures.origin)
        }
        _ = try await accounts.resetPasswordFromCommandLine(username: "ops.lead", password: "brand-new-secret", origin: origin)
        #expect(try await auth.authenticate(token: before.token) == nil)
        _ = try await auth.signIn(username: "ops.lead", password: "brand-new-secret", kind: "web", origin: Fixtures.origin)
        await #expect(throws: AppError.invalid("username", .notFound)) {
            _ = try await accounts.resetPasswordFromCommandLine(username: "nobody", password: "brand-new-secret", origin: origin)
        }
        let audited = try await platform.database.read { session in
            try await session.rows(
                "SELECT action, source_ip FROM audit_log WHERE action IN ('account.create', 'account.reset_password') ORDER BY sequence"
            )
            .map { "\(try $0.string("action"))@\(try $0.string("source_ip"))" }
        }
        #expect(audited == ["account.create@local", "account.reset_password@local"])
        await platform.database.close()
    }

    @Test("demo data is refused in a database with real data, loads into an empty one, and reloads into its own", arguments: Backend.available)
    func demoRefusal(_ backend: Backend) async throws {
        // given a database where a company created its admin
        let (platform, _) = try await TestDatabase.platform(backend)
        _ = try await AccountService(platform: platform).createAdministrator(
            username: "real.admin", displayName: "真管理员", password: "long-enough-1", origin: Fixtures.origin)
        // when the demo is asked for: refused, nothing added
        await #expect(throws: DemoDataRefused.self) { _ = try await DemoData.load(platform) }
        #expect(try await Fixtures.count(platform, "accounts") == 1)
        #expect(try await Fixtures.count(platform, "partners") == 0)
        await platform.database.close()
    }

    @Test("the brand's profile and receiving accounts: HQ admins edit them, audited; others are refused", arguments: Backend.available)
    func companySettings(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let company = CompanyService(platform: platform)
        #expect(try await company.profile() == .unset)
        // a finance user may not change the brand
        await #expect(throws: AppError.forbidden) {
            _ = try await company.updateProfile(Fixtures.hq(.finance), brandName: "x", companyName: "y", customerServicePhone: "400-810-8888")
        }
        // bad input names each field
        do {
            _ = try await company.updateProfile(
                Fixtures.hq(), brandName: String(repeating: "长", count: 21), companyName: "", customerServicePhone: "12345")
            Issue.record("a bad profile was accepted")
        } catch AppError.validation(let failure) {
            #expect(failure.errors.map(\.field) == ["brandName", "companyName", "customerServicePhone"])
        }
        let saved = try await company.updateProfile(
            Fixtures.hq(), brandName: "悦己生活", companyName: "广州悦己生活科技有限公司", customerServicePhone: "020-87654321")
        #expect(try await company.profile() == saved)
        // a logo must be an image of at most 1 MB, recognised by its bytes
        await #expect(throws: AppError.invalid("logo", .invalidFormat(expected: .image))) {
            try await company.setLogo(
                Fixtures.hq(), UploadedFile(fileName: "logo.png", contentType: "image/png", content: Data("GIF89a...".utf8)))
        }
        await #expect(throws: AppError.invalid("logo", .fileTooLarge(maximumBytes: Int64(CompanyService.maximumLogoBytes)))) {
            try await company.setLogo(
                Fixtures.hq(),
                UploadedFile(fileName: "big.png", contentType: "image/png", content: DemoData.proofPNG + Data(count: CompanyService.maximumLogoBytes))
            )
        }
        try await company.setLogo(Fixtures.hq(), UploadedFile(fileName: "logo.png", contentType: "image/png", content: DemoData.proofPNG))
        let logo = try await company.logo()
        #expect(logo.contentType == "image/png" && logo.content == DemoData.proofPNG && logo.partnerId == nil)
        // receiving accounts: digits only, never twice, at most five, numbers encrypted at rest
        let account = try await company.addBankAccount(
            Fixtures.hq(),
            CompanyBankAccountInput(accountName: "广州悦己生活科技有限公司", bankName: "招商银行广州天河支行", accountNumber: "6214 8301 2345 6789"))
        #expect(account.groupedAccountNumber == "6214 8301 2345 6789")
        await #expect(throws: AppError.invalid("accountNumber", .duplicate)) {
            _ = try await company.addBankAccount(
                Fixtures.hq(), CompanyBankAccountInput(accountName: "x", bankName: "y", accountNumber: "6214830123456789"))
        }
        await #expect(throws: AppError.invalid("accountNumber", .invalidFormat(expected: .bankAccountNumber))) {
            _ = try await company.addBankAccount(Fixtures.hq(), CompanyBankAccountInput(accountName: "x", bankName: "y", accountNumber: "12ab"))
        }
        let stored = try await platform.database.read {
            try await $0.first("SELECT account_number_encrypted FROM company_bank_accounts")?.string("account_number_encrypted")
        }
        #expect(stored?.contains("6214830123456789") == false)
        for index in 1...4 {
            _ = try await company.addBankAccount(
                Fixtures.hq(), CompanyBankAccountInput(accountName: "户名", bankName: "银行", accountNumber: "62148301234500\(index)0"))
        }
        await #expect(throws: AppError.self) {
            _ = try await company.addBankAccount(
                Fixtures.hq(), CompanyBankAccountInput(accountName: "户名", bankName: "银行", accountNumber: "621483012345009999"))
        }
        try await company.removeBankAccount(Fixtures.hq(), id: account.id)
        #expect(try await company.bankAccounts(Fixtures.hq(.viewer)).count == 4)
        let audited = try await platform.database.read { session in
            try await session.rows("SELECT action, after_json FROM audit_log WHERE action LIKE 'company.%' ORDER BY sequence").map {
                (try $0.string("action"), try $0.optionalString("after_json") ?? "")
            }
        }
        #expect(audited.map(\.0).prefix(3) == ["company.update", "company.update", "company.bank_account_add"])
        #expect(audited.allSatisfy { !$0.1.contains("6214830123456789") }, "the audit log keeps only the last four digits")
        await platform.database.close()
    }

    @Test("product images are checked like certificates, replaceable and removable, each change audited", arguments: Backend.available)
    func productImages(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let products = ProductService(platform: platform)
        let category = try await products.createCategory(Fixtures.hq(), name: "护肤", sortOrder: .integer(10))
        let product = try await products.create(
            Fixtures.hq(),
            ProductInput(
                sku: "SK-1", name: "精华液", category: category.id, unit: "瓶", packSize: .integer(6), listPrice: .fen(.integer(19_900)),
                level1Price: .fen(.integer(11_940)), level2Price: .fen(.integer(13_930)), level3Price: .fen(.integer(15_920))))
        await #expect(throws: AppError.forbidden) {
            _ = try await products.setImage(
                Fixtures.hq(.finance), id: product.id, UploadedFile(fileName: "a.png", contentType: "image/png", content: DemoData.proofPNG))
        }
        await #expect(throws: AppError.invalid("image", .invalidFormat(expected: .image))) {
            _ = try await products.setImage(
                Fixtures.hq(), id: product.id, UploadedFile(fileName: "a.pdf", contentType: "application/pdf", content: Data("%PDF-1.4".utf8)))
        }
        await #expect(throws: AppError.notFound(entity: "image")) { _ = try await products.image(productId: product.id) }
        let updated = try await products.setImage(
            Fixtures.hq(), id: product.id, UploadedFile(fileName: "a.png", contentType: "image/png", content: DemoData.proofPNG))
        #expect(updated.imageFileId != nil)
        #expect(try await products.image(productId: product.id).content == DemoData.proofPNG)
        try await products.removeImage(Fixtures.hq(), id: product.id)
        await #expect(throws: AppError.notFound(entity: "image")) { _ = try await products.image(productId: product.id) }
        let actions = try await platform.database.read { session in
            try await session.rows("SELECT action FROM audit_log WHERE action LIKE 'product.image%' ORDER BY sequence").map {
                try $0.string("action")
            }
        }
        #expect(actions == ["product.image_set", "product.image_remove"])
        await platform.database.close()
    }

    @Test("the qudao binary creates an admin with the password on standard input, never a flag, and refuses the demo afterwards")
    func commandLine() async throws {
        let (database, url) = try await TestDatabase.makeWithURL(.sqlite)
        await database.close()
        let environment = ["QUDAO_DATA_KEY": TestDatabase.dataKeyHex, "QUDAO_LOG_LEVEL": "error", "QUDAO_PASSWORD_COST": "4"]
        let binary = ChildProcess.qudaoBinary
        // a password flag does not exist
        let flag = try ChildProcess.run(
            [binary, "admin", "create", "--username", "ops.lead", "--password", "long-enough-1", "--database-url", url], environment: environment)
        #expect(flag.exitStatus != 0 && flag.output.contains("--password"))
        // a too short password from standard input is refused, naming the problem
        let short = try ChildProcess.run(
            [binary, "admin", "create", "--username", "ops.lead", "--database-url", url], environment: environment, standardInput: "short\n")
        #expect(short.exitStatus == 1 && short.output.contains("password is shorter than 12 characters") && !short.output.contains("USAGE"))
        let created = try ChildProcess.run(
            [binary, "admin", "create", "--username", "ops.lead", "--display-name", "运营主管", "--database-url", url], environment: environment,
            standardInput: "long-enough-1\n")
        #expect(created.exitStatus == 0 && created.output.contains("Created the HQ admin ops.lead"), "\(created.output)")
        let reset = try ChildProcess.run(
            [binary, "admin", "reset-password", "ops.lead", "--database-url", url], environment: environment, standardInput: "brand-new-pass\n")
        #expect(reset.exitStatus == 0, "\(reset.output)")
        let demo = try ChildProcess.run([binary, "demo", "--database-url", url], environment: environment)
        #expect(demo.exitStatus == 1 && demo.output.contains("real data"), "\(demo.output)")
        // the new password signs in
        let reopened = try await Database.open(try DatabaseLocation.parse(url), logger: Logger(label: "qudao.tests"))
        let platform = Platform(
            database: reopened, clock: TestClock(start: TestDatabase.start), cipher: TestDatabase.cipher, passwordCost: 4,
            logger: Logger(label: "qudao.tests"))
        let signedIn = try await AuthService(platform: platform).signIn(
            username: "ops.lead", password: "brand-new-pass", kind: "web", origin: Fixtures.origin)
        #expect(signedIn.account.displayName == "运营主管" && signedIn.account.hqRole == .admin)
        await reopened.close()
    }
}
