import Foundation
import QudaoCore
import QudaoStore

/// The demo's money: warehouse stock, top-ups (confirmed, pending, rejected), saved addresses, and
/// orders in every lifecycle state with returns, built on a clock of their own so the timeline is
/// realistic. A history in the Foshan branch starts four months back: its commissions unfreeze at
/// completion, a return adjusts one, the settlement on the 15th pays them (D-GD01 by bank), and a
/// return after settlement is clawed back in the next month's statement. The orders of the past 43
/// days follow; then the scheduled jobs (receipt, completion, settlement) catch up to today. Loaded once.
extension DemoData {
    static let moneyPathMarker = "demo.money_path_loaded"

    /// A tiny valid PNG (1 × 1 pixel), the demo's proof of a bank transfer.
    public static let proofPNG = Data(
        base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!

    /// The demo's order history, played on a test clock four months back to now so the scheduled
    /// jobs run at their own times: returns the orders created.
    ///
    /// It is longer than our 70-line rule on purpose. It reads as one story in time order (a month
    /// settled with a clawback, then the last 43 days of orders), and its steps share the clock and
    /// the partners' callers. Cut into pieces, the order of events would be hard to follow.
    static func loadOrders(_ platform: Platform) async throws -> Int {
        guard try await platform.database.read({ try await $0.setting(moneyPathMarker) }) == nil else { return 0 }
        let now = platform.clock.now()
        let thisMonth = BusinessMonth(containing: now)
        // Four months back, so the history (about 50 days with its clawback) ends before the last
        // 43 days begin whatever the lengths of the months.
        let historyMonth = thisMonth.previous.previous.previous.previous
        // Day 2 of that month, 09:00 in business time.
        let clock = TestClock(start: historyMonth.start.addingTimeInterval(86_400 + 9 * 3_600))
        let past = platform.with(clock: clock)
        let hq = Caller.system()
        let prepaid = PrepaidService(platform: past)
        let orders = OrderService(platform: past)
        let addresses = AddressService(platform: past)

        func partner(_ code: String) async throws -> PartnerRecord {
            guard let found = try await past.database.read({ try await $0.partner(code: code, cipher: past.cipher) }) else {
                preconditionFailure("demo partner \(code) is loaded first")
            }
            return found
        }
        func owner(_ code: String) async throws -> Caller {
            let record = try await partner(code)
            guard let account = try await past.database.read({ try await $0.account(username: code.lowercased()) }) else {
                preconditionFailure("demo owner \(code) is loaded first")
            }
            return Caller(
                principal: account.principal, origin: RequestOrigin(sourceIP: "10.8.\(record.level).\(record.code.count)", userAgent: "demo"))
        }
        // Time moves with the scheduled jobs running as they fall due, so automatic receipts,
        // completions and the settlement on the 15th happen at their own times, as in production.
        func advance(days: Double) async throws {
            _ = try await ScheduledJobs(platform: past, grading: false, partnerStatements: false).runDue(
                until: clock.now().addingTimeInterval(days * 86_400), testClock: clock)
        }

        // Stock: every product arrives in the warehouse.
        let stock = StockService(platform: past)
        for (sku, _, _, _, packSize, _) in products {
            _ = try await stock.record(hq, product: sku, quantity: .integer(packSize * 100), adjustment: false, note: "期初入库")
        }

        // MARK: History (four months back): commission from payment to settlement, and a clawback.

        let settlement = SettlementService(platform: past)
        let distributor = try await partner("D-GD01")
        _ = try await settlement.setPayoutSettings(
            hq, partnerId: distributor.id, method: PayoutMethod.bank.rawValue, accountName: distributor.name, bankName: "中国工商银行广州天河支行",
            accountNumber: "6222021001234567890")
        try await topUpHistory(prepaid, hq, owner: owner, clock: clock)
        var created = 0
        let foshanStore = try await owner("S-FS001")
        func historyPurchase(_ caller: Caller, _ lines: [(String, Int64)]) async throws -> OrderRecord {
            clock.advance(seconds: 4 * 3_600)
            created += 1
            return try await orders.placePurchaseOrder(
                caller, lines: lines.map { OrderLineInput(product: $0.0, quantity: .integer($0.1)) }, shipping: ShippingInput())
        }
        var historyTracking = 773_100_100_000
        func shipAndDeliver(_ order: OrderRecord) async throws {
            clock.advance(seconds: 86_400)
            historyTracking += 17
            _ = try await orders.ship(hq, orderId: order.id, carrier: "中通快递", trackingNumber: "ZT\(historyTracking)")
            clock.advance(seconds: 2 * 86_400)
            _ = try await orders.markDelivered(hq, orderId: order.id, trackingNumber: nil, proof: "门店签收")
        }
        // The store's purchase (the agent A-FS01 earns rate 1, the distributor D-GD01 rate 2).
        let storeOrder = try await historyPurchase(foshanStore, [("SK-1001", 24), ("MU-2003", 12)])
        try await shipAndDeliver(storeOrder)
        _ = try await orders.confirmReceipt(foshanStore, orderId: storeOrder.id)
        // A consumer's referral order through the store (the store, the agent and the distributor all earn).
        clock.advance(seconds: 3_600)
        let (historyReferral, historyToken) = try await orders.placeReferralOrder(
            referralCode: try await partner("S-FS001").referralCode, lines: [OrderLineInput(product: "HF-5002", quantity: .integer(12))],
            consumer: ShippingInput(name: "梁先生", phone: "13690001234", province: "广东省", city: "佛山市", district: "禅城区", detail: "祖庙路 21 号"),
            actor: .consumer(sourceIP: "223.104.66.20"), createdBy: "consumer")
        created += 1
        _ = try await orders.confirmPayment(hq, orderId: historyReferral.id, paymentReference: "WX4200002026080366")
        try await shipAndDeliver(historyReferral)
        _ = try await orders.consumerConfirmReceipt(token: historyToken, sourceIP: "223.104.66.20")
        // The agent's own purchase, part of it returned before completion: its frozen commission is adjusted.
        let agentCaller = try await owner("A-FS01")
        let agentPurchase = try await historyPurchase(agentCaller, [("HF-5002", 36), ("PC-3001", 24)])
        try await shipAndDeliver(agentPurchase)
        clock.advance(seconds: 86_400)
        let agentReturn = try await orders.requestReturn(agentCaller, orderId: agentPurchase.id, quantities: [1: .integer(12)], reason: "批号不符")
        _ = try await orders.approveReturn(hq, returnId: agentReturn.id)
        clock.advance(seconds: 2 * 86_400)
        _ = try await orders.receiveReturnedGoods(hq, returnId: agentReturn.id)
        _ = try await orders.refundReturn(hq, returnId: agentReturn.id)
        _ = try await orders.confirmReceipt(agentCaller, orderId: agentPurchase.id)
        // The orders complete after the return window; the month is settled at 02:00 on the 15th of the next.
        let settledMonth = historyMonth.next
        let afterSettlement = settledMonth.start.addingTimeInterval(15 * 86_400 + 10 * 3_600)
        _ = try await ScheduledJobs(platform: past, grading: false, partnerStatements: false).runDue(until: afterSettlement, testClock: clock)
        // Finance pays the distributor's bank payout.
        let bankStatements = try await settlement.statements(
            hq, partnerId: distributor.id, month: historyMonth.description, status: .pendingPayout, page: PageRequest(pageNumber: 1, pageSize: 10))
        _ = try await settlement.exportPayouts(hq)
        for statement in bankStatements.items { _ = try await settlement.markPaid(hq, statementId: statement.id) }
        // After settlement the store returns part of the settled order: HQ books it, and the
        // commission already paid is clawed back in this month's settlement.
        clock.advance(seconds: 3_600)
        // HQ's booking of a return after completion approves it at once.
        let lateReturn = try await orders.requestReturn(hq, orderId: storeOrder.id, quantities: [1: .integer(6)], reason: "顾客过敏退回")
        clock.advance(seconds: 86_400)
        _ = try await orders.receiveReturnedGoods(hq, returnId: lateReturn.id)
        _ = try await orders.refundReturn(hq, returnId: lateReturn.id)
        // A new order in the same month, so the next statement nets new commission against the clawback.
        let nextOrder = try await historyPurchase(foshanStore, [("MU-2003", 36)])
        try await shipAndDeliver(nextOrder)
        _ = try await orders.confirmReceipt(foshanStore, orderId: nextOrder.id)

        // MARK: The past 43 days (the orders below take about 42.8 days of demo time)

        let recentStart = now.addingTimeInterval(-43 * 86_400)
        _ = try await ScheduledJobs(platform: past, grading: false, partnerStatements: false).runDue(
            until: max(clock.now(), recentStart), testClock: clock)

        // Top-ups: worked example 4 (¥100,000.00 → ¥1,000.00 rebate) and a ¥60,000.00 agent (the 200 bp tier).
        var reference = 88_000_100
        func topUp(_ code: String, yuan: Int64, confirm: Bool = true, reject: String? = nil, proof: Bool = true) async throws {
            reference += 7
            let request = try await prepaid.requestTopUp(
                try await owner(code),
                TopUpInput(
                    amount: .fen(.integer(yuan * 100)), bankReference: "ICBC\(reference)", note: "对公转账",
                    proof: proof ? UploadedFile(fileName: "transfer-\(reference).png", contentType: "image/png", content: proofPNG) : nil))
            try await advance(days: 0.05)
            if let reject {
                _ = try await prepaid.rejectTopUp(hq, id: request.id, reason: reject)
            } else if confirm {
                _ = try await prepaid.confirmTopUp(hq, id: request.id)
            }
        }
        try await topUp("D-GD01", yuan: 100_000)
        try await topUp("D-ZJ01", yuan: 60_000)
        try await topUp("D-SC01", yuan: 30_000)
        try await topUp("A-GZ01", yuan: 60_000)
        try await topUp("A-SZ01", yuan: 20_000)
        try await topUp("A-HZ01", yuan: 20_000)
        try await topUp("A-CD01", yuan: 15_000)
        try await topUp("S-GZ001", yuan: 8_000)
        try await topUp("S-HZ001", yuan: 3_000)
        try await topUp("S-CD001", yuan: 8_000)
        try await topUp("S-SZ001", yuan: 1_000, reject: "流水号与到账记录不符")

        // Saved addresses for frequent customers.
        let store = try await owner("S-GZ001")
        _ = try await addresses.save(
            store, id: nil, label: "老客户 王女士",
            fields: ShippingInput(name: "王丽", phone: "13922223333", province: "广东省", city: "广州市", district: "天河区", detail: "体育东路 118 号 2 栋 1203"),
            isDefault: false)
        _ = try await addresses.save(
            store, id: nil, label: "门店仓库",
            fields: ShippingInput(name: "何静", phone: "13560001001", province: "广东省", city: "广州市", district: "天河区", detail: "天河路 208 号天河城 B1-12"),
            isDefault: true)
        _ = try await addresses.save(
            try await owner("A-GZ01"), id: nil, label: "代理仓",
            fields: ShippingInput(name: "黄晓明", phone: "13711002233", province: "广东省", city: "广州市", district: "白云区", detail: "机场路 1688 号物流园 3 号库"),
            isDefault: true)

        func purchase(_ code: String, _ lines: [(String, Int64)]) async throws -> OrderRecord {
            try await advance(days: 0.2)
            created += 1
            return try await orders.placePurchaseOrder(
                try await owner(code), lines: lines.map { OrderLineInput(product: $0.0, quantity: .integer($0.1)) }, shipping: ShippingInput())
        }
        var tracking = 773_100_200_000
        func ship(_ order: OrderRecord) async throws {
            try await advance(days: 1)
            tracking += 13
            _ = try await orders.ship(hq, orderId: order.id, carrier: "顺丰速运", trackingNumber: "SF\(tracking)")
        }
        func deliver(_ order: OrderRecord, afterDays days: Double = 2) async throws {
            try await advance(days: days)
            _ = try await orders.markDelivered(hq, orderId: order.id, trackingNumber: nil, proof: "本人签收")
        }

        // Day −38: orders that have completed their whole life by today.
        let completed = try await purchase("S-GZ001", [("SK-1001", 12), ("PC-3001", 24)])
        try await ship(completed)
        try await deliver(completed)
        _ = try await orders.confirmReceipt(try await owner("S-GZ001"), orderId: completed.id)
        let agentOrder = try await purchase("A-GZ01", [("HF-5002", 24), ("MB-4001", 8)])  // 200 bp discount tier
        try await ship(agentOrder)
        try await deliver(agentOrder)
        // A partial return on the agent's order, approved, received back and refunded.
        try await advance(days: 1)
        let partial = try await orders.requestReturn(try await owner("A-GZ01"), orderId: agentOrder.id, quantities: [2: .integer(4)], reason: "外包装破损")
        _ = try await orders.approveReturn(hq, returnId: partial.id)
        try await advance(days: 2)
        _ = try await orders.receiveReturnedGoods(hq, returnId: partial.id)
        _ = try await orders.refundReturn(hq, returnId: partial.id)

        // A referral order from a consumer, paid, delivered and confirmed by the consumer.
        try await advance(days: 1)
        let consumer = ShippingInput(name: "李女士", phone: "13800138000", province: "广东省", city: "广州市", district: "越秀区", detail: "中山五路 33 号")
        let (referral, token) = try await orders.placeReferralOrder(
            referralCode: try await partner("S-GZ001").referralCode, lines: [OrderLineInput(product: "MU-2001", quantity: .integer(12))],
            consumer: consumer,
            actor: .consumer(sourceIP: "223.104.63.12"), createdBy: "consumer")
        created += 1
        try await advance(days: 0.1)
        _ = try await orders.confirmPayment(hq, orderId: referral.id, paymentReference: "WX4200002026110188")
        try await ship(referral)
        try await deliver(referral)
        _ = try await orders.consumerConfirmReceipt(token: token, sourceIP: "223.104.63.12")

        // Day ≈ −20 to today: orders in each state along the way.
        try await advance(days: 8)
        let received = try await purchase("S-HZ001", [("SK-1003", 12)])
        try await ship(received)
        try await deliver(received, afterDays: 1)  // auto-received ten days later
        let withOpenReturn = try await purchase("A-SZ01", [("PC-3002", 24), ("PC-3003", 12)])
        try await ship(withOpenReturn)
        try await deliver(withOpenReturn)
        _ = try await orders.confirmReceipt(try await owner("A-SZ01"), orderId: withOpenReturn.id)
        try await advance(days: 1)
        _ = try await orders.requestReturn(try await owner("A-SZ01"), orderId: withOpenReturn.id, quantities: [2: .integer(6)], reason: "临期商品")
        try await advance(days: 5)
        let cancelled = try await purchase("S-CD001", [("HF-5003", 10)])
        try await advance(days: 0.3)
        _ = try await orders.cancel(try await owner("S-CD001"), orderId: cancelled.id, reason: "重复下单")
        let large = try await purchase("D-GD01", [("SK-1002", 60), ("MU-2002", 30), ("HF-5004", 20)])  // the distributor's 200 bp tier
        try await ship(large)
        try await advance(days: 4)
        let delivered = try await purchase("D-ZJ01", [("MB-4002", 40)])
        try await ship(delivered)
        try await deliver(delivered, afterDays: 1)
        let shipped = try await purchase("A-CD01", [("HF-5001", 24)])
        try await ship(shipped)
        _ = try await purchase("S-GZ001", [("SK-1004", 12), ("SK-1005", 12)])  // paid, waiting to ship
        _ = try await orders.placeReferralOrder(
            referralCode: try await partner("S-CD001").referralCode, lines: [OrderLineInput(product: "HF-5006", quantity: .integer(6))],
            consumer: ShippingInput(name: "张先生", phone: "13900139000", province: "四川省", city: "成都市", district: "锦江区", detail: "春熙路 9 号"),
            actor: .consumer(sourceIP: "117.136.0.8"), createdBy: "consumer")
        created += 1
        try await topUp("S-GZ002", yuan: 2_000, confirm: false)  // waiting for HQ finance
        // Two more waiting, for the bank statement's matching to find (by reference, and by payer).
        try await topUp("A-GZ01", yuan: 12_000, confirm: false)
        try await topUp("S-HZ001", yuan: 3_500, confirm: false)

        // The scheduled jobs catch up to today; then the demo clock hands over to the real one.
        precondition(clock.now() <= now, "the demo's past must end before today")
        _ = try await ScheduledJobs(platform: past, grading: false, partnerStatements: false).runDue(until: now, testClock: clock)
        try await platform.database.write { try await $0.setSetting(moneyPathMarker, value: "1", now: now) }
        return created
    }

    /// The Foshan branch's deposits for the history months.
    static func topUpHistory(_ prepaid: PrepaidService, _ hq: Caller, owner: (String) async throws -> Caller, clock: TestClock) async throws {
        for (index, (code, yuan)) in [("S-FS001", Int64(20_000)), ("A-FS01", Int64(30_000))].enumerated() {
            let request = try await prepaid.requestTopUp(
                try await owner(code),
                TopUpInput(
                    amount: .fen(.integer(yuan * 100)), bankReference: "CCB\(66_010_000 + index * 13)", note: "对公转账",
                    proof: UploadedFile(fileName: "transfer-\(code).png", contentType: "image/png", content: proofPNG)))
            clock.advance(seconds: 1_800)
            _ = try await prepaid.confirmTopUp(hq, id: request.id)
        }
    }
}
