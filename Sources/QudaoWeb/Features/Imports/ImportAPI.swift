import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// Imports through the API: the template, a check of a file (problems or a batch to commit), the commit.
struct ImportAPI {
    let services: WebServices
    let helper: APIRoutes

    func register(on api: RouterGroup<QudaoRequestContext>) {
        let platform = services.platform
        for kind in ImportKind.allCases {
            api.get(RouterPath("imports/\(kind.rawValue)/template")) { request, context in
                let caller = try services.caller(request, context)
                try caller.require(kind.capability)
                return try ImportPages.template(kind, language: context.language, at: platform.clock.now())
            }
            api.post(RouterPath("imports/\(kind.rawValue)")) { request, context in
                let caller = try services.caller(request, context)
                let buffer = try await request.body.collect(upTo: ImportPages.maximumFormBytes * 4 / 3 + 4_096)
                let body = try JSONDecoder().decode(ImportFileRequest.self, from: Data(buffer: buffer))
                guard let base64 = body.contentBase64, let content = Data(base64Encoded: base64) else {
                    throw AppError.invalid("contentBase64", .invalidFormat(expected: .base64))
                }
                let file = UploadedFile(fileName: body.fileName ?? "import.xlsx", contentType: "application/octet-stream", content: content)
                let preview = try await kind.validate(
                    platform, caller, rows: try ImportPages.tableRows(file), fileName: file.fileName, content: content)
                if !preview.problems.isEmpty {
                    throw AppError.validation(
                        ValidationFailure(preview.problems.prefix(500).map { FieldError(field: "rows[\($0.row)].\($0.field)", problem: $0.problem) }))
                }
                return try JSONResponse.make(ImportPreviewResponse(preview), status: .created)
            }
        }
        api.post("imports/{id}/commit") { request, context in
            let caller = try services.caller(request, context)
            let id = try context.parameters.require("id")
            // Who may import is checked before anything of the batch is told.
            guard caller.principal.kind == .hq else { throw AppError.forbidden }
            let outcome = try await ImportKind.of(batchId: id, platform).commit(platform, caller, batchId: id)
            return try JSONResponse.make(
                ImportOutcomeResponse(batchId: outcome.batchId, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged))
        }
    }
}
