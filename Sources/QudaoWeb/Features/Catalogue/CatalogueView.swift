import Foundation
import QudaoApp
import QudaoCore

/// A product's picture: its image when HQ uploaded one, else a neat initial on a colour of its own.
enum ProductVisual {
    /// How many colours the style sheet has for initials (`tone-0` … `tone-7`).
    static let toneCount = 8

    static func thumbnail(_ product: ProductRecord) -> HTML {
        if let fileId = product.imageFileId {
            return "<img class=\"product-image\" src=\"/products/\(product.id)/image?v=\(fileId)\" alt=\"\" loading=\"lazy\">"
        }
        // The colour follows the SKU, so a product keeps its colour on every page.
        // (A class, not a style attribute: the content security policy allows no inline styles.)
        let index = product.sku.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF } % toneCount
        let initial = product.name.first.map(String.init) ?? "?"
        return "<span class=\"product-initial tone-\(index)\" aria-hidden=\"true\">\(initial)</span>"
    }
}

/// One product as ordering's catalogue shows it.
struct CatalogueItem {
    let product: ProductRecord
    /// What this buyer pays for one unit now (a running promotion's price when it is lower).
    let unitPrice: Money
    let regularPrice: Money
    let promotion: Promotion?
    /// The quantity already chosen (a draft's, or what was typed before a refused step).
    let chosen: String
}

/// Ordering step 1 on a phone: search, category tabs, a card per product with its image, name,
/// the buyer's price and a stepper in pack multiples, and a bar fixed at the bottom with the item
/// count, the running total and 下一步 — so the button is always in reach, however long the list.
/// Without JavaScript the form still works: quantities are plain number fields and the search
/// is a GET form.
enum CatalogueView {
    static func filters(
        _ page: PageContext, categories: [CategoryRecord], search: String?, category: String?, action: String = "/portal/order"
    ) -> HTML {
        let all: HTML = "<a href=\"\(action)\" data-category=\"\"\(category == nil ? HTML(" class=\"current\"") : .empty)>\(page.t(.all))</a>"
        let named = categories.html { item in
            "<a href=\"\(action)?category=\(item.id)\" data-category=\"\(item.id)\"\(category == item.id ? HTML(" class=\"current\"") : .empty)>\(item.name)</a>"
        }
        let tabs: HTML = "\(all)\(named)"
        return """
            <form method="get" action="\(action)" class="catalogue-search" role="search">
              <input type="search" id="q" name="q" value="\(search ?? "")" placeholder="\(page.t("搜索商品名称或编码", "Search by name or SKU"))" aria-label="\(page.t(.search))" data-catalogue-search>
              <button class="secondary" type="submit">\(page.t(.search))</button></form>
            <nav class="category-tabs" id="category-tabs">\(tabs)</nav>
            """
    }

    /// The product cards (inside the ordering form).
    static func list(_ page: PageContext, items: [CatalogueItem], allLink: String = "/portal/order") -> HTML {
        let cards = items.html { card(page, $0) }
        let empty: HTML =
            items.isEmpty
            ? HTML(
                "<p class=\"empty\" id=\"catalogue-empty\">\(page.t("没有找到商品。换个关键词,或", "No product found. Try other words, or")) <a href=\"\(allLink)\">\(page.t("查看全部商品", "see every product"))</a>。</p>"
            ) : .empty
        return """
            \(empty)
            <ul class="catalogue" id="order-products">\(cards)</ul>
            <p class="empty hidden" id="catalogue-no-match">\(page.t("没有符合的商品,换个关键词试试。", "No product matches; try other words."))</p>
            """
    }

    static func card(_ page: PageContext, _ item: CatalogueItem) -> HTML {
        let product = item.product
        let promotion: HTML =
            item.promotion.map { promotion in
                """
                <s class="muted">\(item.regularPrice.formatted)</s> <a class="badge quality" href="/portal/promotions/\(promotion.id)">\(promotion.name)</a>
                """
            } ?? .empty
        let priceClass = item.promotion == nil ? "price" : "price promotion-price"
        return """
            <li class="catalogue-item" data-sku="\(product.sku)" data-category="\(product.categoryId)" data-name="\(product.name.lowercased()) \(product.sku.lowercased())" data-price-fen="\(item.unitPrice.fen)">
              \(ProductVisual.thumbnail(product))
              <div class="catalogue-body">
                <div class="catalogue-name">\(product.name)</div>
                <div class="muted small"><span class="mono">\(product.sku)</span> · \(page.t("每箱 \(product.packSize) \(product.unit)", "\(product.packSize) \(product.unit) a pack"))</div>
                <div><strong class="\(priceClass)"\(item.promotion.map { HTML(" data-promotion=\"\($0.id)\"") } ?? .empty)>\(item.unitPrice.formatted)</strong><span class="muted small">/\(product.unit)</span> \(promotion)</div>
              </div>
              <div class="stepper">
                <button type="button" class="step-down" data-step="-\(product.packSize)" aria-label="\(page.t("减少 \(product.packSize)", "\(product.packSize) fewer"))">−</button>
                <input class="quantity" type="number" inputmode="numeric" min="0" step="\(product.packSize)" name="qty-\(product.id)" value="\(item.chosen)" aria-label="\(product.sku) \(page.t("数量", "quantity"))">
                <button type="button" class="step-up" data-step="\(product.packSize)" aria-label="\(page.t("增加 \(product.packSize)", "\(product.packSize) more"))">+</button>
              </div>
            </li>
            """
    }

    /// The bar fixed at the bottom of the screen: how many units of how many products, the total
    /// at the buyer's prices (the exact amount with the prepaid discount comes on step 2), 下一步.
    static func orderBar(_ page: PageContext, items: [CatalogueItem], button: HTML? = nil) -> HTML {
        var units: Int64 = 0
        var total = Money.zero
        var lines = 0
        for item in items {
            guard let quantity = Int64(item.chosen.trimmingWhitespace()), quantity > 0 else { continue }
            lines += 1
            units += quantity
            total = total + item.unitPrice.times(quantity)
        }
        return """
            <div class="order-bar" id="order-bar">
              <div class="order-bar-figures"><span id="order-count" data-format="\(page.t("{lines} 种 · {units} 件", "{lines} products · {units} units"))">\(page.t("\(lines) 种 · \(units) 件", "\(lines) products · \(units) units"))</span>
                <strong id="order-total">\(total.formatted)</strong></div>
              \(button ?? HTML("<button type=\"submit\" id=\"to-confirm\">\(page.t("下一步", "Next"))</button>"))
            </div>
            """
    }
}
