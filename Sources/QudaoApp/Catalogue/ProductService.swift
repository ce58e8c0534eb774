import Foundation
import QudaoCore
import QudaoStore

/// What a client sends to create or edit a product.
public struct ProductInput: Sendable, Hashable {
    public var sku: String?
    public var name: String?
    /// Category id or exact name.
    public var category: String?
    public var unit: String?
    public var packSize: IntegerInput
    public var listPrice: AmountInput
    public var level1Price: AmountInput
    public var level2Price: AmountInput
    public var level3Price: AmountInput
    /// All three rates, or none (the commission rule's rates apply).
    public var commissionRate1: RateInput
    public var commissionRate2: RateInput
    public var commissionRate3: RateInput
    public var onShelf: Bool?
    public var description: String?
    public var rowVersion: Int64?

    /// Creates an input.
    public init(
        sku: String? = nil, name: String? = nil, category: String? = nil, unit: String? = nil, packSize: IntegerInput = .missing,
        listPrice: AmountInput = .fen(.missing), level1Price: AmountInput = .fen(.missing), level2Price: AmountInput = .fen(.missing),
        level3Price: AmountInput = .fen(.missing), commissionRate1: RateInput = .missing, commissionRate2: RateInput = .missing,
        commissionRate3: RateInput = .missing, onShelf: Bool? = nil, description: String? = nil, rowVersion: Int64? = nil
    ) {
        self.sku = sku
        self.name = name
        self.category = category
        self.unit = unit
        self.packSize = packSize
        self.listPrice = listPrice
        self.level1Price = level1Price
        self.level2Price = level2Price
        self.level3Price = level3Price
        self.commissionRate1 = commissionRate1
        self.commissionRate2 = commissionRate2
        self.commissionRate3 = commissionRate3
        self.onShelf = onShelf
        self.description = description
        self.rowVersion = rowVersion
    }
}

/// Products and categories (PRODUCT.md capability 2, the catalogue part).
public struct ProductService: Sendable {
    let platform: Platform

    /// The highest price a product may carry: ¥10,000,000.00, far above any consumer good, low enough
    /// that order totals cannot approach the limits of 64-bit arithmetic.
    public static let maximumPriceFen: Int64 = 1_000_000_000

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// Every category, in display order.
    public func categories(_ caller: Caller) async throws -> [CategoryRecord] {
        try caller.require(.viewProducts)
        return try await platform.database.read { try await $0.categories() }
    }

