import Foundation
import QudaoCore
import QudaoStore

/// One line of a sell-out report as a client sent it.
public struct SellOutLineInput: Sendable {
    /// Product id or SKU.
    public var product: String?
    public var quantity: IntegerInput
    /// The day of sale, `yyyy-MM-dd` (blank: today); from a file also an Excel date number.
    public var soldOn: String?

    /// Creates a line.
    public init(product: String?, quantity: IntegerInput, soldOn: String?) {
        self.product = product
        self.quantity = quantity
        self.soldOn = soldOn
    }
}

/// Partners' own stock (RULES §9): it rises when their purchase orders are delivered, falls with
/// their sell-out reports (by hand, by file, through the API) and with goods sent back, and stock
/// counts correct it with a reason. A partner sees and changes only its own; HQ sees everyone's.
public struct PartnerStockService: Sendable {
    let platform: Platform

    /// Lines in one report typed by hand or sent through the API; files may hold up to 10,000.
    public static let maximumLines = 500
    public static let maximumFileLines = 10_000
    /// How far back a sale may be reported.
    public static let maximumAgeDays = 365

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    // MARK: - Hooks of the order lifecycle (inside the order's transaction)

    /// A purchase order was delivered: its units join the partner's stock.
    static func delivered(_ order: OrderRecord, actorAccountId: String?, at instant: Date, _ session: SQLSession) async throws {
        guard order.kind == .purchase else { return }
        for line in order.lines.sorted(by: { $0.productId < $1.productId }) where line.quantity > 0 {
            try await session.changePartnerStock(
                partnerId: order.partnerId, productId: line.productId, change: line.quantity, kind: .delivery,
                businessDate: BusinessTime.dayText(instant), reference: order.id, reason: order.number, actorAccountId: actorAccountId, at: instant)
        }
    }

    /// Goods of a purchase order came back to HQ: they leave the partner's stock (never below zero:
    /// what the partner had already reported sold is not counted twice).
    static func returned(
        _ order: OrderRecord, quantities: [Int: Int64], reference: String, actorAccountId: String?, at instant: Date, _ session: SQLSession
    ) async throws {
        guard order.kind == .purchase else { return }
        for line in order.lines.sorted(by: { $0.productId < $1.productId }) {
            guard let quantity = quantities[line.lineNumber], quantity > 0 else { continue }
            let onHand = try await session.partnerOnHand(partnerId: order.partnerId, productId: line.productId)
            try await session.changePartnerStock(
                partnerId: order.partnerId, productId: line.productId, change: -min(quantity, onHand), kind: .return,
                businessDate: BusinessTime.dayText(instant), reference: reference, reason: order.number, actorAccountId: actorAccountId, at: instant)
        }
    }

    // MARK: - Reading

    /// The partner whose stock the caller may see: its own, or (HQ) any.
    func stockPartner(_ caller: Caller, _ partnerId: String?, _ session: SQLSession) async throws -> PartnerRecord {
        try await PartnerService(platform: platform).ownBusinessPartner(caller, partnerId, hqCapability: .viewOrders, session)
    }

    /// A partner's stock per product, with what is on the way.
    public func stock(
        _ caller: Caller, partnerId: String?, search: String?, page: PageRequest
    ) async throws -> (
        partner: PartnerRecord, levels: Page<PartnerStockLevel>
    ) {
        try await platform.database.read { session in
            let partner = try await self.stockPartner(caller, partnerId, session)
            return (partner, try await session.partnerStock(partnerId: partner.id, search: search, page: page))
        }
    }

    /// A partner's stock movements, newest first.
    public func movements(_ caller: Caller, partnerId: String?, product: String?, page: PageRequest) async throws -> Page<PartnerStockMovement> {
        try await platform.database.read { session in
            let partner = try await self.stockPartner(caller, partnerId, session)
            var productId: String?
            if let product, !product.isEmpty {
                guard let found = try await session.product(reference: product) else { throw AppError.invalid("productId", .notFound) }
                productId = found.id
            }
            return try await session.partnerStockMovements(partnerId: partner.id, productId: productId, page: page)
        }
    }

    /// A partner's sell-out reports.
    public func reports(_ caller: Caller, partnerId: String?, page: PageRequest) async throws -> Page<SellOutReport> {
        try await platform.database.read { session in
            let partner = try await self.stockPartner(caller, partnerId, session)
            return try await session.sellOutReports(partnerId: partner.id, page: page)
        }
    }

    // MARK: - Sell-out

