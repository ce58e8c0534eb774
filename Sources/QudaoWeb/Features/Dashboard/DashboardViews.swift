import Foundation
import QudaoApp
import QudaoCore

extension Language {
    func dashboardMetric(_ metric: DashboardMetric) -> String {
        switch metric {
        case .netSales: t("销售额(净)", "Net sales")
        case .orders: t(.orders)
        case .averageOrder: t("客单价", "Average order")
        case .activePartners: t(.activePartners)
        case .newPartners: t("新增渠道商", "New partners")
        case .commissionAccrued: t("新增佣金", "Commission accrued")
        case .commissionSettleable: t("待结算佣金", "Commission settleable")
        case .commissionPaid: t("已发放佣金", "Commission paid")
        case .prepaidBalance: t("预存款余额", "Prepaid balances")
        case .topUps: t("充值到账", "Top-ups")
        case .returns: t("退货单数", "Returns refunded")
        case .refunds: t("退款金额", "Refunds")
        }
    }

    /// What a figure counts, for the card's tooltip and the export's notes.
    func dashboardMetricMeaning(_ metric: DashboardMetric) -> String {
        switch metric {
        case .netSales: t("期间支付订单的实付金额减去其退款", "What the orders paid in the range cost, less their refunds")
        case .orders: t("期间支付的采购单与推荐单", "Purchase and referral orders paid in the range")
        case .averageOrder: t("净销售额 ÷ 订单数", "Net sales ÷ orders")
        case .activePartners: t("期间有支付订单的渠道商", "Partners with a paid order in the range")
        case .newPartners: t("期间加入的渠道商", "Partners that joined in the range")
        case .commissionAccrued: t("期间产生的佣金(不含已冲回)", "Commission made in the range (not reversed)")
        case .commissionSettleable: t("当前可结算、尚未结算的佣金", "Commission settleable now, not yet settled")
        case .commissionPaid: t("期间已发放的结算单(佣金与奖励)", "Settlement statements paid in the range (commission and bonus)")
        case .prepaidBalance: t("当前预存款账户余额合计", "What the prepaid accounts hold now")
        case .topUps: t("期间确认到账的充值(不含赠送)", "Top-ups confirmed in the range (without bonuses)")
        case .returns: t("期间完成退款的退货单", "Returns refunded in the range")
        case .refunds: t("期间退货退款的金额", "What those returns refunded")
        }
    }

    func rangePreset(_ preset: DashboardRangePreset) -> String {
        switch preset {
        case .today: t("今天", "Today")
        case .yesterday: t("昨天", "Yesterday")
        case .last7Days: t("近7天", "Last 7 days")
        case .last30Days: t("近30天", "Last 30 days")
        case .last90Days: t("近90天", "Last 90 days")
        case .thisMonth: t("本月", "This month")
        case .lastMonth: t("上月", "Last month")
        case .thisQuarter: t("本季度", "This quarter")
        case .thisYear: t("今年", "This year")
        case .last12Months: t("近12个月", "Last 12 months")
        case .custom: t("自定义", "Custom")
        }
    }

    func granularity(_ grain: RollupGrain) -> String {
        switch grain {
        case .day: t("按日", "By day")
        case .week: t("按周", "By week")
        case .month: t("按月", "By month")
        }
    }

    func partnerDimension(_ dimension: PartnerDimension) -> String {
        switch dimension {
        case .province: t(.region)
        case .level: t(.level)
        case .grade: t(.grade)
        case .partnerType: t(.type)
        }
    }

    /// A breakdown row's key as a reader knows it.
    func breakdownKey(_ dimension: PartnerDimension, _ key: String) -> String {
        switch dimension {
        case .province: key
        case .level: level(Int(key) ?? 1)
        case .grade: Grade(rawValue: key).map(grade) ?? t(.notGraded)
        case .partnerType: PartnerType(rawValue: key).map(partnerType) ?? key
        }
    }
}

/// The pieces of HQ's dashboard page, and the words its exports share with it.
enum DashboardViews {
    /// A figure as it reads: money as `¥1,234.00`, counts as numbers, "—" when there is none.
    static func value(_ metric: DashboardMetric, _ value: Int64?) -> String {
        guard let value else { return "—" }
        return metric.isMoney ? Money(fen: value).formatted : String(value)
    }

