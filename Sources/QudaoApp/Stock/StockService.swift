import Foundation
import QudaoCore
import QudaoStore

/// HQ warehouse stock (PRODUCT.md capability 2): levels, goods received and count corrections.
/// Orders reserve, release, ship and restore stock through `OrderService`.
public struct StockService: Sendable {
    let platform: Platform

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// Stock levels, by SKU.
    public func levels(_ caller: Caller, search: String?, page: PageRequest) async throws -> Page<StockLevel> {
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        try caller.require(.viewOrders)
        return try await platform.database.read { try await $0.stockLevels(search: search, page: page) }
    }

    /// Records goods arriving in the warehouse (a positive quantity), or a count correction
    /// (`adjustment`, positive or negative, with a note). Stock never goes below what is reserved.
    public func record(
        _ caller: Caller, product reference: String?, quantity input: IntegerInput, adjustment: Bool, note rawNote: String?
    ) async throws
        -> StockLevel
    {
        try caller.require(.manageStock)
        var validator = Validator()
        let range: ClosedRange<Int64> = adjustment ? -1_000_000...1_000_000 : 1...1_000_000
        let quantity = validator.integer("quantity", input, in: range)
        if adjustment && quantity == 0 { validator.add("quantity", .outOfRange(minimum: -1_000_000, maximum: 1_000_000)) }
        let note = validator.text("note", rawNote, required: adjustment, maximumCharacters: 200) ?? ""
        if (reference ?? "").trimmingWhitespace().isEmpty { validator.add("productId", .required) }
        try validator.throwIfInvalidAsAppError()
        guard let quantity else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            guard let product = try await session.product(reference: reference ?? "") else { throw AppError.invalid("productId", .notFound) }
            let now = self.platform.clock.now()
            let before = try await session.stockLevel(productId: product.id)
            do {
                let change = try await session.changeStock(
                    productId: product.id, sku: product.sku, kind: adjustment ? .adjustment : .receipt, onHandChange: quantity, reservedChange: 0,
                    orderId: nil, note: note, actorAccountId: caller.auditAccountId, at: now)
                try await session.emitLowStockWebhookIfCrossed(change, productId: product.id, sku: product.sku, at: now)
            } catch let shortage as InsufficientStock {
                throw AppError.invalid(
                    "quantity",
                    .notAllowed(
                        reason: .stockBelowReserved(reserved: before.reserved, onHand: shortage.available + before.reserved)
                    ))
            }
            // Stock that arrives (or a correction upwards) goes first to the back-orders waiting for it.
            if quantity > 0 { try await OrderService.allocateBackOrders(platform: self.platform, actor: VoucherActor(caller), at: now, session) }
            let after = try await session.stockLevel(productId: product.id)
            try await session.audit(
                caller, at: now, action: adjustment ? "stock.adjust" : "stock.receive", entityType: "product", entityId: product.id,
                before: AuditSnapshot.json(["onHand": .integer(before.onHand), "reserved": .integer(before.reserved)]),
                after: AuditSnapshot.json(["onHand": .integer(after.onHand), "reserved": .integer(after.reserved), "note": .text(note)]))
            return StockLevel(
                productId: product.id, sku: product.sku, productName: product.name, onHand: after.onHand, reserved: after.reserved,
                lowStockUnits: try await session.lowStockLine(productId: product.id))
        }
    }

    /// Sets the available quantity at or below which HQ wants `stock.low` for a product (none
    /// clears it), audited. Setting a line the stock is already at or below sends the event now.
    public func setLowStockLine(_ caller: Caller, product reference: String?, units input: IntegerInput) async throws -> StockLevel {
        try caller.require(.manageStock)
        var validator = Validator()
        let units = validator.integer("units", input, in: 0...100_000_000, required: false)
        if (reference ?? "").trimmingWhitespace().isEmpty { validator.add("productId", .required) }
        try validator.throwIfInvalidAsAppError()
        return try await platform.database.write { session in
            guard let product = try await session.product(reference: reference ?? "") else { throw AppError.notFound(entity: "product") }
            let now = self.platform.clock.now()
            let previous = try await session.lowStockLine(productId: product.id)
            let level = try await session.setLowStockLine(productId: product.id, units: units, at: now)
            let available = level.onHand - level.reserved
            if let units, available <= units, previous.map({ available > $0 }) ?? true {
                try await session.emitLowStockWebhookIfCrossed(
                    StockChange(
                        availableBefore: units + 1, availableAfter: available, onHand: level.onHand, reserved: level.reserved, lowStockUnits: units),
                    productId: product.id, sku: product.sku, at: now)
            }
            try await session.audit(
                caller, at: now, action: "stock.low_stock_line", entityType: "product", entityId: product.id,
                before: AuditSnapshot.json(["lowStockUnits": previous.map { .integer($0) } ?? .optionalText(nil)]),
                after: AuditSnapshot.json(["lowStockUnits": units.map { .integer($0) } ?? .optionalText(nil)]))
            return StockLevel(
                productId: product.id, sku: product.sku, productName: product.name, onHand: level.onHand, reserved: level.reserved,
                lowStockUnits: units)
        }
    }
}
