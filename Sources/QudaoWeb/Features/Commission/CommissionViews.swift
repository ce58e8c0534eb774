import Foundation
import Hummingbird
import QudaoApp
import QudaoCore
import QudaoFiles

/// Commission and settlement fragments shared by the partner portal and HQ: summary cards, record
/// lists, the explanation of a record, statements and their downloads.
enum CommissionViews {
    static func stateBadge(_ page: PageContext, _ state: CommissionState) -> HTML {
        let style: String
        switch state {
        case .frozen: style = "pending"
        case .settleable: style = "suspended"
        case .settled: style = "active"
        case .reversed: style = "terminated"
        }
        return "<span class=\"badge \(style)\" data-state=\"\(state.rawValue)\">\(page.language.commissionState(state))</span>"
    }

    static func statementBadge(_ page: PageContext, _ status: StatementRecord.Status) -> HTML {
        let style: String
        switch status {
        case .paid: style = "active"
        case .pendingPayout: style = "pending"
        case .payoutFailed: style = "terminated"
        }
        return "<span class=\"badge \(style)\" data-status=\"\(status.rawValue)\">\(page.language.statementStatus(status))</span>"
    }

    /// The partner's commission at a glance (portal home and commission page).
    static func summaryCards(_ page: PageContext, _ summary: CommissionSummary) -> HTML {
        """
        <div class="grid" id="commission-summary">
          <div class="stat"><div class="value" id="commission-frozen">\(summary.frozen.formatted)</div><div class="label">\(page.t("冻结中佣金", "Frozen commission"))</div></div>
          <div class="stat"><div class="value" id="commission-settleable">\(summary.settleable.formatted)</div><div class="label">\(page.t("可结算佣金", "Settleable commission"))</div></div>
          <div class="stat"><div class="value" id="commission-settled-month">\(summary.settledLastRun.formatted)</div><div class="label">\(page.t("本月结算(上月佣金)", "Settled this month (last month's)"))</div></div>
          <div class="stat"><div class="value" id="commission-settled-total">\(summary.settledTotal.formatted)</div><div class="label">\(page.t("累计已结算", "Settled in total"))</div></div>
          <div class="stat"><div class="value" id="orders-awaiting">\(summary.ordersAwaitingSettlement)</div><div class="label">\(page.t("待完成订单(佣金冻结)", "Orders awaiting completion"))</div></div>
        </div>
        """
    }