    /// Creates a category.
    public func createCategory(_ caller: Caller, name rawName: String?, sortOrder: IntegerInput) async throws -> CategoryRecord {
        try caller.require(.manageProducts)
        let (name, order) = try validateCategory(name: rawName, sortOrder: sortOrder)
        do {
            return try await platform.database.write { session in
                if try await session.category(idOrName: name) != nil { throw AppError.invalid("name", .duplicate) }
                let id = Identifier.make(prefix: "cat")
                let now = self.platform.clock.now()
                try await session.insertCategory(id: id, name: name, sortOrder: order, now: now)
                try await session.audit(
                    caller, at: now, action: "category.create", entityType: "category", entityId: id, before: nil,
                    after: AuditSnapshot.json(["name": .text(name), "sortOrder": .integer(order)]))
                return CategoryRecord(id: id, name: name, sortOrder: order, productCount: 0)
            }
        } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
            throw AppError.invalid("name", .duplicate)
        }
    }

    /// Renames or reorders a category.
    public func updateCategory(
        _ caller: Caller, id: String, name rawName: String?, sortOrder: IntegerInput
    ) async throws
        -> CategoryRecord
    {
        try caller.require(.manageProducts)
        let (name, order) = try validateCategory(name: rawName, sortOrder: sortOrder)
        do {
            return try await platform.database.write { session in
                guard let existing = try await session.category(idOrName: id), existing.id == id else {
                    throw AppError.notFound(entity: "category")
                }
                if let clash = try await session.category(idOrName: name), clash.id != id { throw AppError.invalid("name", .duplicate) }
                let now = self.platform.clock.now()
                _ = try await session.updateCategory(id: id, name: name, sortOrder: order, now: now)
                try await session.audit(
                    caller, at: now, action: "category.update", entityType: "category", entityId: id,
                    before: AuditSnapshot.json(["name": .text(existing.name), "sortOrder": .integer(existing.sortOrder)]),
                    after: AuditSnapshot.json(["name": .text(name), "sortOrder": .integer(order)]))
                return CategoryRecord(id: id, name: name, sortOrder: order, productCount: existing.productCount)
            }
        } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
            throw AppError.invalid("name", .duplicate)
        }
    }

    func validateCategory(name rawName: String?, sortOrder: IntegerInput) throws(AppError) -> (name: String, order: Int64) {
        var validator = Validator()
        let name = validator.text("name", rawName, maximumCharacters: 50)
        let order = validator.integer("sortOrder", sortOrder, in: 0...9_999, required: false) ?? 0
        try validator.throwIfInvalidAsAppError()
        guard let name else { preconditionFailure("the name was validated above") }
        return (name, order)
    }

    /// A filtered page of products. Partners see only products on shelf.
    public func list(_ caller: Caller, filter: ProductFilter, page: PageRequest) async throws -> Page<ProductRecord> {
        try caller.require(.viewProducts)
        var scoped = filter
        if caller.principal.kind == .partner { scoped.onShelf = true }
        let finalFilter = scoped
        return try await platform.database.read { try await $0.products(matching: finalFilter, page: page) }
    }

    /// One product. Partners see only products on shelf.
    public func product(_ caller: Caller, id: String) async throws -> ProductRecord {
        try caller.require(.viewProducts)
        guard Identifier.isWellFormed(id, prefix: "prd"), let product = try await platform.database.read({ try await $0.product(id: id) }),
            caller.principal.kind == .hq || product.onShelf
        else { throw AppError.notFound(entity: "product") }
        return product
    }

    /// Creates a product.
    public func create(_ caller: Caller, _ input: ProductInput) async throws -> ProductRecord {
        try caller.require(.manageProducts)
        let fields = try validate(input)
        do {
            return try await platform.database.write { session in
                var validator = Validator()
                let category = try await session.category(idOrName: fields.category)
                if category == nil { validator.add("categoryId", .notFound) }
                if try await session.product(sku: fields.sku) != nil { validator.add("sku", .duplicate) }
                try validator.throwIfInvalidAsAppError()
                guard let category else { preconditionFailure("the category was checked above") }
                let now = self.platform.clock.now()
                let product = ProductRecord(
                    id: Identifier.make(prefix: "prd"), sku: fields.sku, name: fields.name, categoryId: category.id,
                    categoryName: category.name, unit: fields.unit, packSize: fields.packSize, prices: fields.prices,
                    commissionOverride: fields.commissionOverride, onShelf: input.onShelf ?? true, description: fields.description,
                    createdAt: now, updatedAt: now, rowVersion: 1)
                try await session.insertProduct(product)
                try await session.audit(
                    caller, at: now, action: "product.create", entityType: "product", entityId: product.id, before: nil,
                    after: AuditSnapshot.product(product))
                return product
            }
        } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
            throw AppError.invalid("sku", .duplicate)
        }
    }

    /// Edits a product.
    public func update(_ caller: Caller, id: String, _ input: ProductInput) async throws -> ProductRecord {
        try caller.require(.manageProducts)
        let fields = try validate(input)
        do {
            return try await platform.database.write { session in
                guard var product = try await session.product(id: id) else { throw AppError.notFound(entity: "product") }
                if let expected = input.rowVersion, expected != product.rowVersion {
                    throw AppError.conflict(reason: .changedMeanwhile(.product))
                }
                var validator = Validator()
                let category = try await session.category(idOrName: fields.category)
                if category == nil { validator.add("categoryId", .notFound) }
                if let clash = try await session.product(sku: fields.sku), clash.id != id { validator.add("sku", .duplicate) }
                try validator.throwIfInvalidAsAppError()
                guard let category else { preconditionFailure("the category was checked above") }
                let before = AuditSnapshot.product(product)
                fields.apply(to: &product, category: category, onShelf: input.onShelf)
                product.updatedAt = self.platform.clock.now()
                guard try await session.updateProduct(product) else {
                    throw AppError.conflict(reason: .changedMeanwhile(.product))
                }
                product.rowVersion += 1
                let after = AuditSnapshot.product(product)
                if after != before {
                    try await session.audit(
                        caller, at: product.updatedAt, action: "product.update", entityType: "product", entityId: id, before: before,
                        after: after)
                }
                return product
            }
        } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
            throw AppError.invalid("sku", .duplicate)
        }
    }

    /// Puts a product on or off shelf.
    public func setOnShelf(_ caller: Caller, id: String, onShelf: Bool) async throws -> ProductRecord {
        try caller.require(.manageProducts)
        return try await platform.database.write { session in
            guard var product = try await session.product(id: id) else { throw AppError.notFound(entity: "product") }
            guard product.onShelf != onShelf else { return product }
            product.onShelf = onShelf
            product.updatedAt = self.platform.clock.now()
            guard try await session.updateProduct(product) else {
                throw AppError.conflict(reason: .changedMeanwhile(.product))
            }
            product.rowVersion += 1
            try await session.audit(
                caller, at: product.updatedAt, action: onShelf ? "product.on_shelf" : "product.off_shelf", entityType: "product",
                entityId: id, before: AuditSnapshot.json(["onShelf": .boolean(!onShelf)]),
                after: AuditSnapshot.json(["onShelf": .boolean(onShelf)]))
            return product
        }
    }

    /// The largest product image accepted: 2 MB.
    public static let maximumImageBytes = 2 * 1_048_576

    /// Replaces a product's image with an uploaded PNG or JPEG (HQ with product rights).
    public func setImage(_ caller: Caller, id: String, _ upload: UploadedFile?) async throws -> ProductRecord {
        try caller.require(.manageProducts)
        var validator = Validator()
        let checked = UploadedFile.checkedImage(upload, field: "image", maximumBytes: Self.maximumImageBytes, &validator)
        if upload == nil { validator.add("image", .required) }
        try validator.throwIfInvalidAsAppError()
        guard let checked else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            guard Identifier.isWellFormed(id, prefix: "prd"), var product = try await session.product(id: id) else {
                throw AppError.notFound(entity: "product")
            }
            let now = self.platform.clock.now()
            let fileId = try await checked.file.storePublic(contentType: checked.type, uploadedBy: caller.principal.accountId, at: now, session)
            _ = try await session.setProductImage(productId: id, fileId: fileId, now: now)
            try await session.audit(
                caller, at: now, action: "product.image_set", entityType: "product", entityId: id,
                before: product.imageFileId.map { AuditSnapshot.json(["imageFileId": .text($0)]) },
                after: AuditSnapshot.json([
                    "imageFileId": .text(fileId), "contentType": .text(checked.type), "sizeBytes": .integer(Int64(checked.file.content.count)),
                ]))
            product.imageFileId = fileId
            return product
        }
    }

    /// Takes a product's image off (pages show its initial instead).
    public func removeImage(_ caller: Caller, id: String) async throws {
        try caller.require(.manageProducts)
        try await platform.database.write { session in
            guard Identifier.isWellFormed(id, prefix: "prd"), let product = try await session.product(id: id) else {
                throw AppError.notFound(entity: "product")
            }
            guard let old = product.imageFileId else { return }
            let now = self.platform.clock.now()
            _ = try await session.setProductImage(productId: id, fileId: nil, now: now)
            try await session.audit(
                caller, at: now, action: "product.image_remove", entityType: "product", entityId: id,
                before: AuditSnapshot.json(["imageFileId": .text(old)]), after: nil)
        }
    }

    /// A product's image, for anyone (consumers see it on a referral page); an off-shelf product's
    /// image stays readable so that old orders still show it.
    public func image(productId: String) async throws -> StoredFile {
        try await platform.database.read { session in
            guard Identifier.isWellFormed(productId, prefix: "prd"), let product = try await session.product(id: productId),
                let fileId = product.imageFileId, let file = try await session.file(id: fileId)
            else { throw AppError.notFound(entity: "image") }
            return file
        }
    }

    struct ValidFields {
        var sku: String
        var name: String
        var category: String
        var unit: String
        var packSize: Int64
        var prices: ProductPrices
        var commissionOverride: CommissionOverride?
        var description: String

        /// Writes the fields into a product (the form's edit and the import's update); a nil
        /// `onShelf` keeps the product's.
        func apply(to product: inout ProductRecord, category: CategoryRecord, onShelf: Bool?) {
            product.sku = sku
            product.name = name
            product.categoryId = category.id
            product.categoryName = category.name
            product.unit = unit
            product.packSize = packSize
            product.prices = prices
            product.commissionOverride = commissionOverride
            product.onShelf = onShelf ?? product.onShelf
            product.description = description
        }
    }

    func validate(_ input: ProductInput) throws(AppError) -> ValidFields {
        try Self.validated(input)
    }

    /// The product rules every way in shares (the form, the API, the spreadsheet import).
    static func validated(_ input: ProductInput) throws(AppError) -> ValidFields {
        var validator = Validator()
        let sku = validator.text("sku", input.sku, maximumCharacters: 40)
        if let sku, !InputFormat.isSku(sku) {
            validator.add("sku", .invalidFormat(expected: .productCode))
        }
        let name = validator.text("name", input.name, maximumCharacters: 100)
        let category = validator.text("categoryId", input.category, maximumCharacters: 50)
        let unit = validator.text("unit", input.unit, maximumCharacters: 10)
        let packSize = validator.integer("packSize", input.packSize, in: 1...100_000)
        let priceRange: ClosedRange<Int64> = 0...Self.maximumPriceFen
        let list = validator.amount("listPriceFen", input.listPrice, in: priceRange)
        let level1 = validator.amount("level1PriceFen", input.level1Price, in: priceRange)
        let level2 = validator.amount("level2PriceFen", input.level2Price, in: priceRange)
        let level3 = validator.amount("level3PriceFen", input.level3Price, in: priceRange)
        let rateInputs = [input.commissionRate1, input.commissionRate2, input.commissionRate3]
        let given = rateInputs.filter { !$0.isMissing }.count
        var commissionOverride: CommissionOverride?
        if given == 3 {
            let rates = rateInputs.enumerated().map { index, rate in validator.rate("commissionRate\(index + 1)Bp", rate) }
            if let rate1 = rates[0], let rate2 = rates[1], let rate3 = rates[2] {
                commissionOverride = CommissionOverride(rate1: rate1, rate2: rate2, rate3: rate3)
            }
        } else if given > 0 {
            for (index, rate) in rateInputs.enumerated() where rate.isMissing {
                validator.add(
                    "commissionRate\(index + 1)Bp", .notAllowed(reason: .overrideRatesIncomplete))
            }
        }
        let description = validator.text("description", input.description, required: false, maximumCharacters: 2_000) ?? ""
        try validator.throwIfInvalidAsAppError()
        guard let sku, let name, let category, let unit, let packSize, let list, let level1, let level2, let level3 else {
            preconditionFailure("the product was validated above")
        }
        return ValidFields(
            sku: sku, name: name, category: category, unit: unit, packSize: packSize,
            prices: ProductPrices(listPrice: list, level1Price: level1, level2Price: level2, level3Price: level3),
            commissionOverride: commissionOverride, description: description)
    }
}
