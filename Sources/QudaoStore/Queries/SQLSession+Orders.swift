import Foundation
import QudaoCore
import SQLKit

/// Orders, their lines, returns and vouchers.
extension SQLSession {
    private static let orderColumns = """
        id, number, kind, partner_id, partner_path_at_payment, buyer_level, status, gross_fen, discount_rate_bp, discount_fen, net_fen,
        refunded_fen, payment_method, payment_reference, ship_name, ship_phone_encrypted, ship_address, carrier, tracking_number,
        proof_of_delivery, created_by, created_at_ms, paid_at_ms, shipped_at_ms, delivered_at_ms, received_at_ms, completed_at_ms,
        cancelled_at_ms, updated_at_ms, row_version, allocation, backordered_at_ms, allocated_at_ms
        """

    /// Inserts an order and its lines.
    public func insertOrder(_ order: OrderRecord, consumerTokenHash: String?, cipher: PersonalDataCipher) async throws {
        try await execute(
            """
            INSERT INTO orders (id, number, kind, partner_id, partner_path_at_payment, buyer_level, status, gross_fen, discount_rate_bp,
                discount_fen, net_fen, refunded_fen, payment_method, payment_reference, ship_name, ship_phone_encrypted, ship_phone_lookup,
                ship_address, consumer_token_hash, created_by, created_at_ms, paid_at_ms, updated_at_ms, row_version)
            VALUES (\(bind: order.id), \(bind: order.number), \(bind: order.kind.rawValue), \(bind: order.partnerId),
                \(bind: order.partnerPathAtPayment), \(bind: order.buyerLevel), \(bind: order.status.rawValue), \(bind: order.gross.fen),
                \(bind: order.discountRate.basisPoints), \(bind: order.discount.fen), \(bind: order.net.fen), 0,
                \(bind: order.paymentMethod.rawValue), \(bind: order.paymentReference), \(bind: order.shipName),
                \(bind: try cipher.encrypt(order.shipPhone)), \(bind: cipher.phoneLookupHash(order.shipPhone)), \(bind: order.shipAddress),
                \(bind: consumerTokenHash),
                \(bind: order.createdBy), \(bind: Timestamp.milliseconds(order.createdAt)), \(bind: order.paidAt.map(Timestamp.milliseconds)),
                \(bind: Timestamp.milliseconds(order.updatedAt)), 1)
            """)
        for line in order.lines {
            let rates = line.commissionOverride?.rates.map(\.basisPoints)
            try await execute(
                """
                INSERT INTO order_lines (order_id, line_number, product_id, sku, product_name, unit, pack_size, unit_price_fen, quantity,
                    returned_quantity, commission_rate1_bp, commission_rate2_bp, commission_rate3_bp, promotion_id, regular_unit_price_fen)
                VALUES (\(bind: order.id), \(bind: line.lineNumber), \(bind: line.productId), \(bind: line.sku), \(bind: line.productName),
                    \(bind: line.unit), \(bind: line.packSize), \(bind: line.unitPrice.fen), \(bind: line.quantity), 0, \(bind: rates?[0]),
                    \(bind: rates?[1]), \(bind: rates?[2]), \(bind: line.promotionId), \(bind: line.regularUnitPrice?.fen))
                """)
        }
    }

