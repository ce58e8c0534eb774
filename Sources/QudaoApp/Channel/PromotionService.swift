import Foundation
import QudaoCore
import QudaoStore

/// A promotion as a form or the API sent it.
public struct PromotionInput: Sendable {
    public var name: String?
    /// `price` or `discount`.
    public var kind: String?
    public var discountBasisPoints: RateInput
    /// ISO 8601 with an offset, `yyyy-MM-dd HH:mm` or `yyyy-MM-dd` (Beijing time).
    public var startsAt: String?
    public var endsAt: String?
    public var grades: [String]
    public var levels: [String]
    public var provinces: [String]
    /// Product id or SKU, and for `price` promotions the unit price.
    public var products: [(product: String?, price: AmountInput)]

    /// Creates an input.
    public init(
        name: String?, kind: String?, discountBasisPoints: RateInput = .missing, startsAt: String?, endsAt: String?, grades: [String] = [],
        levels: [String] = [], provinces: [String] = [], products: [(product: String?, price: AmountInput)]
    ) {
        self.name = name
        self.kind = kind
        self.discountBasisPoints = discountBasisPoints
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.grades = grades
        self.levels = levels
        self.provinces = provinces
        self.products = products
    }
}

/// A promotion with how much it was used.
public struct PromotionView: Sendable {
    public let promotion: Promotion
    public let products: [ProductRecord]
    public let usedLines: Int64
    public let usedUnits: Int64
}

/// Targeted promotions (RULES §9 privileges, PRODUCT.md capability 8): HQ offers a price or a
/// discount on chosen products for a period to chosen grades, levels or regions. Only targeted
/// partners see a promotion and get its price on their purchase orders; other partners are told
/// it does not exist. Targeting is decided when the partner orders, by its grade at that moment.
public struct PromotionService: Sendable {
    let platform: Platform

    /// Products in one promotion, at most; running promotions considered per order, at most.
    public static let maximumProducts = 200
    public static let maximumRunning = 200

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// The running promotions a partner may use now.
    static func usable(by partner: PartnerRecord, at instant: Date, _ session: SQLSession) async throws -> [Promotion] {
        let running = try await session.runningPromotions(at: instant, limit: maximumRunning)
        guard !running.isEmpty else { return [] }
        let grade = try await session.currentGrade(partnerId: partner.id)?.grade
        return running.filter { $0.target.matches(grade: grade, level: partner.level, province: partner.province) }
    }

    /// Parses a time as HQ types it.
    static func instant(_ text: String?, field: String, endOfDay: Bool, _ validator: inout Validator) -> Date? {
        let trimmed = (text ?? "").trimmingWhitespace()
        if trimmed.isEmpty {
            validator.add(field, .required)
            return nil
        }
        if let date = ISO8601DateFormatter().date(from: trimmed) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = BusinessTime.timeZone
        for format in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        if let day = BusinessTime.startOfDay(trimmed) { return endOfDay ? day.addingTimeInterval(86_400) : day }
        validator.add(field, .invalidFormat(expected: .localTime))
        return nil
    }

