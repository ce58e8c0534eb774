import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// Back-orders filled from freed stock.
extension OrderService {
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
}