    /// Moves an order from `from` to `to` if it is still in `from` (a conditional update, so a
    /// transition happens once however many requests or server instances try it). `fields` sets
    /// the timestamps and details of the step. Returns false, changing nothing, when the order
    /// was not in `from`.
    public func transitionOrder(
        id: String, from: OrderStatus, to: OrderStatus, at instant: Date, fields: OrderTransitionFields = OrderTransitionFields()
    ) async throws -> Bool {
        precondition(
            OrderEvent.allCases.contains { OrderStateMachine.next(after: from, on: $0) == to }, "illegal transition \(from) → \(to)")
        let milliseconds = Timestamp.milliseconds(instant)
        let timestampColumn: String
        switch to {
        case .paid: timestampColumn = "paid_at_ms"
        case .shipped: timestampColumn = "shipped_at_ms"
        case .delivered: timestampColumn = "delivered_at_ms"
        case .received: timestampColumn = "received_at_ms"
        case .completed: timestampColumn = "completed_at_ms"
        case .cancelled: timestampColumn = "cancelled_at_ms"
        case .pendingPayment: preconditionFailure("nothing transitions back to pending payment")
        }
        var query: SQLQueryString =
            "UPDATE orders SET status = \(bind: to.rawValue), \(unsafeRaw: timestampColumn) = \(bind: milliseconds), updated_at_ms = \(bind: milliseconds), row_version = row_version + 1"
        if let reference = fields.paymentReference { query += ", payment_reference = \(bind: reference)" }
        if let path = fields.partnerPathAtPayment { query += ", partner_path_at_payment = \(bind: path)" }
        if let carrier = fields.carrier { query += ", carrier = \(bind: carrier)" }
        if let tracking = fields.trackingNumber { query += ", tracking_number = \(bind: tracking)" }
        if let proof = fields.proofOfDelivery { query += ", proof_of_delivery = \(bind: proof)" }
        if let refunded = fields.refunded { query += ", refunded_fen = \(bind: refunded.fen)" }
        query += " WHERE id = \(bind: id) AND status = \(bind: from.rawValue) RETURNING id"
        // The rollups move with the order: a payment adds it to its day; a cancellation's refund
        // gives back its amount and every unit.
        let refundedBefore =
            fields.refunded == nil ? 0 : try await first("SELECT refunded_fen FROM orders WHERE id = \(bind: id)")?.int64("refunded_fen") ?? 0
        guard try await changedRowCount(query) == 1 else { return false }
        if to == .paid { try await rollUpPayment(orderId: id) }
        if let refunded = fields.refunded, from == .paid || refunded.fen != refundedBefore {
            var units: [String: Int64] = [:]
            for line in try await rows("SELECT product_id, quantity, returned_quantity FROM order_lines WHERE order_id = \(bind: id)") {
                units[try line.string("product_id"), default: 0] += try line.int64("quantity") - line.int64("returned_quantity")
            }
            try await rollUpRefund(orderId: id, amount: refunded.fen - refundedBefore, unitsByProduct: to == .cancelled ? units : [:])
        }
        return true
    }

    /// Records refunded quantities and the new refunded total of an order.
    public func recordRefund(orderId: String, returnedByLine: [Int: Int64], refundedTotal: Money, at instant: Date) async throws {
        for (lineNumber, quantity) in returnedByLine.sorted(by: { $0.key < $1.key }) {
            let changed = try await changedRowCount(
                """
                UPDATE order_lines SET returned_quantity = returned_quantity + \(bind: quantity)
                WHERE order_id = \(bind: orderId) AND line_number = \(bind: lineNumber) AND returned_quantity + \(bind: quantity) <= quantity
                RETURNING line_number
                """)
            guard changed == 1 else { throw DatabaseConfigurationError(description: "return exceeds the ordered quantity") }
        }
        let refundedBefore = try await first("SELECT refunded_fen FROM orders WHERE id = \(bind: orderId)")?.int64("refunded_fen") ?? 0
        try await execute(
            """
            UPDATE orders SET refunded_fen = \(bind: refundedTotal.fen), updated_at_ms = \(bind: Timestamp.milliseconds(instant)),
                row_version = row_version + 1
            WHERE id = \(bind: orderId)
            """)
        var units: [String: Int64] = [:]
        for line in try await rows("SELECT line_number, product_id FROM order_lines WHERE order_id = \(bind: orderId)") {
            if let quantity = returnedByLine[try line.int("line_number")] { units[try line.string("product_id"), default: 0] += quantity }
        }
        try await rollUpRefund(orderId: orderId, amount: refundedTotal.fen - refundedBefore, unitsByProduct: units)
    }

    /// One order with its lines.
    public func order(id: String, cipher: PersonalDataCipher) async throws -> OrderRecord? {
        guard let row = try await first("SELECT \(unsafeRaw: Self.orderColumns) FROM orders WHERE id = \(bind: id)") else { return nil }
        var order = try Self.decodeOrder(row, cipher: cipher)
        order.lines = try await orderLines(orderId: id)
        return order
    }

    /// The order a consumer's secret link points at.
    public func order(consumerTokenHash: String, cipher: PersonalDataCipher) async throws -> OrderRecord? {
        guard let row = try await first("SELECT id FROM orders WHERE consumer_token_hash = \(bind: consumerTokenHash)") else { return nil }
        return try await order(id: try row.string("id"), cipher: cipher)
    }

    /// The order shipped with a tracking number (the most recent, should a carrier reuse numbers).
    public func order(trackingNumber: String, cipher: PersonalDataCipher) async throws -> OrderRecord? {
        guard
            let row = try await first(
                "SELECT id FROM orders WHERE tracking_number = \(bind: trackingNumber) ORDER BY shipped_at_ms DESC LIMIT 1")
        else { return nil }
        return try await order(id: try row.string("id"), cipher: cipher)
    }

