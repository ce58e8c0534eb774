import Foundation
import HummingbirdBcrypt
import QudaoCore
import QudaoStore

/// The demo dataset: HQ staff, a realistic three-level channel across several provinces, and a
/// catalogue of 30 products in 5 categories. Loading is idempotent: everything is matched by its
/// natural key (login name, partner code, category name, SKU) and only what is missing is created.
public enum DemoData {
    /// The password of every demo login.
    public static let password = "qudao-demo"
    /// Every demo partner owner's payment password (支付密码), published like the sign-in password.
    public static let paymentPassword = "135790"

    /// The fixed HQ demo logins and their roles.
    public static let hqLogins: [(username: String, displayName: String, role: HQRole)] = [
        ("hq-admin", "总部管理员", .admin),
        ("hq-finance", "总部财务", .finance),
        ("hq-ops", "总部运营", .operations),
        ("hq-viewer", "总部只读", .viewer),
    ]

    struct DemoPartner {
        let code: String
        let name: String
        let type: PartnerType
        let parentCode: String?
        let province: String
        let city: String
        let contactName: String
        let contactPhone: String
        let status: PartnerStatus
    }

    static let partners: [DemoPartner] = [
        // Level 1: provincial distributors.
        DemoPartner(
            code: "D-GD01", name: "广东粤通商贸有限公司", type: .distributor, parentCode: nil, province: "广东省", city: "广州市", contactName: "陈志强",
            contactPhone: "13802261188", status: .active),
        DemoPartner(
            code: "D-ZJ01", name: "浙江之江供应链有限公司", type: .distributor, parentCode: nil, province: "浙江省", city: "杭州市", contactName: "王丽华",
            contactPhone: "13957106622", status: .active),
        DemoPartner(
            code: "D-SC01", name: "四川蜀汇贸易有限公司", type: .distributor, parentCode: nil, province: "四川省", city: "成都市", contactName: "李建国",
            contactPhone: "13880013344", status: .active),
        // Level 2: city agents.
        DemoPartner(
            code: "A-GZ01", name: "广州天河优品代理", type: .agent, parentCode: "D-GD01", province: "广东省", city: "广州市", contactName: "黄晓明",
            contactPhone: "13711002233", status: .active),
        DemoPartner(
            code: "A-SZ01", name: "深圳南山嘉禾代理", type: .agent, parentCode: "D-GD01", province: "广东省", city: "深圳市", contactName: "刘芳",
            contactPhone: "13622334455", status: .active),
        DemoPartner(
            code: "A-FS01", name: "佛山禅城顺达代理", type: .agent, parentCode: "D-GD01", province: "广东省", city: "佛山市", contactName: "梁伟",
            contactPhone: "13533445566", status: .active),
        DemoPartner(
            code: "A-HZ01", name: "杭州西湖臻选代理", type: .agent, parentCode: "D-ZJ01", province: "浙江省", city: "杭州市", contactName: "周婷",
            contactPhone: "13858001122", status: .active),
        DemoPartner(
            code: "A-NB01", name: "宁波鄞州海韵代理", type: .agent, parentCode: "D-ZJ01", province: "浙江省", city: "宁波市", contactName: "孙浩",
            contactPhone: "13906742233", status: .active),
        DemoPartner(
            code: "A-WZ01", name: "温州鹿城百利代理", type: .agent, parentCode: "D-ZJ01", province: "浙江省", city: "温州市", contactName: "郑敏",
            contactPhone: "13566773344", status: .suspended),
        DemoPartner(
            code: "A-CD01", name: "成都锦江蓉城代理", type: .agent, parentCode: "D-SC01", province: "四川省", city: "成都市", contactName: "张磊",
            contactPhone: "13980114455", status: .active),
        DemoPartner(
            code: "A-MY01", name: "绵阳涪城川北代理", type: .agent, parentCode: "D-SC01", province: "四川省", city: "绵阳市", contactName: "杨洁",
            contactPhone: "13778225566", status: .active),
        // Level 3: stores.
        DemoPartner(
            code: "S-GZ001", name: "天河城美妆生活馆", type: .store, parentCode: "A-GZ01", province: "广东省", city: "广州市", contactName: "何静",
            contactPhone: "13560001001", status: .active),
        DemoPartner(
            code: "S-GZ002", name: "体育西路悦己小店", type: .store, parentCode: "A-GZ01", province: "广东省", city: "广州市", contactName: "罗杰",
            contactPhone: "13560001002", status: .active),
        DemoPartner(
            code: "S-GZ003", name: "珠江新城母婴优选", type: .store, parentCode: "A-GZ01", province: "广东省", city: "广州市", contactName: "谢婷",
            contactPhone: "13560001003", status: .active),
        DemoPartner(
            code: "S-SZ001", name: "海岸城精品护肤店", type: .store, parentCode: "A-SZ01", province: "广东省", city: "深圳市", contactName: "邓超",
            contactPhone: "13760002001", status: .active),
        DemoPartner(
            code: "S-SZ002", name: "科技园便利美护", type: .store, parentCode: "A-SZ01", province: "广东省", city: "深圳市", contactName: "许晴",
            contactPhone: "13760002002", status: .active),
        DemoPartner(
            code: "S-SZ003", name: "蛇口港湾生活店", type: .store, parentCode: "A-SZ01", province: "广东省", city: "深圳市", contactName: "冯刚",
            contactPhone: "13760002003", status: .pending),
        DemoPartner(
            code: "S-FS001", name: "祖庙路康乐店", type: .store, parentCode: "A-FS01", province: "广东省", city: "佛山市", contactName: "曾丽",
            contactPhone: "13690003001", status: .active),
        DemoPartner(
            code: "S-FS002", name: "千灯湖邻里店", type: .store, parentCode: "A-FS01", province: "广东省", city: "佛山市", contactName: "彭亮",
            contactPhone: "13690003002", status: .active),
        DemoPartner(
            code: "S-HZ001", name: "湖滨银泰美妆专柜", type: .store, parentCode: "A-HZ01", province: "浙江省", city: "杭州市", contactName: "沈佳",
            contactPhone: "13819004001", status: .active),
        DemoPartner(
            code: "S-HZ002", name: "滨江星光母婴店", type: .store, parentCode: "A-HZ01", province: "浙江省", city: "杭州市", contactName: "蒋文",
            contactPhone: "13819004002", status: .active),
        DemoPartner(
            code: "S-HZ003", name: "武林广场悦颜店", type: .store, parentCode: "A-HZ01", province: "浙江省", city: "杭州市", contactName: "韩雪",
            contactPhone: "13819004003", status: .active),
        DemoPartner(
            code: "S-NB001", name: "天一广场护理馆", type: .store, parentCode: "A-NB01", province: "浙江省", city: "宁波市", contactName: "朱琳",
            contactPhone: "13905745001", status: .active),
        DemoPartner(
            code: "S-NB002", name: "老外滩生活优品", type: .store, parentCode: "A-NB01", province: "浙江省", city: "宁波市", contactName: "秦川",
            contactPhone: "13905745002", status: .active),
        DemoPartner(
            code: "S-WZ001", name: "五马街美护小站", type: .store, parentCode: "A-WZ01", province: "浙江省", city: "温州市", contactName: "许诺",
            contactPhone: "13587006001", status: .terminated),
        DemoPartner(
            code: "S-CD001", name: "春熙路美妆集合店", type: .store, parentCode: "A-CD01", province: "四川省", city: "成都市", contactName: "唐蕾",
            contactPhone: "13808007001", status: .active),
        DemoPartner(
            code: "S-CD002", name: "太古里精致生活", type: .store, parentCode: "A-CD01", province: "四川省", city: "成都市", contactName: "吕强",
            contactPhone: "13808007002", status: .active),
        DemoPartner(
            code: "S-CD003", name: "高新区邻家母婴", type: .store, parentCode: "A-CD01", province: "四川省", city: "成都市", contactName: "范冰",
            contactPhone: "13808007003", status: .active),
        DemoPartner(
            code: "S-MY001", name: "涪城万达护理店", type: .store, parentCode: "A-MY01", province: "四川省", city: "绵阳市", contactName: "袁野",
            contactPhone: "13990818001", status: .active),
        DemoPartner(
            code: "S-MY002", name: "科学城便民美护", type: .store, parentCode: "A-MY01", province: "四川省", city: "绵阳市", contactName: "邹月",
            contactPhone: "13990818002", status: .active),
    ]