    /// HQ (admin or operations) creates a promotion; targeted active partners are notified. Audited.
    public func create(_ caller: Caller, _ input: PromotionInput) async throws -> Promotion {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        var validator = Validator()
        let name = validator.text("name", input.name, maximumCharacters: 60, minimumCharacters: 2)
        let kindText = (input.kind ?? "").trimmingWhitespace()
        let kind = PromotionKind(rawValue: kindText)
        if kindText.isEmpty {
            validator.add("kind", .required)
        } else if kind == nil {
            validator.add("kind", .notOneOf(allowed: PromotionKind.allCases.map(\.rawValue)))
        }
        var discount: Rate?
        if kind == .discount, let basisPoints = validator.rate("discountBp", input.discountBasisPoints, in: 1...9_999)?.basisPoints {
            discount = Rate(basisPoints: basisPoints)
        }
        let startsAt = Self.instant(input.startsAt, field: "startsAt", endOfDay: false, &validator)
        let endsAt = Self.instant(input.endsAt, field: "endsAt", endOfDay: true, &validator)
        let now = platform.clock.now()
        if let startsAt, let endsAt, startsAt >= endsAt { validator.add("endsAt", .notAllowed(reason: .promotionEndsBeforeStart)) }
        if let endsAt, endsAt <= now { validator.add("endsAt", .notAllowed(reason: .promotionAlreadyOver)) }
        var grades: Set<Grade> = []
        for text in input.grades where !text.isEmpty {
            if let grade = Grade(rawValue: text) {
                grades.insert(grade)
            } else {
                validator.add("grades", .notOneOf(allowed: Grade.allCases.map(\.rawValue)))
            }
        }
        var levels: Set<Int> = []
        for text in input.levels where !text.isEmpty {
            if let level = Int(text), (1...3).contains(level) {
                levels.insert(level)
            } else {
                validator.add("levels", .notOneOf(allowed: ["1", "2", "3"]))
            }
        }
        var provinces: Set<String> = []
        for text in input.provinces where !text.isEmpty {
            if Province.all.contains(text) { provinces.insert(text) } else { validator.add("provinces", .notOneOf(allowed: Province.all)) }
        }
        let lines = input.products.filter { !($0.product ?? "").trimmingWhitespace().isEmpty }
        if lines.isEmpty { validator.add("products", .required) }
        if lines.count > Self.maximumProducts { validator.add("products", .outOfRange(minimum: 1, maximum: Int64(Self.maximumProducts))) }
        try validator.throwIfInvalidAsAppError()
        guard let name, let kind, let startsAt, let endsAt else { preconditionFailure("validated above") }
        let target = PromotionTarget(grades: grades, levels: levels, provinces: provinces)
        let rate = discount
        return try await platform.database.write { session in
            var products: [String: Money?] = [:]
            var lineErrors = Validator()
            for (index, line) in lines.enumerated() {
                guard let product = try await session.product(reference: line.product ?? ""), product.onShelf else {
                    lineErrors.add("products[\(index)].productId", .notFound)
                    continue
                }
                if products[product.id] != nil {
                    lineErrors.add("products[\(index)].productId", .duplicate)
                    continue
                }
                if kind == .price {
                    // A promotion price must undercut the highest level price, or no partner would gain from it;
                    // a level whose own price is lower already keeps it.
                    let highest = product.prices.levelPrices.max() ?? product.prices.listPrice
                    guard let price = lineErrors.amount("products[\(index)].priceFen", line.price, in: 0...max(highest.fen - 1, 0)) else { continue }
                    products[product.id] = .some(price)
                } else {
                    products[product.id] = .some(nil)
                }
            }
            try lineErrors.throwIfInvalidAsAppError()
            let promotion = Promotion(
                id: Identifier.make(prefix: "pmo"),
                number: try await session.unusedDocumentNumber(in: .promotions, prefix: "PM", date: BusinessTime.dateStamp(now)), name: name,
                kind: kind,
                discount: rate, startsAt: startsAt, endsAt: endsAt, target: target,
                products: products, cancelled: false, createdBy: caller.principal.username, createdAt: now)
            try await session.insertPromotion(promotion)
            try await session.audit(
                caller, at: now, action: "promotion.create", entityType: "promotion", entityId: promotion.id, before: nil,
                after: AuditSnapshot.json([
                    "name": .text(name), "kind": .text(kind.rawValue), "discountBp": rate.map { .integer($0.basisPoints) } ?? .optionalText(nil),
                    "startsAt": .text(BusinessTime.isoText(startsAt)), "endsAt": .text(BusinessTime.isoText(endsAt)),
                    "grades": .text(target.grades.map(\.rawValue).sorted().joined(separator: ",")),
                    "levels": .text(target.levels.sorted().map(String.init).joined(separator: ",")),
                    "provinces": .text(target.provinces.sorted().joined(separator: ",")), "products": .integer(Int64(products.count)),
                ]))
            try await self.notifyTargets(promotion, at: now, session)
            return promotion
        }
    }

    /// Tells every targeted active partner about a new promotion (in batches, never all in memory).
    func notifyTargets(_ promotion: Promotion, at instant: Date, _ session: SQLSession) async throws {
        var after = ""
        while true {
            let batch = try await session.activePartnerIds(after: after, limit: GradingService.batchSize)
            guard let last = batch.last else { break }
            let grades = try await session.currentGrades(partnerIds: batch)
            for partner in try await session.partners(ids: batch, cipher: platform.cipher)
            where promotion.target.matches(grade: grades[partner.id]?.grade, level: partner.level, province: partner.province) {
                try await NotificationService.send(
                    .promotionStarted(promotion, partnerId: partner.id), to: .partner(id: partner.id, permission: .ordering), at: instant, session)
            }
            after = last
            if batch.count < GradingService.batchSize { break }
        }
    }

