import Foundation
import QudaoCore
import QudaoStore

/// The demo's channel history (issue 5): five stores that the order history leaves alone buy from HQ
/// over the last hundred days and report their sales every week, so grading, follow-ups and
/// replenishment have three months of real figures. Built on a clock of its own after the money
/// path, with the scheduled jobs running as they fall due. Loaded once.
///
/// - `S-GZ002` and `S-NB001` sell through steadily: quality.
/// - `S-GZ003` sells about half of what it holds: potential.
/// - `S-SZ002` bought 48 of each product in the 30 days before last month and 36 since: its sales
///   fell 25 % (warning since three days ago; the follow-up is assigned to `hq-ops`, with notes).
/// - `S-HZ002` stocked up and sells slowly: sell-through under 30 % (warning, task open).
/// - `S-GZ002` sold SK-1003 2, 4, 2, 4… a day over the last 28 days (mean 3, σ 1) and holds 7 with
///   none on the way: ⌈3 × (3 + 7) + ⌈1.65 × 1 × √10⌉ − 7 − 0⌉ = ⌈30 + 6 − 7⌉ = 29 → 3 packs of 12 = 36.
///
/// Partners of the order history report selling 35 % of each delivery a week, up to three quarters,
/// so their grades come from their own orders and returns.
extension DemoData {
    static let channelMarker = "demo.channel_loaded"

    /// What one demo store buys and sells.
    struct ChannelStore {
        let code: String
        /// SKU and daily sales in tenths of a unit (15 = 1.5 a day on average).
        let products: [(sku: String, dailyTenths: Int64)]
        /// Day offsets (from today) of purchase orders and the quantity of every product on each.
        let purchases: [(day: Int, quantities: [Int64])]
    }

    /// Every store buys about once a month, so each 30-day half of the sales comparison holds one order.
    static let channelStores: [ChannelStore] = [
        ChannelStore(
            code: "S-GZ002", products: [("SK-1003", 11), ("SK-1001", 6), ("MU-2001", 8)],
            purchases: [(-95, [60, 24, 24]), (-65, [60, 24, 24]), (-35, [48, 24, 24]), (-5, [0, 24, 48])]),
        ChannelStore(
            code: "S-NB001", products: [("PC-3001", 14), ("PC-3003", 12)],
            purchases: [(-97, [36, 36]), (-67, [36, 36]), (-37, [36, 36]), (-7, [36, 36])]),
        ChannelStore(
            code: "S-GZ003", products: [("MB-4002", 10), ("MB-4004", 9)],
            purchases: [(-96, [48, 48]), (-66, [48, 48]), (-36, [48, 48]), (-6, [48, 48])]),
        ChannelStore(
            code: "S-SZ002", products: [("SK-1005", 12), ("MU-2003", 12)],
            purchases: [(-95, [48, 48]), (-65, [48, 48]), (-35, [48, 48]), (-5, [36, 36])]),
        ChannelStore(
            code: "S-HZ002", products: [("MB-4001", 3), ("MB-4003", 2)],
            purchases: [(-99, [120, 120]), (-65, [8, 12]), (-35, [8, 12]), (-5, [8, 12])]),
    ]

    /// Days (offsets from today) on which the demo grades, for a grade history; today is graded last.
    static let channelGradingDays = [-30, -3]

    /// The units a demo store sells of one product on a day. SK-1003 at S-GZ002 sells 2, 4, 2, 4…
    /// over the last 28 days (the replenishment example); everything else sells its average, spread
    /// evenly over the days.
    static func channelSales(store: String, sku: String, dailyTenths: Int64, day: Int) -> Int64 {
        if store == "S-GZ002" && sku == "SK-1003" && day >= -28 { return day % 2 == 0 ? 4 : 2 }
        let index = Int64(day + 101)
        // A phase per product (from its SKU's bytes, the same in every process) staggers the days.
        let phase = Int64(sku.utf8.reduce(0) { $0 + Int($1) } % 10)
        return (index * dailyTenths + phase) / 10 - ((index - 1) * dailyTenths + phase) / 10
    }