    /// Demo sub-accounts, one per kind of partner staff: (login, display name, partner code, permissions).
    public static let subAccounts: [(username: String, displayName: String, partnerCode: String, permissions: Set<PartnerPermission>)] = [
        ("d-gd01-finance", "粤通财务", "D-GD01", [.financeView]),
        ("a-gz01-manager", "天河店长", "A-GZ01", [.ordering, .financeView, .teamManagement]),
        ("s-gz001-clerk", "天河城店员", "S-GZ001", [.ordering]),
    ]

    static let categories = ["护肤", "彩妆", "个人护理", "母婴", "营养保健"]

    /// (SKU, name, category index, unit, pack size, list price in fen).
    static let products: [(String, String, Int, String, Int64, Int64)] = [
        ("SK-1001", "玻尿酸补水精华液 30ml", 0, "瓶", 6, 19_900),
        ("SK-1002", "烟酰胺亮肤面霜 50g", 0, "瓶", 6, 25_800),
        ("SK-1003", "氨基酸温和洁面乳 120g", 0, "支", 12, 6_900),
        ("SK-1004", "积雪草修护面膜 10片", 0, "盒", 12, 12_900),
        ("SK-1005", "防晒隔离乳 SPF50+ 40ml", 0, "支", 12, 15_900),
        ("SK-1006", "清爽控油爽肤水 200ml", 0, "瓶", 12, 8_900),
        ("MU-2001", "丝绒哑光口红 #01正红", 1, "支", 12, 16_900),
        ("MU-2002", "轻薄持妆粉底液 30ml", 1, "瓶", 6, 22_900),
        ("MU-2003", "防水纤长睫毛膏", 1, "支", 12, 9_900),
        ("MU-2004", "四色眼影盘 大地色", 1, "盒", 6, 13_900),
        ("MU-2005", "控油定妆散粉 8g", 1, "盒", 12, 10_900),
        ("MU-2006", "温和眼唇卸妆液 150ml", 1, "瓶", 12, 7_900),
        ("PC-3001", "去屑控油洗发水 500ml", 2, "瓶", 12, 5_990),
        ("PC-3002", "修护顺滑护发素 500ml", 2, "瓶", 12, 5_990),
        ("PC-3003", "香氛沐浴露 750ml", 2, "瓶", 12, 4_990),
        ("PC-3004", "美白修护牙膏 120g", 2, "支", 24, 2_590),
        ("PC-3005", "保湿润手霜 50g", 2, "支", 24, 3_900),
        ("PC-3006", "天然植物漱口水 500ml", 2, "瓶", 12, 3_290),
        ("MB-4001", "婴儿纸尿裤 M码 64片", 3, "包", 4, 12_800),
        ("MB-4002", "婴儿湿巾 80抽×5包", 3, "提", 8, 4_990),
        ("MB-4003", "婴幼儿洗发沐浴二合一 300ml", 3, "瓶", 12, 6_800),
        ("MB-4004", "宝宝润肤乳 200ml", 3, "瓶", 12, 7_800),
        ("MB-4005", "婴儿奶瓶清洗剂 500ml", 3, "瓶", 12, 3_900),
        ("MB-4006", "孕妇专用保湿霜 100g", 3, "瓶", 6, 16_800),
        ("HF-5001", "复合维生素片 60片", 4, "瓶", 12, 9_800),
        ("HF-5002", "深海鱼油软胶囊 100粒", 4, "瓶", 12, 15_800),
        ("HF-5003", "益生菌固体饮料 30袋", 4, "盒", 10, 19_800),
        ("HF-5004", "胶原蛋白肽口服液 10支", 4, "盒", 10, 29_800),
        ("HF-5005", "钙镁锌咀嚼片 90片", 4, "瓶", 12, 8_800),
        ("HF-5006", "蛋白质粉 400g", 4, "罐", 6, 23_800),
    ]

