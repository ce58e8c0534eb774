import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// Placing purchase and referral orders: pricing, the destination, the order and its payment.
extension OrderService {
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
    /// stock is a clear error, and then nothing is reserved or debited. Above HQ's threshold the
    /// partner's payment password is required (`paymentPassword`); one given below it is still
    /// checked, so a wrong one is never silently ignored.
    public func placePurchaseOrder(
        _ caller: Caller, lines: [OrderLineInput], shipping: ShippingInput, paymentPassword: String? = nil
    ) async throws -> OrderRecord {
        try caller.require(.partnerOrdering)
        // bcrypt runs before the write transaction, which must not wait a quarter second for it.
        let verified: StoredPaymentPassword? =
            if let partnerId = caller.principal.partnerId, let paymentPassword, !paymentPassword.isEmpty {
                try await PaymentPasswordService(platform: platform).verify(caller, partnerId: partnerId, password: paymentPassword)
            } else { nil }
        return try await platform.database.write { session in
            let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
            guard partner.status == .active else {
                throw AppError.invalid("partnerId", .notAllowed(reason: .onlyActivePartnersOrder))
            }
            try await self.requireCertificates(partner, session)
            let quote = try await self.priceQuote(partner: partner, kind: .purchase, lines: lines, session)
            if quote.paymentPasswordRequired || verified != nil {
                try await PaymentPasswordService.requireUnchanged(verified, partnerId: partner.id, session)
            }
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
        var rules: PrepaidRules?
        if kind == .purchase {
            let prepaidRules = try await SettingsService.prepaidRules(session)
            rules = prepaidRules
            topUps = try await session.confirmedTopUpTotal(
                partnerId: partner.id, from: now.addingTimeInterval(-TimeInterval(prepaidRules.discountWindowDays) * 86_400), to: now)
            rate = prepaidRules.discountRate(forTopUpsInWindow: topUps)
            balance = try await session.prepaidBalance(partnerId: partner.id)
        }
        let amounts = OrderAmounts(lines: priced.map { AmountLine(unitPrice: $0.unitPrice, quantity: $0.quantity) }, discountRate: rate)
        var quote = OrderQuote(lines: priced, amounts: amounts, balance: balance, balanceAfter: balance - amounts.net, topUpsInWindow: topUps)
        quote.paymentPasswordRequired = rules?.needsPaymentPassword(net: amounts.net) ?? false
        return quote
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
}
