import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// Reading orders and returns within the caller's scope.
extension OrderService {
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
}
