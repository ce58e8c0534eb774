import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

/// HQ's product and category pages, and the partner's read-only catalogue.
struct ProductPages {
    let services: WebServices

    func register(on router: Router<QudaoRequestContext>) {
        router.get("/hq/products", use: showHQProducts)
        router.get("/portal/products", use: showPortalProducts)
        router.get("/hq/products/new", use: showHQProductsNew)
        router.post("/hq/products", use: submitHQProducts)
        router.get("/hq/products/{id}/edit", use: showHQProductsEdit)
        router.post("/hq/products/{id}", use: submitHQProductsDetail)
        router.post("/hq/products/{id}/image", use: submitHQProductsImage)
        router.post("/hq/products/{id}/shelf", use: submitHQProductsShelf)
        router.get("/hq/categories", use: showHQCategories)
        router.post("/hq/categories", use: submitHQCategories)
    }

    @Sendable func showHQProducts(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(try await listPage(request, context, caller: caller, base: "/hq/products"))
    }

    @Sendable func showPortalProducts(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(try await listPage(request, context, caller: caller, base: "/portal/products"))
    }

    @Sendable func showHQProductsNew(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        try caller.require(.manageProducts)
        let categories = try await services.products.categories(caller)
        return HTMLResponse.page(
            formPage(PageContext(request, context), values: ["packSize": "1", "onShelf": "on"], categories: categories, errors: [], product: nil))
    }

    @Sendable func submitHQProducts(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        do {
            let product = try await services.products.create(caller, productInput(form))
            return Response.redirect(to: "/hq/products/\(product.id)/edit?notice=created", type: .found)
        } catch AppError.validation(let failure) {
            let categories = try await services.products.categories(caller)
            return HTMLResponse.page(
                formPage(PageContext(request, context), values: formValues(form), categories: categories, errors: failure.errors, product: nil),
                status: .unprocessableContent)
        }
    }

    @Sendable func showHQProductsEdit(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let product = try await services.products.product(caller, id: try context.parameters.require("id"))
        let categories = try await services.products.categories(caller)
        return HTMLResponse.page(
            formPage(
                PageContext(request, context), values: Self.values(from: product), categories: categories, errors: [], product: product,
                notice: request.query("notice")))
    }