    /// Counts of what a load created (zero on a second load).
    public struct LoadSummary: Sendable, Equatable {
        public var accountsCreated = 0
        public var partnersCreated = 0
        public var categoriesCreated = 0
        public var productsCreated = 0
        public var ordersCreated = 0

        /// Nothing created.
        public init() {}
    }

    /// Loads whatever of the demo dataset is missing.
    @discardableResult
    public static func load(_ platform: Platform) async throws -> LoadSummary {
        let caller = Caller.system()
        var summary = LoadSummary()
        let now = platform.clock.now()
        try await claimDatabase(platform, now: now)
        // One hash for every demo login: they share the published password anyway, and hashing
        // dozens of bcrypt passwords would make the first start needlessly slow.
        let passwordHash = Bcrypt.hash(password, cost: platform.passwordCost)
        summary.accountsCreated += try await loadHQAccounts(platform, caller: caller, passwordHash: passwordHash, now: now)
        try await loadPartners(platform, caller: caller, passwordHash: passwordHash, now: now, summary: &summary)
        summary.accountsCreated += try await loadSubAccounts(platform, caller: caller, passwordHash: passwordHash, now: now)
        try await loadCatalogue(platform, caller: caller, summary: &summary)
        try await loadCompany(platform, caller: caller)
        summary.ordersCreated = try await loadOrders(platform)
        try await loadChannel(platform)
        try await loadPaymentPasswords(platform)
        try await loadApprovals(platform)
        try await loadBankAccount(platform)
        // The history was written out of time order (the channel's months after the orders'), so
        // its settled months' partner statements are issued now, over all of it.
        try await PartnerStatementService(platform: platform).issueDue()
        return summary
    }

