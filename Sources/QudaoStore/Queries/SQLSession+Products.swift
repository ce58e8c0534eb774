import Foundation
import QudaoCore
import SQLKit

/// How categories and products are read and written.
extension SQLSession {
    private static let productColumns = """
        p.id, p.sku, p.name, p.category_id, c.name AS category_name, p.unit, p.pack_size, p.list_price_fen,
        p.level1_price_fen, p.level2_price_fen, p.level3_price_fen, p.commission_rate1_bp, p.commission_rate2_bp,
        p.commission_rate3_bp, p.on_shelf, p.description, p.image_file_id, p.created_at_ms, p.updated_at_ms, p.row_version
        """

    /// Inserts a category.
    public func insertCategory(id: String, name: String, sortOrder: Int64, now: Date) async throws {
        let milliseconds = Timestamp.milliseconds(now)
        try await execute(
            """
            INSERT INTO product_categories (id, name, sort_order, created_at_ms, updated_at_ms)
            VALUES (\(bind: id), \(bind: name), \(bind: sortOrder), \(bind: milliseconds), \(bind: milliseconds))
            """)
    }

    /// Renames or reorders a category. Returns false if it does not exist.
    public func updateCategory(id: String, name: String, sortOrder: Int64, now: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE product_categories SET name = \(bind: name), sort_order = \(bind: sortOrder),
                updated_at_ms = \(bind: Timestamp.milliseconds(now))
            WHERE id = \(bind: id) RETURNING id
            """) == 1
    }

    /// Every category with its product count, in display order.
    public func categories() async throws -> [CategoryRecord] {
        try await rows(
            """
            SELECT c.id, c.name, c.sort_order, (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id) AS product_count
            FROM product_categories c ORDER BY c.sort_order, c.name
            """
        ).map {
            CategoryRecord(
                id: try $0.string("id"), name: try $0.string("name"), sortOrder: try $0.int64("sort_order"),
                productCount: try $0.int64("product_count"))
        }
    }

    /// One category by id or by exact name.
    public func category(idOrName: String) async throws -> CategoryRecord? {
        try await first(
            """
            SELECT c.id, c.name, c.sort_order, (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id) AS product_count
            FROM product_categories c WHERE c.id = \(bind: idOrName) OR c.name = \(bind: idOrName)
            """
        ).map {
            CategoryRecord(
                id: try $0.string("id"), name: try $0.string("name"), sortOrder: try $0.int64("sort_order"),
                productCount: try $0.int64("product_count"))
        }
    }

    /// Inserts a product.
    public func insertProduct(_ product: ProductRecord) async throws {
        let rates = product.commissionOverride?.rates.map(\.basisPoints)
        try await execute(
            """
            INSERT INTO products (id, sku, name, category_id, unit, pack_size, list_price_fen, level1_price_fen,
                level2_price_fen, level3_price_fen, commission_rate1_bp, commission_rate2_bp, commission_rate3_bp,
                on_shelf, description, created_at_ms, updated_at_ms, row_version)
            VALUES (\(bind: product.id), \(bind: product.sku), \(bind: product.name), \(bind: product.categoryId),
                \(bind: product.unit), \(bind: product.packSize), \(bind: product.prices.listPrice.fen),
                \(bind: product.prices.levelPrices[0].fen), \(bind: product.prices.levelPrices[1].fen),
                \(bind: product.prices.levelPrices[2].fen), \(bind: rates?[0]), \(bind: rates?[1]), \(bind: rates?[2]),
                \(bind: product.onShelf ? 1 : 0), \(bind: product.description), \(bind: Timestamp.milliseconds(product.createdAt)),
                \(bind: Timestamp.milliseconds(product.updatedAt)), 1)
            """)
    }

    /// Updates a product if its row version is still `product.rowVersion`; false when it changed meanwhile.
    public func updateProduct(_ product: ProductRecord) async throws -> Bool {
        let rates = product.commissionOverride?.rates.map(\.basisPoints)
        return try await changedRowCount(
            """
            UPDATE products SET sku = \(bind: product.sku), name = \(bind: product.name), category_id = \(bind: product.categoryId),
                unit = \(bind: product.unit), pack_size = \(bind: product.packSize),
                list_price_fen = \(bind: product.prices.listPrice.fen), level1_price_fen = \(bind: product.prices.levelPrices[0].fen),
                level2_price_fen = \(bind: product.prices.levelPrices[1].fen), level3_price_fen = \(bind: product.prices.levelPrices[2].fen),
                commission_rate1_bp = \(bind: rates?[0]), commission_rate2_bp = \(bind: rates?[1]), commission_rate3_bp = \(bind: rates?[2]),
                on_shelf = \(bind: product.onShelf ? 1 : 0), description = \(bind: product.description),
                updated_at_ms = \(bind: Timestamp.milliseconds(product.updatedAt)), row_version = row_version + 1
            WHERE id = \(bind: product.id) AND row_version = \(bind: product.rowVersion)
            RETURNING id
            """) == 1
    }

    /// One product by id.
    public func product(id: String) async throws -> ProductRecord? {
        try await first(
            "SELECT \(unsafeRaw: Self.productColumns) FROM products p JOIN product_categories c ON c.id = p.category_id WHERE p.id = \(bind: id)"
        ).map(Self.decodeProduct)
    }

    /// One product by SKU.
    public func product(sku: String) async throws -> ProductRecord? {
        try await first(
            "SELECT \(unsafeRaw: Self.productColumns) FROM products p JOIN product_categories c ON c.id = p.category_id WHERE p.sku = \(bind: sku)"
        ).map(Self.decodeProduct)
    }

    /// A product named the way clients name it: by id, or by SKU.
    public func product(reference: String) async throws -> ProductRecord? {
        let trimmed = reference.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        if Identifier.isWellFormed(trimmed, prefix: "prd"), let byId = try await product(id: trimmed) { return byId }
        return try await product(sku: trimmed)
    }

    /// A filtered, paginated product list ordered by category and SKU.
    public func products(matching filter: ProductFilter, page: PageRequest) async throws -> Page<ProductRecord> {
        var condition = SQLQueryString("1 = 1")
        if let search = filter.search?.trimmingWhitespace(), !search.isEmpty {
            let pattern = Self.containsPattern(search)
            condition += " AND (LOWER(p.sku) LIKE LOWER(\(bind: pattern)) ESCAPE '\\' OR LOWER(p.name) LIKE LOWER(\(bind: pattern)) ESCAPE '\\')"
        }
        if let categoryId = filter.categoryId, !categoryId.isEmpty {
            condition += " AND p.category_id = \(bind: categoryId)"
        }
        if let onShelf = filter.onShelf {
            condition += " AND p.on_shelf = \(bind: onShelf ? 1 : 0)"
        }
        let total = try await first("SELECT COUNT(*) AS total FROM products p WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.productColumns) FROM products p JOIN product_categories c ON c.id = p.category_id
            WHERE \(condition) ORDER BY c.sort_order, c.name, p.sku LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeProduct)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    static func decodeProduct(_ row: any SQLRow) throws -> ProductRecord {
        let override: CommissionOverride?
        if let rate1 = try row.optionalInt64("commission_rate1_bp"), let rate2 = try row.optionalInt64("commission_rate2_bp"),
            let rate3 = try row.optionalInt64("commission_rate3_bp")
        {
            override = CommissionOverride(
                rate1: Rate(basisPoints: rate1), rate2: Rate(basisPoints: rate2), rate3: Rate(basisPoints: rate3))
        } else {
            override = nil
        }
        return ProductRecord(
            id: try row.string("id"), sku: try row.string("sku"), name: try row.string("name"),
            categoryId: try row.string("category_id"), categoryName: try row.string("category_name"), unit: try row.string("unit"),
            packSize: try row.int64("pack_size"),
            prices: ProductPrices(
                listPrice: Money(fen: try row.int64("list_price_fen")), level1Price: Money(fen: try row.int64("level1_price_fen")),
                level2Price: Money(fen: try row.int64("level2_price_fen")), level3Price: Money(fen: try row.int64("level3_price_fen"))),
            commissionOverride: override, onShelf: try row.flag("on_shelf"), description: try row.string("description"),
            imageFileId: try row.optionalString("image_file_id"), createdAt: try row.date("created_at_ms"), updatedAt: try row.date("updated_at_ms"),
            rowVersion: try row.int64("row_version"))
    }

    /// Which of these SKUs the catalogue has.
    public func existingSkus(_ skus: [String]) async throws -> Set<String> {
        guard !skus.isEmpty else { return [] }
        return Set(try await rows("SELECT sku FROM products WHERE sku IN (\(binds: skus))").map { try $0.string("sku") })
    }
}
