import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// Imports from the Excel templates (products, partners): download the template, upload it
/// filled in, see every problem by row and column or a preview of what it creates and updates,
/// then commit all rows or none.
struct ImportPages {
    let services: WebServices

    /// The largest import form: the file limit plus room for the fields.
    static let maximumFormBytes = TableLimits.maximumFileBytes + 65_536

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/products/import") { request, context in try await showImport(request, context, kind: .products) }
        router.get("/hq/products/import/template.xlsx") { request, context in try await downloadImportTemplate(request, context, kind: .products) }
        router.post("/hq/products/import") { request, context in try await submitImport(request, context, kind: .products) }
        router.post("/hq/products/import/{id}/commit") { request, context in try await submitImportCommit(request, context, kind: .products) }

        router.get("/hq/partners/import") { request, context in try await showImport(request, context, kind: .partners) }
        router.get("/hq/partners/import/template.xlsx") { request, context in try await downloadImportTemplate(request, context, kind: .partners) }
        router.post("/hq/partners/import") { request, context in try await submitImport(request, context, kind: .partners) }
        router.post("/hq/partners/import/{id}/commit") { request, context in try await submitImportCommit(request, context, kind: .partners) }
    }

    func showImport(_ request: Request, _ context: QudaoRequestContext, kind: ImportKind) async throws -> Response {
        let caller = try context.caller
        try caller.require(kind.capability)
        return HTMLResponse.page(
            try await importPage(PageContext(request, context), kind: kind, caller: caller, request: request, preview: nil, errors: []))
    }

    func downloadImportTemplate(_ request: Request, _ context: QudaoRequestContext, kind: ImportKind) async throws -> Response {
        let caller = try context.caller
        try caller.require(kind.capability)
        return try Self.template(kind, language: context.language, at: services.platform.clock.now())
    }

    func submitImport(_ request: Request, _ context: QudaoRequestContext, kind: ImportKind) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context, maximumBytes: Self.maximumFormBytes)
        let page = PageContext(request, context)
        do {
            guard let file = form.files["file"] else { throw AppError.invalid("file", .required) }
            let rows = try Self.tableRows(file)
            let preview = try await kind.validate(services.platform, caller, rows: rows, fileName: file.fileName, content: file.content)
            return HTMLResponse.page(
                try await importPage(page, kind: kind, caller: caller, request: request, preview: preview, errors: []),
                status: preview.problems.isEmpty ? .ok : .unprocessableContent)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await importPage(page, kind: kind, caller: caller, request: request, preview: nil, errors: failure.errors),
                status: .unprocessableContent)
        }
    }

    func submitImportCommit(_ request: Request, _ context: QudaoRequestContext, kind: ImportKind) async throws -> Response {
        let caller = try context.caller
        _ = try await services.form(request, context)
        let outcome = try await kind.commit(services.platform, caller, batchId: try context.parameters.require("id"))
        return Response.redirect(
            to: "\(kind.base)?notice=imported&created=\(outcome.created)&updated=\(outcome.updated)&unchanged=\(outcome.unchanged)", type: .found)
    }

    /// Reads an uploaded .xlsx or .csv (UTF-8 or GBK) into rows; anything else is a clear error on `file`.
    static func tableRows(_ file: UploadedFile) throws -> [[String]] {
        let name = file.fileName.lowercased()
        do {
            if name.hasSuffix(".xlsx") { return try XLSXReader.rows(file.content) }
            if name.hasSuffix(".csv") { return try CSVReader.rows(file.content, keepsBlankLines: true) }
            if name.hasSuffix(".xlsm") { throw TableReadError.macroEnabled }
        } catch let error as TableReadError {
            throw AppError.invalid("file", .notAllowed(reason: error.reason))
        }
        throw AppError.invalid("file", .invalidFormat(expected: .spreadsheet))
    }

    /// The template: the columns (required ones marked *), an example row, and a sheet of notes.
    static func template(_ kind: ImportKind, language: Language, at instant: Date) throws -> Response {
        let columns = kind.columns
        let sheet = SpreadsheetTable(
            name: kind == .products ? language.t("商品导入", "Products") : language.t("渠道商导入", "Partners"),
            header: columns.map { language.t($0.chinese, $0.english) + ($0.required ? "*" : "") },
            rows: [columns.map { .text($0.example) }])
        let notes = SpreadsheetTable(
            name: language.t("填写说明", "How to fill in"),
            header: [language.t("列", "Column"), language.t("必填", "Required"), language.t("说明", "Notes"), language.t("示例", "Example")],
            rows: columns.map {
                [
                    .text(language.t($0.chinese, $0.english)), .text($0.required ? language.t(.yes) : language.t(.no)),
                    .text(language.t($0.noteChinese, $0.noteEnglish)), .text($0.example),
                ]
            }
                + [
                    [
                        .text(language.t("提示", "Note")), .empty,
                        .text(
                            language.t(
                                "删除示例行后填写,每行一个商品;最多 10000 行。已存在的商品编码会更新该商品,重复导入不会产生重复商品。",
                                "Replace the example row, one product per row, at most 10,000 rows. An existing SKU updates its product; importing again never duplicates."
                            )),
                        .empty,
                    ]
                ])
        return FileResponse.make(
            try XLSXWriter.data([sheet, notes], modifiedAt: instant), fileName: "\(kind == .products ? "product" : "partner")-import-template.xlsx",
            contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    func importPage(
        _ page: PageContext, kind: ImportKind, caller: Caller, request: Request, preview: ImportPreview?, errors: [FieldError]
    ) async throws -> HTML {
        let batches = try await kind.batches(services.platform, caller)
        var notice: HTML = .empty
        if request.query("notice") == "imported" {
            notice = """
                <div class="notice" role="status" id="import-result">\(page.t("导入完成:新建 \(request.query("created") ?? "0") 个,更新 \(request.query("updated") ?? "0") 个,未变化 \(request.query("unchanged") ?? "0") 个。", "Imported: \(request.query("created") ?? "0") created, \(request.query("updated") ?? "0") updated, \(request.query("unchanged") ?? "0") unchanged."))</div>
                """
        }
        var result: HTML = .empty
        if let preview {
            if preview.problems.isEmpty, let batchId = preview.batchId {
                let sample = preview.sample.html { row in
                    "<tr><td class=\"number\">\(row.row)</td><td class=\"mono\">\(row.sku)</td><td>\(row.name)</td><td>\(row.exists ? page.t("更新", "Update") : page.t(.create))</td></tr>"
                }
                result = """
                    <div class="card" id="import-preview">
                      <h2 style="margin-top:0">\(page.t("校验通过", "The file is valid")): \(preview.fileName)</h2>
                      <p>\(page.t("共 \(preview.rowCount) 行:新建 \(preview.creating) 个,更新 \(preview.updating) 个(按编码匹配)。确认后一次性导入,任何一行失败则全部不导入。", "\(preview.rowCount) rows: \(preview.creating) new, \(preview.updating) updated (matched by code). Committing imports every row or none."))</p>
                      <div class="table-wrap"><table><thead><tr><th class="number">\(page.t("行", "Row"))</th><th>\(page.t(.code))</th><th>\(page.t("名称", "Name"))</th><th>\(page.t(.action))</th></tr></thead><tbody>\(sample)</tbody></table></div>
                      <form method="post" action="\(kind.base)/\(batchId)/commit" data-progress="\(page.t("正在导入…", "Importing…"))">\(page.csrfField)
                        <div class="actions"><button type="submit" id="commit-import">\(page.t("确认导入 \(preview.rowCount) 行", "Import \(preview.rowCount) rows"))</button></div></form>
                    </div>
                    """
            } else {
                let rows = preview.problems.prefix(500).html { problem in
                    """
                    <tr><td class="number">\(problem.row == 0 ? "—" : String(problem.row))</td><td>\(problem.column)</td>
                    <td>\(page.language.message(for: problem.problem))</td></tr>
                    """
                }
                result = """
                    <div class="alert" role="alert" id="import-problems">
                      <p>\(page.t("文件有 \(preview.problems.count) 处问题,未导入任何数据。请修改后重新上传:", "The file has \(preview.problems.count) problems; nothing was imported. Correct them and upload again:"))</p>
                      <div class="table-wrap"><table><thead><tr><th class="number">\(page.t("行", "Row"))</th><th>\(page.t("列", "Column"))</th><th>\(page.t("问题", "Problem"))</th></tr></thead>
                      <tbody>\(rows)</tbody></table></div></div>
                    """
            }
        }
        let history = batches.html { batch in
            """
            <tr><td>\(BusinessTime.displayText(batch.createdAt))</td><td>\(batch.fileName)</td><td class="number">\(batch.rowCount)</td>
            <td>\(batch.status == "committed" ? page.t("已导入", "Imported") : page.t("待确认", "Waiting"))</td>
            <td class="number">\(batch.creatingCount) / \(batch.updatingCount)</td><td>\(batch.createdBy)</td></tr>
            """
        }
        let body: HTML = """
            <p><a href="\(kind.back(page).link)">‹ \(kind.back(page).label)</a></p>
            <h1>\(kind.title(page))</h1>
            \(notice)
            \(Layout.errorSummary(page, errors))
            <div class="card">
              <ol>
                <li><a href="\(kind.base)/template.xlsx" id="download-template">\(page.t("下载导入模板(Excel)", "Download the template (Excel)"))</a>,\(page.t("按“填写说明”工作表填写,带 * 的列必填。", "fill it in as its notes sheet says; columns marked * are required."))</li>
                <li>\(page.t("上传填好的文件(.xlsx 或 .csv,最大 20 MB、10000 行),系统先逐行校验,不会写入任何数据。", "Upload it (.xlsx or .csv, up to 20 MB and 10,000 rows); every row is checked first and nothing is written."))</li>
                <li>\(page.t("确认预览后一次性导入:全部成功或全部不导入。", "Check the preview and commit: every row is imported, or none."))</li>
              </ol>
              <form method="post" action="\(kind.base)" enctype="multipart/form-data" id="import-form" data-progress="\(page.t("正在上传并校验…", "Uploading and checking…"))">
                \(page.csrfField)
                <div class="field"><label for="file">\(page.t("导入文件", "File"))</label><input type="file" id="file" name="file" accept=".xlsx,.csv"></div>
                <div class="actions"><button type="submit" id="upload-import">\(page.t("上传并校验", "Upload and check"))</button></div>
              </form>
            </div>
            \(result)
            <h2>\(page.t("最近的导入", "Recent imports"))</h2>
            <div class="table-wrap"><table id="import-history"><thead><tr><th>\(page.t("时间", "When"))</th><th>\(page.t(.file))</th>
              <th class="number">\(page.t("行数", "Rows"))</th><th>\(page.t(.status))</th><th class="number">\(page.t("新建/更新", "Created / updated"))</th>
              <th>\(page.t("操作人", "By"))</th></tr></thead><tbody>\(history)</tbody></table></div>
            """
        return Layout.page(page, title: kind.title(page), body: body)
    }
}
