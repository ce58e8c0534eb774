import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// A partner's own stock: the partner's pages (stock, sell-out reports by hand or by file, stock
/// counts, movements) and HQ's view of any partner's stock. A partner sees only its own.
struct PartnerStockPages {
    let services: WebServices

    /// Rows of the sell-out form (more lines go through a file or the API).
    static let formLines = 8

    var stock: PartnerStockService { services.partnerStock }

    func register(on router: Router<QudaoRequestContext>) {
        // MARK: Partner
        router.get("/portal/stock", use: showPortalStock)
        router.get("/portal/stock/movements", use: showPortalStockMovements)
        router.get("/portal/stock/sell-out", use: showPortalStockSellOut)
        router.post("/portal/stock/sell-out", use: submitPortalStockSellOut)
        router.post("/portal/stock/sell-out/upload", use: submitPortalStockSellOutUpload)
        router.get("/portal/stock/sell-out-template.xlsx", use: showPortalStockSellOutTemplateXlsx)
        router.get("/portal/stock/count", use: showPortalStockCount)
        router.post("/portal/stock/count", use: submitPortalStockCount)

        // MARK: HQ
        router.get("/hq/partners/{id}/stock", use: showHQPartnersStock)
        router.get("/hq/partners/{id}/stock/movements", use: showHQPartnersStockMovements)
        router.get("/hq/partners/{id}/stock/count", use: showHQPartnersStockCount)
        router.post("/hq/partners/{id}/stock/count", use: submitHQPartnersStockCount)
    }

    @Sendable func showPortalStock(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let result = try await stock.stock(
            caller, partnerId: nil, search: request.query("q"),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let page = PageContext(request, context)
        return HTMLResponse.page(
            Layout.page(
                page, title: page.t("我的库存", "My stock"),
                body: """
                    \(Self.notice(page, request.query("notice")))
                    \(tabs(page, base: "/portal/stock", current: "stock"))
                    \(levelsSection(page, request: request, levels: result.levels, base: "/portal/stock", canCount: caller.principal.can(.partnerOrdering)))
                    """))
    }

    @Sendable func showPortalStockMovements(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(try await movementsPage(request, context, caller: caller, partnerId: nil, base: "/portal/stock"))
    }

    @Sendable func showPortalStockSellOut(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.partnerOrdering)
        return HTMLResponse.page(try await sellOutPage(request, context, caller: caller, form: nil, errors: []))
    }

    @Sendable func submitPortalStockSellOut(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let lines = (0..<Self.formLines).compactMap { index -> SellOutLineInput? in
            let product = form["lines[\(index)].productId"] ?? ""
            let quantity = form["lines[\(index)].quantity"] ?? ""
            // Rows left blank are not lines; a row with only one of the two is, and is refused.
            guard !product.isEmpty || !quantity.isEmpty else { return nil }
            return SellOutLineInput(product: product, quantity: IntegerInput(text: quantity), soldOn: form["lines[\(index)].soldOn"])
        }
        do {
            let report = try await stock.reportSellOut(caller, lines: lines, source: .manual)
            return Response.redirect(to: "/portal/stock/sell-out?notice=reported&number=\(report.number)", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await sellOutPage(
                    request, context, caller: caller, form: form, errors: Self.renumbered(failure.errors, lines: lines, form: form)),
                status: .unprocessableContent)
        }
    }