    /// One request waiting for a second approver, so the queue has something to show: HQ finance
    /// asks to point A-SZ01's commission at a bank account, and an HQ admin decides. Only on a
    /// database that has never had a request (one decided later is not asked again).
    static func loadApprovals(_ platform: Platform) async throws {
        let waiting = try await platform.database.read { try await $0.first("SELECT id FROM approval_requests LIMIT 1") }
        guard waiting == nil, let finance = try await platform.database.read({ try await $0.account(username: "hq-finance") }),
            let partner = try await platform.database.read({ try await $0.partner(code: "A-SZ01", cipher: platform.cipher) })
        else { return }
        let caller = Caller(principal: finance.principal, origin: RequestOrigin(sourceIP: "10.1.0.12", userAgent: "demo"))
        _ = try await SettlementService(platform: platform).setPayoutSettings(
            caller, partnerId: partner.id, method: PayoutMethod.bank.rawValue, accountName: partner.name, bankName: "中国建设银行深圳南山支行",
            accountNumber: "6217003200012345678")
    }

    /// HQ's receiving account as one whose bank statements are imported (招商银行, its export's
    /// columns shipped), and a payer S-HZ001 transfers from, so a statement line from it without a
    /// reference is suggested for its pending top-up. Only on a database without bank accounts.
    static func loadBankAccount(_ platform: Platform) async throws {
        let existing = try await platform.database.read { try await $0.first("SELECT id FROM bank_accounts LIMIT 1") }
        guard existing == nil, let finance = try await platform.database.read({ try await $0.account(username: "hq-finance") }) else { return }
        let caller = Caller(principal: finance.principal, origin: RequestOrigin(sourceIP: "10.1.0.12", userAgent: "demo"))
        let bank = BankReconciliationService(platform: platform)
        _ = try await bank.createBankAccount(caller, name: "招商银行 基本户", format: BankFormat.cmb.rawValue, accountNumber: "6225880200018866")
        _ = try await bank.addPayer(caller, partner: "S-HZ001", name: "杭州西湖区悦己日用品店", account: "6228480012345678")
    }

    /// Every partner owner's payment password, and the new-company threshold above which orders ask
    /// for it. Loaded after the history, whose orders were placed before either existed.
    static func loadPaymentPasswords(_ platform: Platform) async throws {
        let hash = Bcrypt.hash(paymentPassword, cost: platform.passwordCost)
        try await platform.database.write { session in
            let now = platform.clock.now()
            var loaded = 0
            for demo in partners {
                guard let owner = try await session.account(username: demo.code.lowercased()), let partnerId = owner.partnerId,
                    try await session.paymentPassword(partnerId: partnerId) == nil
                else { continue }
                _ = try await session.setPaymentPassword(
                    partnerId: partnerId, passwordHash: hash, setByAccountId: owner.id, now: now, expectedVersion: nil)
                try await session.audit(
                    Caller(principal: owner.principal, origin: .system), at: now, action: "payment_password.set", entityType: "partner",
                    entityId: partnerId, before: nil, after: AuditSnapshot.json(["setAt": .text(BusinessTime.isoText(now))]))
                loaded += 1
            }
            // Only on the first load: a threshold HQ cleared later stays cleared across restarts.
            var rules = try await SettingsService.prepaidRules(session)
            if loaded > 0 && rules.paymentPasswordAbove == nil {
                rules.paymentPasswordAbove = PrepaidRules.newCompanyPaymentPasswordAbove
                try await SettingsService.savePrepaidRules(rules, caller: .system(), now: now, session)
            }
        }
    }