    /// Whether a rise is good news (more returns are not).
    static func riseIsGood(_ metric: DashboardMetric) -> Bool { metric != .returns && metric != .refunds }

    /// A change as `+12.3%` / `-4.0%`, to a tenth of a percent, rounded half away from zero.
    static func changeText(_ change: Ratio) -> String {
        let tenths = Money.roundedHalfUpDivision(change.numerator, multipliedBy: 1_000, dividedBy: change.denominator)
        let sign = tenths > 0 ? "+" : tenths < 0 ? "-" : ""
        return "\(sign)\(tenths.magnitude / 10).\(tenths.magnitude % 10)%"
    }

    /// The filter in words, one line per part: the range (and what it is compared with), then each partner filter.
    static func filterLines(_ language: Language, _ filter: DashboardFilter) -> [String] {
        let range = filter.range
        var lines = [
            language.t(
                "时间:\(language.rangePreset(filter.preset)) \(range)(\(range.dayCount) 天),对比上期 \(range.previous)",
                "Dates: \(language.rangePreset(filter.preset)) \(range) (\(range.dayCount) days), against \(range.previous)"),
            language.t("趋势:\(language.granularity(filter.granularity))", "Trend: \(language.granularity(filter.granularity).lowercased())"),
        ]
        var partners: [String] = []
        if let province = filter.province { partners.append(language.t("地区 \(province)", "region \(province)")) }
        if let level = filter.level { partners.append(language.level(level)) }
        if let grade = filter.grade { partners.append(language.t("评级 \(language.grade(grade))", "grade \(language.grade(grade))")) }
        if let type = filter.partnerType { partners.append(language.partnerType(type)) }
        lines.append(
            partners.isEmpty
                ? language.t("渠道商:全部", "Partners: all")
                : language.t("渠道商:\(partners.joined(separator: "、"))", "Partners: \(partners.joined(separator: ", "))"))
        return lines
    }

    /// The filter form: every value in the URL, so a view can be bookmarked and shared.
    static func filterForm(
        _ page: PageContext, filter: DashboardFilter?, raw: [String: String], errors: [FieldError], action: String, hidden: [String: String] = [:]
    ) -> HTML {
        let presets = DashboardRangePreset.allCases.map { ($0.rawValue, page.language.rangePreset($0)) }
        let grains = RollupGrain.allCases.map { ($0.rawValue, page.language.granularity($0)) }
        let provinces = Province.all.map { ($0, $0) }
        let levels = (1...3).map { (String($0), page.language.level($0)) }
        let grades = Grade.allCases.map { ($0.rawValue, page.language.grade($0)) }
        let types = PartnerType.allCases.map { ($0.rawValue, page.language.partnerType($0)) }
        func shown(_ name: String, _ fallback: String?) -> String? { filter == nil ? raw[name] : fallback }
        let granularity = filter.flatMap { $0.granularity == DashboardFilter.defaultGranularity(for: $0.range) ? nil : $0.granularity.rawValue }
        return """
            <form method="get" class="toolbar" id="dashboard-filters" action="\(action)" data-range-form>
              \(hidden.sorted { $0.key < $1.key }.html { "<input type=\"hidden\" name=\"\($0.key)\" value=\"\($0.value)\">" })
              \(Field.select(page, name: "range", label: page.t("时间范围", "Dates"), options: presets, selected: shown("range", filter?.preset.rawValue), errors: errors))
              \(Field.text(page, name: "from", label: page.t(.from), value: shown("from", filter?.range.first.description), errors: errors, type: "date"))
              \(Field.text(page, name: "to", label: page.t(.to), value: shown("to", filter?.range.last.description), errors: errors, type: "date"))
              \(Field.select(page, name: "granularity", label: page.t("趋势粒度", "Trend by"), options: grains, selected: shown("granularity", granularity), errors: errors, includeBlank: page.t("自动", "Automatic")))
              \(Field.select(page, name: "province", label: page.t(.region), options: provinces, selected: shown("province", filter?.province), errors: errors, includeBlank: page.t("全部地区", "All regions")))
              \(Field.select(page, name: "level", label: page.t(.level), options: levels, selected: shown("level", filter?.level.map(String.init)), errors: errors, includeBlank: page.t("全部层级", "All levels")))
              \(Field.select(page, name: "grade", label: page.t(.grade), options: grades, selected: shown("grade", filter?.grade?.rawValue), errors: errors, includeBlank: page.t("全部评级", "All grades")))
              \(Field.select(page, name: "type", label: page.t(.type), options: types, selected: shown("type", filter?.partnerType?.rawValue), errors: errors, includeBlank: page.t("全部类型", "All types")))
              <button type="submit" id="apply-filters">\(page.t("查询", "Apply"))</button>
              <a class="button secondary" href="\(action)\(hidden.isEmpty ? "" : "?" + hidden.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&"))">\(page.t("重置", "Reset"))</a>
            </form>
            """
    }