    /// The sub-navigation of the commission area.
    static func tabs(_ page: PageContext, _ items: [(String, String)]) -> HTML {
        let links = items.html { item in
            "<a href=\"\(item.0)\"\(page.path == item.0 ? HTML(" class=\"current\"") : .empty)>\(item.1)</a>"
        }
        return "<nav class=\"tabs\">\(links)</nav>"
    }

    static func portalTabs(_ page: PageContext) -> HTML {
        tabs(
            page,
            [
                ("/portal/commissions", page.t("佣金明细", "Commission records")), ("/portal/statements", page.t("结算单", "Statements")),
                ("/portal/payout", page.t(.payoutMethod)),
            ])
    }

    static func headquartersTabs(_ page: PageContext) -> HTML {
        tabs(
            page,
            [
                ("/hq/commissions", page.t("佣金明细", "Records")), ("/hq/commission/rules", page.t("佣金规则", "Rules")),
                ("/hq/settlements", page.t("月度结算", "Settlement")), ("/hq/statements", page.t("结算单", "Statements")),
                ("/hq/payouts", page.t(.bankPayouts)),
            ])
    }

    /// The filter of a record list, from the request's query.
    static func filter(_ request: Request, partnerId: String?) throws -> CommissionFilter {
        var validator = Validator()
        let state = validator.oneOf("state", request.query("state"), as: CommissionState.self, required: false)
        let kind = validator.oneOf("kind", request.query("kind"), as: CommissionKind.self, required: false)
        var month: BusinessMonth?
        if let text = request.query("month") {
            month = BusinessMonth(text)
            if month == nil { validator.add("month", .invalidFormat(expected: .month)) }
        }
        let number = validator.text("orderNumber", request.query("orderNumber"), required: false, maximumCharacters: 40)
        if !validator.errors.isEmpty { throw AppError.validation(ValidationFailure(validator.errors)) }
        return CommissionFilter(
            partnerId: partnerId, state: state, kind: kind, month: month, orderNumber: number, statementId: request.query("statementId"))
    }

    static func filterForm(_ page: PageContext, _ request: Request, base: String) -> HTML {
        """
        <form method="get" class="toolbar" action="\(base)" id="commission-filter">
          \(Field.select(page, name: "state", label: page.t(.status), options: CommissionState.allCases.map { ($0.rawValue, page.language.commissionState($0)) }, selected: request.query("state"), errors: [], includeBlank: page.t(.all)))
          \(Field.select(page, name: "kind", label: page.t(.type), options: CommissionKind.allCases.map { ($0.rawValue, page.language.commissionKind($0)) }, selected: request.query("kind"), errors: [], includeBlank: page.t(.all)))
          <div class="field"><label for="month">\(page.t("期间(月)", "Period (month)"))</label><input type="month" id="month" name="month" value="\(request.query("month"))"></div>
          <div class="field"><label for="orderNumber">\(page.t("订单号", "Order number"))</label><input type="text" id="orderNumber" name="orderNumber" value="\(request.query("orderNumber"))"></div>
          \(request.query("partnerId").map { HTML("<input type=\"hidden\" name=\"partnerId\" value=\"\($0)\">") } ?? .empty)
          <button type="submit">\(page.t(.filter))</button></form>
        """
    }

    /// The rate a record shows in a list: the one rate of its lines, or "mixed" when products override it.
    static func rateText(_ page: PageContext, _ record: CommissionRecord) -> String {
        if record.kind == .bonus {
            return page.t("按档位", "By tier")
        }
        guard let explanation = try? JSONDecoder().decode(CommissionExplanation.self, from: Data(record.explanationJSON.utf8)) else { return "—" }
        let rates = Set(explanation.lines.map(\.rate))
        if rates.count == 1, let rate = rates.first { return rate.percentText }
        return page.t("按商品", "Per product")
    }

    /// Where a record, an order or a statement opens, for the portal or HQ.
    struct Links {
        let record: String
        let order: String
        let statement: String
    }

    static func recordTable(
        _ page: PageContext, _ records: [CommissionRecord], numbers: [String: String], partners: [String: PartnerRecord]?, links: Links
    ) -> HTML {
        let rows = records.html { record in
            let partnerCell: HTML =
                partners.map { partners in
                    "<td data-label=\"\(page.t("渠道商", "Partner"))\">\(partners[record.partnerId].map { "\($0.code) \($0.name)" } ?? record.partnerId)</td>"
                } ?? .empty
            let orderCell: HTML =
                record.orderId.map { id in
                    "<a href=\"\(links.order)/\(id)\" class=\"mono\">\(numbers[id] ?? id)</a>"
                } ?? HTML("<span class=\"mono\">\(record.month ?? "")</span>")
            let statementCell: HTML =
                record.statementId.map { id in "<a href=\"\(links.statement)/\(id)\" class=\"mono\">\(numbers[id] ?? id)</a>" } ?? "—"
            return """
                <tr data-record="\(record.id)">\(partnerCell)
                <td data-label="\(page.t("订单", "Order"))">\(orderCell)</td>
                <td data-label="\(page.t(.type))">\(page.language.commissionKind(record.kind))</td>
                <td data-label="\(page.t(.chainPosition))">\(record.position.map { page.language.chainPosition($0) } ?? "—")</td>
                <td class="number" data-label="\(page.t(.base))">\(record.base.formatted)</td>
                <td class="number" data-label="\(page.t("比例", "Rate"))">\(rateText(page, record))</td>
                <td class="number" data-label="\(page.t(.amount))"><a href="\(links.record)/\(record.id)" class="amount">\(record.amount.formatted)</a></td>
                <td data-label="\(page.t(.status))">\(stateBadge(page, record.state))</td>
                <td data-label="\(page.t(.settleableAt))">\(record.settleableAt.map(BusinessTime.displayText) ?? "—")</td>
                <td data-label="\(page.t("结算单", "Statement"))">\(statementCell)</td>
                <td><a href="\(links.record)/\(record.id)" class="explain">\(page.t("计算说明", "Explanation"))</a></td></tr>
                """
        }
        let partnerHeader: HTML = partners == nil ? .empty : "<th>\(page.t("渠道商", "Partner"))</th>"
        let empty: HTML =
            records.isEmpty
            ? HTML(
                "<p class=\"empty\">\(partners == nil ? page.t("还没有佣金记录。下级进货、或顾客通过您的推荐链接下单后,佣金会出现在这里。", "No commission yet. It appears when your downline buys or a consumer orders through your referral link.") : page.t("没有符合条件的佣金记录。", "No record matches."))</p>"
            ) : .empty
        return """
            \(empty)
            <div class="table-wrap"><table id="commission-list" class="responsive"><thead><tr>\(partnerHeader)<th>\(page.t("订单", "Order"))</th><th>\(page.t(.type))</th>
            <th>\(page.t(.chainPosition))</th><th class="number">\(page.t(.base))</th><th class="number">\(page.t("比例", "Rate"))</th>
            <th class="number">\(page.t(.amount))</th><th>\(page.t(.status))</th><th>\(page.t(.settleableAt))</th>
            <th>\(page.t("结算单", "Statement"))</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    /// `1,234,500 fen·bp ÷ 10,000 = 123.4500 fen`: the exact quotient with four decimals, no floating point.
    static func exactQuotient(_ product: Int64) -> String {
        let magnitude = product.magnitude
        let whole = magnitude / 10_000
        let fraction = String(magnitude % 10_000)
        return "\(product < 0 ? "-" : "")\(whole).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }

    /// How a record's fen were computed, step by step, so the partner can redo it by hand.
    static func explanation(_ page: PageContext, _ view: CommissionRecordView) -> HTML {
        let record = view.record
        if record.kind == .bonus { return bonusExplanation(page, view) }
        guard let explanation = view.explanation else {
            return "<p class=\"muted\">\(page.t("该记录没有计算明细。", "This record has no computation detail."))</p>"
        }
        let orderLines = Dictionary(uniqueKeysWithValues: (view.order?.lines ?? []).map { ($0.lineNumber, $0) })
        let rows = explanation.lines.html { line in
            let orderLine = orderLines[line.lineNumber]
            let kept = orderLine.flatMap { $0.unitPrice.fen > 0 ? line.gross.fen / $0.unitPrice.fen : nil }
            return """
                <tr><td data-label="#">\(line.lineNumber)</td>
                <td data-label="\(page.t("商品", "Product"))">\(orderLine.map { "\($0.sku) \($0.productName)" } ?? "")</td>
                <td class="number" data-label="\(page.t("计佣数量 × 单价", "Quantity × price"))">\(kept.map(String.init) ?? "?") × \(orderLine?.unitPrice.formatted ?? "?")</td>
                <td class="number" data-label="\(page.t(.amount))">\(line.gross.formatted)</td>
                <td class="number" data-label="\(page.t("分摊折扣", "Discount share"))">−\(line.discountShare.formatted)</td>
                <td class="number" data-label="\(page.t(.base))">\(line.base.formatted)</td>
                <td class="number" data-label="\(page.t("比例", "Rate"))">\(line.rate.percentText)\(line.overridden ? HTML(" <span class=\"badge\">\(page.t("商品单独比例", "product rate"))</span>") : .empty)</td>
                <td class="number mono" data-label="\(page.t("基数(分) × 基点", "Base (fen) × bp"))">\(line.base.fen) × \(line.rate.basisPoints) = \(line.product)</td></tr>
                """
        }
        let gross = explanation.lines.map(\.gross).sum()
        let discount = explanation.lines.map(\.discountShare).sum()
        let adjustment: HTML
        if record.kind == .adjustment, let base = view.adjustmentBase {
            adjustment = """
                <div class="card" id="adjustment-detail"><h2>\(page.t("退货调整", "Return adjustment"))</h2>
                <p>\(page.t("退货退款后,按保留数量、原订单折扣率和原规则版本重新计算本级佣金(见上表)。", "After the refunded return, this position's commission is recomputed on the kept quantities with the order's own discount rate and rule version (table above)."))</p>
                <dl class="profile"><dt>\(page.t("此前已记佣金", "Booked before"))</dt><dd class="number">\(base.before.formatted)</dd>
                <dt>\(page.t("重新计算后", "Recomputed"))</dt><dd class="number">\(base.after.formatted)</dd>
                <dt>\(page.t("调整金额", "Adjustment"))</dt><dd class="number" id="adjustment-amount">\(base.after.formatted) − \(base.before.formatted) = \(record.amount.formatted)</dd></dl>
                \(record.state == .settleable && view.order?.status == .completed ? HTML("<p class=\"muted\">\(page.t("原佣金已结算或可结算时,调整在下一次结算中扣回。", "When the original was already settled or settleable, the adjustment is clawed back in the next settlement."))</p>") : .empty)
                </div>
                """
        } else {
            adjustment = .empty
        }
        let rates =
            view.rule.map { rule in
                rule.rates.enumerated().map { page.language.chainPosition($0.offset + 1) + " " + $0.element.shortPercentText }.joined(
                    separator: " · ")
            } ?? ""
        return """
            <div class="card" id="explanation">
            <p class="plain-sentence" id="plain-sentence">\(plainSentence(page, view, explanation))</p>
            <details id="arithmetic"><summary>\(page.t("查看计算过程(基数、基点、取整)", "See the arithmetic (bases, basis points, rounding)"))</summary>
            <ol class="calculation">
              <li>\(page.t("规则版本", "Rule version")) <strong id="rule-version">v\(explanation.ruleVersion)</strong>(\(rates));\(page.t("你在该订单分佣链中是:", "your place in the order's commission chain: "))<strong>\(page.language.chainPosition(explanation.position))</strong></li>
              <li>\(page.t("订单预存款折扣率", "The order's prepaid discount rate")) <strong>\(explanation.discountRate.percentText)</strong>:\(page.t("折扣 \(discount.formatted) 按各行金额比例分摊到各行(最大余数法,分摊合计等于订单折扣)。", "the discount \(discount.formatted) is spread over the lines in proportion to their amounts (largest remainder, the shares add up to the order's discount)."))</li>
              <li>\(page.t("每行计佣基数 = 行金额 − 分摊折扣;行佣金(未取整)= 基数 × 比例。", "Each line's base = its amount − its discount share; its unrounded commission = base × rate."))</li>
            </ol>
            <div class="table-wrap"><table id="explanation-lines" class="responsive"><thead><tr><th>#</th><th>\(page.t("商品", "Product"))</th><th class="number">\(page.t("计佣数量 × 单价", "Quantity × price"))</th>
            <th class="number">\(page.t(.amount))</th><th class="number">\(page.t("分摊折扣", "Discount share"))</th><th class="number">\(page.t(.base))</th>
            <th class="number">\(page.t("比例", "Rate"))</th><th class="number">\(page.t("基数(分) × 基点", "Base (fen) × bp"))</th></tr></thead>
            <tbody>\(rows)</tbody>
            <tfoot><tr><td></td><td>\(page.t(.total))</td><td></td><td class="number">\(gross.formatted)</td><td class="number">−\(discount.formatted)</td>
            <td class="number">\((gross - discount).formatted)</td><td></td><td class="number mono" id="explanation-total">\(explanation.total)</td></tr></tfoot></table></div>
            <p id="rounding">\(page.t(.total)) <span class="mono">\(explanation.total)</span> \(page.t("分·基点", "fen·bp")) ÷ 10,000 = <span class="mono">\(exactQuotient(explanation.total))</span> \(page.t("分", "fen")),
            \(page.t("四舍五入(整笔只取整一次)得", "rounded half up once for the whole order to")) <strong class="mono" id="explanation-amount">\(explanation.amount.fen)</strong> \(page.t("分", "fen")) = <strong>\(explanation.amount.formatted)</strong></p>
            </details>
            </div>
            \(adjustment)
            """
    }

    /// The one sentence a partner reads first: "¥2,851.20 × 5% = ¥142.56" (base × rate = amount)
    /// when every line has the same rate, else the base, the per-product rates and the amount.
    /// For a return's adjustment the sentence goes on with the difference it books.
    static func plainSentence(_ page: PageContext, _ view: CommissionRecordView, _ explanation: CommissionExplanation) -> String {
        let base = explanation.lines.map(\.base).sum()
        let rates = Set(explanation.lines.map(\.rate))
        let computed: String
        if rates.count == 1, let rate = rates.first {
            computed = "\(base.formatted) × \(rate.shortPercentText) = \(explanation.amount.formatted)"
        } else {
            computed = page.t(
                "计佣基数 \(base.formatted),各商品按各自比例计算,合计 \(explanation.amount.formatted)",
                "Base \(base.formatted), each product at its own rate: \(explanation.amount.formatted) in all")
        }
        guard view.record.kind == .adjustment, let adjustment = view.adjustmentBase else { return computed }
        return page.t(
            "退货后按保留数量重算:\(computed);调整 \(adjustment.after.formatted) − \(adjustment.before.formatted) = \(view.record.amount.formatted)",
            "Recomputed on the kept quantities after the return: \(computed); adjustment \(adjustment.after.formatted) − \(adjustment.before.formatted) = \(view.record.amount.formatted)"
        )
    }

    static func bonusExplanation(_ page: PageContext, _ view: CommissionRecordView) -> HTML {
        let record = view.record
        let tier = view.rule?.bonusTiers.filter { record.base > $0.threshold }.max { $0.threshold < $1.threshold }
        let tierText: HTML =
            tier.map { tier in
                """
                <li>\(page.t("达到档位:销售额高于 \(tier.threshold.formatted),奖励比例 \(tier.rate.percentText)(只取最高一档)。", "Tier reached: sales above \(tier.threshold.formatted) earn \(tier.rate.percentText) (the highest tier only)."))</li>
                <li><span class="mono">\(record.base.fen) × \(tier.rate.basisPoints) = \(record.base.fen * tier.rate.basisPoints)</span> \(page.t("分·基点", "fen·bp")) ÷ 10,000 = <span class="mono">\(exactQuotient(record.base.fen * tier.rate.basisPoints))</span> \(page.t("分,四舍五入得", "fen, rounded half up to")) <strong id="explanation-amount">\(record.amount.formatted)</strong></li>
                """
            } ?? "<li>\(record.amount.formatted)</li>"
        return """
            <div class="card" id="explanation"><h2>\(page.t("月度销售奖励", "Monthly volume bonus"))</h2>
            <ol class="calculation">
              <li>\(page.t("\(record.month ?? "") 月直接售出金额(已付款订单的实付金额)", "Sales in \(record.month ?? "") (net of paid orders attributed to you)")):<strong>\(record.base.formatted)</strong></li>
              \(tierText)
              <li>\(page.t("规则版本", "Rule version")) v\(record.ruleVersion)</li>
            </ol></div>
            """
    }

    /// `selectingForm`: the id of a form each row's check box belongs to (bulk actions), if any.
    static func statementTable(
        _ page: PageContext, _ statements: [StatementRecord], partners: [String: PartnerRecord]?, base: String, selectingForm: String? = nil,
        tableId: String = "statement-list"
    ) -> HTML {
        let rows = statements.html { statement in
            let select: HTML =
                selectingForm.map { form in
                    "<td><input type=\"checkbox\" name=\"statementId\" value=\"\(statement.id)\" form=\"\(form)\" aria-label=\"\(statement.number)\"></td>"
                } ?? .empty
            let partnerCell: HTML =
                partners.map { partners in
                    "<td data-label=\"\(page.t("渠道商", "Partner"))\">\(partners[statement.partnerId].map { "\($0.code) \($0.name)" } ?? statement.partnerId)</td>"
                } ?? .empty
            return """
                <tr data-statement="\(statement.id)">\(select)<td data-label="\(page.t("结算单号", "Number"))"><a class="mono" href="\(base)/\(statement.id)">\(statement.number)</a></td>
                <td data-label="\(page.t(.month))">\(statement.month)</td>\(partnerCell)
                <td class="number" data-label="\(page.t(.commission))">\(statement.commission.formatted)</td>
                <td class="number" data-label="\(page.t("奖励", "Bonus"))">\(statement.bonus.formatted)</td>
                <td class="number" data-label="\(page.t("实发", "Net"))"><strong>\(statement.net.formatted)</strong></td>
                <td class="number" data-label="\(page.t(.records))">\(statement.recordCount)</td>
                <td data-label="\(page.t("发放方式", "Payout"))">\(page.language.payoutMethod(statement.payoutMethod))</td>
                <td data-label="\(page.t(.status))">\(statementBadge(page, statement.status))</td>
                <td data-label="\(page.t("发放时间", "Paid at"))">\(statement.paidAt.map(BusinessTime.displayText) ?? "—")</td></tr>
                """
        }
        let partnerHeader: HTML = partners == nil ? .empty : "<th>\(page.t("渠道商", "Partner"))</th>"
        return """
            <div class="table-wrap"><table id="\(tableId)" class="responsive"><thead><tr>\(selectingForm == nil ? HTML.empty : HTML("<th><input type=\"checkbox\" data-select-all=\"\(tableId)\" aria-label=\"\(page.t("全选", "Select all"))\"></th>"))<th>\(page.t("结算单号", "Number"))</th><th>\(page.t(.month))</th>\(partnerHeader)
            <th class="number">\(page.t(.commission))</th><th class="number">\(page.t("奖励", "Bonus"))</th><th class="number">\(page.t("实发", "Net"))</th>
            <th class="number">\(page.t(.records))</th><th>\(page.t("发放方式", "Payout"))</th><th>\(page.t(.status))</th><th>\(page.t("发放时间", "Paid at"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    /// The head of a statement page: its figures and downloads.
    static func statementSummary(_ page: PageContext, _ statement: StatementRecord, partner: PartnerRecord, download: String) -> HTML {
        """
        <div class="card" id="statement-summary"><dl class="profile">
          <dt>\(page.t("结算单号", "Number"))</dt><dd class="mono">\(statement.number)</dd>
          <dt>\(page.t("渠道商", "Partner"))</dt><dd>\(partner.code) \(partner.name)</dd>
          <dt>\(page.t("结算月份", "Month"))</dt><dd>\(statement.month)</dd>
          <dt>\(page.t("佣金与调整", "Commission and adjustments"))</dt><dd class="number">\(statement.commission.formatted)</dd>
          <dt>\(page.t("月度奖励", "Monthly bonus"))</dt><dd class="number">\(statement.bonus.formatted)</dd>
          <dt>\(page.t("实发金额", "Net paid"))</dt><dd class="number"><strong id="statement-net">\(statement.net.formatted)</strong></dd>
          <dt>\(page.t("发放方式", "Payout"))</dt><dd>\(page.language.payoutMethod(statement.payoutMethod))</dd>
          <dt>\(page.t(.status))</dt><dd>\(statementBadge(page, statement.status))\(statement.failureReason.map { HTML(" <span class=\"muted\">\($0)</span>") } ?? .empty)</dd>
          <dt>\(page.t("生成时间", "Created"))</dt><dd>\(BusinessTime.displayText(statement.createdAt))</dd>
          <dt>\(page.t("发放时间", "Paid at"))</dt><dd>\(statement.paidAt.map(BusinessTime.displayText) ?? "—")</dd>
        </dl>
        <p><a class="button secondary" id="download-xlsx" href="\(download)?format=xlsx">\(page.t("下载 Excel", "Download Excel"))</a>
        <a class="button secondary" id="download-csv" href="\(download)?format=csv">\(page.t("下载 CSV", "Download CSV"))</a>
        <a class="button secondary" id="download-pdf" href="\(download)?format=pdf">\(page.t("下载 PDF", "Download PDF"))</a></p></div>
        """
    }

    // MARK: - Files

    /// A statement as a workbook or CSV: the summary, then every record with the figures to recompute it.
    static func statementFile(
        _ statement: StatementRecord, records: [CommissionRecord], partner: PartnerRecord, numbers: [String: String], format: ExportFormat,
        language: Language, at instant: Date, brand: String
    ) throws -> Response {
        let header = [
            language.t("序号", "No."), language.t(.type), language.t("订单号", "Order"), language.t(.chainPosition),
            language.t("计佣基数(元)", "Base (yuan)"), language.t(.amountYuan), language.t("金额(分)", "Amount (fen)"),
            language.t("规则版本", "Rule version"), language.t(.settleableAt),
        ]
        var rows: [[SpreadsheetCell]] = records.enumerated().map { index, record in
            [
                .integer(Int64(index + 1)), .text(language.commissionKind(record.kind)),
                .optionalText(record.orderId.flatMap { numbers[$0] } ?? record.month),
                record.position.map { .text(language.chainPosition($0)) } ?? .empty, .money(record.base), .money(record.amount),
                .integer(record.amount.fen),
                .integer(record.ruleVersion), .optionalText(record.settleableAt.map(BusinessTime.displayText)),
            ]
        }
        rows.append([
            .text(language.t(.total)), .empty, .empty, .empty, .empty, .money(statement.net), .integer(statement.net.fen), .empty, .empty,
        ])
        let detail = SpreadsheetTable(name: language.t("明细", "Records"), header: header, rows: rows)
        let fileName = "statement-\(statement.number)"
        switch format {
        case .csv:
            return FileResponse.make(try CSVWriter.data(detail), fileName: fileName + ".csv", contentType: "text/csv; charset=utf-8")
        case .xlsx, .pdf:
            let summary = SpreadsheetTable(
                name: language.t("结算单", "Statement"), header: [language.t("项目", "Item"), language.t("内容", "Value")],
                rows: [
                    [.text(language.t("结算单号", "Number")), .text(statement.number)],
                    [.text(language.t("渠道商", "Partner")), .text("\(partner.code) \(partner.name)")],
                    [.text(language.t("结算月份", "Month")), .text(statement.month)],
                    [.text(language.t("佣金与调整(元)", "Commission and adjustments (yuan)")), .money(statement.commission)],
                    [.text(language.t("月度奖励(元)", "Monthly bonus (yuan)")), .money(statement.bonus)],
                    [.text(language.t("实发金额(元)", "Net (yuan)")), .money(statement.net)],
                    [.text(language.t(.records)), .integer(statement.recordCount)],
                    [.text(language.t("发放方式", "Payout")), .text(language.payoutMethod(statement.payoutMethod))],
                    [.text(language.t(.status)), .text(language.statementStatus(statement.status))],
                ])
            let document = ReportDocument(
                title: language.t("佣金结算单", "Commission statement") + " \(statement.number)",
                notes: [
                    language.t("渠道商:\(partner.code) \(partner.name)", "Partner: \(partner.code) \(partner.name)"),
                    language.t("结算月份:\(statement.month)", "Month: \(statement.month)"),
                    language.generatedLine(instant),
                ], tables: [summary, detail])
            return try ReportResponse.make(document, format: format == .pdf ? .pdf : .xlsx, fileName: fileName, at: instant, brand: brand)
        }
    }

    /// The bank payout file finance sends to the bank: one row per statement awaiting payout.
    static func payoutFile(_ lines: [PayoutLine], format: ExportFormat, language: Language, at instant: Date) throws -> Response {
        let header = [
            language.t("结算单号", "Statement"), language.t(.month), language.t("渠道编码", "Partner code"), language.t("渠道名称", "Partner"),
            language.t(.accountName), language.t("开户行", "Bank"), language.t(.accountNumber),
            language.t(.amountYuan), language.t("金额(分)", "Amount (fen)"),
        ]
        var rows: [[SpreadsheetCell]] = lines.map { line in
            [
                .text(line.statement.number), .text(line.statement.month), .text(line.partner.code), .text(line.partner.name),
                .optionalText(line.settings.accountName), .optionalText(line.settings.bankName), .optionalText(line.settings.accountNumber),
                .money(line.statement.net), .integer(line.statement.net.fen),
            ]
        }
        let total = lines.map(\.statement.net).sum()
        rows.append([
            .text(language.t(.total)), .empty, .empty, .empty, .empty, .empty, .integer(Int64(lines.count)), .money(total),
            .integer(total.fen),
        ])
        let table = SpreadsheetTable(name: language.t(.bankPayouts), header: header, rows: rows)
        let fileName = "payouts-\(BusinessTime.dateStamp(instant))"
        switch format {
        case .csv: return FileResponse.make(try CSVWriter.data(table), fileName: fileName + ".csv", contentType: "text/csv; charset=utf-8")
        case .pdf:
            throw AppError.invalid("format", .notOneOf(allowed: ExportFormat.payoutFormats.map(\.rawValue)))
        case .xlsx:
            // The bank imports the sheet as it is: no notes above its header.
            return FileResponse.make(
                try XLSXWriter.data([table], modifiedAt: instant), fileName: fileName + ".xlsx",
                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
    }
}