    @Sendable func submitPortalStockSellOutUpload(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context, maximumBytes: WebServices.maximumUploadBytes)
        do {
            guard let file = form.files["file"] else { throw AppError.invalid("file", .required) }
            let report = try await stock.importSellOut(caller, rows: try Self.tableRows(file), fileName: file.fileName)
            return Response.redirect(to: "/portal/stock/sell-out?notice=imported&number=\(report.number)", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await sellOutPage(request, context, caller: caller, form: nil, errors: failure.errors), status: .unprocessableContent)
        }
    }

    @Sendable func showPortalStockSellOutTemplateXlsx(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.partnerOrdering)
        let today = BusinessTime.dayText(services.platform.clock.now())
        let table = SpreadsheetTable(
            name: "销售上报", header: ["商品编码", "数量", "销售日期"],
            rows: [[.text("HF-1001"), .integer(2), .date(today)]])
        return FileResponse.make(
            try XLSXWriter.data([table], modifiedAt: services.platform.clock.now()), fileName: "sell-out-template.xlsx",
            contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    @Sendable func showPortalStockCount(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.partnerOrdering)
        return HTMLResponse.page(
            try await countPage(
                request, context, caller: caller, partnerId: nil, base: "/portal/stock", product: request.query("product"), attempted: nil,
                errors: []
            ))
    }

    @Sendable func submitPortalStockCount(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            _ = try await stock.count(
                caller, partnerId: nil, product: form["productId"], counted: IntegerInput(text: form["countedQuantity"]), reason: form["reason"])
            return Response.redirect(to: "/portal/stock?notice=counted", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await countPage(
                    request, context, caller: caller, partnerId: nil, base: "/portal/stock", product: form["productId"], attempted: form,
                    errors: failure.errors), status: .unprocessableContent)
        }
    }

    @Sendable func showHQPartnersStock(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let id = try context.parameters.require("id")
        let result = try await stock.stock(
            caller, partnerId: id, search: request.query("q"),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let page = PageContext(request, context)
        let base = "/hq/partners/\(result.partner.id)/stock"
        return HTMLResponse.page(
            Layout.page(
                page, title: page.t("渠道库存", "Partner stock"),
                body: """
                    \(Self.notice(page, request.query("notice")))
                    <p><a href="/hq/partners/\(result.partner.id)">‹ \(result.partner.code) \(result.partner.name)</a></p>
                    \(tabs(page, base: base, current: "stock"))
                    \(levelsSection(page, request: request, levels: result.levels, base: base, canCount: caller.principal.can(.manageOrders)))
                    """))
    }

    @Sendable func showHQPartnersStockMovements(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let id = try context.parameters.require("id")
        return HTMLResponse.page(try await movementsPage(request, context, caller: caller, partnerId: id, base: "/hq/partners/\(id)/stock"))
    }

    @Sendable func showHQPartnersStockCount(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.manageOrders)
        let id = try context.parameters.require("id")
        return HTMLResponse.page(
            try await countPage(
                request, context, caller: caller, partnerId: id, base: "/hq/partners/\(id)/stock", product: request.query("product"),
                attempted: nil, errors: []))
    }

    @Sendable func submitHQPartnersStockCount(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        do {
            _ = try await stock.count(
                caller, partnerId: id, product: form["productId"], counted: IntegerInput(text: form["countedQuantity"]), reason: form["reason"])
            return Response.redirect(to: "/hq/partners/\(id)/stock?notice=counted", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await countPage(
                    request, context, caller: caller, partnerId: id, base: "/hq/partners/\(id)/stock", product: form["productId"],
                    attempted: form, errors: failure.errors), status: .unprocessableContent)
        }
    }

    /// Reads an uploaded .xlsx or .csv into rows; anything else, or a file that cannot be read, is
    /// a clear error on the `file` field.
    static func tableRows(_ file: UploadedFile) throws -> [[String]] {
        let name = file.fileName.lowercased()
        guard file.content.count <= UploadedFile.maximumBytes else {
            throw AppError.invalid("file", .notAllowed(reason: .fileLargerThan(maximumBytes: Int64(UploadedFile.maximumBytes))))
        }
        do {
            if name.hasSuffix(".xlsx") { return try XLSXReader.rows(file.content) }
            if name.hasSuffix(".csv") { return try CSVReader.rows(file.content, keepsBlankLines: true) }
        } catch let error as TableReadError {
            throw AppError.invalid("file", .notAllowed(reason: error.reason))
        }
        throw AppError.invalid("file", .invalidFormat(expected: .spreadsheet))
    }

    /// The form's rows skip blank ones, so the service's line numbers are mapped back to the rows
    /// the person typed in (errors then sit beside the right row).
    static func renumbered(_ errors: [FieldError], lines: [SellOutLineInput], form: FormData) -> [FieldError] {
        let used = (0..<formLines).filter { !(form["lines[\($0)].productId"] ?? "").isEmpty || !(form["lines[\($0)].quantity"] ?? "").isEmpty }
        return errors.map { error in
            guard error.field.hasPrefix("lines["), let close = error.field.firstIndex(of: "]"),
                let index = Int(error.field[error.field.index(error.field.startIndex, offsetBy: 6)..<close]), index < used.count
            else { return error }
            return FieldError(field: "lines[\(used[index])]" + error.field[error.field.index(after: close)...], problem: error.problem)
        }
    }

    static func notice(_ page: PageContext, _ value: String?) -> HTML {
        let text: String
        switch value {
        case "reported": text = page.t("销售上报已保存,库存已扣减。", "Sales recorded; stock reduced.")
        case "imported": text = page.t("文件已导入,所有行均已上报。", "File imported; every row was recorded.")
        case "counted": text = page.t("盘点结果已保存。", "Stock count saved.")
        default: return .empty
        }
        return "<div class=\"notice\" role=\"status\">\(text)</div>"
    }

    func tabs(_ page: PageContext, base: String, current: String) -> HTML {
        var items = [("stock", base, page.t(.stock)), ("movements", base + "/movements", page.t("库存流水", "Movements"))]
        if base == "/portal/stock" && page.account?.principal.can(.partnerOrdering) == true {
            items.insert(("sell-out", base + "/sell-out", page.t("销售上报", "Report sales")), at: 1)
        }
        let links = items.html { item in "<a href=\"\(item.1)\"\(item.0 == current ? HTML(" class=\"current\"") : .empty)>\(item.2)</a>" }
        return """
            <h1>\(base == "/portal/stock" ? page.t("我的库存", "My stock") : page.t("渠道库存", "Partner stock"))</h1>
            <nav class="tabs">\(links)</nav>
            """
    }

    func levelsSection(_ page: PageContext, request: Request, levels: Page<PartnerStockLevel>, base: String, canCount: Bool) -> HTML {
        let rows = levels.items.html { level in
            let countLink: HTML =
                canCount
                ? "<a href=\"\(base)/count?product=\(level.sku)\">\(page.t("盘点", "Count"))</a>" : .empty
            return """
                <tr data-sku="\(level.sku)">
                  <td data-label="SKU" class="mono">\(level.sku)</td><td data-label="\(page.t("商品", "Product"))">\(level.name)</td>
                  <td data-label="\(page.t("在手", "On hand"))" class="number on-hand">\(level.onHand) \(level.unit)</td>
                  <td data-label="\(page.t(.inTransit))" class="number in-transit">\(level.inTransit)</td>
                  <td><a href="\(base)/movements?product=\(level.sku)">\(page.t("流水", "Movements"))</a> \(countLink)</td>
                </tr>
                """
        }
        return """
            <form method="get" class="toolbar" action="\(base)">
              <div class="field"><label for="q">\(page.t(.search))</label><input type="search" id="q" name="q" value="\(request.query("q"))"
                placeholder="\(page.t("SKU 或商品名称", "SKU or product name"))"></div>
              <button type="submit">\(page.t(.filter))</button>
            </form>
            <div class="table-wrap"><table class="responsive" id="partner-stock">
              <thead><tr><th>SKU</th><th>\(page.t("商品", "Product"))</th><th class="number">\(page.t("在手", "On hand"))</th>
                <th class="number">\(page.t(.inTransit))</th><th></th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
            \(levels.items.isEmpty ? HTML("<p class=\"empty\">\(page.t("暂无库存。进货订单签收后自动入库;已有的存货可先做一次盘点。", "No stock yet. Delivered purchase orders add to it; record a count for what you already hold."))</p>") : .empty)
            \(Layout.pager(page, levels, baseQuery: ["q": request.query("q") ?? ""]))
            """
    }

    func movementsPage(_ request: Request, _ context: QudaoRequestContext, caller: Caller, partnerId: String?, base: String) async throws -> HTML {
        let page = PageContext(request, context)
        let movements = try await stock.movements(
            caller, partnerId: partnerId, product: request.query("product"),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let rows = movements.items.html { movement in
            """
            <tr><td>\(movement.businessDate)</td><td class="mono">\(movement.sku)</td>
              <td>\(page.language.partnerStockMovementKind(movement.kind))</td>
              <td class="number">\(movement.quantity > 0 ? "+" : "")\(movement.quantity)</td><td class="number">\(movement.onHandAfter)</td>
              <td>\(movement.reason)</td><td class="muted">\(BusinessTime.displayText(movement.createdAt))</td></tr>
            """
        }
        let body: HTML = """
            \(tabs(page, base: base, current: "movements"))
            <form method="get" class="toolbar" action="\(base)/movements">
              <div class="field"><label for="product">SKU</label><input type="text" id="product" name="product" value="\(request.query("product"))"></div>
              <button type="submit">\(page.t(.filter))</button>
            </form>
            <div class="table-wrap"><table id="stock-movements">
              <thead><tr><th>\(page.t("业务日期", "Business day"))</th><th>SKU</th><th>\(page.t(.type))</th><th class="number">\(page.t(.changeAmount))</th>
                <th class="number">\(page.t("变动后", "After"))</th><th>\(page.t("原因/单号", "Reason / document"))</th><th>\(page.t("记录时间", "Recorded"))</th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
            \(movements.items.isEmpty ? HTML("<p class=\"empty\">\(page.t("暂无流水。进货签收、上报销售和盘点都会记在这里。", "No movement yet. Deliveries, sales reports and counts are listed here."))</p>") : .empty)
            \(Layout.pager(page, movements, baseQuery: ["product": request.query("product") ?? ""]))
            """
        return Layout.page(page, title: page.t("库存流水", "Stock movements"), body: body)
    }

    func sellOutPage(_ request: Request, _ context: QudaoRequestContext, caller: Caller, form: FormData?, errors: [FieldError]) async throws -> HTML {
        let page = PageContext(request, context)
        let levels = try await stock.stock(
            caller, partnerId: nil, search: nil, page: PageRequest(pageNumber: 1, pageSize: PageRequest.maximumPageSize))
        let reports = try await stock.reports(caller, partnerId: nil, page: PageRequest(pageNumber: 1, pageSize: 10))
        let options = levels.levels.items.filter { $0.onHand > 0 }.map { ($0.sku, "\($0.sku) \($0.name)(\(page.t("在手", "on hand")) \($0.onHand))") }
        let today = BusinessTime.dayText(services.platform.clock.now())
        let rows = (0..<Self.formLines).html { index in
            let prefix = "lines[\(index)]"
            func error(_ field: String) -> HTML {
                errors.first { $0.field == "\(prefix).\(field)" }.map { "<div class=\"error\">\(page.language.message(for: $0.problem))</div>" }
                    ?? .empty
            }
            let selected = form?["\(prefix).productId"]
            let optionsHTML = options.html { option in
                "<option value=\"\(option.0)\"\(option.0 == selected ? HTML(" selected") : .empty)>\(option.1)</option>"
            }
            return """
                <tr>
                  <td><select name="\(prefix).productId" aria-label="\(page.t("商品", "Product"))"><option value="">—</option>\(optionsHTML)</select>\(error("productId"))</td>
                  <td><input class="quantity" type="text" inputmode="numeric" name="\(prefix).quantity" value="\(form?["\(prefix).quantity"])" aria-label="\(page.t("数量", "Quantity"))">\(error("quantity"))</td>
                  <td><input type="date" name="\(prefix).soldOn" value="\(form?["\(prefix).soldOn"] ?? today)" max="\(today)" aria-label="\(page.t("销售日期", "Date of sale"))">\(error("soldOn"))</td>
                </tr>
                """
        }
        let reportRows = reports.items.html { report in
            """
            <tr><td class="mono">\(report.number)</td><td>\(page.language.sellOutSource(report.source))\(report.fileName.map { " · \($0)" } ?? "")</td>
            <td class="number">\(report.lineCount)</td><td class="number">\(report.unitCount)</td><td>\(BusinessTime.displayText(report.createdAt))</td></tr>
            """
        }
        let fileErrors = errors.filter { $0.field == "file" || $0.field.hasPrefix("rows") }
        let number: HTML = request.query("number").map { " <span class=\"mono\">\($0)</span>" } ?? .empty
        let body: HTML = """
            \(Self.notice(page, request.query("notice")))\(request.query("notice") == nil ? HTML.empty : number)
            \(tabs(page, base: "/portal/stock", current: "sell-out"))
            \(Layout.errorSummary(page, errors))
            <form method="post" action="/portal/stock/sell-out" class="card" id="sell-out-form">
              \(page.csrfField)
              <h2 style="margin-top:0">\(page.t("手工上报", "Enter sales"))</h2>
              <p class="muted">\(page.t("上报您卖给顾客的数量;保存后从在手库存中扣减。空行会被忽略。", "Enter what you sold to your customers; saving takes it off your stock. Blank rows are ignored."))</p>
              <div class="table-wrap"><table><thead><tr><th>\(page.t("商品", "Product"))</th><th>\(page.t("数量", "Quantity"))</th><th>\(page.t("销售日期", "Date of sale"))</th></tr></thead>
              <tbody>\(rows)</tbody></table></div>
              <div class="actions"><button type="submit" id="submit-sell-out">\(page.t("保存上报", "Save"))</button></div>
            </form>
            <form method="post" action="/portal/stock/sell-out/upload" class="card" id="sell-out-upload" enctype="multipart/form-data">
              \(page.csrfField)
              <h2 style="margin-top:0">\(page.t("文件导入", "Upload a file"))</h2>
              <p class="muted">\(page.t("Excel(.xlsx)或 CSV,第一行为表头:商品编码、数量、销售日期。任何一行有误则整个文件都不导入。", "Excel (.xlsx) or CSV with a header row: SKU, quantity, date of sale. If any row is wrong, nothing of the file is imported."))
                <a href="/portal/stock/sell-out-template.xlsx" id="sell-out-template">\(page.t("下载模板", "Download the template"))</a></p>
              <div class="field\(fileErrors.isEmpty ? "" : " invalid")"><label for="file">\(page.t(.file))</label>
                <input type="file" id="file" name="file" accept=".xlsx,.csv"></div>
              <div class="actions"><button type="submit" id="upload-sell-out">\(page.t("导入", "Import"))</button></div>
            </form>
            <h2>\(page.t("最近的上报", "Recent reports"))</h2>
            <div class="table-wrap"><table id="sell-out-reports"><thead><tr><th>\(page.t(.documentNumber))</th><th>\(page.t("来源", "Source"))</th>
              <th class="number">\(page.t("行数", "Lines"))</th><th class="number">\(page.t(.units))</th><th>\(page.t("时间", "Time"))</th></tr></thead>
              <tbody>\(reportRows)</tbody></table></div>
            \(reports.items.isEmpty ? HTML("<p class=\"empty\">\(page.t("还没有上报。每天上报销售,补货建议和渠道评级都靠它算。", "No report yet. Report your daily sales: replenishment suggestions and grading are computed from them."))</p>") : .empty)
            """
        return Layout.page(page, title: page.t("销售上报", "Report sales"), body: body)
    }

    func countPage(
        _ request: Request, _ context: QudaoRequestContext, caller: Caller, partnerId: String?, base: String, product: String?, attempted: FormData?,
        errors: [FieldError]
    ) async throws -> HTML {
        let page = PageContext(request, context)
        let result = try await stock.stock(
            caller, partnerId: partnerId, search: nil, page: PageRequest(pageNumber: 1, pageSize: PageRequest.maximumPageSize))
        let current = result.levels.items.first { $0.sku == product || $0.productId == product }
        let body: HTML = """
            \(tabs(page, base: base, current: "stock"))
            <h2>\(page.t("库存盘点", "Stock count"))</h2>
            \(Layout.errorSummary(page, errors))
            <form method="post" action="\(base)/count" class="card narrow" id="count-form" novalidate>
              \(page.csrfField)
              \(Field.text(page, name: "productId", label: page.t("商品编码(SKU)", "Product (SKU)"), value: product, errors: errors, required: true))
              \(current.map { HTML("<p class=\"muted\" id=\"count-current\">\(page.t("系统在手", "On hand in the system")): \($0.onHand) \($0.unit)</p>") } ?? .empty)
              \(Field.text(page, name: "countedQuantity", value: attempted?["countedQuantity"], errors: errors, hint: page.t("实际清点到的数量", "What you counted"), required: true, attributes: " inputmode=\"numeric\""))
              \(Field.text(page, name: "reason", value: attempted?["reason"], errors: errors, hint: page.t("如:月末盘点、破损、赠送", "e.g. month-end count, breakage, samples"), required: true))
              <div class="actions"><button type="submit" id="save-count">\(page.t("保存盘点", "Save count"))</button><a href="\(base)">\(page.t(.cancel))</a></div>
            </form>
            """
        return Layout.page(page, title: page.t("库存盘点", "Stock count"), body: body)
    }
}
