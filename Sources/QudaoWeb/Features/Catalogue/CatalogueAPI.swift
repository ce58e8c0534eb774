import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// Categories and products, with the prices the caller's level pays.
struct CatalogueAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/api/v1/categories", "Product categories", tag: .catalogue, listCategories),
            Endpoint(.post, "/api/v1/categories", "Create a category", tag: .catalogue, body: CategoryRequest.self, status: .created, createCategory),
            Endpoint(
                .patch, "/api/v1/categories/{id}", "Rename or reorder a category", tag: .catalogue, parameters: [.id(prefix: "cat")],
                body: CategoryRequest.self, updateCategory),
            Endpoint(
                .get, "/api/v1/products", "List products (partners see products on shelf, with their own purchase price)", tag: .catalogue,
                parameters: Endpoint.Parameter.paging + [.query("search"), .query("categoryId"), .query("onShelf", .boolean)], listProducts),
            Endpoint(.post, "/api/v1/products", "Create a product", tag: .catalogue, body: ProductRequest.self, status: .created, createProduct),
            Endpoint(.get, "/api/v1/products/{id}", "One product", tag: .catalogue, parameters: [.id(prefix: "prd")], showProduct),
            Endpoint(
                .patch, "/api/v1/products/{id}", "Edit a product (send only what changes)", tag: .catalogue, parameters: [.id(prefix: "prd")],
                body: ProductRequest.self, updateProduct),
        ]
    }

    @Sendable func listCategories(_ request: Request, _ context: QudaoRequestContext) async throws -> ItemsResponse<CategoryResponse> {
        let caller = try context.caller
        return ItemsResponse(items: try await services.products.categories(caller).map(CategoryResponse.init))
    }

    @Sendable func createCategory(_ request: Request, _ context: QudaoRequestContext, _ body: CategoryRequest) async throws -> CategoryResponse {
        let caller = try context.caller
        let category = try await services.products.createCategory(caller, name: body.name, sortOrder: body.sortOrder ?? .missing)
        return CategoryResponse(category)
    }

    @Sendable func updateCategory(_ request: Request, _ context: QudaoRequestContext, _ body: CategoryRequest) async throws -> CategoryResponse {
        let caller = try context.caller
        let category = try await services.products.updateCategory(
            caller, id: try context.parameters.require("id"), name: body.name, sortOrder: body.sortOrder ?? .missing)
        return CategoryResponse(category)
    }

    @Sendable func listProducts(_ request: Request, _ context: QudaoRequestContext) async throws -> PageResponse<ProductResponse> {
        let caller = try context.caller
        let onShelf = request.query("onShelf").map { $0 == "true" }
        let page = try await services.products.list(
            caller, filter: ProductFilter(search: request.query("search"), categoryId: request.query("categoryId"), onShelf: onShelf),
            page: request.pageRequest)
        let level = try await partnerLevel(caller)
        return PageResponse(page) { ProductResponse($0, partnerLevel: level) }
    }

    @Sendable func createProduct(_ request: Request, _ context: QudaoRequestContext, _ body: ProductRequest) async throws -> ProductResponse {
        let caller = try context.caller
        let product = try await services.products.create(caller, body.input)
        return ProductResponse(product, partnerLevel: nil)
    }

    @Sendable func showProduct(_ request: Request, _ context: QudaoRequestContext) async throws -> ProductResponse {
        let caller = try context.caller
        let product = try await services.products.product(caller, id: try context.parameters.require("id"))
        return ProductResponse(product, partnerLevel: try await partnerLevel(caller))
    }

    @Sendable func updateProduct(_ request: Request, _ context: QudaoRequestContext, _ body: ProductRequest) async throws -> ProductResponse {
        let caller = try context.caller
        try caller.require(.manageProducts)
        let id = try context.parameters.require("id")
        let current = try await services.products.product(caller, id: id)
        let product = try await services.products.update(caller, id: id, body.merged(onto: current))
        return ProductResponse(product, partnerLevel: nil)
    }

    /// The level whose price a partner's caller sees; nil for HQ, who sees every level's.
    func partnerLevel(_ caller: Caller) async throws -> Int? {
        guard let partnerId = caller.principal.partnerId else { return nil }
        return try await services.partners.view(caller, id: partnerId).partner.level
    }
}
