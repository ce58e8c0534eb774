import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// Writing events into the outbox. A use case calls these inside the transaction of the change:
/// the event and its deliveries commit with the change or not at all.
extension SQLSession {
    /// Writes an event of `type` about `partnerId` (nil for one of HQ's own) with `data`, and a
    /// pending delivery for each active subscription that asked for the type (HQ's, and the
    /// partner's own). Returns the event's id.
    @discardableResult
    func emitWebhook<Payload: Codable & Sendable>(
        _ type: WebhookEventType, partnerId: String?, data: Payload, at instant: Date
    ) async throws
        -> String
    {
        try await emitWebhook(type, partnerId: partnerId, data: data, at: instant, onlyTo: nil)
    }

    /// As above; with `onlyTo`, the event goes to that one subscription whatever it asked for (a test event).
    @discardableResult
    func emitWebhook<Payload: Codable & Sendable>(
        _ type: WebhookEventType, partnerId: String?, data: Payload, at instant: Date, onlyTo subscriptionId: String?
    ) async throws -> String {
        let subscriptions: [String]
        if let subscriptionId {
            subscriptions = [subscriptionId]
        } else {
            subscriptions = try await webhookSubscriptionIds(for: type, partnerId: partnerId)
        }
        let id = Identifier.make(prefix: "evt")
        // Nobody listens: nothing to keep, and no row a busy platform would pay for.
        guard !subscriptions.isEmpty else { return id }
        let payload = try WebhookBody.encode(WebhookEnvelope(id: id, type: type, createdAt: BusinessTime.isoText(instant), data: data))
        try await insertWebhookEvent(
            id: id, type: type, partnerId: partnerId, payload: payload, subscriptionIds: subscriptions,
            deliveryIds: subscriptions.map { _ in Identifier.make(prefix: "whd") }, at: instant)
        return id
    }

    /// An order event, from the order as it is now.
    func emitOrderWebhook(_ type: WebhookEventType, order: OrderRecord, at instant: Date) async throws {
        let code = try await partnerCode(id: order.partnerId) ?? ""
        let data = WebhookOrderData(
            orderId: order.id, number: order.number, kind: order.kind, status: order.status, partnerId: order.partnerId, partnerCode: code,
            grossFen: order.gross.fen, netFen: order.net.fen, refundedFen: order.refunded.fen, carrier: order.carrier,
            trackingNumber: order.trackingNumber,
            lines: order.lines.map { WebhookOrderData.Line(sku: $0.sku, quantity: $0.quantity, unitPriceFen: $0.unitPrice.fen) })
        try await emitWebhook(type, partnerId: order.partnerId, data: data, at: instant)
    }

    /// A settlement statement's event, from the statement as it is now.
    func emitStatementWebhook(_ type: WebhookEventType, statement: StatementRecord, at instant: Date) async throws {
        let data = WebhookStatementData(
            statementId: statement.id, number: statement.number, partnerId: statement.partnerId,
            partnerCode: try await partnerCode(id: statement.partnerId) ?? "", month: statement.month, commissionFen: statement.commission.fen,
            bonusFen: statement.bonus.fen, netFen: statement.net.fen, recordCount: statement.recordCount,
            payoutMethod: statement.payoutMethod.rawValue, status: statement.status.rawValue)
        try await emitWebhook(type, partnerId: statement.partnerId, data: data, at: instant)
    }

    /// `stock.low` when `change` took the product's available stock across its line.
    func emitLowStockWebhookIfCrossed(_ change: StockChange, productId: String, sku: String, at instant: Date) async throws {
        guard change.crossesLowStockLine, let line = change.lowStockUnits else { return }
        let name = try await first("SELECT name FROM products WHERE id = \(bind: productId)")?.string("name") ?? sku
        let data = WebhookStockData(
            productId: productId, sku: sku, productName: name, onHand: change.onHand, reserved: change.reserved, available: change.availableAfter,
            lowStockUnits: line)
        try await emitWebhook(.stockLow, partnerId: nil, data: data, at: instant)
    }

    /// A partner event, from the partner as it is now.
    func emitPartnerWebhook(
        _ type: WebhookEventType, partner: PartnerRecord, previousStatus: PartnerStatus? = nil, grade: String? = nil,
        previousGrade: String? = nil, at instant: Date
    ) async throws {
        let data = WebhookPartnerData(
            partnerId: partner.id, code: partner.code, name: partner.name, type: partner.type.rawValue, level: partner.level,
            parentId: partner.parentId, status: partner.status.rawValue, previousStatus: previousStatus?.rawValue, grade: grade,
            previousGrade: previousGrade)
        try await emitWebhook(type, partnerId: partner.id, data: data, at: instant)
    }
}

/// The bytes of a webhook body and their signature.
public enum WebhookBody {
    /// The body: compact JSON with sorted keys, so the same event always reads the same.
    static func encode<Payload: Codable & Sendable>(_ envelope: WebhookEnvelope<Payload>) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(envelope), as: UTF8.self)
    }

    /// The `Qudao-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as
    /// Stripe signs (docs/API.md shows how a receiver checks it).
    public static func signature(secret: String, timestamp: Int64, body: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "t=\(timestamp),v1=\(Hexadecimal.text(mac))"
    }

    /// Whether `header` signs `body` with `secret`, within `toleranceSeconds` of `now` (the check a receiver makes).
    public static func verify(header: String, body: String, secret: String, now: Date, toleranceSeconds: Int64 = 300) -> Bool {
        var timestamp: Int64?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int64(pair[1]) }
            if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, abs(Int64(now.timeIntervalSince1970) - timestamp) <= toleranceSeconds else { return false }
        let expected = signature(secret: secret, timestamp: timestamp, body: body).split(separator: "=").last.map(String.init) ?? ""
        return signatures.contains { ConstantTime.equal($0, expected) }
    }
}