    /// The lines of an order.
    public func orderLines(orderId: String) async throws -> [OrderLineRecord] {
        try await rows("SELECT * FROM order_lines WHERE order_id = \(bind: orderId) ORDER BY line_number").map { row in
            var override: CommissionOverride?
            if let rate1 = try row.optionalInt64("commission_rate1_bp"), let rate2 = try row.optionalInt64("commission_rate2_bp"),
                let rate3 = try row.optionalInt64("commission_rate3_bp")
            {
                override = CommissionOverride(rate1: Rate(basisPoints: rate1), rate2: Rate(basisPoints: rate2), rate3: Rate(basisPoints: rate3))
            }
            return OrderLineRecord(
                lineNumber: try row.int("line_number"), productId: try row.string("product_id"), sku: try row.string("sku"),
                productName: try row.string("product_name"), unit: try row.string("unit"), packSize: try row.int64("pack_size"),
                unitPrice: Money(fen: try row.int64("unit_price_fen")), quantity: try row.int64("quantity"),
                returnedQuantity: try row.int64("returned_quantity"), commissionOverride: override,
                promotionId: try row.optionalString("promotion_id"),
                regularUnitPrice: try row.optionalInt64("regular_unit_price_fen").map(Money.init(fen:)))
        }
    }

    /// A page of orders without their lines, newest first.
    public func orders(matching filter: OrderFilter, page: PageRequest, cipher: PersonalDataCipher) async throws -> Page<OrderRecord> {
        var condition: SQLQueryString = "1 = 1"
        if let partnerIds = filter.partnerIds {
            if partnerIds.isEmpty { return Page(items: [], totalCount: 0, pageNumber: page.pageNumber, pageSize: page.pageSize) }
            condition += " AND partner_id IN (\(binds: partnerIds))"
        }
        if let kind = filter.kind { condition += " AND kind = \(bind: kind.rawValue)" }
        if let status = filter.status { condition += " AND status = \(bind: status.rawValue)" }
        if filter.waitingOnly { condition += " AND allocation = 'waiting' AND status = 'paid'" }
        if let number = filter.number?.trimmingWhitespace(), !number.isEmpty {
            condition += " AND (number = \(bind: number.uppercased()) OR tracking_number = \(bind: number))"
        }
        let total = try await first("SELECT COUNT(*) AS total FROM orders WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.orderColumns) FROM orders WHERE \(condition)
            ORDER BY created_at_ms DESC, id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map { try Self.decodeOrder($0, cipher: cipher) }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Delivered orders whose automatic receipt is due by `cutoff` (delivered at or before
    /// `cutoff − autoReceiveDays`), with the instant each fell due, earliest first (bounded).
    public func dueForAutoReceive(autoReceiveMilliseconds: Int64, cutoff: Date, limit: Int) async throws -> [(id: String, due: Date)] {
        try await rows(
            """
            SELECT id, delivered_at_ms + \(bind: autoReceiveMilliseconds) AS due FROM orders
            WHERE status = 'delivered' AND delivered_at_ms + \(bind: autoReceiveMilliseconds) <= \(bind: Timestamp.milliseconds(cutoff))
            ORDER BY due, id LIMIT \(bind: limit)
            """
        ).map { (try $0.string("id"), try $0.date("due")) }
    }

    /// Received orders whose return window has passed by `cutoff` and that have no open return,
    /// with the instant each fell due (the window's end, or the last return's closing if later).
    public func dueForCompletion(returnWindowMilliseconds: Int64, cutoff: Date, limit: Int) async throws -> [(id: String, due: Date)] {
        let greatest = dialect == .postgres ? "GREATEST" : "MAX"
        return try await rows(
            """
            SELECT id, due FROM (
                SELECT o.id, \(unsafeRaw: greatest)(o.received_at_ms + \(bind: returnWindowMilliseconds),
                    COALESCE((SELECT MAX(COALESCE(r.refunded_at_ms, r.decided_at_ms, r.requested_at_ms)) FROM order_returns r
                        WHERE r.order_id = o.id), 0)) AS due
                FROM orders o
                WHERE o.status = 'received'
                    AND NOT EXISTS (SELECT 1 FROM order_returns r WHERE r.order_id = o.id AND r.status IN ('requested', 'approved', 'received'))
            ) candidates
            WHERE due <= \(bind: Timestamp.milliseconds(cutoff))
            ORDER BY due, id LIMIT \(bind: limit)
            """
        ).map { (try $0.string("id"), try $0.date("due")) }
    }

    static func decodeOrder(_ row: any SQLRow, cipher: PersonalDataCipher) throws -> OrderRecord {
        var order = OrderRecord(
            id: try row.string("id"), number: try row.string("number"), kind: OrderKind(rawValue: try row.string("kind")) ?? .purchase,
            partnerId: try row.string("partner_id"), partnerPathAtPayment: try row.optionalString("partner_path_at_payment"),
            buyerLevel: try row.optionalInt64("buyer_level").map(Int.init),
            status: OrderStatus(rawValue: try row.string("status")) ?? .pendingPayment, gross: Money(fen: try row.int64("gross_fen")),
            discountRate: Rate(basisPoints: try row.int64("discount_rate_bp")), discount: Money(fen: try row.int64("discount_fen")),
            net: Money(fen: try row.int64("net_fen")), refunded: Money(fen: try row.int64("refunded_fen")),
            paymentMethod: PaymentMethod(rawValue: try row.string("payment_method")) ?? .prepaid,
            paymentReference: try row.optionalString("payment_reference"), shipName: try row.string("ship_name"),
            shipPhone: try cipher.decrypt(try row.string("ship_phone_encrypted")), shipAddress: try row.string("ship_address"),
            carrier: try row.optionalString("carrier"), trackingNumber: try row.optionalString("tracking_number"),
            proofOfDelivery: try row.optionalString("proof_of_delivery"), createdBy: try row.string("created_by"),
            createdAt: try row.date("created_at_ms"), paidAt: try row.optionalDate("paid_at_ms"),
            shippedAt: try row.optionalDate("shipped_at_ms"), deliveredAt: try row.optionalDate("delivered_at_ms"),
            receivedAt: try row.optionalDate("received_at_ms"), completedAt: try row.optionalDate("completed_at_ms"),
            cancelledAt: try row.optionalDate("cancelled_at_ms"), updatedAt: try row.date("updated_at_ms"),
            rowVersion: try row.int64("row_version"), lines: [])
        order.allocation = OrderAllocation(rawValue: try row.string("allocation")) ?? .allocated
        order.backorderedAt = try row.optionalDate("backordered_at_ms")
        order.allocatedAt = try row.optionalDate("allocated_at_ms")
        return order
    }

    // MARK: - Returns

    /// Inserts a return request with its quantities.
    public func insertReturn(_ request: ReturnRecord) async throws {
        try await execute(
            """
            INSERT INTO order_returns (id, number, order_id, status, reason, after_completion, requested_by, requested_at_ms, row_version)
            VALUES (\(bind: request.id), \(bind: request.number), \(bind: request.orderId), \(bind: request.status.rawValue),
                \(bind: request.reason), \(bind: request.afterCompletion ? 1 : 0), \(bind: request.requestedBy),
                \(bind: Timestamp.milliseconds(request.requestedAt)), 1)
            """)
        for (lineNumber, quantity) in request.quantities.sorted(by: { $0.key < $1.key }) {
            try await execute(
                "INSERT INTO order_return_lines (return_id, line_number, quantity) VALUES (\(bind: request.id), \(bind: lineNumber), \(bind: quantity))"
            )
        }
    }

    /// Moves a return from `from` to `to` if it is still in `from`; false when it was not.
    public func transitionReturn(
        id: String, from: ReturnStatus, to: ReturnStatus, at instant: Date, refund: Money? = nil, rejectionReason: String? = nil
    ) async throws -> Bool {
        precondition(from.allowedNext.contains(to), "illegal return transition \(from) → \(to)")
        let milliseconds = Timestamp.milliseconds(instant)
        let column: String
        switch to {
        case .approved, .rejected: column = "decided_at_ms"
        case .received: column = "received_at_ms"
        case .refunded: column = "refunded_at_ms"
        case .requested: preconditionFailure("nothing returns to requested")
        }
        return try await changedRowCount(
            """
            UPDATE order_returns SET status = \(bind: to.rawValue), \(unsafeRaw: column) = \(bind: milliseconds),
                refund_fen = COALESCE(\(bind: refund?.fen), refund_fen), rejection_reason = COALESCE(\(bind: rejectionReason), rejection_reason),
                row_version = row_version + 1
            WHERE id = \(bind: id) AND status = \(bind: from.rawValue)
            RETURNING id
            """) == 1
    }

    /// One return with its quantities.
    public func orderReturn(id: String) async throws -> ReturnRecord? {
        guard let row = try await first("SELECT * FROM order_returns WHERE id = \(bind: id)") else { return nil }
        return try await decodeReturn(row)
    }

    /// The returns of an order, oldest first.
    public func orderReturns(orderId: String) async throws -> [ReturnRecord] {
        var returns: [ReturnRecord] = []
        for row in try await rows("SELECT * FROM order_returns WHERE order_id = \(bind: orderId) ORDER BY requested_at_ms, id") {
            returns.append(try await decodeReturn(row))
        }
        return returns
    }

    /// A page of returns in a status (HQ's work queue), oldest first.
    public func returns(status: ReturnStatus?, partnerIds: [String]?, page: PageRequest) async throws -> Page<ReturnRecord> {
        var condition: SQLQueryString = "1 = 1"
        if let status { condition += " AND r.status = \(bind: status.rawValue)" }
        if let partnerIds {
            if partnerIds.isEmpty { return Page(items: [], totalCount: 0, pageNumber: page.pageNumber, pageSize: page.pageSize) }
            condition += " AND o.partner_id IN (\(binds: partnerIds))"
        }
        let total =
            try await first(
                "SELECT COUNT(*) AS total FROM order_returns r JOIN orders o ON o.id = r.order_id WHERE \(condition)")?.int64("total") ?? 0
        var items: [ReturnRecord] = []
        for row in try await rows(
            """
            SELECT r.* FROM order_returns r JOIN orders o ON o.id = r.order_id WHERE \(condition)
            ORDER BY r.requested_at_ms, r.id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """)
        {
            items.append(try await decodeReturn(row))
        }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Whether an order has a return still open (which blocks completion).
    public func hasOpenReturn(orderId: String) async throws -> Bool {
        try await first(
            "SELECT id FROM order_returns WHERE order_id = \(bind: orderId) AND status IN ('requested', 'approved', 'received') LIMIT 1") != nil
    }

    func decodeReturn(_ row: any SQLRow) async throws -> ReturnRecord {
        let id = try row.string("id")
        var quantities: [Int: Int64] = [:]
        for line in try await rows("SELECT line_number, quantity FROM order_return_lines WHERE return_id = \(bind: id)") {
            quantities[try line.int("line_number")] = try line.int64("quantity")
        }
        return ReturnRecord(
            id: id, number: try row.string("number"), orderId: try row.string("order_id"),
            status: ReturnStatus(rawValue: try row.string("status")) ?? .requested, reason: try row.string("reason"),
            afterCompletion: try row.flag("after_completion"), quantities: quantities,
            refund: try row.optionalInt64("refund_fen").map(Money.init(fen:)),
            rejectionReason: try row.optionalString("rejection_reason"), requestedBy: try row.string("requested_by"),
            requestedAt: try row.date("requested_at_ms"), decidedAt: try row.optionalDate("decided_at_ms"),
            receivedAt: try row.optionalDate("received_at_ms"), refundedAt: try row.optionalDate("refunded_at_ms"),
            rowVersion: try row.int64("row_version"))
    }

    // MARK: - Vouchers

    /// Appends a voucher to an order's chain. The caller has already changed (and so locked) the
    /// order row in this transaction, so vouchers of one order are appended one at a time.
    @discardableResult
    public func appendVoucher(
        orderId: String, event: String, from: OrderStatus?, to: OrderStatus, at instant: Date, actorAccountId: String?,
        actorName: String, sourceIP: String, payloadJSON: String
    ) async throws -> VoucherRecord {
        let last = try await first(
            "SELECT sequence, row_hash FROM order_vouchers WHERE order_id = \(bind: orderId) ORDER BY sequence DESC LIMIT 1")
        var voucher = VoucherRecord(
            orderId: orderId, sequence: (try last?.int64("sequence") ?? 0) + 1, id: Identifier.make(prefix: "vch"), event: event,
            fromStatus: from, toStatus: to, occurredAt: instant, actorAccountId: actorAccountId, actorName: actorName,
            sourceIP: sourceIP, payloadJSON: payloadJSON, previousHash: try last?.string("row_hash") ?? AuditChain.genesisHash,
            rowHash: "")
        voucher.rowHash = AuditChain.hash(previousHash: voucher.previousHash, fields: Self.voucherFields(voucher), key: chainKey)
        try await execute(
            """
            INSERT INTO order_vouchers (order_id, sequence, id, event, from_status, to_status, occurred_at_ms, actor_account_id, actor_name,
                source_ip, payload_json, previous_hash, row_hash)
            VALUES (\(bind: orderId), \(bind: voucher.sequence), \(bind: voucher.id), \(bind: event), \(bind: from?.rawValue),
                \(bind: to.rawValue), \(bind: Timestamp.milliseconds(instant)), \(bind: actorAccountId), \(bind: actorName),
                \(bind: sourceIP), \(bind: payloadJSON), \(bind: voucher.previousHash), \(bind: voucher.rowHash))
            """)
        return voucher
    }

    /// The vouchers of an order, oldest first.
    public func vouchers(orderId: String) async throws -> [VoucherRecord] {
        try await rows("SELECT * FROM order_vouchers WHERE order_id = \(bind: orderId) ORDER BY sequence").map { row in
            VoucherRecord(
                orderId: try row.string("order_id"), sequence: try row.int64("sequence"), id: try row.string("id"),
                event: try row.string("event"), fromStatus: try row.optionalString("from_status").flatMap(OrderStatus.init(rawValue:)),
                toStatus: OrderStatus(rawValue: try row.string("to_status")) ?? .pendingPayment, occurredAt: try row.date("occurred_at_ms"),
                actorAccountId: try row.optionalString("actor_account_id"), actorName: try row.string("actor_name"),
                sourceIP: try row.string("source_ip"), payloadJSON: try row.string("payload_json"),
                previousHash: try row.string("previous_hash"), rowHash: try row.string("row_hash"))
        }
    }

    /// The fields a voucher's chain hash covers, in a fixed order.
    public static func voucherFields(_ voucher: VoucherRecord) -> [String?] {
        [
            voucher.orderId, String(voucher.sequence), voucher.id, voucher.event, voucher.fromStatus?.rawValue, voucher.toStatus.rawValue,
            String(Timestamp.milliseconds(voucher.occurredAt)), voucher.actorAccountId, voucher.actorName, voucher.sourceIP,
            voucher.payloadJSON,
        ]
    }

    /// Checks an order's voucher chain; returns why it is broken, or nil.
    public func voucherChainProblem(orderId: String, currentStatus: OrderStatus, limits: UnkeyedLimits? = nil) async throws -> String? {
        let chain = try await vouchers(orderId: orderId)
        var previous = AuditChain.genesisHash
        var keyedBefore = false
        var effective = limits
        if effective == nil { effective = try await unkeyedLimits() }
        let unkeyedUntil = effective?.vouchersUntilMilliseconds ?? Int64.min
        for (index, voucher) in chain.enumerated() {
            if voucher.sequence != Int64(index + 1) { return "voucher \(index + 1) is missing" }
            if voucher.previousHash != previous { return "voucher \(voucher.sequence) does not chain to the one before it" }
            if let problem = AuditChain.problem(
                rowHash: voucher.rowHash, previousHash: previous, fields: Self.voucherFields(voucher), key: chainKey,
                unkeyedAllowed: !keyedBefore && Timestamp.milliseconds(voucher.occurredAt) <= unkeyedUntil)
            {
                return "voucher \(voucher.sequence) \(problem)"
            }
            keyedBefore = keyedBefore || voucher.rowHash.hasPrefix(AuditChain.keyedPrefix)
            previous = voucher.rowHash
        }
        guard let last = chain.last else { return "the order has no voucher" }
        if last.toStatus != currentStatus { return "the last voucher says \(last.toStatus.rawValue) but the order is \(currentStatus.rawValue)" }
        return nil
    }

    /// Marks an order as changed without changing its status; the row lock this takes makes
    /// steps on one order (its return vouchers) happen one at a time.
    public func touchOrder(id: String, at instant: Date) async throws {
        try await execute("UPDATE orders SET updated_at_ms = \(bind: Timestamp.milliseconds(instant)) WHERE id = \(bind: id)")
    }
}

/// The details a transition records on the order.
public struct OrderTransitionFields: Sendable {
    public var paymentReference: String?
    public var partnerPathAtPayment: String?
    public var carrier: String?
    public var trackingNumber: String?
    public var proofOfDelivery: String?
    public var refunded: Money?

    /// Creates fields.
    public init(
        paymentReference: String? = nil, partnerPathAtPayment: String? = nil, carrier: String? = nil, trackingNumber: String? = nil,
        proofOfDelivery: String? = nil, refunded: Money? = nil
    ) {
        self.paymentReference = paymentReference
        self.partnerPathAtPayment = partnerPathAtPayment
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.proofOfDelivery = proofOfDelivery
        self.refunded = refunded
    }
}