    /// Demo logins share a published password: they may only ever land in an empty database (which
    /// becomes a demo database) or in one the demo made.
    static func claimDatabase(_ platform: Platform, now: Date) async throws {
        try await platform.database.write { session in
            if try await session.isDemoDatabase() { return }
            let counts = try await session.contentCounts()
            guard counts.isEmpty else { throw DemoDataRefused(counts: counts) }
            try await session.markAsDemoDatabase(now: now)
        }
    }

    /// Inserts a demo login with its audit entry.
    static func insertAccount(_ account: AccountRecord, _ session: SQLSession, caller: Caller, now: Date) async throws {
        try await session.insertAccount(account)
        try await session.audit(
            caller, at: now, action: "account.create", entityType: "account", entityId: account.id, before: nil,
            after: AuditSnapshot.account(account))
    }

    /// HQ's logins, one per role; those that exist are left alone.
    static func loadHQAccounts(_ platform: Platform, caller: Caller, passwordHash: String, now: Date) async throws -> Int {
        try await platform.database.write { session -> Int in
            var created = 0
            for login in hqLogins where try await session.account(username: login.username) == nil {
                let account = AccountRecord(
                    id: Identifier.make(prefix: "acc"), username: login.username, displayName: login.displayName,
                    passwordHash: passwordHash, kind: .hq, hqRole: login.role, partnerId: nil, isOwner: false, permissions: [],
                    status: .active, createdAt: now, updatedAt: now, rowVersion: 1)
                try await insertAccount(account, session, caller: caller, now: now)
                created += 1
            }
            return created
        }
    }

    /// The channel tree, each partner with its owner's login (named after its code).
    static func loadPartners(_ platform: Platform, caller: Caller, passwordHash: String, now: Date, summary: inout LoadSummary) async throws {
        let partnerService = PartnerService(platform: platform)
        for (index, demo) in partners.enumerated() {
            let existing = try await platform.database.read { try await $0.partner(code: demo.code, cipher: platform.cipher) }
            var partner = existing
            if existing == nil {
                partner = try await partnerService.create(
                    caller,
                    PartnerInput(
                        code: demo.code, name: demo.name, type: demo.type.rawValue, parent: demo.parentCode, province: demo.province,
                        city: demo.city, address: "\(demo.city)示范路\(index * 7 + 11)号",
                        contactName: demo.contactName, contactPhone: demo.contactPhone,
                        businessLicenceNumber: licenceNumber(for: demo.code), status: demo.status.rawValue))
                summary.partnersCreated += 1
            }
            guard let partner else { continue }
            let created = try await platform.database.write { session -> Bool in
                guard try await session.account(username: demo.code.lowercased()) == nil else { return false }
                let owner = AccountRecord(
                    id: Identifier.make(prefix: "acc"), username: demo.code.lowercased(), displayName: demo.contactName,
                    passwordHash: passwordHash, kind: .partner, hqRole: nil, partnerId: partner.id, isOwner: true,
                    permissions: Set(PartnerPermission.allCases), status: .active, createdAt: now, updatedAt: now, rowVersion: 1)
                try await insertAccount(owner, session, caller: caller, now: now)
                return true
            }
            if created { summary.accountsCreated += 1 }
        }
    }

