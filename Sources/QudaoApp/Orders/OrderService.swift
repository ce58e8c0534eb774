import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// Orders (RULES §3, §4): purchase orders paid from prepaid, referral orders attributed to a partner,
/// and the whole lifecycle with stock, refunds, returns and vouchers. Each step is one database
/// transaction: the conditional status change, its voucher, the stock change and the ledger posting
/// commit together or not at all.
public struct OrderService: Sendable {
    let platform: Platform

    /// The most lines one order may have.
    public static let maximumLines = 100

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    // MARK: - Reading

    /// A page of orders: HQ sees all; a partner its own and (with team rights) its downline's.
    public func list(_ caller: Caller, filter: OrderFilter, page: PageRequest) async throws -> Page<OrderRecord> {
        try await platform.database.read { session in
            var scoped = filter
            if caller.principal.kind == .hq {
                try caller.require(.viewOrders)
            } else {
                let visible = try await self.visiblePartnerIds(caller, session)
                scoped.partnerIds = filter.partnerIds.map { $0.filter(visible.contains) } ?? Array(visible)
            }
            return try await session.orders(matching: scoped, page: page, cipher: self.platform.cipher)
        }
    }

    /// A page of returns: HQ's work queue (all), or a partner's own and its downline's.
    public func returns(_ caller: Caller, status: ReturnStatus?, page: PageRequest) async throws -> Page<ReturnRecord> {
        try await platform.database.read { session in
            var partnerIds: [String]?
            if caller.principal.kind == .hq {
                try caller.require(.viewOrders)
            } else {
                partnerIds = Array(try await self.visiblePartnerIds(caller, session))
            }
            return try await session.returns(status: status, partnerIds: partnerIds, page: page)
        }
    }

    /// One order the caller may see, with its returns and voucher chain.
    public func view(_ caller: Caller, id: String) async throws -> OrderView {
        try await platform.database.read { session in
            let order = try await self.visibleOrder(caller, id: id, session)
            return try await self.view(of: order, session)
        }
    }

    /// The order behind a consumer's secret link.
    public func consumerView(token: String) async throws -> OrderView {
        try await platform.database.read { session in
            guard !token.isEmpty, token.count <= 128,
                let order = try await session.order(consumerTokenHash: Self.tokenHash(token), cipher: self.platform.cipher)
            else { throw AppError.notFound(entity: "order") }
            return try await self.view(of: order, session)
        }
    }

    func view(of order: OrderRecord, _ session: SQLSession) async throws -> OrderView {
        guard let partner = try await session.partner(id: order.partnerId, cipher: platform.cipher) else { throw AppError.notFound(entity: "order") }
        let returns = try await session.orderReturns(orderId: order.id)
        var returnable: [Int: Int64] = [:]
        for line in order.lines {
            let pending = returns.filter { $0.status.isOpen }.map { $0.quantities[line.lineNumber] ?? 0 }.reduce(0, +)
            returnable[line.lineNumber] = line.quantity - line.returnedQuantity - pending
        }
        return OrderView(
            order: order, partner: partner, returns: returns, vouchers: try await session.vouchers(orderId: order.id), returnableByLine: returnable)
    }

    /// An order's recipient, phone and address ready to paste (for a courier label), with the full
    /// phone; the reveal is audited. HQ order staff, or the buyer of a purchase order.
    public func revealShipTo(_ caller: Caller, orderId: String) async throws -> String {
        try await platform.database.write { session in
            let order = try await self.visibleOrder(caller, id: orderId, session)
            if caller.principal.kind == .hq { try caller.require(.manageOrders) } else { try self.requireBuyerOrHQ(caller, order) }
            try await session.audit(
                caller, at: self.platform.clock.now(), action: "order.reveal_ship_to", entityType: "order", entityId: order.id, before: nil,
                after: nil)
            return "\(order.shipName) \(order.shipPhone)\n\(order.shipAddress)"
        }
    }

    // MARK: - Purchase orders

    /// Prices a purchase order for the caller's partner (step 2): level prices, the prepaid discount
    /// its top-ups earn, and the balance before and after.
    public func quote(_ caller: Caller, lines: [OrderLineInput]) async throws -> OrderQuote {
        try caller.require(.partnerOrdering)
        return try await platform.database.read { session in
            let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
            try await self.requireCertificates(partner, session)
            return try await self.priceQuote(partner: partner, kind: .purchase, lines: lines, session)
        }
    }

    /// Places and pays a purchase order from the prepaid balance (step 3). Insufficient balance or
    /// stock is a clear error, and then nothing is reserved or debited.
    public func placePurchaseOrder(_ caller: Caller, lines: [OrderLineInput], shipping: ShippingInput) async throws -> OrderRecord {
        try caller.require(.partnerOrdering)
        return try await platform.database.write { session in
            let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
            guard partner.status == .active else {
                throw AppError.invalid("partnerId", .notAllowed(reason: .onlyActivePartnersOrder))
            }
            try await self.requireCertificates(partner, session)
            let quote = try await self.priceQuote(partner: partner, kind: .purchase, lines: lines, session)
            let destination = try await self.destination(shipping, partner: partner, session)
            let now = self.platform.clock.now()
            let actor = VoucherActor(caller)
            var order = try await self.newOrder(
                kind: .purchase, partner: partner, quote: quote, destination: destination, paymentMethod: .prepaid,
                createdBy: caller.principal.accountId,
                at: now, session)
            try await self.insert(order, consumerToken: nil, actor: actor, session)
            order = try await self.pay(order, partner: partner, paymentReference: nil, actor: actor, at: now, session)
            // The draft this order was prepared from (one-click replenishment) is now an order.
            try await session.deletePurchaseOrderDraft(partnerId: partner.id)
            try await session.audit(
                caller, at: now, action: "order.place", entityType: "order", entityId: order.id, before: nil,
                after: AuditSnapshot.json([
                    "number": .text(order.number), "grossFen": .integer(order.gross.fen), "discountFen": .integer(order.discount.fen),
                    "netFen": .integer(order.net.fen),
                ]))
            return order
        }
    }

