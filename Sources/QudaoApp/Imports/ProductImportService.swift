import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// Product import from the Excel template (issue 6): HQ downloads the template, fills it in,
/// uploads it; every problem is reported by row and column before anything is written; HQ then
/// commits all rows or none. Rows match products by SKU, so importing the same file again updates
/// instead of duplicating. Every product created or changed is audited, with the import's batch.
public struct ProductImportService: Sendable {
    let platform: Platform

    /// Data rows in one file at most (the file readers stop at the same number).
    public static let maximumRows = 10_000
    /// Rows shown back before committing.
    public static let sampleSize = 20

    /// The template's columns, in order.
    public static let columns: [ImportColumn] = [
        ImportColumn(
            field: "sku", chinese: "商品编码", english: "SKU", aliases: ["sku编码", "商品sku"], required: true,
            noteChinese: "2–40 位字母、数字、连字符、下划线或点;已存在的编码会更新该商品", noteEnglish: "2–40 letters, digits, - _ .; an existing SKU updates that product",
            example: "SK-2001"),
        ImportColumn(
            field: "name", chinese: "商品名称", english: "Name", aliases: ["名称"], required: true, noteChinese: "最多 100 字",
            noteEnglish: "At most 100 characters", example: "玻尿酸补水面膜 5片"),
        ImportColumn(
            field: "categoryId", chinese: "品类", english: "Category", aliases: ["分类", "类别"], required: true,
            noteChinese: "须为已有品类的名称", noteEnglish: "The name of an existing category", example: "护肤"),
        ImportColumn(
            field: "unit", chinese: "单位", english: "Unit", aliases: [], required: true, noteChinese: "如:瓶、盒、支", noteEnglish: "e.g. bottle, box",
            example: "盒"),
        ImportColumn(
            field: "packSize", chinese: "箱规", english: "Pack size", aliases: ["包装规格", "每箱数量"], required: true,
            noteChinese: "整数 1–100000;订货须为其整数倍", noteEnglish: "A whole number 1–100000; orders come in its multiples", example: "12"),
        ImportColumn(
            field: "listPriceFen", chinese: "零售价(元)", english: "List price (yuan)", aliases: ["零售价", "建议零售价"], required: true,
            noteChinese: "元,最多两位小数", noteEnglish: "Yuan, at most two decimals", example: "89.00"),
        ImportColumn(
            field: "level1PriceFen", chinese: "一级进货价(元)", english: "Level-1 price (yuan)", aliases: ["一级进货价", "一级价"], required: true,
            noteChinese: "元,不高于零售价", noteEnglish: "Yuan, not above the list price", example: "53.40"),
        ImportColumn(
            field: "level2PriceFen", chinese: "二级进货价(元)", english: "Level-2 price (yuan)", aliases: ["二级进货价", "二级价"], required: true,
            noteChinese: "元,不高于零售价", noteEnglish: "Yuan, not above the list price", example: "62.30"),
        ImportColumn(
            field: "level3PriceFen", chinese: "三级进货价(元)", english: "Level-3 price (yuan)", aliases: ["三级进货价", "三级价"], required: true,
            noteChinese: "元,不高于零售价", noteEnglish: "Yuan, not above the list price", example: "71.20"),
        ImportColumn(
            field: "commissionRate1Bp", chinese: "一级佣金比例(基点)", english: "Commission rate 1 (bp)", aliases: ["一级佣金比例"], required: false,
            noteChinese: "可选;三个比例同时填写或都不填,500 = 5%", noteEnglish: "Optional; all three or none, 500 = 5%", example: ""),
        ImportColumn(
            field: "commissionRate2Bp", chinese: "二级佣金比例(基点)", english: "Commission rate 2 (bp)", aliases: ["二级佣金比例"], required: false,
            noteChinese: "可选", noteEnglish: "Optional", example: ""),
        ImportColumn(
            field: "commissionRate3Bp", chinese: "三级佣金比例(基点)", english: "Commission rate 3 (bp)", aliases: ["三级佣金比例"], required: false,
            noteChinese: "可选", noteEnglish: "Optional", example: ""),
        ImportColumn(
            field: "onShelf", chinese: "是否上架", english: "On shelf", aliases: ["上架"], required: false,
            noteChinese: "是/否;留空:新商品上架,已有商品不变", noteEnglish: "Yes/no; blank: new products on shelf, existing ones unchanged", example: "是"),
        ImportColumn(
            field: "description", chinese: "描述", english: "Description", aliases: ["商品描述", "说明"], required: false,
            noteChinese: "最多 2000 字", noteEnglish: "At most 2000 characters", example: "温和补水,适合所有肤质。"),
    ]

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// A parsed data row: its row number in the file and the product it describes.
    struct ParsedRow {
        let row: Int
        let input: ProductInput
    }

