import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@Suite("Product import from the Excel template")
struct ProductImportTests {
    static let header = ProductImportService.columns.map(\.chinese)

    /// A template row: SKU, name, category, unit, pack, list, level 1–3, rates 1–3, on shelf, description.
    static func row(_ sku: String, name: String = "补水面膜", category: String = "保健", price: String = "89.00") -> [String] {
        [sku, name, category, "盒", "12", price, "53.40", "62.30", "71.20", "", "", "", "是", ""]
    }

    @Test("a good file creates new SKUs and updates existing ones; importing it again changes nothing", arguments: Backend.available)
    func createThenUpdate(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let imports = ProductImportService(platform: world.platform)
        // HF-8555 exists: its row updates it (name and prices)
        let rows = [
            Self.header, Self.row("IM-0001"), [], Self.row("IM-0002", name: "睡眠面膜"), Self.row(world.product.sku, name: "深海鱼油 新装", price: "120.00"),
        ]
        let preview = try await imports.validate(Fixtures.hq(.operations), rows: rows, fileName: "商品.xlsx", fileContent: Data("x".utf8))
        #expect(preview.problems.isEmpty)
        #expect(preview.rowCount == 3 && preview.creating == 2 && preview.updating == 1)
        #expect(preview.sample.map(\.row) == [2, 4, 5])
        let batch = try #require(preview.batchId)
        // nothing is written before the commit
        #expect(try await Fixtures.count(world.platform, "products") == 1)

        let outcome = try await imports.commit(Fixtures.hq(.operations), batchId: batch)
        #expect(outcome.created == 2 && outcome.updated == 1 && outcome.unchanged == 0)
        let updated = try await world.platform.database.read { try await $0.product(sku: world.product.sku) }
        #expect(
            updated?.name == "深海鱼油 新装" && updated?.prices.listPrice.fen == 12_000 && updated?.prices.levelPrices.map(\.fen) == [5_340, 6_230, 7_120])
        let created = try await world.platform.database.read { try await $0.product(sku: "IM-0002") }
        #expect(created?.packSize == 12 && created?.onShelf == true && created?.categoryName == "保健")
        // committed once
        await #expect(throws: AppError.conflict(reason: .importAlreadyCommitted)) {
            _ = try await imports.commit(Fixtures.hq(.operations), batchId: batch)
        }
        // the same file again: everything matches by SKU and is unchanged
        let again = try await imports.validate(Fixtures.hq(.operations), rows: rows, fileName: "商品.xlsx", fileContent: Data("x".utf8))
        #expect(again.creating == 0 && again.updating == 3)
        let second = try await imports.commit(Fixtures.hq(.operations), batchId: try #require(again.batchId))
        #expect(second.created == 0 && second.updated == 0 && second.unchanged == 3)
        #expect(try await Fixtures.count(world.platform, "products") == 3)
        let audited = try await world.platform.database.read {
            try await $0.first(
                "SELECT COUNT(*) AS total FROM audit_log WHERE action IN ('product.import_create', 'product.import_update', 'import.commit')")?
                .int64("total")
        }
        #expect(audited == 5)
        // only HQ admins and operations import
        await #expect(throws: AppError.forbidden) {
            _ = try await imports.validate(Fixtures.hq(.finance), rows: rows, fileName: "x.xlsx", fileContent: Data())
        }
    }

    @Test("a file with twenty kinds of mistakes reports each by row and column, and nothing is written", arguments: Backend.available)
    func everyMistake(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let imports = ProductImportService(platform: world.platform)
        var header = Self.header
        header.append("颜色")  // 1 an unknown column
        header.append("单位")  // 2 a column twice
        var rows = [header]
        func row(_ change: (inout [String]) -> Void) {
            var cells = Self.row("OK-\(rows.count)")
            change(&cells)
            rows.append(cells + ["红", "箱"])
        }
        row { $0[0] = "" }  // 3 SKU missing (row 2)
        row { $0[0] = "SK 1@" }  // 4 SKU in the wrong format (row 3)
        row { $0[0] = "DUP-1" }  // row 4
        row { $0[0] = "DUP-1" }  // 5 the same SKU twice (row 5)
        row { $0[1] = "" }  // 6 name missing (row 6)
        row { $0[1] = String(repeating: "长", count: 101) }  // 7 name too long (row 7)
        row { $0[2] = "" }  // 8 category missing (row 8)
        row { $0[2] = "不存在的品类" }  // 9 unknown category (row 9)
        row { $0[3] = "" }  // 10 unit missing (row 10)
        row { $0[4] = "1.5" }  // 11 pack size with a fraction (row 11)
        row { $0[4] = "0" }  // 12 pack size out of range (row 12)
        row { $0[4] = "一箱" }  // 13 pack size not a number (row 13)
        row { $0[5] = "" }  // 14 price missing (row 14)
        row { $0[5] = "12.345" }  // 15 three decimals (row 15)
        row { $0[6] = "-5" }  // 16 a negative price (row 16)
        row { $0[5] = "99999999.00" }  // 17 a price above the limit (row 17)
        row { $0[8] = "95.00" }  // 18 a purchase price above the list price (row 18)
        row { $0[9] = "500" }  // 19 one commission rate without the others (row 19)
        row {
            $0[9] = "12000"; $0[10] = "300"; $0[11] = "200"
        }  // 20 a rate above 10000 bp (row 20)
        row { $0[12] = "也许" }  // 21 an unknown on-shelf value (row 21)
        row { $0[13] = "=HYPERLINK(\"http://evil\")" }  // 22 a formula (row 22)
        row { $0[13] = "+cmd|' /C calc'!A0" }  // 23 another formula shape (row 23)
        row { $0[1] = "名称\u{0007}" }  // 24 a control character (row 24)
        let preview = try await imports.validate(Fixtures.hq(.operations), rows: rows, fileName: "错误.xlsx", fileContent: Data())
        #expect(preview.batchId == nil)
        let found = Set(preview.problems.map { "\($0.row):\($0.column)" })
        let expected: Set<String> = [
            "1:颜色", "1:单位", "2:商品编码", "3:商品编码", "5:商品编码", "6:商品名称", "7:商品名称", "8:品类", "9:品类", "10:单位", "11:箱规", "12:箱规",
            "13:箱规", "14:零售价(元)", "15:零售价(元)", "16:一级进货价(元)", "17:零售价(元)", "18:三级进货价(元)", "19:二级佣金比例(基点)",
            "20:一级佣金比例(基点)", "21:是否上架", "22:描述", "23:描述", "24:商品名称",
        ]
        #expect(found.isSuperset(of: expected), "missing: \(expected.subtracting(found))")
        #expect(Set(preview.problems.map(\.row)).count >= 20)
        #expect(try await Fixtures.count(world.platform, "products") == 1)
        #expect(try await Fixtures.count(world.platform, "import_batches") == 0)
    }

    @Test(
        "a missing required column stops the file at its header; an empty file and a file of only a header are refused", arguments: Backend.available)
    func headers(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let imports = ProductImportService(platform: world.platform)
        let withoutPrices = [Array(Self.header.prefix(5)), Array(Self.row("X-1").prefix(5))]
        let preview = try await imports.validate(Fixtures.hq(.operations), rows: withoutPrices, fileName: "x.xlsx", fileContent: Data())
        #expect(preview.problems.map(\.column) == ["零售价(元)", "一级进货价(元)", "二级进货价(元)", "三级进货价(元)"])
        #expect(preview.problems.allSatisfy { $0.row == 1 && $0.problem == .required })
        #expect(
            try await imports.validate(Fixtures.hq(.operations), rows: [], fileName: "x.xlsx", fileContent: Data()).problems.map(\.field) == ["file"])
        #expect(
            try await imports.validate(Fixtures.hq(.operations), rows: [Self.header], fileName: "x.xlsx", fileContent: Data()).problems.map(\.field)
                == ["rows"])
        // English headers in another order, with stars and spaces, are the same columns
        let english = [
            "Level-3 price (yuan)", "SKU*", " Name ", "Category", "Unit", "Pack size", "List price (yuan)", "Level-1 price (yuan)",
            "Level-2 price (yuan)",
        ]
        let shuffled = [english, ["71.20", "EN-1", "英文表头", "保健", "盒", "12", "89.00", "53.40", "62.30"]]
        #expect(try await imports.validate(Fixtures.hq(.operations), rows: shuffled, fileName: "x.xlsx", fileContent: Data()).problems.isEmpty)
    }
}