    // MARK: - Referral orders

    /// Places a referral order through a partner's code (RULES §4): at list price, attributed to the
    /// partner, waiting for the consumer's payment. Returns the order and the consumer's secret
    /// token for its status page. A partner that is not active still gets the order attributed.
    public func placeReferralOrder(
        referralCode: String, lines: [OrderLineInput], consumer: ShippingInput, actor: VoucherActor, createdBy: String
    ) async throws -> (order: OrderRecord, consumerToken: String) {
        var validator = Validator()
        let code = validator.text("referralCode", referralCode, maximumCharacters: 16)
        try validator.throwIfInvalidAsAppError()
        return try await platform.database.write { session in
            guard let code, let partner = try await session.partner(referralCode: code, cipher: self.platform.cipher) else {
                throw AppError.invalid("referralCode", .notFound)
            }
            let quote = try await self.priceQuote(partner: partner, kind: .referral, lines: lines, session)
            let destination = try await self.destination(consumer, partner: nil, session)
            let now = self.platform.clock.now()
            let order = try await self.newOrder(
                kind: .referral, partner: partner, quote: quote, destination: destination, paymentMethod: .external, createdBy: createdBy, at: now,
                session)
            let token = AuthService.randomToken()
            try await self.insert(order, consumerToken: token, actor: actor, session)
            return (order, token)
        }
    }

    /// Confirms a referral order's payment with the provider's reference (HQ finance or an
    /// integration): stock is reserved and the payment posted.
    public func confirmPayment(_ caller: Caller, orderId: String, paymentReference rawReference: String?) async throws -> OrderRecord {
        try caller.require(.manageFinance)
        var validator = Validator()
        let reference = validator.text("paymentReference", rawReference, maximumCharacters: 64, minimumCharacters: 4)
        try validator.throwIfInvalidAsAppError()
        return try await platform.database.write { session in
            let order = try await self.visibleOrder(caller, id: orderId, session)
            guard order.kind == .referral else { throw AppError.conflict(reason: .purchaseOrdersPrepaid) }
            guard let partner = try await session.partner(id: order.partnerId, cipher: self.platform.cipher) else {
                throw AppError.notFound(entity: "order")
            }
            let now = self.platform.clock.now()
            let paid = try await self.pay(order, partner: partner, paymentReference: reference, actor: VoucherActor(caller), at: now, session)
            try await session.audit(
                caller, at: now, action: "order.confirm_payment", entityType: "order", entityId: order.id,
                before: AuditSnapshot.json(["status": .text(order.status.rawValue)]),
                after: AuditSnapshot.json(["status": .text(paid.status.rawValue), "paymentReference": .optionalText(reference)]))
            return paid
        }
    }

    // MARK: - Fulfilment