    /// Reads the rows (header first) into product inputs and every problem a row can have on its
    /// own: headers (missing, unknown, repeated), formula-looking cells, on-shelf values, and the
    /// product rules of the product form. Rows holding nothing are skipped.
    static func parse(_ rows: [[String]]) -> (parsed: [ParsedRow], problems: [ImportProblem]) {
        let sheet = ImportSheet.read(rows, columns: columns, maximumRows: maximumRows)
        var problems = sheet.problems
        guard let positions = sheet.positions else { return ([], problems) }
        let dataRows = sheet.dataRows
        let byField = Dictionary(uniqueKeysWithValues: columns.map { ($0.field, $0) })
        var parsed: [ParsedRow] = []
        var firstRowOfSku: [String: Int] = [:]
        for (rowNumber, cells) in dataRows {
            func cell(_ field: String) -> String? { ImportSheet.cell(field, positions: positions, cells: cells) }
            var rowProblems = ImportSheet.formulaProblems(row: rowNumber, columns: columns, cell: cell)
            // A SKU twice is found among every row, valid or not.
            if let sku = cell("sku") {
                if let first = firstRowOfSku[sku] {
                    rowProblems.append(
                        ImportProblem(
                            row: rowNumber, column: columns[0].chinese, field: "sku", problem: .notAllowed(reason: .duplicateSKUInFile(row: first)))
                    )
                } else {
                    firstRowOfSku[sku] = rowNumber
                }
            }
            var onShelf: Bool?
            if let text = cell("onShelf") {
                switch text.lowercased() {
                case "是", "上架", "yes", "y", "true", "1": onShelf = true
                case "否", "下架", "no", "n", "false", "0": onShelf = false
                default:
                    rowProblems.append(
                        ImportProblem(row: rowNumber, column: byField["onShelf"]!.chinese, field: "onShelf", problem: .notOneOf(allowed: ["是", "否"])))
                }
            }
            let input = ProductInput(
                sku: cell("sku"), name: cell("name"), category: cell("categoryId"), unit: cell("unit"),
                packSize: IntegerInput(text: cell("packSize")),
                listPrice: .yuanText(cell("listPriceFen")), level1Price: .yuanText(cell("level1PriceFen")),
                level2Price: .yuanText(cell("level2PriceFen")), level3Price: .yuanText(cell("level3PriceFen")),
                commissionRate1: .basisPoints(IntegerInput(text: cell("commissionRate1Bp"))),
                commissionRate2: .basisPoints(IntegerInput(text: cell("commissionRate2Bp"))),
                commissionRate3: .basisPoints(IntegerInput(text: cell("commissionRate3Bp"))), onShelf: onShelf, description: cell("description"))
            do {
                let fields = try ProductService.validated(input)
                for (field, price) in [
                    ("level1PriceFen", fields.prices.levelPrices[0]), ("level2PriceFen", fields.prices.levelPrices[1]),
                    ("level3PriceFen", fields.prices.levelPrices[2]),
                ] where price > fields.prices.listPrice {
                    rowProblems.append(
                        ImportProblem(
                            row: rowNumber, column: byField[field]!.chinese, field: field,
                            problem: .notAllowed(reason: .purchaseAboveList)))
                }
            } catch AppError.validation(let failure) {
                for error in failure.errors where !rowProblems.contains(where: { $0.field == error.field }) {
                    rowProblems.append(
                        ImportProblem(
                            row: rowNumber, column: byField[error.field]?.chinese ?? error.field, field: error.field, problem: error.problem))
                }
            } catch {
                preconditionFailure("product validation throws only validation errors")
            }
            problems += rowProblems
            if rowProblems.isEmpty { parsed.append(ParsedRow(row: rowNumber, input: input)) }
        }
        return (parsed, problems)
    }

    /// The problems that need the catalogue (unknown categories), and which SKUs exist already
    /// (their rows update).
    static func checkAgainstCatalogue(
        _ parsed: [ParsedRow], _ session: SQLSession
    ) async throws -> (
        problems: [ImportProblem], existing: Set<String>
    ) {
        var problems: [ImportProblem] = []
        let categories = Set(try await session.categories().flatMap { [$0.name, $0.id] })
        var existing: Set<String> = []
        let categoryColumn = columns[2].chinese
        for row in parsed where !categories.contains(row.input.category ?? "") {
            problems.append(ImportProblem(row: row.row, column: categoryColumn, field: "categoryId", problem: .notFound))
        }
        // Which SKUs are in the catalogue already, in batches of 500 (they update).
        let skus = Array(Set(parsed.compactMap(\.input.sku)))
        for start in stride(from: 0, to: skus.count, by: 500) {
            existing.formUnion(try await session.existingSkus(Array(skus[start..<min(start + 500, skus.count)])))
        }
        return (problems, existing)
    }