    /// The filter as a query string (`range=…&province=…`), for links and exports.
    static func query(_ filter: DashboardFilter) -> String {
        filter.queryItems.map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
    }

    /// The headline cards: each figure, its change against the previous period, and the previous value.
    static func metricCards(_ page: PageContext, _ view: DashboardView) -> HTML {
        let cards = view.metrics.html { metric in
            let label = page.language.dashboardMetric(metric.metric)
            let comparison: HTML
            if metric.metric.isSnapshot {
                comparison = "<div class=\"compare muted\">\(page.t("当前时点值", "As of now"))</div>"
            } else if let change = metric.change {
                let up = change.numerator > 0
                let good = change.numerator == 0 ? "flat" : (up == riseIsGood(metric.metric) ? "good" : "bad")
                comparison = """
                    <div class="compare"><span class="change \(good)">\(up ? "▲" : change.numerator < 0 ? "▼" : "■") \(changeText(change))</span>
                    <span class="muted">\(page.t("上期", "Before")) \(value(metric.metric, metric.previous))</span></div>
                    """
            } else {
                comparison =
                    "<div class=\"compare muted\">\(page.t("上期", "Before")) \(value(metric.metric, metric.previous)) · \(page.t("无可比", "no comparison"))</div>"
            }
            return """
                <div class="stat metric" id="metric-\(metric.metric.rawValue)" title="\(page.language.dashboardMetricMeaning(metric.metric))">
                  <div class="label">\(label)</div><div class="value">\(value(metric.metric, metric.value))</div>\(comparison)
                </div>
                """
        }
        return "<div class=\"grid metrics\" id=\"metrics\">\(cards)</div>"
    }

    /// A trend bucket's short label (axis) and its full days (tooltip).
    static func bucketLabel(_ bucket: DateRange, _ grain: RollupGrain) -> String {
        switch grain {
        case .day: String(bucket.first.description.suffix(5))
        case .week: String(bucket.first.description.suffix(5))
        case .month: String(bucket.first.description.prefix(7))
        }
    }

    static func trendChart(_ page: PageContext, _ view: DashboardView) -> HTML {
        Charts.trend(
            page, id: "trend-chart",
            title: page.t(
                "销售趋势(\(page.language.granularity(view.filter.granularity))):柱为净销售额,线为订单数",
                "Sales trend (\(page.language.granularity(view.filter.granularity).lowercased())): bars net sales, line orders"),
            points: view.trend.map {
                Charts.TrendPoint(
                    label: bucketLabel($0.days, view.filter.granularity), detail: $0.days.description, amount: Money(fen: $0.figures.salesFen),
                    count: $0.figures.orders)
            })
    }

    static func breakdownCharts(_ page: PageContext, _ view: DashboardView) -> HTML {
        let charts = PartnerDimension.allCases.html { dimension in
            let rows = view.breakdowns[dimension] ?? []
            let total = max(view.sales.salesFen, 0)
            return Charts.horizontalBars(
                page, id: "breakdown-\(dimension.rawValue)",
                title: page.t("按\(page.language.partnerDimension(dimension))", "By \(page.language.partnerDimension(dimension).lowercased())"),
                rows: rows.prefix(12).map { row in
                    let share =
                        total > 0 ? " · \(Money.roundedHalfUpDivision(max(row.figures.salesFen, 0), multipliedBy: 100, dividedBy: total))%" : ""
                    return Charts.BarRow(
                        label: page.language.breakdownKey(dimension, row.key), amount: Money(fen: row.figures.salesFen),
                        note: page.t("\(row.activePartners) 家动销\(share)", "\(row.activePartners) active\(share)"))
                })
        }
        return "<div class=\"breakdowns\">\(charts)</div>"
    }