    @Sendable func submitHQProductsDetail(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        var input = productInput(form)
        input.rowVersion = form["rowVersion"].flatMap(Int64.init)
        do {
            _ = try await services.products.update(caller, id: id, input)
            return Response.redirect(to: "/hq/products/\(id)/edit?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            let categories = try await services.products.categories(caller)
            let product = try await services.products.product(caller, id: id)
            return HTMLResponse.page(
                formPage(
                    PageContext(request, context), values: formValues(form), categories: categories, errors: failure.errors, product: product),
                status: .unprocessableContent)
        }
    }

    @Sendable func submitHQProductsImage(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context, maximumBytes: ProductService.maximumImageBytes + 65_536)
        let id = try context.parameters.require("id")
        do {
            if form["remove"] == "1" {
                try await services.products.removeImage(caller, id: id)
            } else {
                _ = try await services.products.setImage(caller, id: id, form.files["image"])
            }
            return Response.redirect(to: "/hq/products/\(id)/edit?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            let product = try await services.products.product(caller, id: id)
            let categories = try await services.products.categories(caller)
            return HTMLResponse.page(
                formPage(
                    PageContext(request, context), values: Self.values(from: product), categories: categories, errors: failure.errors,
                    product: product),
                status: .unprocessableContent)
        }
    }

    @Sendable func submitHQProductsShelf(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let id = try context.parameters.require("id")
        _ = try await services.products.setOnShelf(caller, id: id, onShelf: form["onShelf"] == "1")
        return Response.redirect(to: "/hq/products?notice=saved", type: .found)
    }

    @Sendable func showHQCategories(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        return HTMLResponse.page(
            try await categoryPage(PageContext(request, context), caller: caller, errors: [], values: [:], notice: request.query("notice")))
    }

    @Sendable func submitHQCategories(_ request: Request, _ context: QudaoRequestContext) async throws -> Response {
        let caller = try context.caller
        let form = try await services.form(request, context)
        let sortOrder = IntegerInput(text: form["sortOrder"])
        do {
            if let id = form["id"], !id.isEmpty {
                _ = try await services.products.updateCategory(caller, id: id, name: form["name"], sortOrder: sortOrder)
            } else {
                _ = try await services.products.createCategory(caller, name: form["name"], sortOrder: sortOrder)
            }
            return Response.redirect(to: "/hq/categories?notice=saved", type: .found)
        } catch AppError.validation(let failure) {
            return HTMLResponse.page(
                try await categoryPage(
                    PageContext(request, context), caller: caller, errors: failure.errors, values: formValues(form), notice: nil),
                status: .unprocessableContent)
        }
    }

    func productInput(_ form: FormData) -> ProductInput {
        ProductInput(
            sku: form["sku"], name: form["name"], category: form["categoryId"], unit: form["unit"], packSize: IntegerInput(text: form["packSize"]),
            listPrice: .yuanText(form["listPriceFen"]), level1Price: .yuanText(form["level1PriceFen"]),
            level2Price: .yuanText(form["level2PriceFen"]), level3Price: .yuanText(form["level3PriceFen"]),
            commissionRate1: .percentText(form["commissionRate1Bp"]), commissionRate2: .percentText(form["commissionRate2Bp"]),
            commissionRate3: .percentText(form["commissionRate3Bp"]), onShelf: form.isChecked("onShelf"), description: form["description"])
    }

    func formValues(_ form: FormData) -> [String: String] {
        var values: [String: String] = [:]
        for name in [
            "sku", "name", "categoryId", "unit", "packSize", "listPriceFen", "level1PriceFen", "level2PriceFen", "level3PriceFen",
            "commissionRate1Bp", "commissionRate2Bp", "commissionRate3Bp", "description", "id", "sortOrder",
        ] {
            values[name] = form[name]
        }
        values["onShelf"] = form.isChecked("onShelf") ? "on" : ""
        return values
    }

    static func values(from product: ProductRecord) -> [String: String] {
        var values: [String: String] = [
            "sku": product.sku, "name": product.name, "categoryId": product.categoryId, "unit": product.unit,
            "packSize": String(product.packSize), "listPriceFen": product.prices.listPrice.yuanText,
            "level1PriceFen": product.prices.levelPrices[0].yuanText, "level2PriceFen": product.prices.levelPrices[1].yuanText,
            "level3PriceFen": product.prices.levelPrices[2].yuanText, "description": product.description,
            "onShelf": product.onShelf ? "on" : "", "rowVersion": String(product.rowVersion),
        ]
        if let override = product.commissionOverride {
            values["commissionRate1Bp"] = override.rates[0].percentNumberText
            values["commissionRate2Bp"] = override.rates[1].percentNumberText
            values["commissionRate3Bp"] = override.rates[2].percentNumberText
        }
        return values
    }

    func listPage(_ request: Request, _ context: QudaoRequestContext, caller: Caller, base: String) async throws -> HTML {
        let page = PageContext(request, context)
        let isHQ = caller.principal.kind == .hq
        let onShelf: Bool? = request.query("shelf").map { $0 == "on" }
        let list = try await services.products.list(
            caller, filter: ProductFilter(search: request.query("q"), categoryId: request.query("category"), onShelf: onShelf),
            page: PageRequest(pageNumber: request.queryInteger("page"), pageSize: request.queryInteger("size")))
        let categories = try await services.products.categories(caller)
        let level = try await partnerLevel(caller)
        let rows = list.items.html { product in
            let override: HTML =
                product.commissionOverride.map {
                    "\($0.rates[0].basisPoints)/\($0.rates[1].basisPoints)/\($0.rates[2].basisPoints) bp"
                } ?? HTML(stringLiteral: page.t("按规则", "Rule"))
            let priceColumns: HTML =
                isHQ
                ? """
                <td class="number" data-label="\(page.t("零售价", "List"))">\(product.prices.listPrice.formatted)</td>
                <td class="number" data-label="\(page.t("一级", "L1"))">\(product.prices.levelPrices[0].formatted)</td>
                <td class="number" data-label="\(page.t("二级", "L2"))">\(product.prices.levelPrices[1].formatted)</td>
                <td class="number" data-label="\(page.t("三级", "L3"))">\(product.prices.levelPrices[2].formatted)</td>
                <td data-label="\(page.t("佣金覆盖", "Override"))">\(override)</td>
                """
                : """
                <td class="number" data-label="\(page.t("零售价", "List"))">\(product.prices.listPrice.formatted)</td>
                <td class="number" data-label="\(page.t("我的进货价", "My price"))"><strong>\(product.prices.purchasePrice(forLevel: level).formatted)</strong></td>
                """
            let shelf: HTML =
                isHQ && caller.principal.can(.manageProducts)
                ? """
                <td><form method="post" action="/hq/products/\(product.id)/shelf">\(page.csrfField)
                <input type="hidden" name="onShelf" value="\(product.onShelf ? "0" : "1")">
                <button class="link" type="submit">\(product.onShelf ? page.t("下架", "Take off shelf") : page.t("上架", "Put on shelf"))</button></form></td>
                """ : (isHQ ? "<td></td>" : .empty)
            let skuCell: HTML = isHQ ? "<a href=\"/hq/products/\(product.id)/edit\">\(product.sku)</a>" : "\(product.sku)"
            return """
                <tr><td class="mono" data-label="SKU">\(skuCell)</td><td data-label="\(page.t("名称", "Name"))"><span class="product-cell">\(ProductVisual.thumbnail(product))<span>\(product.name)</span></span></td>
                <td data-label="\(page.t("品类", "Category"))">\(product.categoryName)</td>
                <td data-label="\(page.t("单位/箱规", "Unit / pack"))">\(product.unit) × \(product.packSize)</td>
                \(priceColumns)
                \(isHQ ? HTML("<td><span class=\"badge \(product.onShelf ? "active" : "disabled")\">\(product.onShelf ? page.t("在售", "On shelf") : page.t("已下架", "Off shelf"))</span></td>") : .empty)
                \(shelf)</tr>
                """
        }
        let headers: HTML =
            isHQ
            ? "<th class=\"number\">\(page.t("零售价", "List"))</th><th class=\"number\">\(page.t("一级价", "L1"))</th><th class=\"number\">\(page.t("二级价", "L2"))</th><th class=\"number\">\(page.t("三级价", "L3"))</th><th>\(page.t("佣金覆盖", "Override"))</th><th>\(page.t(.status))</th><th></th>"
            : "<th class=\"number\">\(page.t("零售价", "List"))</th><th class=\"number\">\(page.t("我的进货价", "My price"))</th>"
        let newButton: HTML =
            caller.principal.can(.manageProducts)
            ? """
            <a class="button secondary" href="/hq/products/import" id="import-products">\(page.t(.importFromExcel))</a>
            <a class="button" href="/hq/products/new" id="new-product">\(page.t("新建商品", "New product"))</a>
            """ : .empty
        let shelfFilter: HTML =
            isHQ
            ? Field.select(
                page, name: "shelf", label: page.t(.status), options: [("on", page.t("在售", "On shelf")), ("off", page.t("已下架", "Off shelf"))],
                selected: request.query("shelf"), errors: [], includeBlank: page.t(.all))
            : .empty
        let body: HTML = """
            \(Layout.notice(page, request.query("notice")))
            <div class="actions spread"><h1>\(page.t("商品", "Products"))</h1>\(newButton)</div>
            <form method="get" class="toolbar" action="\(base)">
              <div class="field"><label for="q">\(page.t(.search))</label><input type="search" id="q" name="q" value="\(request.query("q"))" placeholder="SKU / \(page.t("名称", "name"))"></div>
              \(Field.select(page, name: "category", label: page.t("品类", "Category"), options: categories.map { ($0.id, $0.name) }, selected: request.query("category"), errors: [], includeBlank: page.t(.all)))
              \(shelfFilter)
              <button type="submit">\(page.t(.filter))</button>
            </form>
            <div class="table-wrap"><table class="responsive" id="product-list"><thead><tr><th>SKU</th><th>\(page.t("名称", "Name"))</th><th>\(page.t("品类", "Category"))</th><th>\(page.t("单位/箱规", "Unit / pack"))</th>\(headers)</tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(Layout.pager(page, list, baseQuery: ["q": request.query("q") ?? "", "category": request.query("category") ?? "", "shelf": request.query("shelf") ?? ""]))
            """
        return Layout.page(page, title: page.t("商品", "Products"), body: body)
    }

    /// The level whose purchase price a partner caller pays (HQ sees level 1 for reference).
    func partnerLevel(_ caller: Caller) async throws -> Int {
        guard let partnerId = caller.principal.partnerId else { return 1 }
        return try await services.partners.view(caller, id: partnerId).partner.level
    }

    func formPage(
        _ page: PageContext, values: [String: String], categories: [CategoryRecord], errors: [FieldError], product: ProductRecord?,
        notice: String? = nil
    ) -> HTML {
        let isNew = product == nil
        let title = isNew ? page.t("新建商品", "New product") : page.t("编辑商品", "Edit product")
        let yuan = page.t(.yuan)
        let body: HTML = """
            \(Layout.notice(page, notice))
            <h1>\(title)</h1>
            \(Layout.errorSummary(page, errors))
            <form method="post" action="\(isNew ? "/hq/products" : "/hq/products/\(product?.id ?? "")")" class="card" id="product-form" novalidate>
              \(page.csrfField)
              <input type="hidden" name="rowVersion" value="\(values["rowVersion"] ?? "")">
              <div class="fields">
                \(Field.text(page, name: "sku", value: values["sku"], errors: errors, required: true))
                \(Field.text(page, name: "name", value: values["name"], errors: errors, required: true))
                \(Field.select(page, name: "categoryId", options: categories.map { ($0.id, $0.name) }, selected: values["categoryId"], errors: errors, includeBlank: page.t(.choose)))
                \(Field.text(page, name: "unit", value: values["unit"], errors: errors, hint: page.t("如:瓶、盒、支", "e.g. bottle, box"), required: true))
                \(Field.text(page, name: "packSize", value: values["packSize"], errors: errors, hint: page.t("每箱件数,订货数量按箱规取整", "Units per case; orders round to it"), required: true))
                \(Field.text(page, name: "listPriceFen", label: page.t("零售价(元)", "List price (yuan)"), value: values["listPriceFen"], errors: errors, hint: yuan, required: true))
                \(Field.text(page, name: "level1PriceFen", label: page.t("一级进货价(元)", "Level-1 price (yuan)"), value: values["level1PriceFen"], errors: errors, required: true))
                \(Field.text(page, name: "level2PriceFen", label: page.t("二级进货价(元)", "Level-2 price (yuan)"), value: values["level2PriceFen"], errors: errors, required: true))
                \(Field.text(page, name: "level3PriceFen", label: page.t("三级进货价(元)", "Level-3 price (yuan)"), value: values["level3PriceFen"], errors: errors, required: true))
                \(Field.text(page, name: "commissionRate1Bp", label: page.t("本商品佣金·第一顺位(%)", "This product's rate, 1st in the chain (%)"), value: values["commissionRate1Bp"], errors: errors, hint: page.t("三项都留空则按佣金规则;填 0 表示本商品不分佣;如 5 或 2.5", "Leave all three blank to use the rule; 0 excludes the product; e.g. 5 or 2.5"), attributes: " inputmode=\"decimal\""))
                \(Field.text(page, name: "commissionRate2Bp", label: page.t("本商品佣金·第二顺位(%)", "This product's rate, 2nd in the chain (%)"), value: values["commissionRate2Bp"], errors: errors, attributes: " inputmode=\"decimal\""))
                \(Field.text(page, name: "commissionRate3Bp", label: page.t("本商品佣金·第三顺位(%)", "This product's rate, 3rd in the chain (%)"), value: values["commissionRate3Bp"], errors: errors, attributes: " inputmode=\"decimal\""))
              </div>
              <div class="field"><label for="description">\(page.language.fieldLabel("description"))</label>
                <textarea id="description" name="description" rows="3">\(values["description"] ?? "")</textarea></div>
              <div class="field checks"><label><input type="checkbox" name="onShelf" id="onShelf"\(values["onShelf"] == "on" ? HTML(" checked") : .empty)> \(page.t("上架销售", "On shelf"))</label></div>
              <div class="actions"><button type="submit" id="save-product">\(page.t(.save))</button><a href="/hq/products">\(page.t(.backToTheList))</a></div>
            </form>
            \(product.map { imageForm(page, $0, errors: errors) } ?? .empty)
            """
        return Layout.page(page, title: title, body: body)
    }

    /// The product's image: what partners and consumers see in the catalogue (PNG or JPEG, ≤ 2 MB).
    func imageForm(_ page: PageContext, _ product: ProductRecord, errors: [FieldError]) -> HTML {
        let error = errors.first { $0.field == "image" }
        let remove: HTML =
            product.imageFileId == nil
            ? HTML("<p class=\"muted\">\(page.t("还没有图片,目录中显示商品名称的首字。", "No image yet: the catalogue shows the name's first character."))</p>")
            : """
            <form method="post" action="/hq/products/\(product.id)/image" class="inline">\(page.csrfField)<input type="hidden" name="remove" value="1">
            <button class="link" type="submit" id="remove-image">\(page.t("移除图片", "Remove the image"))</button></form>
            """
        return """
            <div class="card" id="product-image-card"><h2>\(page.t("商品图片", "Product image"))</h2>
            <div class="actions">\(ProductVisual.thumbnail(product)) \(remove)</div>
            <form method="post" action="/hq/products/\(product.id)/image" enctype="multipart/form-data" id="image-form">\(page.csrfField)
              <div class="field\(error == nil ? "" : " invalid")"><label for="image">\(page.t("上传图片", "Upload an image"))</label>
              <input type="file" id="image" name="image" accept="image/png,image/jpeg">
              <div class="hint">\(page.t("PNG 或 JPEG,不超过 2 MB;建议正方形", "PNG or JPEG, at most 2 MB; square works best"))</div>
              \(error.map { HTML("<div class=\"error\" id=\"image-error\">\(page.language.message(for: $0.problem))</div>") } ?? .empty)</div>
              <button type="submit" id="upload-image">\(page.t(.upload))</button></form></div>
            """
    }

    func categoryPage(_ page: PageContext, caller: Caller, errors: [FieldError], values: [String: String], notice: String?) async throws -> HTML {
        let categories = try await services.products.categories(caller)
        let manage = caller.principal.can(.manageProducts)
        let rows = categories.html { category in
            let edit: HTML =
                manage
                ? """
                <form method="post" action="/hq/categories" class="actions">\(page.csrfField)
                <input type="hidden" name="id" value="\(category.id)">
                <input type="text" name="name" value="\(category.name)" aria-label="\(page.t("名称", "Name"))" class="short">
                <input type="number" name="sortOrder" value="\(category.sortOrder)" aria-label="\(page.t("排序", "Sort order"))" class="tiny">
                <button class="secondary" type="submit">\(page.t(.save))</button></form>
                """ : "\(category.name)"
            return "<tr><td>\(edit)</td><td class=\"number\"><a href=\"/hq/products?category=\(category.id)\">\(category.productCount)</a></td></tr>"
        }
        let create: HTML =
            manage
            ? """
            <h2>\(page.t("新建品类", "New category"))</h2>
            \(Layout.errorSummary(page, errors))
            <form method="post" action="/hq/categories" class="card toolbar" id="category-form">\(page.csrfField)
              \(Field.text(page, name: "name", value: values["id"] == nil ? values["name"] : nil, errors: errors, required: true))
              \(Field.text(page, name: "sortOrder", value: values["id"] == nil ? values["sortOrder"] : nil, errors: errors))
              <button type="submit">\(page.t(.create))</button></form>
            """ : .empty
        let body: HTML = """
            \(Layout.notice(page, notice))
            <h1>\(page.t("品类", "Categories"))</h1>
            <div class="table-wrap"><table><thead><tr><th>\(page.t("名称 / 排序", "Name / order"))</th><th class="number">\(page.t("商品数", "Products"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(create)
            """
        return Layout.page(page, title: page.t("品类", "Categories"), body: body)
    }
}