    /// HQ ships a paid order with carrier and tracking number; the reserved stock leaves the warehouse.
    public func ship(_ caller: Caller, orderId: String, carrier rawCarrier: String?, trackingNumber rawTracking: String?) async throws -> OrderRecord
    {
        try caller.require(.manageOrders)
        var validator = Validator()
        let carrier = validator.text("carrier", rawCarrier, maximumCharacters: 40)
        let tracking = validator.text("trackingNumber", rawTracking, maximumCharacters: 40, minimumCharacters: 4)
        try validator.throwIfInvalidAsAppError()
        guard let carrier, let tracking else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            let order = try await self.visibleOrder(caller, id: orderId, session)
            guard order.allocation == .allocated else {
                throw AppError.conflict(reason: .backOrderWaiting)
            }
            let now = self.platform.clock.now()
            let shipped = try await self.transition(
                order, on: .ship, actor: VoucherActor(caller), at: now, payload: ["carrier": .text(carrier), "trackingNumber": .text(tracking)],
                fields: OrderTransitionFields(carrier: carrier, trackingNumber: tracking), session)
            for line in order.lines.sorted(by: { $0.productId < $1.productId }) {
                try await self.changeStock(
                    session, line: line, kind: .ship, onHand: -line.quantity, reserved: -line.quantity, orderId: order.id, actor: caller, at: now)
            }
            try await session.audit(
                caller, at: now, action: "order.ship", entityType: "order", entityId: order.id, before: nil,
                after: AuditSnapshot.json(["carrier": .text(carrier), "trackingNumber": .text(tracking)]))
            return shipped
        }
    }

    /// Marks a shipped order delivered (签收): by HQ, or by a logistics callback naming the
    /// tracking number. `proof` is the carrier's proof of delivery (signer, photo reference…).
    public func markDelivered(_ caller: Caller, orderId: String?, trackingNumber: String?, proof rawProof: String?) async throws -> OrderRecord {
        try caller.require(.manageOrders)
        var validator = Validator()
        let proof = validator.text("proofOfDelivery", rawProof, required: false, maximumCharacters: 200)
        if (orderId ?? "").isEmpty && (trackingNumber ?? "").trimmingWhitespace().isEmpty { validator.add("trackingNumber", .required) }
        try validator.throwIfInvalidAsAppError()
        return try await platform.database.write { session in
            let order: OrderRecord
            if let orderId, !orderId.isEmpty {
                order = try await self.visibleOrder(caller, id: orderId, session)
            } else {
                guard let found = try await session.order(trackingNumber: (trackingNumber ?? "").trimmingWhitespace(), cipher: self.platform.cipher)
                else {
                    throw AppError.invalid("trackingNumber", .notFound)
                }
                order = found
            }
            let now = self.platform.clock.now()
            let delivered = try await self.transition(
                order, on: .deliver, actor: VoucherActor(caller), at: now,
                payload: ["proofOfDelivery": .optionalText(proof), "trackingNumber": .optionalText(order.trackingNumber)],
                fields: OrderTransitionFields(proofOfDelivery: proof), session)
            try await session.audit(
                caller, at: now, action: "order.deliver", entityType: "order", entityId: order.id, before: nil,
                after: AuditSnapshot.json(["proofOfDelivery": .optionalText(proof)]))
            return delivered
        }
    }

    /// The buyer confirms receipt (确认收货): the partner of a purchase order, HQ for any order.
    public func confirmReceipt(_ caller: Caller, orderId: String) async throws -> OrderRecord {
        try await platform.database.write { session in
            let order = try await self.visibleOrder(caller, id: orderId, session)
            try self.requireBuyerOrHQ(caller, order)
            let now = self.platform.clock.now()
            let received = try await self.transition(
                order, on: .receive, actor: VoucherActor(caller), at: now, payload: [:], fields: .init(), session)
            try await session.audit(caller, at: now, action: "order.receive", entityType: "order", entityId: order.id, before: nil, after: nil)
            return received
        }
    }

    /// The consumer of a referral order confirms receipt through the order's secret link.
    public func consumerConfirmReceipt(token: String, sourceIP: String) async throws -> OrderRecord {
        try await platform.database.write { session in
            guard let order = try await session.order(consumerTokenHash: Self.tokenHash(token), cipher: self.platform.cipher) else {
                throw AppError.notFound(entity: "order")
            }
            return try await self.transition(
                order, on: .receive, actor: .consumer(sourceIP: sourceIP), at: self.platform.clock.now(), payload: [:], fields: .init(), session)
        }
    }

    /// Cancels an order before it ships (RULES §4): a paid order is refunded in full and its stock
    /// released. HQ may cancel any order; a partner its own purchase orders.
    public func cancel(_ caller: Caller, orderId: String, reason rawReason: String?) async throws -> OrderRecord {
        var validator = Validator()
        let reason = validator.text("reason", rawReason, maximumCharacters: 200)
        try validator.throwIfInvalidAsAppError()
        return try await platform.database.write { session in
            let order = try await self.visibleOrder(caller, id: orderId, session)
            if caller.principal.kind == .hq { try caller.require(.manageOrders) } else { try self.requireBuyerOrHQ(caller, order) }
            let now = self.platform.clock.now()
            let wasPaid = order.status == .paid
            let refund = RefundAmounts(
                before: order.amountLines, after: order.lines.map { AmountLine(unitPrice: $0.unitPrice, quantity: $0.quantity, keptQuantity: 0) },
                discountRate: order.discountRate)
            let cancelled = try await self.transition(
                order, on: .cancel, actor: VoucherActor(caller), at: now,
                payload: ["reason": .optionalText(reason), "refundFen": .integer(wasPaid ? refund.net.fen : 0)],
                fields: OrderTransitionFields(refunded: wasPaid ? refund.net : nil), session)
            if wasPaid {
                try await CommissionService.reverse(orderId: order.id, session)
                // A back-order holds no stock; an allocated order's stock goes to the orders waiting for it.
                if order.allocation == .allocated {
                    for line in order.lines.sorted(by: { $0.productId < $1.productId }) {
                        try await self.changeStock(
                            session, line: line, kind: .release, onHand: 0, reserved: -line.quantity, orderId: order.id, actor: caller, at: now)
                    }
                    try await Self.allocateBackOrders(platform: self.platform, actor: VoucherActor(caller), at: now, session)
                }
                if let posting = Postings.refund(
                    partnerId: order.paymentMethod == .prepaid ? order.partnerId : nil, refund: refund, reference: order.id)
                {
                    try await session.post(posting, at: now, actorAccountId: caller.auditAccountId)
                }
            }
            try await session.audit(
                caller, at: now, action: "order.cancel", entityType: "order", entityId: order.id,
                before: AuditSnapshot.json(["status": .text(order.status.rawValue)]),
                after: AuditSnapshot.json([
                    "status": .text("cancelled"), "reason": .optionalText(reason), "refundFen": .integer(wasPaid ? refund.net.fen : 0),
                ]))
            return cancelled
        }
    }

    // MARK: - Returns

    /// Asks to return some quantities (RULES §4): the buyer (or HQ) while the order is delivered or
    /// received; HQ also after completion, as an audited exception that is approved at once.
    public func requestReturn(
        _ caller: Caller, orderId: String, quantities: [Int: IntegerInput], reason rawReason: String?
    ) async throws -> ReturnRecord {
        var validator = Validator()
        let reason = validator.text("reason", rawReason, maximumCharacters: 200)
        try validator.throwIfInvalidAsAppError()
        guard let reason else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            let order = try await self.visibleOrder(caller, id: orderId, session)
            try self.requireBuyerOrHQ(caller, order)
            let afterCompletion = order.status == .completed
            if afterCompletion {
                guard caller.principal.kind == .hq, caller.principal.can(.manageOrders) else {
                    throw AppError.conflict(reason: .returnWindowClosed)
                }
            } else if !OrderStateMachine.acceptsReturnRequest(order.status) {
                throw AppError.conflict(reason: .returnBeforeDelivery(status: order.status))
            }
            let view = try await self.view(of: order, session)
            var validator = Validator()
            var accepted: [Int: Int64] = [:]
            for (lineNumber, input) in quantities.sorted(by: { $0.key < $1.key }) {
                let field = "returnLines[\(lineNumber)].quantity"
                guard let available = view.returnableByLine[lineNumber] else {
                    validator.add("returnLines[\(lineNumber)].lineNumber", .notFound)
                    continue
                }
                if input == .missing || input == .integer(0) { continue }
                if let value = validator.integer(field, input, in: 1...max(1, available)), value <= available {
                    accepted[lineNumber] = value
                } else if !validator.hasError(for: field) {
                    validator.add(field, .outOfRange(minimum: 1, maximum: available))
                }
            }
            if accepted.isEmpty && validator.errors.isEmpty { validator.add("returnLines", .required) }
            try validator.throwIfInvalidAsAppError()
            let now = self.platform.clock.now()
            let request = ReturnRecord(
                id: Identifier.make(prefix: "ret"),
                number: try await session.unusedDocumentNumber(in: .orderReturns, prefix: "RT", date: BusinessTime.dateStamp(now)),
                orderId: order.id,
                status: afterCompletion ? .approved : .requested, reason: reason, afterCompletion: afterCompletion, quantities: accepted, refund: nil,
                rejectionReason: nil, requestedBy: caller.principal.accountId, requestedAt: now, decidedAt: afterCompletion ? now : nil,
                receivedAt: nil, refundedAt: nil, rowVersion: 1)
            try await session.insertReturn(request)
            try await self.returnVoucher(
                order, event: afterCompletion ? "return.booked" : "return.requested", request: request, actor: VoucherActor(caller), at: now, session)
            try await session.audit(
                caller, at: now, action: afterCompletion ? "return.book_after_completion" : "return.request", entityType: "return",
                entityId: request.id,
                before: nil,
                after: AuditSnapshot.json(["orderId": .text(order.id), "reason": .text(reason), "lines": .text(Self.describe(accepted))]))
            return request
        }
    }

    /// HQ approves a requested return.
    public func approveReturn(_ caller: Caller, returnId: String) async throws -> ReturnRecord {
        try await moveReturn(caller, returnId: returnId, to: .approved, capability: .manageOrders, event: "return.approved") { _, _, _ in nil }
    }

    /// HQ rejects a requested return, with a reason.
    /// The order a return belongs to, for a caller who may see that order.
    public func orderId(ofReturn returnId: String, _ caller: Caller) async throws -> String {
        try await platform.database.read { session in
            guard Identifier.isWellFormed(returnId, prefix: "ret"), let request = try await session.orderReturn(id: returnId) else {
                throw AppError.notFound(entity: "return")
            }
            return try await self.visibleOrder(caller, id: request.orderId, session).id
        }
    }

    public func rejectReturn(_ caller: Caller, returnId: String, reason rawReason: String?) async throws -> ReturnRecord {
        var validator = Validator()
        let reason = validator.text("reason", rawReason, maximumCharacters: 200)
        try validator.throwIfInvalidAsAppError()
        return try await moveReturn(
            caller, returnId: returnId, to: .rejected, capability: .manageOrders, event: "return.rejected", rejectionReason: reason
        ) { _, _, _ in nil }
    }

    /// HQ receives the returned goods back into the warehouse: stock is restored.
    public func receiveReturnedGoods(_ caller: Caller, returnId: String) async throws -> ReturnRecord {
        try await moveReturn(caller, returnId: returnId, to: .received, capability: .manageOrders, event: "return.goods_received") {
            order, request, session in
            let now = self.platform.clock.now()
            for line in order.lines.sorted(by: { $0.productId < $1.productId }) {
                guard let quantity = request.quantities[line.lineNumber], quantity > 0 else { continue }
                try await self.changeStock(
                    session, line: line, kind: .return, onHand: quantity, reserved: 0, orderId: order.id, actor: caller, at: now)
            }
            try await PartnerStockService.returned(
                order, quantities: request.quantities, reference: request.id, actorAccountId: caller.auditAccountId, at: now, session)
            try await Self.allocateBackOrders(platform: self.platform, actor: VoucherActor(caller), at: now, session)
            return nil
        }
    }

    /// HQ finance refunds a return whose goods are back (RULES §4): the net recomputed on the
    /// quantities kept, with the order's own discount rate; to prepaid for purchase orders.
    public func refundReturn(_ caller: Caller, returnId: String) async throws -> ReturnRecord {
        try await moveReturn(caller, returnId: returnId, to: .refunded, capability: .manageFinance, event: "return.refunded") {
            order, request, session in
            let now = self.platform.clock.now()
            let after = order.lines.map { line in
                AmountLine(
                    unitPrice: line.unitPrice, quantity: line.quantity,
                    keptQuantity: line.quantity - line.returnedQuantity - (request.quantities[line.lineNumber] ?? 0))
            }
            let refund = RefundAmounts(before: order.amountLines, after: after, discountRate: order.discountRate)
            try await session.recordRefund(orderId: order.id, returnedByLine: request.quantities, refundedTotal: order.refunded + refund.net, at: now)
            if let posting = Postings.refund(
                partnerId: order.paymentMethod == .prepaid ? order.partnerId : nil, refund: refund, reference: request.id)
            {
                try await session.post(posting, at: now, actorAccountId: caller.auditAccountId)
            }
            if let refreshed = try await session.order(id: order.id, cipher: self.platform.cipher) {
                try await CommissionService.adjust(refreshed, at: now, session)
            }
            return refund.net
        }
    }

    /// Moves a return one step, with its voucher and audit row, in one transaction; `effect` does
    /// the step's work (stock, refund) and returns the refund when there is one.
    func moveReturn(
        _ caller: Caller, returnId: String, to: ReturnStatus, capability: Capability, event: String, rejectionReason: String? = nil,
        _ effect: @Sendable (OrderRecord, ReturnRecord, SQLSession) async throws -> Money?
    ) async throws -> ReturnRecord {
        try caller.require(capability)
        return try await platform.database.write { session in
            guard Identifier.isWellFormed(returnId, prefix: "ret"), var request = try await session.orderReturn(id: returnId) else {
                throw AppError.notFound(entity: "return")
            }
            let order = try await self.visibleOrder(caller, id: request.orderId, session)
            guard request.status.allowedNext.contains(to) else {
                throw AppError.conflict(reason: .returnTransition(from: request.status, to: to))
            }
            let now = self.platform.clock.now()
            let refund = try await effect(order, request, session)
            guard
                try await session.transitionReturn(
                    id: request.id, from: request.status, to: to, at: now, refund: refund, rejectionReason: rejectionReason)
            else { throw AppError.conflict(reason: .changedMeanwhile(.return)) }
            let before = request.status
            request.status = to
            request.refund = refund ?? request.refund
            request.rejectionReason = rejectionReason ?? request.rejectionReason
            try await self.returnVoucher(order, event: event, request: request, actor: VoucherActor(caller), at: now, session)
            try await session.audit(
                caller, at: now, action: event, entityType: "return", entityId: request.id,
                before: AuditSnapshot.json(["status": .text(before.rawValue)]),
                after: AuditSnapshot.json([
                    "status": .text(to.rawValue), "refundFen": refund.map { .integer($0.fen) } ?? .optionalText(nil),
                    "reason": .optionalText(rejectionReason),
                ]))
            return request
        }
    }

    // MARK: - Scheduled transitions

    /// Marks a delivered order received on its own, at the instant it fell due. Returns false when
    /// another instance (or the buyer) got there first.
    public func autoReceive(orderId: String, at instant: Date) async throws -> Bool {
        try await platform.database.write { session in
            guard let order = try await session.order(id: orderId, cipher: self.platform.cipher), order.status == .delivered else { return false }
            guard try await session.transitionOrder(id: order.id, from: .delivered, to: .received, at: instant) else { return false }
            try await session.appendVoucher(
                orderId: order.id, event: OrderEvent.receive.rawValue, from: .delivered, to: .received, at: instant, actorAccountId: nil,
                actorName: VoucherActor.scheduler.name, sourceIP: VoucherActor.scheduler.sourceIP,
                payloadJSON: AuditSnapshot.json(["automatic": .boolean(true)]))
            return true
        }
    }

    /// Completes a received order whose return window passed with no open return.
    public func autoComplete(orderId: String, at instant: Date) async throws -> Bool {
        try await platform.database.write { session in
            guard let order = try await session.order(id: orderId, cipher: self.platform.cipher), order.status == .received,
                !(try await session.hasOpenReturn(orderId: order.id))
            else { return false }
            guard try await session.transitionOrder(id: order.id, from: .received, to: .completed, at: instant) else { return false }
            try await CommissionService.release(orderId: order.id, at: instant, session)
            try await session.appendVoucher(
                orderId: order.id, event: OrderEvent.complete.rawValue, from: .received, to: .completed, at: instant, actorAccountId: nil,
                actorName: VoucherActor.scheduler.name, sourceIP: VoucherActor.scheduler.sourceIP,
                payloadJSON: AuditSnapshot.json(["automatic": .boolean(true)]))
            return true
        }
    }

    // MARK: - Helpers

    /// Refuses a purchase order while HQ blocks ordering and one of the partner's required
    /// certificates has expired, naming the certificate.
    func requireCertificates(_ partner: PartnerRecord, _ session: SQLSession) async throws {
        guard let expired = try await ProfileService.orderingBlock(partnerId: partner.id, at: platform.clock.now(), session) else { return }
        throw AppError.invalid(
            "certificates",
            .notAllowed(
                reason: .certificateExpired(number: expired.number, validTo: expired.validTo)))
    }

    func priceQuote(partner: PartnerRecord, kind: OrderKind, lines: [OrderLineInput], _ session: SQLSession) async throws -> OrderQuote {
        var validator = Validator()
        if lines.isEmpty { validator.add("lines", .required) }
        if lines.count > Self.maximumLines { validator.add("lines", .outOfRange(minimum: 1, maximum: Int64(Self.maximumLines))) }
        var priced: [OrderQuote.Line] = []
        var seen: Set<String> = []
        let now = platform.clock.now()
        // Purchase orders get the best running promotion targeted at the partner (RULES §9 privileges).
        let promotions = kind == .purchase ? try await PromotionService.usable(by: partner, at: now, session) : []
        for (index, line) in lines.prefix(Self.maximumLines).enumerated() {
            let reference = (line.product ?? "").trimmingWhitespace()
            guard !reference.isEmpty else {
                validator.add("lines[\(index)].productId", .required)
                continue
            }
            guard let product = try await session.product(reference: reference), product.onShelf else {
                validator.add("lines[\(index)].productId", .notFound)
                continue
            }
            if !seen.insert(product.id).inserted {
                validator.add("lines[\(index)].productId", .duplicate)
                continue
            }
            if let problem = QuantityRule.problem(quantity: line.quantity, packSize: product.packSize) {
                validator.add("lines[\(index)].quantity", problem)
                continue
            }
            guard case .integer(let quantity) = line.quantity else { continue }
            let unitPrice = product.prices.unitPrice(purchaseByLevel: kind == .purchase ? partner.level : nil)
            if let best = Promotion.best(promotions, productId: product.id, regular: unitPrice, at: now) {
                priced.append(
                    OrderQuote.Line(
                        product: product, quantity: quantity, unitPrice: best.unitPrice, promotion: best.promotion, regularUnitPrice: unitPrice))
            } else {
                priced.append(OrderQuote.Line(product: product, quantity: quantity, unitPrice: unitPrice))
            }
        }
        try validator.throwIfInvalidAsAppError()
        var rate = Rate.zero
        var balance = Money.zero
        var topUps = Money.zero
        if kind == .purchase {
            let rules = try await SettingsService.prepaidRules(session)
            topUps = try await session.confirmedTopUpTotal(
                partnerId: partner.id, from: now.addingTimeInterval(-TimeInterval(rules.discountWindowDays) * 86_400), to: now)
            rate = rules.discountRate(forTopUpsInWindow: topUps)
            balance = try await session.prepaidBalance(partnerId: partner.id)
        }
        let amounts = OrderAmounts(lines: priced.map { AmountLine(unitPrice: $0.unitPrice, quantity: $0.quantity) }, discountRate: rate)
        return OrderQuote(lines: priced, amounts: amounts, balance: balance, balanceAfter: balance - amounts.net, topUpsInWindow: topUps)
    }

    struct Destination {
        let name: String
        let phone: String
        let address: String
    }

    /// The shipping destination: a saved address of the partner, typed-in fields, or (for a purchase
    /// order with neither) the partner's own profile address.
    func destination(_ shipping: ShippingInput, partner: PartnerRecord?, _ session: SQLSession) async throws -> Destination {
        if let addressId = shipping.addressId?.trimmingWhitespace(), !addressId.isEmpty {
            guard let partner, let address = try await session.address(id: addressId, cipher: platform.cipher), address.partnerId == partner.id else {
                throw AppError.invalid("addressId", .notFound)
            }
            return Destination(name: address.recipientName, phone: address.phone, address: address.formattedLine)
        }
        if shipping.isEmpty, let partner {
            return Destination(
                name: partner.contactName, phone: partner.contactPhone, address: partner.formattedAddress)
        }
        var validator = Validator()
        let fields = AddressService.validateFields(shipping, validator: &validator)
        try validator.throwIfInvalidAsAppError()
        guard let fields else { preconditionFailure("validated above") }
        return Destination(name: fields.recipientName, phone: fields.phone, address: fields.formattedLine)
    }

    func newOrder(
        kind: OrderKind, partner: PartnerRecord, quote: OrderQuote, destination: Destination, paymentMethod: PaymentMethod, createdBy: String,
        at instant: Date, _ session: SQLSession
    ) async throws -> OrderRecord {
        let lines = quote.lines.enumerated().map { index, line in
            OrderLineRecord(
                lineNumber: index + 1, productId: line.product.id, sku: line.product.sku, productName: line.product.name, unit: line.product.unit,
                packSize: line.product.packSize, unitPrice: line.unitPrice, quantity: line.quantity, returnedQuantity: 0,
                commissionOverride: line.product.commissionOverride, promotionId: line.promotion?.id, regularUnitPrice: line.regularUnitPrice)
        }
        return OrderRecord(
            id: Identifier.make(prefix: "ord"),
            number: try await session.unusedDocumentNumber(
                in: .orders, prefix: kind == .purchase ? "PO" : "RO", date: BusinessTime.dateStamp(instant)),
            kind: kind,
            partnerId: partner.id, partnerPathAtPayment: nil, buyerLevel: kind == .purchase ? partner.level : nil, status: .pendingPayment,
            gross: quote.amounts.gross, discountRate: quote.amounts.discountRate, discount: quote.amounts.discount, net: quote.amounts.net,
            refunded: .zero, paymentMethod: paymentMethod, paymentReference: nil, shipName: destination.name, shipPhone: destination.phone,
            shipAddress: destination.address, carrier: nil, trackingNumber: nil, proofOfDelivery: nil, createdBy: createdBy, createdAt: instant,
            paidAt: nil, shippedAt: nil, deliveredAt: nil, receivedAt: nil, completedAt: nil, cancelledAt: nil, updatedAt: instant, rowVersion: 1,
            lines: lines)
    }

    func insert(_ order: OrderRecord, consumerToken: String?, actor: VoucherActor, _ session: SQLSession) async throws {
        try await session.insertOrder(order, consumerTokenHash: consumerToken.map(Self.tokenHash), cipher: platform.cipher)
        try await session.appendVoucher(
            orderId: order.id, event: OrderEvent.create.rawValue, from: nil, to: .pendingPayment, at: order.createdAt,
            actorAccountId: actor.accountId,
            actorName: actor.name, sourceIP: actor.sourceIP,
            payloadJSON: AuditSnapshot.json([
                "kind": .text(order.kind.rawValue), "grossFen": .integer(order.gross.fen), "discountFen": .integer(order.discount.fen),
                "netFen": .integer(order.net.fen),
                "lines": .text(order.lines.map { "\($0.sku)×\($0.quantity)@\($0.unitPrice.fen)" }.joined(separator: ", ")),
            ]))
    }

    /// Pays an order: reserves its stock, posts the payment (from prepaid, guarded, for purchase
    /// orders), records the partner's tree path at payment, and moves it to paid with a voucher.
    func pay(
        _ order: OrderRecord, partner: PartnerRecord, paymentReference: String?, actor: VoucherActor, at instant: Date, _ session: SQLSession
    ) async throws -> OrderRecord {
        guard OrderStateMachine.next(after: order.status, on: .pay) != nil else {
            throw AppError.conflict(reason: .orderNotPayable(status: order.status))
        }
        // A purchase order that HQ stock cannot fill is still paid, and waits as a back-order. The
        // allocation lock makes the check and the reservation one step for every server instance.
        var waits = false
        if order.kind == .purchase {
            try await session.lock("allocation")
            let available = try await session.availableStock(productIds: order.lines.map(\.productId))
            waits = !order.lines.allSatisfy { available[$0.productId, default: 0] >= $0.quantity }
        }
        if !waits {
            for line in order.lines.sorted(by: { $0.productId < $1.productId }) {
                try await changeStock(
                    session, line: line, kind: .reserve, onHand: 0, reserved: line.quantity, orderId: order.id, actorAccountId: actor.accountId,
                    at: instant)
            }
        }
        let amounts = OrderAmounts(lines: order.amountLines, discountRate: order.discountRate)
        let posting =
            order.kind == .purchase
            ? Postings.purchasePayment(partnerId: order.partnerId, amounts: amounts, reference: order.id)
            : Postings.referralPayment(amounts: amounts, reference: order.id)
        var ledgerTransaction: String?
        if let posting {
            do {
                ledgerTransaction = try await session.post(posting, at: instant, actorAccountId: actor.accountId)
            } catch let shortfall as InsufficientBalance {
                throw AppError.insufficientBalance(available: shortfall.available, required: shortfall.required)
            }
        }
        let reference = paymentReference ?? ledgerTransaction
        try await CommissionService.accrue(order, partnerPath: partner.path, at: instant, session, cipher: platform.cipher)
        var paid = try await transition(
            order, on: .pay, actor: actor, at: instant,
            payload: [
                "paymentMethod": .text(order.paymentMethod.rawValue), "paymentReference": .optionalText(reference),
                "ledgerTransaction": .optionalText(ledgerTransaction), "netFen": .integer(order.net.fen),
                "allocation": .text(waits ? OrderAllocation.waiting.rawValue : OrderAllocation.allocated.rawValue),
            ],
            fields: OrderTransitionFields(paymentReference: reference, partnerPathAtPayment: partner.path), session)
        if waits {
            try await session.markBackordered(orderId: order.id, at: instant)
            paid.allocation = .waiting
            paid.backorderedAt = instant
        }
        return paid
    }

    /// The most back-orders one allocation fills; the next stock movement continues.
    static let maximumAllocationsPerRun = 500

    /// Fills waiting back-orders from free HQ stock (RULES §9): quality partners first, then the
    /// oldest payment first; an order is filled whole or waits on (and later orders that fit are
    /// filled meanwhile). Runs in the transaction of the stock movement that freed the stock, under
    /// the allocation lock; each filled order gets a voucher and its partner a notification.
    @discardableResult
    static func allocateBackOrders(platform: Platform, actor: VoucherActor, at instant: Date, _ session: SQLSession) async throws -> [String] {
        try await session.lock("allocation")
        let service = OrderService(platform: platform)
        var filled: [String] = []
        for id in try await session.waitingOrderIds(limit: maximumAllocationsPerRun) {
            guard let order = try await session.order(id: id, cipher: platform.cipher) else { continue }
            let available = try await session.availableStock(productIds: order.lines.map(\.productId))
            guard order.lines.allSatisfy({ available[$0.productId, default: 0] >= $0.quantity }) else { continue }
            guard try await session.markAllocated(orderId: id, at: instant) else { continue }
            for line in order.lines.sorted(by: { $0.productId < $1.productId }) {
                try await service.changeStock(
                    session, line: line, kind: .reserve, onHand: 0, reserved: line.quantity, orderId: id, actorAccountId: actor.accountId, at: instant
                )
            }
            try await session.appendVoucher(
                orderId: id, event: "allocate", from: order.status, to: order.status, at: instant, actorAccountId: actor.accountId,
                actorName: actor.name, sourceIP: actor.sourceIP,
                payloadJSON: AuditSnapshot.json([
                    "allocation": .text(OrderAllocation.allocated.rawValue),
                    "waitedSince": .optionalText(order.backorderedAt.map(BusinessTime.isoText)),
                    "lines": .text(order.lines.map { "\($0.sku)×\($0.quantity)" }.joined(separator: ", ")),
                ]))
            try await NotificationService.send(
                .backOrderFilled(order: order), to: .partner(id: order.partnerId, permission: .ordering), at: instant, session)
            filled.append(id)
        }
        return filled
    }

    /// Applies an event as a conditional update from the order's current status, with its voucher.
    /// An illegal event is a 409 that changes nothing.
    func transition(
        _ order: OrderRecord, on event: OrderEvent, actor: VoucherActor, at instant: Date, payload: [String: AuditValue],
        fields: OrderTransitionFields,
        _ session: SQLSession
    ) async throws -> OrderRecord {
        guard let next = OrderStateMachine.next(after: order.status, on: event) else {
            throw AppError.conflict(reason: .orderTransition(status: order.status, event: event))
        }
        guard try await session.transitionOrder(id: order.id, from: order.status, to: next, at: instant, fields: fields) else {
            throw AppError.conflict(reason: .changedMeanwhile(.order))
        }
        try await session.appendVoucher(
            orderId: order.id, event: event.rawValue, from: order.status, to: next, at: instant, actorAccountId: actor.accountId,
            actorName: actor.name,
            sourceIP: actor.sourceIP, payloadJSON: AuditSnapshot.json(payload))
        guard let updated = try await session.order(id: order.id, cipher: platform.cipher) else { throw AppError.notFound(entity: "order") }
        // A delivered purchase order's goods are now the partner's stock.
        if event == .deliver { try await PartnerStockService.delivered(updated, actorAccountId: actor.accountId, at: instant, session) }
        return updated
    }

    func returnVoucher(
        _ order: OrderRecord, event: String, request: ReturnRecord, actor: VoucherActor, at instant: Date, _ session: SQLSession
    ) async throws {
        // Touching the order row locks it, so this order's vouchers are appended one at a time.
        try await session.execute("UPDATE orders SET updated_at_ms = \(bind: Timestamp.milliseconds(instant)) WHERE id = \(bind: order.id)")
        try await session.appendVoucher(
            orderId: order.id, event: event, from: order.status, to: order.status, at: instant, actorAccountId: actor.accountId,
            actorName: actor.name,
            sourceIP: actor.sourceIP,
            payloadJSON: AuditSnapshot.json([
                "returnId": .text(request.id), "returnNumber": .text(request.number), "status": .text(request.status.rawValue),
                "lines": .text(Self.describe(request.quantities)), "reason": .text(request.reason),
                "refundFen": request.refund.map { .integer($0.fen) } ?? .optionalText(nil),
            ]))
    }

    func changeStock(
        _ session: SQLSession, line: OrderLineRecord, kind: StockMovementKind, onHand: Int64, reserved: Int64, orderId: String, actor: Caller,
        at instant: Date
    ) async throws {
        try await changeStock(
            session, line: line, kind: kind, onHand: onHand, reserved: reserved, orderId: orderId, actorAccountId: actor.auditAccountId, at: instant)
    }

    func changeStock(
        _ session: SQLSession, line: OrderLineRecord, kind: StockMovementKind, onHand: Int64, reserved: Int64, orderId: String,
        actorAccountId: String?,
        at instant: Date
    ) async throws {
        do {
            try await session.changeStock(
                productId: line.productId, sku: line.sku, kind: kind, onHandChange: onHand, reservedChange: reserved, orderId: orderId, note: "",
                actorAccountId: actorAccountId, at: instant)
        } catch let shortage as InsufficientStock {
            throw AppError.insufficientStock(sku: shortage.sku, available: shortage.available, requested: shortage.requested)
        }
    }

    /// The partners whose orders a partner account may see: itself, and its downline with team rights.
    func visiblePartnerIds(_ caller: Caller, _ session: SQLSession) async throws -> Set<String> {
        let partners = PartnerService(platform: platform)
        let own = try await partners.ownPartner(caller, session)
        guard caller.principal.can(.partnerTeamView) else { return [own.id] }
        return Set(try await session.partnerTree(under: own, limit: PartnerService.treeViewLimit, cipher: platform.cipher).map(\.id))
    }

    func visibleOrder(_ caller: Caller, id: String, _ session: SQLSession) async throws -> OrderRecord {
        guard Identifier.isWellFormed(id, prefix: "ord"), let order = try await session.order(id: id, cipher: platform.cipher) else {
            throw AppError.notFound(entity: "order")
        }
        if caller.principal.kind == .hq {
            try caller.require(.viewOrders)
            return order
        }
        guard try await visiblePartnerIds(caller, session).contains(order.partnerId) else { throw AppError.notFound(entity: "order") }
        return order
    }

    /// The buyer of a purchase order (its partner, with ordering rights) or HQ order staff may act on it.
    func requireBuyerOrHQ(_ caller: Caller, _ order: OrderRecord) throws(AppError) {
        switch caller.principal.kind {
        case .hq:
            try caller.require(.manageOrders)
        case .partner:
            guard order.kind == .purchase, order.partnerId == caller.principal.partnerId else { throw AppError.forbidden }
            try caller.require(.partnerOrdering)
        }
    }

    static func tokenHash(_ token: String) -> String { AuthService.tokenHash(token) }

    static func describe(_ quantities: [Int: Int64]) -> String {
        quantities.sorted { $0.key < $1.key }.map { "#\($0.key)×\($0.value)" }.joined(separator: ", ")
    }

    static func pastTense(_ event: OrderEvent) -> String {
        switch event {
        case .create: "created"
        case .pay: "paid"
        case .ship: "shipped"
        case .deliver: "delivered"
        case .receive: "received"
        case .complete: "completed"
        case .cancel: "cancelled"
        }
    }
}