    /// Partners' staff logins with narrower permissions.
    static func loadSubAccounts(_ platform: Platform, caller: Caller, passwordHash: String, now: Date) async throws -> Int {
        try await platform.database.write { session -> Int in
            var created = 0
            for sub in subAccounts where try await session.account(username: sub.username) == nil {
                guard let partner = try await session.partner(code: sub.partnerCode, cipher: platform.cipher) else { continue }
                let account = AccountRecord(
                    id: Identifier.make(prefix: "acc"), username: sub.username, displayName: sub.displayName, passwordHash: passwordHash,
                    kind: .partner, hqRole: nil, partnerId: partner.id, isOwner: false, permissions: sub.permissions, status: .active,
                    createdAt: now, updatedAt: now, rowVersion: 1)
                try await insertAccount(account, session, caller: caller, now: now)
                created += 1
            }
            return created
        }
    }

    /// Categories and products, level prices at 60 %, 70 % and 80 % of list.
    static func loadCatalogue(_ platform: Platform, caller: Caller, summary: inout LoadSummary) async throws {
        let productService = ProductService(platform: platform)
        var categoryIds: [String] = []
        for (index, name) in categories.enumerated() {
            if let existing = try await platform.database.read({ try await $0.category(idOrName: name) }) {
                categoryIds.append(existing.id)
            } else {
                let category = try await productService.createCategory(caller, name: name, sortOrder: .integer(Int64(index + 1) * 10))
                categoryIds.append(category.id)
                summary.categoriesCreated += 1
            }
        }
        for (sku, name, categoryIndex, unit, packSize, listFen) in products
        where try await platform.database.read({ try await $0.product(sku: sku) }) == nil {
            // Level prices as the share of list price each level pays: 60 %, 70 % and 80 %.
            let list = Money(fen: listFen)
            _ = try await productService.create(
                caller,
                ProductInput(
                    sku: sku, name: name, category: categoryIds[categoryIndex], unit: unit, packSize: .integer(packSize),
                    listPrice: .fen(.integer(listFen)), level1Price: .fen(.integer(list.percentage(Rate(basisPoints: 6_000)).fen)),
                    level2Price: .fen(.integer(list.percentage(Rate(basisPoints: 7_000)).fen)),
                    level3Price: .fen(.integer(list.percentage(Rate(basisPoints: 8_000)).fen)),
                    commissionRate1: sku == "HF-5004" ? .basisPoints(.integer(800)) : .missing,
                    commissionRate2: sku == "HF-5004" ? .basisPoints(.integer(400)) : .missing,
                    commissionRate3: sku == "HF-5004" ? .basisPoints(.integer(200)) : .missing, onShelf: sku != "MU-2006",
                    description: "\(name),品牌官方正品。"))
            summary.productsCreated += 1
        }
    }

    /// The demo brand's profile and receiving account, as a company enters them after setup.
    static func loadCompany(_ platform: Platform, caller: Caller) async throws {
        let company = CompanyService(platform: platform)
        guard !(try await company.profile().isSet) else { return }
        _ = try await company.updateProfile(caller, brandName: "悦己生活", companyName: "广州悦己生活科技有限公司", customerServicePhone: "400-810-8888")
        _ = try await company.addBankAccount(
            caller, CompanyBankAccountInput(accountName: "广州悦己生活科技有限公司", bankName: "招商银行广州天河支行", accountNumber: "6225 8802 0001 8866"))
    }

    /// A stable, well-formed 18-character unified social credit code for a demo partner.
    static func licenceNumber(for code: String) -> String {
        var digits = ""
        var value: UInt64 = 1469598103934665603
        for byte in code.utf8 {
            value = (value ^ UInt64(byte)) &* 1099511628211
        }
        while digits.count < 16 {
            digits += String(value % 10)
            value /= 10
            if value == 0 { value = 7_777_777_777_777 }
        }
        return "91" + digits
    }
}

/// Thrown when demo data is asked for in a database that holds a company's own data.
public struct DemoDataRefused: Error, CustomStringConvertible, Sendable {
    /// What the database holds.
    public let counts: DatabaseContentCounts

    /// Why nothing was loaded, and what to do instead.
    public var description: String {
        "demo data was not loaded: this database holds real data (\(counts.accounts) accounts, \(counts.partners) partners, "
            + "\(counts.products) products, \(counts.orders) orders) and was not made by the demo. Demo data only goes into an empty "
            + "database or a demo database; point DATABASE_URL at another one, e.g. sqlite://data/demo.sqlite"
    }
}