    /// The demo stores' last 100 days of stock, sell-out, grading and follow-ups, played day by day
    /// on a test clock.
    ///
    /// It is longer than our 70-line rule on purpose. The loop is one simulated day, and the stock on
    /// hand, the orders in flight and the last report days carry over from one day to the next.
    static func loadChannel(_ platform: Platform) async throws {
        guard try await platform.database.read({ try await $0.setting(channelMarker) }) == nil else { return }
        let now = platform.clock.now()
        guard let todayStart = BusinessTime.startOfDay(BusinessTime.dayText(now)) else { return }
        func instant(day: Int, hour: Int) -> Date { todayStart.addingTimeInterval(Double(day) * 86_400 + Double(hour) * 3_600) }
        let clock = TestClock(start: instant(day: -101, hour: 9))
        let past = platform.with(clock: clock)
        let hq = Caller.system()
        let orders = OrderService(platform: past)
        let prepaid = PrepaidService(platform: past)
        let stock = PartnerStockService(platform: past)
        let grading = GradingService(platform: past)
        let jobs = ScheduledJobs(platform: past, grading: false, partnerStatements: false)

        func owner(_ code: String) async throws -> Caller {
            guard let account = try await past.database.read({ try await $0.account(username: code.lowercased()) }) else {
                preconditionFailure("demo owner \(code) is loaded first")
            }
            return Caller(principal: account.principal, origin: RequestOrigin(sourceIP: "10.9.3.\(code.count)", userAgent: "demo"))
        }
        func moveTo(_ target: Date) async throws {
            guard target > clock.now() else { return }
            _ = try await jobs.runDue(until: target, testClock: clock)
            _ = clock.set(target)
        }

        try await profileHistory(past, todayStart: todayStart)

        // Every store tops up once, below the discount tier, so its prices are plain level-3 prices.
        var reference = 66_000_300
        for store in channelStores {
            reference += 11
            let request = try await prepaid.requestTopUp(
                try await owner(store.code), TopUpInput(amount: .fen(.integer(4_900_000)), bankReference: "CCB\(reference)", note: "首批货款"))
            _ = try await prepaid.confirmTopUp(hq, id: request.id)
        }

        // What the order history delivered to other partners: they report selling most of it over the following weeks.
        let deliveries = try await past.database.read { session in
            try await session.rows(
                """
                SELECT p.code, pr.sku, m.business_date, m.quantity FROM partner_stock_movements m JOIN partners p ON p.id = m.partner_id
                JOIN products pr ON pr.id = m.product_id WHERE m.kind = 'delivery' ORDER BY m.id
                """
            ).map {
                (code: try $0.string("code"), sku: try $0.string("sku"), day: try $0.string("business_date"), quantity: try $0.int64("quantity"))
            }
        }
        var soldElsewhere: [Int: Int64] = [:]
        var onHand: [String: [String: Int64]] = [:]
        var lastReported: [String: Int] = [:]
        var inFlight: [(order: OrderRecord, store: String, shipDay: Int, deliverDay: Int)] = []
        for day in -100...(-1) {
            // 03:00: the grading of chosen days, for a grade history.
            if channelGradingDays.contains(day) {
                try await moveTo(instant(day: day, hour: 3))
                _ = try await grading.run(Caller.scheduler, day: BusinessTime.dayText(instant(day: day, hour: 12)))
            }
            // 10:00: purchases placed today; HQ ships the next day and the carrier delivers two days later.
            try await moveTo(instant(day: day, hour: 10))
            try await privilegeHistory(past, day: day, instant: instant, owner: owner)
            for store in channelStores {
                for purchase in store.purchases where purchase.day == day {
                    let lines = zip(store.products, purchase.quantities).filter { $0.1 > 0 }.map {
                        OrderLineInput(product: $0.0.sku, quantity: .integer($0.1))
                    }
                    let order = try await orders.placePurchaseOrder(try await owner(store.code), lines: lines, shipping: ShippingInput())
                    inFlight.append((order, store.code, day + 1, day + 3))
                }
            }
            for item in inFlight where item.shipDay == day {
                _ = try await orders.ship(
                    hq, orderId: item.order.id, carrier: "中通快递", trackingNumber: "ZTO\(item.order.number.suffix(7))\(day + 200)")
            }
            for item in inFlight where item.deliverDay == day {
                _ = try await orders.markDelivered(hq, orderId: item.order.id, trackingNumber: nil, proof: "门店签收")
                for line in item.order.lines { onHand[item.store, default: [:]][line.sku, default: 0] += line.quantity }
            }
            inFlight.removeAll { $0.deliverDay <= day }
            // 20:00 every seventh day (and yesterday): each store reports the week's sales, day by day.
            guard (day + 1) % 7 == 0 || day == -1 else { continue }
            try await moveTo(instant(day: day, hour: 20))
            for store in channelStores {
                let first = (lastReported[store.code] ?? -101) + 1
                var lines: [SellOutLineInput] = []
                for saleDay in first...day {
                    let soldOn = BusinessTime.dayText(instant(day: saleDay, hour: 12))
                    for product in store.products {
                        let wanted = channelSales(store: store.code, sku: product.sku, dailyTenths: product.dailyTenths, day: saleDay)
                        // A store sells only what it holds.
                        let available = onHand[store.code]?[product.sku] ?? 0
                        let sold = min(wanted, available)
                        guard sold > 0 else { continue }
                        onHand[store.code, default: [:]][product.sku] = available - sold
                        lines.append(SellOutLineInput(product: product.sku, quantity: .integer(sold), soldOn: soldOn))
                    }
                }
                lastReported[store.code] = day
                if !lines.isEmpty { _ = try await stock.reportSellOut(try await owner(store.code), lines: lines, source: .manual) }
            }
            try await otherPartnersSell(past, deliveries: deliveries, through: day, sold: &soldElsewhere, caller: owner)
            // S-SZ002 entered warning three days ago: operations take the task, call the store and note it.
            if day == -1 { try await followUpHistory(past, clock: clock) }
            if day == -10 { try await creditChange(past) }
        }
        try await moveTo(now)
        _ = try await grading.run(Caller.scheduler, day: BusinessTime.dayText(now))
        try await closeRecoveredFollowUps(past)
        try await platform.database.write { try await $0.setSetting(channelMarker, value: "1", now: now) }
    }