    static func topPartnersTable(_ page: PageContext, _ view: DashboardView) -> HTML {
        let rows = view.topPartners.enumerated().html { index, partner in
            """
            <tr><td class="number">\(index + 1)</td><td><a href="/hq/partners/\(partner.partnerId ?? "")">\(partner.partnerCode ?? "")</a></td>
            <td>\(partner.partnerName ?? "")</td><td>\(partner.province)</td><td>\(page.language.level(partner.level))</td>
            <td>\(GradingViews.badge(page, partner.grade))</td><td class="number">\(partner.figures.orders)</td>
            <td class="number">\(Money(fen: partner.figures.salesFen).formatted)</td></tr>
            """
        }
        return """
            <div class="table-wrap"><table id="top-partners"><thead><tr><th>#</th><th>\(page.t(.code))</th><th>\(page.t("渠道商", "Partner"))</th>
            <th>\(page.t(.region))</th><th>\(page.t(.level))</th><th>\(page.t(.grade))</th>
            <th class="number">\(page.t(.orders))</th><th class="number">\(page.t(.netSales))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(view.topPartners.isEmpty ? HTML("<p class=\"muted\">\(page.t("期间没有销售。", "No sales in the range."))</p>") : .empty)
            """
    }

    static func topProductsTable(_ page: PageContext, _ view: DashboardView) -> HTML {
        let rows = view.topProducts.enumerated().html { index, product in
            """
            <tr><td class="number">\(index + 1)</td><td>\(product.sku)</td><td>\(product.name)</td><td class="number">\(product.units)</td>
            <td class="number">\(product.unitsRefunded)</td><td class="number">\(Money(fen: product.grossFen).formatted)</td></tr>
            """
        }
        return """
            <div class="table-wrap"><table id="top-products"><thead><tr><th>#</th><th>SKU</th><th>\(page.t("商品", "Product"))</th>
            <th class="number">\(page.t(.unitsSold))</th><th class="number">\(page.t(.returned))</th>
            <th class="number">\(page.t(.salesBeforeDiscounts))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    /// The whole dashboard below the form.
    static func body(_ page: PageContext, _ view: DashboardView) -> HTML {
        let query = query(view.filter)
        let lines = filterLines(page.language, view.filter).html { "<li>\($0)</li>" }
        let gradeNote: HTML =
            view.filter.grade == nil
            ? .empty
            : "<p class=\"muted\">\(page.t("商品排行按地区、层级和类型筛选,不按评级(商品汇总不记录评级)。", "Top products follow the region, level and type filters but not the grade (product rollups do not keep grades)."))</p>"
        return """
            <div class="dashboard-head">
              <ul class="filter-summary muted" id="filter-summary">\(lines)</ul>
              <div class="exports">
                <a class="button secondary" id="export-xlsx" href="/hq/dashboard/export.xlsx?\(query)">\(page.t(.exportExcel))</a>
                <a class="button secondary" id="export-pdf" href="/hq/dashboard/export.pdf?\(query)">\(page.t(.exportPdf))</a>
                <a class="button secondary" href="/hq/reports?\(query)">\(page.t("查看报表", "Reports"))</a>
              </div>
            </div>
            \(metricCards(page, view))
            <div class="card">\(trendChart(page, view))</div>
            <h2>\(page.t("销售构成", "Where sales come from"))</h2>
            \(breakdownCharts(page, view))
            <div class="two-columns">
              <section><h2>\(page.t(.topPartners))</h2>\(topPartnersTable(page, view))</section>
              <section><h2>\(page.t(.topProducts))</h2>\(topProductsTable(page, view))\(gradeNote)</section>
            </div>
            <p class="muted">\(page.t("生成于 \(BusinessTime.displayText(view.generatedAt))(北京时间)。", "Generated \(BusinessTime.displayText(view.generatedAt)) (Beijing time)."))</p>
            """
    }
}
