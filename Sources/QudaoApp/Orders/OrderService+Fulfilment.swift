import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// Shipping, delivery, receipt and cancelling.
extension OrderService {
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
}