    /// Records what the caller's partner sold, all lines or none: every line names an existing
    /// product, a whole quantity and a day that is neither in the future nor over a year ago, and
    /// no product is sold beyond what is on hand. `field` names lines in errors (`lines` for forms
    /// and the API, `rows` with the file's own row numbers for uploads).
    public func reportSellOut(
        _ caller: Caller, lines: [SellOutLineInput], source: SellOutSource, fileName: String? = nil, rowNumbers: [Int]? = nil
    ) async throws -> SellOutReport {
        try caller.require(.partnerOrdering)
        let limit = source == .file ? Self.maximumFileLines : Self.maximumLines
        let field = rowNumbers == nil ? "lines" : "rows"
        let names = lines.indices.map { "\(field)[\(rowNumbers?[$0] ?? $0)]" }
        var limits = Validator()
        if lines.isEmpty { limits.add(field, .required) }
        if lines.count > limit { limits.add(field, .outOfRange(minimum: 1, maximum: Int64(limit))) }
        try limits.throwIfInvalidAsAppError()
        let now = platform.clock.now()
        let today = BusinessTime.dayText(now)
        let earliest = BusinessTime.dayText(now.addingTimeInterval(-Double(Self.maximumAgeDays) * 86_400))
        return try await platform.database.write { session in
            let partner = try await self.stockPartner(caller, nil, session)
            func name(_ index: Int) -> String { names[index] }
            var validator = Validator()
            var checked: [(product: ProductRecord, quantity: Int64, day: String, index: Int)] = []
            for (index, line) in lines.enumerated() {
                let product = try await session.product(reference: line.product ?? "")
                if (line.product ?? "").trimmingWhitespace().isEmpty {
                    validator.add("\(name(index)).productId", .required)
                } else if product == nil {
                    validator.add("\(name(index)).productId", .notFound)
                }
                let quantity = validator.integer("\(name(index)).quantity", line.quantity, in: 1...1_000_000)
                let day = Self.saleDay(line.soldOn, today: today, earliest: earliest, field: "\(name(index)).soldOn", &validator)
                if let product, let quantity, let day { checked.append((product, quantity, day, index)) }
            }
            // Each product's total against what is on hand, named on its first line.
            var totals: [String: (quantity: Int64, index: Int, product: ProductRecord)] = [:]
            for line in checked {
                let previous = totals[line.product.id]
                totals[line.product.id] = ((previous?.quantity ?? 0) + line.quantity, previous?.index ?? line.index, line.product)
            }
            for (productId, total) in totals.sorted(by: { $0.value.index < $1.value.index }) {
                let onHand = try await session.partnerOnHand(partnerId: partner.id, productId: productId)
                if total.quantity > onHand {
                    validator.add(
                        "\(name(total.index)).quantity",
                        .notAllowed(reason: .onHandShortage(sku: total.product.sku, onHand: onHand, sold: total.quantity)))
                }
            }
            try validator.throwIfInvalidAsAppError()
            let report = SellOutReport(
                id: Identifier.make(prefix: "sor"),
                number: try await session.unusedDocumentNumber(in: .sellOutReports, prefix: "SO", date: BusinessTime.dateStamp(now)),
                partnerId: partner.id, source: source, fileName: fileName.map { String($0.prefix(120)) }, lineCount: Int64(checked.count),
                unitCount: checked.map(\.quantity).reduce(0, +), createdBy: caller.principal.accountId, createdAt: now)
            try await session.insertSellOutReport(report)
            for line in checked {
                do {
                    try await session.changePartnerStock(
                        partnerId: partner.id, productId: line.product.id, change: -line.quantity, kind: .sellOut, businessDate: line.day,
                        reference: report.id, reason: "", actorAccountId: caller.auditAccountId, at: now)
                } catch let shortage as InsufficientPartnerStock {
                    // Another report took the stock meanwhile: nothing of this one is kept.
                    throw AppError.invalid(
                        "\(name(line.index)).quantity",
                        .notAllowed(reason: .onHandShortage(sku: line.product.sku, onHand: shortage.available, sold: nil)))
                }
            }
            try await session.audit(
                caller, at: now, action: "sell_out.report", entityType: "sell_out_report", entityId: report.id, before: nil,
                after: AuditSnapshot.json([
                    "number": .text(report.number), "source": .text(source.rawValue), "lines": .integer(report.lineCount),
                    "units": .integer(report.unitCount), "fileName": .optionalText(report.fileName),
                ]))
            return report
        }
    }

