import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// Returns (RULES §4): their own status machine, refunds and vouchers.
extension OrderService {
    // MARK: - Returns

    /// Asks to return some quantities (RULES §4): the buyer (or HQ) while the order is delivered or
    /// received; HQ also after completion, as an audited exception that is approved at once.
    ///
    /// `quantities` is keyed by order line number, as the order pages' per-line inputs are, and errors
    /// name `returnLines[N]` after that number.
    public func requestReturn(
        _ caller: Caller, orderId: String, quantities: [Int: IntegerInput], reason rawReason: String?
    ) async throws -> ReturnRecord {
        try await requestReturn(
            caller, orderId: orderId,
            lines: quantities.sorted { $0.key < $1.key }.map {
                ReturnLineInput(lineNumber: $0.key, quantity: $0.value, field: "returnLines[\($0.key)]")
            }, reason: rawReason, linesField: "returnLines")
    }

    /// Asks to return the lines of a request in the order they were sent; each line's errors name the
    /// line's own field (`lines[0].quantity`), so a client finds the entry it sent.
    public func requestReturn(
        _ caller: Caller, orderId: String, lines: [ReturnLineInput], reason rawReason: String?, linesField: String = "lines"
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
            for line in lines {
                let field = line.field + ".quantity"
                guard let lineNumber = line.lineNumber else {
                    validator.add(line.field + ".lineNumber", .required)
                    continue
                }
                guard let available = view.returnableByLine[lineNumber] else {
                    validator.add(line.field + ".lineNumber", .notFound)
                    continue
                }
                guard accepted[lineNumber] == nil else {
                    validator.add(line.field + ".lineNumber", .duplicate)
                    continue
                }
                let input = line.quantity
                if input == .missing || input == .integer(0) { continue }
                if let value = validator.integer(field, input, in: 1...max(1, available)), value <= available {
                    accepted[lineNumber] = value
                } else if !validator.hasError(for: field) {
                    validator.add(field, .outOfRange(minimum: 1, maximum: available))
                }
            }
            if accepted.isEmpty && validator.errors.isEmpty { validator.add(linesField, .required) }
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
            let skus = Dictionary(order.lines.map { ($0.lineNumber, $0.sku) }) { first, _ in first }
            try await session.emitWebhook(
                .returnRefunded, partnerId: order.partnerId,
                data: WebhookReturnData(
                    returnId: request.id, number: request.number, orderId: order.id, orderNumber: order.number, partnerId: order.partnerId,
                    partnerCode: try await session.partnerCode(id: order.partnerId) ?? "", refundFen: refund.net.fen,
                    lines: request.quantities.sorted { $0.key < $1.key }.map {
                        WebhookReturnData.Line(lineNumber: $0.key, sku: skus[$0.key] ?? "", quantity: $0.value)
                    }), at: now)
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

    func returnVoucher(
        _ order: OrderRecord, event: String, request: ReturnRecord, actor: VoucherActor, at instant: Date, _ session: SQLSession
    ) async throws {
        // Touching the order row locks it, so this order's vouchers are appended one at a time.
        try await session.touchOrder(id: order.id, at: instant)
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
}

/// One line of a return request: which order line, how many, and the name the request gave it, so
/// errors point at what the client sent.
public struct ReturnLineInput: Sendable, Hashable {
    /// The order line's number; nil when the request left it out.
    public let lineNumber: Int?
    /// How many to return.
    public let quantity: IntegerInput
    /// The line's field in the request, such as `lines[0]`.
    public let field: String

    /// Creates a line.
    public init(lineNumber: Int?, quantity: IntegerInput, field: String) {
        self.lineNumber = lineNumber
        self.quantity = quantity
        self.field = field
    }
}
