import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// Imports through the API: the template, a check of a file (problems or a batch to commit), the commit.
struct ImportAPI {
    let services: WebServices

    var endpoints: [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/imports/products/template",
                "The product import template (.xlsx): headers in the caller's language (required ones marked *), an example row, and a sheet of notes (HQ admin or operations)",
                tag: .imports, produces: [ReportFormat.xlsx.contentType]
            ) { request, context in try template(.products, request, context) },
            Endpoint(
                .post, "/api/v1/imports/products",
                "Check a filled-in template (.xlsx or .csv in UTF-8 or GBK, base64, up to 20 MB and 10,000 rows); nothing is written. Every problem comes back as a 422 naming `rows[N].field` (N is the row in the sheet; the header is row 1). A valid file is kept as a batch to commit",
                tag: .imports, body: ImportFileRequest.self, bodySize: .base64File(maximumBytes: ImportPages.maximumFormBytes), status: .created
            ) { request, context, body in try await check(.products, request, context, body) },
            Endpoint(
                .get, "/api/v1/imports/partners/template", "The partner import template (.xlsx), as for products (HQ admin or operations)",
                tag: .imports, produces: [ReportFormat.xlsx.contentType]
            ) { request, context in try template(.partners, request, context) },
            Endpoint(
                .post, "/api/v1/imports/partners",
                "Check a filled-in partner template as for products: rows match partners by code (a known code updates its profile, never its parent or status); a new partner's parent is a known code or one created by an earlier row; the depth limit holds",
                tag: .imports, body: ImportFileRequest.self, bodySize: .base64File(maximumBytes: ImportPages.maximumFormBytes), status: .created
            ) { request, context, body in try await check(.partners, request, context, body) },
            Endpoint(
                .post, "/api/v1/imports/{id}/commit",
                "Import a checked batch: every row or none, each product created or updated audited; once (409 after)", tag: .imports,
                parameters: [.id(prefix: "imp")], commitImport),
        ]
    }

    func template(_ kind: ImportKind, _ request: Request, _ context: QudaoRequestContext) throws -> Response {
        let caller = try context.caller
        try caller.require(kind.capability)
        return try ImportPages.template(kind, language: context.language, at: services.platform.clock.now())
    }

    func check(
        _ kind: ImportKind, _ request: Request, _ context: QudaoRequestContext, _ body: ImportFileRequest
    ) async throws
        -> ImportPreviewResponse
    {
        let caller = try context.caller
        guard let base64 = body.contentBase64, let content = Data(base64Encoded: base64) else {
            throw AppError.invalid("contentBase64", .invalidFormat(expected: .base64))
        }
        let file = UploadedFile(fileName: body.fileName ?? "import.xlsx", contentType: "application/octet-stream", content: content)
        let preview = try await kind.validate(
            services.platform, caller, rows: try ImportPages.tableRows(file), fileName: file.fileName, content: content)
        if !preview.problems.isEmpty {
            throw AppError.validation(
                ValidationFailure(preview.problems.prefix(500).map { FieldError(field: "rows[\($0.row)].\($0.field)", problem: $0.problem) }))
        }
        return ImportPreviewResponse(preview)
    }

    @Sendable func commitImport(_ request: Request, _ context: QudaoRequestContext) async throws -> ImportOutcomeResponse {
        let caller = try context.caller
        let id = try context.parameters.require("id")
        // Who may import is checked before anything of the batch is told.
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let platform = services.platform
        let outcome = try await ImportKind.of(batchId: id, platform).commit(platform, caller, batchId: id)
        return ImportOutcomeResponse(batchId: outcome.batchId, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged)
    }
}
