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

    // MARK: - Helpers

    struct Destination {
        let name: String
        let phone: String
        let address: String
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
        if let type = Self.webhookType(of: event) { try await session.emitOrderWebhook(type, order: updated, at: instant) }
        return updated
    }

    /// The webhook an order's step sends, if any (receipt has none: completion follows it).
    static func webhookType(of event: OrderEvent) -> WebhookEventType? {
        switch event {
        case .pay: .orderPaid
        case .ship: .orderShipped
        case .deliver: .orderDelivered
        case .complete: .orderCompleted
        case .cancel: .orderCancelled
        case .create, .receive: nil
        }
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
            let change = try await session.changeStock(
                productId: line.productId, sku: line.sku, kind: kind, onHandChange: onHand, reservedChange: reserved, orderId: orderId, note: "",
                actorAccountId: actorAccountId, at: instant)
            try await session.emitLowStockWebhookIfCrossed(change, productId: line.productId, sku: line.sku, at: instant)
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
}
