import Foundation
import QudaoApp
import QudaoCore

/// Pieces of the order pages shared by HQ, the partner portal and the consumer's page.
enum OrderViews {
    static func statusBadge(_ page: PageContext, _ status: OrderStatus) -> HTML {
        let style: String
        switch status {
        case .pendingPayment: style = "pending"
        case .cancelled: style = "terminated"
        case .completed: style = "active"
        default: style = "suspended"
        }
        return "<span class=\"badge \(style)\" data-status=\"\(status.rawValue)\">\(page.language.orderStatus(status))</span>"
    }

    static func lines(_ page: PageContext, _ order: OrderRecord) -> HTML {
        let rows = order.lines.html { line in
            """
            <tr><td data-label="SKU" class="mono">\(line.sku)</td><td data-label="\(page.t("商品", "Product"))">\(line.productName)</td>
            <td class="number" data-label="\(page.t(.unitPrice))">\(line.unitPrice.formatted)\(line.regularUnitPrice.map { HTML(" <s class=\"muted\">\($0.formatted)</s>") } ?? .empty)\(line.promotionId == nil ? HTML.empty : HTML(" <span class=\"badge quality\" data-promotion=\"\(line.promotionId ?? "")\">\(page.t("促销", "Promotion"))</span>"))</td>
            <td class="number" data-label="\(page.t("数量", "Quantity"))">\(line.quantity) \(line.unit)</td>
            <td class="number" data-label="\(page.t("已退", "Returned"))">\(line.returnedQuantity)</td>
            <td class="number" data-label="\(page.t(.subtotal))">\(line.gross.formatted)</td></tr>
            """
        }
        return """
            <div class="table-wrap"><table class="responsive" id="order-lines"><thead><tr><th>SKU</th><th>\(page.t("商品", "Product"))</th>
            <th class="number">\(page.t(.unitPrice))</th><th class="number">\(page.t("数量", "Quantity"))</th>
            <th class="number">\(page.t("已退", "Returned"))</th><th class="number">\(page.t(.subtotal))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    static func summary(_ page: PageContext, _ order: OrderRecord, partner: PartnerRecord?, copyShipToURL: String? = nil) -> HTML {
        let copy: HTML =
            copyShipToURL.map {
                " <button class=\"link\" type=\"button\" id=\"copy-ship-to\" data-copy-url=\"\($0)\" data-copy-target=\"ship-to\" data-copied=\"\(page.t(.copied))\">\(page.t(.copy))</button>"
            } ?? .empty
        let partnerRow: HTML =
            partner.map {
                "<dt>\(order.kind == .purchase ? page.t("订货方", "Buyer") : page.t("归属渠道商", "Attributed to"))</dt><dd>\($0.code) \($0.name)</dd>"
            } ?? .empty
        return """
            <div class="card"><dl class="profile" id="order-summary">
              <dt>\(page.t("订单号", "Order number"))</dt><dd class="mono" id="order-number">\(order.number)</dd>
              <dt>\(page.t(.type))</dt><dd>\(page.language.orderKind(order.kind))</dd>
              \(partnerRow)
              <dt>\(page.t(.status))</dt><dd id="order-status">\(statusBadge(page, order.status))\(backOrderBadge(page, order))</dd>
              <dt>\(page.t(.gross))</dt><dd class="mono">\(order.gross.formatted)</dd>
              <dt>\(page.t(.prepaidDiscount))</dt><dd class="mono">−\(order.discount.formatted) (\(order.discountRate.percentText))</dd>
              <dt>\(page.t("实付金额", "Net"))</dt><dd class="mono" id="order-net"><strong>\(order.net.formatted)</strong></dd>
              <dt>\(page.t("已退款", "Refunded"))</dt><dd class="mono" id="order-refunded">\(order.refunded.formatted)</dd>
              <dt>\(page.t("付款方式", "Payment"))</dt><dd>\(order.paymentMethod == .prepaid ? page.t("预存款", "Prepaid balance") : page.t("在线支付", "Payment provider"))\(order.paymentReference.flatMap { $0.hasPrefix("ltx_") ? nil : HTML(" <span class=\"mono\">\($0)</span>") } ?? .empty)</dd>
              <dt>\(page.t("收货信息", "Ship to"))</dt><dd><span class="copy-target" id="ship-to">\(order.shipName) \(PersonalDataMask.phone(order.shipPhone))\n\(order.shipAddress)</span>\(copy)</dd>
              <dt>\(page.t("物流", "Carrier"))</dt><dd>\(order.carrier ?? "—") <span class="mono">\(order.trackingNumber ?? "")</span></dd>
              <dt>\(page.t(.placed))</dt><dd>\(BusinessTime.displayText(order.createdAt))</dd>
            </dl></div>
            """
    }

    /// "缺货待配货" beside a paid purchase order waiting for stock.
    static func backOrderBadge(_ page: PageContext, _ order: OrderRecord) -> HTML {
        guard order.status == .paid, order.allocation == .waiting else { return .empty }
        let since = order.backorderedAt.map { " " + page.t("自 \(BusinessTime.displayText($0))", "since \(BusinessTime.displayText($0))") } ?? ""
        return " <span class=\"badge waiting\" id=\"back-order\">\(page.t("缺货待配货", "Back-order: waiting for stock"))\(since)</span>"
    }

    /// The voucher chain as a timeline (电子凭证): each step with time, actor, address and its evidence.
    static func timeline(_ page: PageContext, _ vouchers: [VoucherRecord]) -> HTML {
        let items = vouchers.html { voucher in
            let details = payloadSummary(page, voucher.payloadJSON)
            return """
                <li class="timeline-item" data-event="\(voucher.event)"><div class="timeline-time">\(BusinessTime.displayText(voucher.occurredAt))</div>
                <div><strong>\(page.language.voucherEvent(voucher.event))</strong>
                \(voucher.fromStatus.map { HTML("<span class=\"muted\">\(page.language.orderStatus($0)) → \(page.language.orderStatus(voucher.toStatus))</span>") } ?? .empty)
                <div class="muted">\(page.t("操作人", "By")) \(voucher.actorName) · IP <span class="mono">\(voucher.sourceIP)</span> · \(page.t("凭证", "Voucher")) #\(voucher.sequence) <span class="mono" title="\(voucher.rowHash)">\(String(voucher.rowHash.prefix(12)))</span></div>
                \(details)</div></li>
                """
        }
        return """
            <h2>\(page.t("电子凭证", "Electronic vouchers"))</h2>
            <ol class="timeline" id="voucher-timeline">\(items)</ol>
            """
    }

    /// A voucher's lines as stored (`SK-1003×12@4968`: SKU, quantity, unit price in fen) the way
    /// people read them: `SK-1003 × 12 @ ¥49.68`. The stored text stays as it is: it is hash-chained.
    static func voucherLinesText(_ stored: String) -> String {
        stored.components(separatedBy: ", ").map { line in
            let parts = line.split(separator: "@", maxSplits: 1)
            guard parts.count == 2, let fen = Int64(parts[1]) else { return line }
            let item = parts[0].split(separator: "×", maxSplits: 1)
            guard item.count == 2 else { return line }
            return "\(item[0]) × \(item[1]) @ \(Money(fen: fen).formatted)"
        }.joined(separator: ";")
    }

    /// A payment reference as people read it: a prepaid payment's ledger transaction is an internal
    /// id, so it reads "预存款扣款"; a payment provider's reference is shown as it came.
    static func paymentReferenceText(_ page: PageContext, _ reference: String) -> String {
        reference.hasPrefix("ltx_") ? page.t("预存款扣款", "paid from prepaid") : reference
    }

    /// What an order page shows above its actions when one was refused: every field's problem, or
    /// the conflict (the order or return moved meanwhile). Any other error is rethrown.
    static func actionErrors(_ error: AppError) throws -> [FieldError] {
        switch error {
        case .validation(let failure): return failure.errors
        case .conflict(let reason): return [FieldError(field: "order", problem: .notAllowed(reason: reason))]
        default: throw error
        }
    }

    static func payloadSummary(_ page: PageContext, _ json: String) -> HTML {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], !object.isEmpty else { return .empty }
        let labels: [String: String] = [
            "paymentReference": page.t("付款凭证号", "Payment reference"), "carrier": page.t(.carrier),
            "trackingNumber": page.t(.trackingNumber), "proofOfDelivery": page.t("签收凭证", "Proof of delivery"),
            "reason": page.t(.reason), "refundFen": page.t("退款", "Refund"), "netFen": page.t("实付", "Net"),
            "grossFen": page.t(.gross), "lines": page.t("明细", "Lines"), "returnNumber": page.t(.return),
            "automatic": page.t("系统自动", "Automatic"),
        ]
        let parts = object.keys.sorted().compactMap { key -> HTML? in
            guard let label = labels[key] else { return nil }
            let value = object[key]
            if value is NSNull { return nil }
            let text: String
            if key.hasSuffix("Fen"), let fen = value as? NSNumber {
                text = Money(fen: fen.int64Value).formatted
            } else if key == "lines", let lines = value as? String {
                text = Self.voucherLinesText(lines)
            } else if key == "paymentReference", let reference = value as? String {
                text = Self.paymentReferenceText(page, reference)
            } else if key == "automatic" {
                text = page.t(.yes)
            } else {
                text = "\(value ?? "")"
            }
            return "<span>\(label): <span class=\"mono\">\(text)</span></span>"
        }
        return parts.isEmpty ? .empty : "<div class=\"timeline-payload\">\(HTML.join(parts, separator: " · "))</div>"
    }

    static func returns(_ page: PageContext, _ view: OrderView, actions: (ReturnRecord) -> HTML) -> HTML {
        guard !view.returns.isEmpty else { return .empty }
        let rows = view.returns.html { request in
            let lines = request.quantities.sorted { $0.key < $1.key }.map { number, quantity in
                "\(view.order.lines.first { $0.lineNumber == number }?.sku ?? "#\(number)") × \(quantity)"
            }.joined(separator: ", ")
            return """
                <tr data-return="\(request.number)"><td class="mono" data-label="\(page.t(.return))">\(request.number)</td>
                <td data-label="\(page.t("明细", "Lines"))">\(lines)</td><td data-label="\(page.t(.reason))">\(request.reason)</td>
                <td data-label="\(page.t(.status))">\(page.language.returnStatus(request.status))\(request.afterCompletion ? HTML(" <span class=\"muted\">(\(page.t("售后", "after completion")))</span>") : .empty)</td>
                <td class="number" data-label="\(page.t("退款", "Refund"))">\(request.refund?.formatted ?? "—")</td><td>\(actions(request))</td></tr>
                """
        }
        return """
            <h2>\(page.t("退货", "Returns"))</h2>
            <div class="table-wrap"><table class="responsive" id="order-returns"><thead><tr><th>\(page.t(.return))</th><th>\(page.t("明细", "Lines"))</th>
            <th>\(page.t(.reason))</th><th>\(page.t(.status))</th><th class="number">\(page.t("退款", "Refund"))</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    /// The form asking back some quantities of each line.
    static func returnForm(_ page: PageContext, _ view: OrderView, action: String, errors: [FieldError], title: String) -> HTML {
        let rows = view.order.lines.filter { (view.returnableByLine[$0.lineNumber] ?? 0) > 0 }.html { line in
            let available = view.returnableByLine[line.lineNumber] ?? 0
            return """
                <div class="field"><label for="return-\(line.lineNumber)">\(line.sku) \(line.productName) (\(page.t("可退", "up to")) \(available))</label>
                <input type="number" min="0" max="\(available)" step="1" id="return-\(line.lineNumber)" name="line-\(line.lineNumber)" value="0"></div>
                """
        }
        return """
            <form method="post" action="\(action)" class="card" id="return-form"><h2>\(title)</h2>\(page.csrfField)
            \(Layout.errorSummary(page, errors))
            <div class="fields">\(rows)</div>
            \(Field.text(page, name: "reason", value: nil, errors: errors, required: true))
            <button type="submit" id="request-return">\(page.t("提交退货", "Submit return"))</button></form>
            """
    }

    /// Return quantities from a return form.
    static func returnQuantities(_ form: FormData, order: OrderRecord) -> [Int: IntegerInput] {
        var quantities: [Int: IntegerInput] = [:]
        for line in order.lines {
            quantities[line.lineNumber] = IntegerInput(text: form["line-\(line.lineNumber)"])
        }
        return quantities
    }
}