    /// Checks an upload (rows, header first) and, when nothing is wrong, keeps it as a batch to commit.
    public func validate(_ caller: Caller, rows: [[String]], fileName: String, fileContent: Data) async throws -> ImportPreview {
        try caller.require(.manageProducts)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let (parsed, rowProblems) = Self.parse(rows)
        return try await platform.database.write { session in
            let checked = try await Self.checkAgainstCatalogue(parsed, session)
            let problems = ImportSheet.ordered(rowProblems + checked.problems, columns: Self.columns)
            let creating = parsed.filter { !checked.existing.contains($0.input.sku ?? "") }.count
            let sample = parsed.prefix(Self.sampleSize).map {
                ($0.row, $0.input.sku ?? "", $0.input.name ?? "", checked.existing.contains($0.input.sku ?? ""))
            }
            return try await ImportSheet.preview(
                kind: "products", rows: rows, fileName: fileName, fileContent: fileContent, validRows: parsed.count, creating: creating,
                problems: problems, sample: sample, caller: caller, at: self.platform.clock.now(), session)
        }
    }

    /// Commits a validated batch in one transaction: every row creates or updates its product (by
    /// SKU), each change audited; if anything is wrong now (a category removed meanwhile), nothing is
    /// written. A batch commits once. `progress` is told after each row.
    public func commit(
        _ caller: Caller, batchId: String, progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> ImportOutcome {
        try caller.require(.manageProducts)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        return try await platform.database.write { session in
            let batch = try await ImportSheet.validatedBatch(batchId, kind: "products", session)
            let (parsed, rowProblems) = Self.parse(batch.rows)
            let checked = try await Self.checkAgainstCatalogue(parsed, session)
            let problems = rowProblems + checked.problems
            if let first = problems.first {
                throw AppError.invalid("rows[\(first.row)].\(first.field)", first.problem)
            }
            let now = self.platform.clock.now()
            var categories: [String: CategoryRecord] = [:]
            for category in try await session.categories() {
                categories[category.name] = category
                categories[category.id] = category
            }
            var created = 0
            var updated = 0
            var unchanged = 0
            for (index, row) in parsed.enumerated() {
                let fields = try ProductService.validated(row.input)
                guard let category = categories[fields.category] else {
                    throw AppError.invalid("rows[\(row.row)].categoryId", .notFound)
                }
                if var product = try await session.product(sku: fields.sku) {
                    let before = AuditSnapshot.product(product)
                    fields.apply(to: &product, category: category, onShelf: row.input.onShelf)
                    let after = AuditSnapshot.product(product)
                    if after == before {
                        unchanged += 1
                    } else {
                        product.updatedAt = now
                        guard try await session.updateProduct(product) else {
                            throw AppError.conflict(reason: .productChangedDuringImport(sku: fields.sku))
                        }
                        try await session.audit(
                            caller, at: now, action: "product.import_update", entityType: "product", entityId: product.id, before: before,
                            after: after)
                        updated += 1
                    }
                } else {
                    let product = ProductRecord(
                        id: Identifier.make(prefix: "prd"), sku: fields.sku, name: fields.name, categoryId: category.id, categoryName: category.name,
                        unit: fields.unit, packSize: fields.packSize, prices: fields.prices, commissionOverride: fields.commissionOverride,
                        onShelf: row.input.onShelf ?? true, description: fields.description, createdAt: now, updatedAt: now, rowVersion: 1)
                    try await session.insertProduct(product)
                    try await session.audit(
                        caller, at: now, action: "product.import_create", entityType: "product", entityId: product.id, before: nil,
                        after: AuditSnapshot.product(product))
                    created += 1
                }
                progress(index + 1, parsed.count)
            }
            return try await ImportSheet.finish(batch, created: created, updated: updated, unchanged: unchanged, caller: caller, at: now, session)
        }
    }

    /// The latest product imports (HQ).
    public func batches(_ caller: Caller) async throws -> [ImportBatchRecord] {
        try caller.require(.manageProducts)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        return try await platform.database.read { try await $0.importBatches(kind: "products", limit: 20) }
    }
}