    /// HQ cancels a promotion: orders placed from now on no longer get it.
    public func cancel(_ caller: Caller, id: String) async throws -> Promotion {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        return try await platform.database.write { session in
            guard Identifier.isWellFormed(id, prefix: "pmo"), try await session.promotion(id: id) != nil else {
                throw AppError.notFound(entity: "promotion")
            }
            let now = self.platform.clock.now()
            guard try await session.cancelPromotion(id: id, at: now) else { throw AppError.conflict(reason: .promotionCancelled) }
            try await session.audit(
                caller, at: now, action: "promotion.cancel", entityType: "promotion", entityId: id,
                before: AuditSnapshot.json(["status": .text("active")]),
                after: AuditSnapshot.json(["status": .text("cancelled")]))
            guard let cancelled = try await session.promotion(id: id) else { throw AppError.notFound(entity: "promotion") }
            return cancelled
        }
    }

    /// HQ: every promotion; a partner: the running and coming promotions targeted at it.
    public func list(_ caller: Caller, page: PageRequest) async throws -> Page<Promotion> {
        try await platform.database.read { session in
            switch caller.principal.kind {
            case .hq:
                try caller.require(.viewPartners)
                return try await session.promotions(page: page)
            case .partner:
                let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
                let grade = try await session.currentGrade(partnerId: partner.id)?.grade
                let visible = try await session.currentPromotions(at: self.platform.clock.now(), limit: Self.maximumRunning)
                    .filter { $0.target.matches(grade: grade, level: partner.level, province: partner.province) }
                let slice = visible.dropFirst(page.offset).prefix(page.pageSize)
                return Page(items: Array(slice), totalCount: Int64(visible.count), pageNumber: page.pageNumber, pageSize: page.pageSize)
            }
        }
    }

    /// One promotion: HQ any; a partner only one targeted at it (others are not found).
    public func view(_ caller: Caller, id: String) async throws -> PromotionView {
        try await platform.database.read { session in
            guard Identifier.isWellFormed(id, prefix: "pmo"), let promotion = try await session.promotion(id: id) else {
                throw AppError.notFound(entity: "promotion")
            }
            switch caller.principal.kind {
            case .hq: try caller.require(.viewPartners)
            case .partner:
                let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
                let grade = try await session.currentGrade(partnerId: partner.id)?.grade
                guard !promotion.cancelled, promotion.target.matches(grade: grade, level: partner.level, province: partner.province) else {
                    throw AppError.notFound(entity: "promotion")
                }
            }
            var products: [ProductRecord] = []
            for productId in promotion.products.keys.sorted() {
                if let product = try await session.product(reference: productId) { products.append(product) }
            }
            let usage = try await session.promotionUsage(id: id)
            return PromotionView(promotion: promotion, products: products.sorted { $0.sku < $1.sku }, usedLines: usage.lines, usedUnits: usage.units)
        }
    }
}

extension NotificationDraft {
    /// A promotion the partner may use.
    static func promotionStarted(_ promotion: Promotion, partnerId: String) -> NotificationDraft {
        let period = "\(BusinessTime.displayText(promotion.startsAt)) – \(BusinessTime.displayText(promotion.endsAt))"
        return NotificationDraft(
            kind: .promotion, titleChinese: "专属促销:\(promotion.name)", titleEnglish: "A promotion for you: \(promotion.name)",
            bodyChinese: "活动时间 \(period),共 \(promotion.products.count) 个商品,下单时自动享受活动价。",
            bodyEnglish: "Runs \(period) on \(promotion.products.count) products; your orders get the promotion price automatically.",
            link: "/portal/promotions/\(promotion.id)", eventKey: "promotion:\(promotion.id):\(partnerId)")
    }
}

extension PromotionService {
    /// The running promotions the caller's partner may use now (ordering pages show their prices).
    public func usable(_ caller: Caller) async throws -> [Promotion] {
        guard caller.principal.kind == .partner else { return [] }
        return try await platform.database.read { session in
            let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
            return try await Self.usable(by: partner, at: self.platform.clock.now(), session)
        }
    }
}