    /// Partners outside the demo stores report, each week, sales of 35 % of every delivery they
    /// received a week or more before, up to three quarters of it (never beyond what they hold).
    static func otherPartnersSell(
        _ past: Platform, deliveries: [(code: String, sku: String, day: String, quantity: Int64)], through day: Int, sold: inout [Int: Int64],
        caller owner: (String) async throws -> Caller
    ) async throws {
        let stores = Set(channelStores.map(\.code))
        guard let today = BusinessTime.startOfDay(BusinessTime.dayText(past.clock.now())) else { return }
        let reportDay = BusinessTime.dayText(past.clock.now())
        var linesByPartner: [String: [SellOutLineInput]] = [:]
        for (index, delivery) in deliveries.enumerated() where !stores.contains(delivery.code) {
            guard let delivered = BusinessTime.startOfDay(delivery.day) else { continue }
            // Whole or started weeks since the delivery; goods delivered today wait.
            let days = Int64(today.timeIntervalSince(delivered) / 86_400)
            guard days >= 1 else { continue }
            let weeks = (days + 6) / 7
            let target = min(delivery.quantity * weeks * 35 / 100, delivery.quantity * 3 / 4)
            let quantity = target - (sold[index] ?? 0)
            guard quantity > 0 else { continue }
            sold[index] = target
            linesByPartner[delivery.code, default: []].append(
                SellOutLineInput(product: delivery.sku, quantity: .integer(quantity), soldOn: reportDay))
        }
        let stock = PartnerStockService(platform: past)
        for (code, lines) in linesByPartner.sorted(by: { $0.key < $1.key }) {
            // Goods sent back may have left less than the share: report only what is held.
            guard let partner = try await past.database.read({ try await $0.partner(code: code, cipher: past.cipher) }), partner.status == .active
            else { continue }
            var held: [SellOutLineInput] = []
            var remaining: [String: Int64] = [:]
            for line in lines {
                guard let sku = line.product, case .integer(let quantity) = line.quantity else { continue }
                if remaining[sku] == nil {
                    let product = try await past.database.read { try await $0.product(reference: sku) }
                    remaining[sku] = try await past.database.read { try await $0.partnerOnHand(partnerId: partner.id, productId: product?.id ?? "") }
                }
                let sellable = min(quantity, remaining[sku] ?? 0)
                guard sellable > 0 else { continue }
                remaining[sku, default: 0] -= sellable
                held.append(SellOutLineInput(product: sku, quantity: .integer(sellable), soldOn: line.soldOn))
            }
            if !held.isEmpty { _ = try await stock.reportSellOut(try await owner(code), lines: held, source: .manual) }
        }
    }

