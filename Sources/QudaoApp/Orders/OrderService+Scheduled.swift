import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// The steps the clock takes: receiving and completing orders whose windows have passed.
extension OrderService {
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
            if let completed = try await session.order(id: order.id, cipher: self.platform.cipher) {
                try await session.emitOrderWebhook(.orderCompleted, order: completed, at: instant)
            }
            return true
        }
    }
}
