import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// What can be imported from a template, and how each kind is named, checked and committed.
enum ImportKind: String, CaseIterable {
    case products
    case partners

    var base: String { "/hq/\(rawValue)/import" }
    var columns: [ImportColumn] { self == .products ? ProductImportService.columns : PartnerImportService.columns }
    var capability: Capability { self == .products ? .manageProducts : .managePartners }

    func title(_ page: PageContext) -> String {
        self == .products ? page.t("批量导入商品", "Import products") : page.t("批量导入渠道商", "Import partners")
    }

    func back(_ page: PageContext) -> (link: String, label: String) {
        self == .products ? ("/hq/products", page.t("商品", "Products")) : ("/hq/partners", page.t("渠道商", "Partners"))
    }

    func validate(_ platform: Platform, _ caller: Caller, rows: [[String]], fileName: String, content: Data) async throws -> ImportPreview {
        switch self {
        case .products: try await ProductImportService(platform: platform).validate(caller, rows: rows, fileName: fileName, fileContent: content)
        case .partners: try await PartnerImportService(platform: platform).validate(caller, rows: rows, fileName: fileName, fileContent: content)
        }
    }

    func commit(
        _ platform: Platform, _ caller: Caller, batchId: String, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> ImportOutcome {
        switch self {
        case .products: try await ProductImportService(platform: platform).commit(caller, batchId: batchId, progress: progress)
        case .partners: try await PartnerImportService(platform: platform).commit(caller, batchId: batchId, progress: progress)
        }
    }

    func batches(_ platform: Platform, _ caller: Caller) async throws -> [ImportBatchRecord] {
        switch self {
        case .products: try await ProductImportService(platform: platform).batches(caller)
        case .partners: try await PartnerImportService(platform: platform).batches(caller)
        }
    }

    /// The kind of a stored batch (the API commits any batch by its id).
    static func of(batchId: String, _ platform: Platform) async throws -> ImportKind {
        guard let kind = ImportKind(rawValue: try await ImportBatches.kind(of: batchId, platform)) else {
            throw AppError.notFound(entity: "import")
        }
        return kind
    }
}