    /// Certificates and credit ratings: every partner's business licence (required, long valid),
    /// S-GZ002's cosmetics filing expiring in 20 days, S-HZ002's food licence expired 5 days ago
    /// (required; HQ has not turned on blocking), and a rating for every active partner, S-SZ002's
    /// lowered later with its reason.
    static func profileHistory(_ past: Platform, todayStart: Date) async throws {
        let profiles = ProfileService(platform: past)
        let hq = Caller.system()
        func day(_ offset: Int) -> String { BusinessTime.dayText(todayStart.addingTimeInterval(Double(offset) * 86_400 + 43_200)) }
        let scan = UploadedFile(fileName: "licence-scan.png", contentType: "image/png", content: proofPNG)
        for demo in partners {
            guard let partner = try await past.database.read({ try await $0.partner(code: demo.code, cipher: past.cipher) }) else { continue }
            _ = try await profiles.addCertificate(
                hq, partnerId: partner.id,
                CertificateInput(
                    type: CertificateType.businessLicence.rawValue, number: licenceNumber(for: demo.code), issuer: "\(demo.city)市场监督管理局",
                    validFrom: "2021-03-01", validTo: "2041-02-28", required: true, file: scan))
            guard partner.status == .active else { continue }
            let rating = demo.type == .distributor || demo.code == "S-NB001" || demo.code == "S-SZ002" ? "A" : "B"
            _ = try await profiles.setCreditRating(hq, partnerId: partner.id, rating: rating, reason: "首次评定:合作资质齐全,回款正常")
        }
        func partner(_ code: String) async throws -> String {
            try await past.database.read { try await $0.partner(code: code, cipher: past.cipher)?.id } ?? ""
        }
        _ = try await profiles.addCertificate(
            hq, partnerId: try await partner("S-GZ002"),
            CertificateInput(
                type: CertificateType.cosmetics.rawValue, number: "粤妆网备字2024018366", issuer: "广州市天河区市场监督管理局", validFrom: day(-710),
                validTo: day(20), required: true, file: scan))
        _ = try await profiles.addCertificate(
            hq, partnerId: try await partner("S-HZ002"),
            CertificateInput(
                type: CertificateType.foodBusiness.rawValue, number: "JY13301080012345", issuer: "杭州市滨江区市场监督管理局", validFrom: day(-1_830),
                validTo: day(-5), required: true))
        _ = try await profiles.addCertificate(
            hq, partnerId: try await partner("S-GZ003"),
            CertificateInput(
                type: CertificateType.foodBusiness.rawValue, number: "JY14401060098765", issuer: "广州市天河区市场监督管理局", validFrom: day(-400),
                validTo: day(1_425), required: false))
    }

    /// Late in the history HQ finance lowers S-SZ002's rating after slow payments.
    static func creditChange(_ past: Platform) async throws {
        guard let store = try await past.database.read({ try await $0.partner(code: "S-SZ002", cipher: past.cipher) }) else { return }
        _ = try await ProfileService(platform: past).setCreditRating(Caller.system(), partnerId: store.id, rating: "B", reason: "近两个月回款延迟,下调一级")
    }