    /// Reads an uploaded table (header row first) into sell-out lines: columns named SKU/商品编码,
    /// 数量/quantity and 销售日期/日期/date, in any order. Rows are named by their row in the file.
    public func importSellOut(_ caller: Caller, rows: [[String]], fileName: String) async throws -> SellOutReport {
        try caller.require(.partnerOrdering)
        guard let headerIndex = ImportSheet.headerIndex(rows) else { throw AppError.invalid("file", .required) }
        let header = rows[headerIndex]
        let names = header.map { $0.lowercased().trimmingWhitespace() }
        func column(_ accepted: Set<String>) -> Int? { names.firstIndex { accepted.contains($0) } }
        let skuColumn = column(["sku", "商品编码", "商品sku", "productid", "product"])
        let quantityColumn = column(["数量", "quantity", "销量", "销售数量"])
        let dateColumn = column(["销售日期", "日期", "date", "soldon", "sold on"])
        var validator = Validator()
        if skuColumn == nil { validator.add("file", .invalidFormat(expected: .sellOutHeader)) }
        if quantityColumn == nil && skuColumn != nil {
            validator.add("file", .invalidFormat(expected: .sellOutHeader))
        }
        try validator.throwIfInvalidAsAppError()
        var lines: [SellOutLineInput] = []
        var rowNumbers: [Int] = []
        for (offset, row) in rows.enumerated().dropFirst(headerIndex + 1) where !row.allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
            func cell(_ index: Int?) -> String? { index.flatMap { $0 < row.count ? row[$0] : nil } }
            var soldOn = cell(dateColumn)
            // Excel stores dates as day numbers; a whole number in the date column is one.
            if let text = soldOn, let serial = Int(text), let day = Self.excelDay(serial) { soldOn = day }
            lines.append(SellOutLineInput(product: cell(skuColumn), quantity: IntegerInput(text: cell(quantityColumn)), soldOn: soldOn))
            // The file's own row number: blank lines are kept, and counted.
            rowNumbers.append(offset + 1)
        }
        return try await reportSellOut(caller, lines: lines, source: .file, fileName: fileName, rowNumbers: rowNumbers)
    }

    /// The day of an Excel serial number (1900 system) as `yyyy-MM-dd`, for plausible dates only.
    static func excelDay(_ serial: Int) -> String? {
        guard (36_526...73_050).contains(serial) else { return nil }  // 2000-01-01 … 2099-12-31
        let base = BusinessTime.calendar.date(from: DateComponents(year: 1899, month: 12, day: 30))!
        return BusinessTime.calendar.date(byAdding: .day, value: serial, to: base).map(BusinessTime.dayText)
    }

    /// A sale's day: blank is today; otherwise a real date, not after today and not over a year ago.
    static func saleDay(_ raw: String?, today: String, earliest: String, field: String, _ validator: inout Validator) -> String? {
        let text = (raw ?? "").trimmingWhitespace()
        if text.isEmpty { return today }
        guard let start = BusinessTime.startOfDay(text.replacingOccurrences(of: "/", with: "-")) else {
            validator.add(field, .invalidFormat(expected: .date))
            return nil
        }
        let day = BusinessTime.dayText(start)
        if day > today {
            validator.add(field, .notAllowed(reason: .saleInFuture))
            return nil
        }
        if day < earliest {
            validator.add(field, .notAllowed(reason: .saleTooOld))
            return nil
        }
        return day
    }

    // MARK: - Stock counts

    /// A stock count (盘点): sets the partner's figure for a product, with a reason. The partner
    /// counts its own (ordering permission); HQ operations may record one for a partner.
    public func count(
        _ caller: Caller, partnerId: String?, product reference: String?, counted: IntegerInput, reason rawReason: String?
    ) async throws -> PartnerStockMovement {
        switch caller.principal.kind {
        case .hq: try caller.require(.manageOrders)
        case .partner: try caller.require(.partnerOrdering)
        }
        var validator = Validator()
        let quantity = validator.integer("countedQuantity", counted, in: 0...10_000_000)
        let reason = validator.text("reason", rawReason, maximumCharacters: 200, minimumCharacters: 2)
        if (reference ?? "").trimmingWhitespace().isEmpty { validator.add("productId", .required) }
        try validator.throwIfInvalidAsAppError()
        guard let quantity, let reason else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            let partner = try await self.stockPartner(caller, partnerId, session)
            guard let product = try await session.product(reference: reference ?? "") else { throw AppError.invalid("productId", .notFound) }
            let now = self.platform.clock.now()
            let before = try await session.partnerOnHand(partnerId: partner.id, productId: product.id)
            let countId = Identifier.make(prefix: "cnt")
            try await session.changePartnerStock(
                partnerId: partner.id, productId: product.id, change: quantity - before, kind: .count, businessDate: BusinessTime.dayText(now),
                reference: countId, reason: reason, actorAccountId: caller.auditAccountId, at: now)
            try await session.audit(
                caller, at: now, action: "partner_stock.count", entityType: "partner", entityId: partner.id,
                before: AuditSnapshot.json(["sku": .text(product.sku), "onHand": .integer(before)]),
                after: AuditSnapshot.json(["sku": .text(product.sku), "onHand": .integer(quantity), "reason": .text(reason)]))
            guard
                let movement = try await session.partnerStockMovements(
                    partnerId: partner.id, productId: product.id, page: PageRequest(pageNumber: 1, pageSize: 1)
                ).items.first
            else { throw AppError.notFound(entity: "movement") }
            return movement
        }
    }
}