    /// Privileges in the last week: HQ offers quality partners 10 % off four products (S-GZ002's
    /// HF-5006 order uses it) and announces support prices for partners on warning from in three days;
    /// then HF-5006 runs short: S-GZ003 (potential) orders 24 first, S-GZ002 (quality) a day later,
    /// and when 24 arrive the quality store is served first while S-GZ003 keeps waiting.
    static func privilegeHistory(
        _ past: Platform, day: Int, instant: (Int, Int) -> Date, owner: (String) async throws -> Caller
    ) async throws {
        guard let operations = try await past.database.read({ try await $0.account(username: "hq-ops") }) else { return }
        let ops = Caller(principal: operations.principal, origin: RequestOrigin(sourceIP: "10.1.0.21", userAgent: "demo"))
        let orders = OrderService(platform: past)
        func text(_ date: Date) -> String { BusinessTime.dayText(date) }
        switch day {
        case -6:
            let promotions = PromotionService(platform: past)
            _ = try await promotions.create(
                ops,
                PromotionInput(
                    name: "优质渠道年末专享", kind: "discount", discountBasisPoints: .basisPoints(.integer(1_000)), startsAt: text(instant(-6, 12)),
                    endsAt: text(instant(20, 12)), grades: ["quality"],
                    products: [("SK-1001", .yuanText(nil)), ("SK-1003", .yuanText(nil)), ("MU-2001", .yuanText(nil)), ("HF-5006", .yuanText(nil))]))
            _ = try await promotions.create(
                ops,
                PromotionInput(
                    name: "预警渠道扶持价", kind: "price", startsAt: text(instant(3, 12)), endsAt: text(instant(33, 12)), grades: ["warning"],
                    products: [("SK-1005", .yuanText("109.00")), ("MU-2003", .yuanText("69.00")), ("MB-4001", .yuanText("89.00"))]))
        case -4:
            // A count finds HF-5006 short: 12 left free in the warehouse.
            let stock = StockService(platform: past)
            let level = try await past.database.read { session -> (onHand: Int64, reserved: Int64) in
                guard let product = try await session.product(reference: "HF-5006") else { return (0, 0) }
                return try await session.stockLevel(productId: product.id)
            }
            let surplus = level.onHand - level.reserved - 12
            if surplus > 0 {
                _ = try await stock.record(ops, product: "HF-5006", quantity: .integer(-surplus), adjustment: true, note: "盘点发现破损,报损出库")
            }
            _ = try await orders.placePurchaseOrder(
                try await owner("S-GZ003"), lines: [OrderLineInput(product: "HF-5006", quantity: .integer(24))], shipping: ShippingInput())
        case -3:
            _ = try await orders.placePurchaseOrder(
                try await owner("S-GZ002"), lines: [OrderLineInput(product: "HF-5006", quantity: .integer(24))], shipping: ShippingInput())
        case -2:
            _ = try await StockService(platform: past).record(ops, product: "HF-5006", quantity: .integer(24), adjustment: false, note: "工厂补货到仓")
        default:
            return
        }
    }

    /// HQ operations close the tasks of partners that are no longer on warning, with a note.
    static func closeRecoveredFollowUps(_ past: Platform) async throws {
        guard let operations = try await past.database.read({ try await $0.account(username: "hq-ops") }) else { return }
        let ops = Caller(principal: operations.principal, origin: RequestOrigin(sourceIP: "10.1.0.21", userAgent: "demo"))
        let followUps = FollowUpService(platform: past)
        let open = try await followUps.list(ops, filter: FollowUpFilter(status: .open), page: PageRequest(pageNumber: 1, pageSize: 100))
        for task in open.items {
            let current = try await past.database.read { try await $0.currentGrade(partnerId: task.partnerId) }
            guard let current, current.grade != .warning else { continue }
            _ = try await followUps.close(ops, id: task.id, resolution: "最新评级已恢复为\(current.grade == .quality ? "优质" : "潜力"),关闭跟进")
        }
    }

    /// HQ operations assign S-SZ002's follow-up to `hq-ops`, who notes a call; the store answers.
    static func followUpHistory(_ past: Platform, clock: TestClock) async throws {
        let followUps = FollowUpService(platform: past)
        guard let store = try await past.database.read({ try await $0.partner(code: "S-SZ002", cipher: past.cipher) }),
            let task = try await past.database.read({ try await $0.openFollowUpTask(partnerId: store.id) }),
            let operations = try await past.database.read({ try await $0.account(username: "hq-ops") }),
            let storeOwner = try await past.database.read({ try await $0.account(username: "s-sz002") })
        else { return }
        let ops = Caller(principal: operations.principal, origin: RequestOrigin(sourceIP: "10.1.0.21", userAgent: "demo"))
        _ = try await followUps.assign(ops, id: task.id, assignee: "hq-ops")
        _ = try await followUps.comment(ops, id: task.id, body: "已电话联系店长:附近新开一家竞品店,客流下降。计划下周到店调研。")
        clock.advance(seconds: 3_600)
        _ = try await followUps.comment(
            Caller(principal: storeOwner.principal, origin: RequestOrigin(sourceIP: "10.9.3.7", userAgent: "demo")), id: task.id,
            body: "希望总部支持一次满减促销活动,帮助拉回客流。")
    }
}
