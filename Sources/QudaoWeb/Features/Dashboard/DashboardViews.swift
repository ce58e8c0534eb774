import Foundation
import QudaoApp
import QudaoCore

/// The pieces of HQ's dashboard page, and the words its exports share with it.
enum DashboardViews {
    /// A figure as it reads: money as `¥1,234.00`, counts as numbers, "—" when there is none.
    static func value(_ metric: DashboardMetric, _ value: Int64?) -> String {
        guard let value else { return "—" }
        return metric.isMoney ? Money(fen: value).formatted : String(value)
    }

    /// Whether a rise is good news (more returns are not).
    static func riseIsGood(_ metric: DashboardMetric) -> Bool { metric != .returns && metric != .refunds }

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
                    <div class="compare"><span class="change \(good)">\(up ? "▲" : change.numerator < 0 ? "▼" : "■") \(DashboardText.changeText(change))</span>
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

    /// The collection cycle (回款周期): mean and 90th percentile in days, beside the previous period.
    /// A shorter cycle is better, so a fall is shown as good.
    static func collectionCard(_ page: PageContext, current: CollectionCycle, previous: CollectionCycle) -> HTML {
        func days(_ milliseconds: Int64?) -> String {
            milliseconds.map { page.t("\(CollectionCycle.daysText($0)) 天", "\(CollectionCycle.daysText($0)) days") } ?? "—"
        }
        func comparison(_ now: Int64?, _ before: Int64?) -> HTML {
            guard let now, let before else { return "<span class=\"muted\">\(page.t("上期", "Before")) \(days(before))</span>" }
            let tone = now == before ? "flat" : now < before ? "good" : "bad"
            return
                "<span class=\"change \(tone)\">\(now < before ? "▼" : now > before ? "▲" : "■")</span> <span class=\"muted\">\(page.t("上期", "Before")) \(days(before))</span>"
        }
        return """
            <div class="grid metrics" id="collection-cycle">
              <div class="stat metric" id="collection-mean" title="\(page.t("充值从申请到确认、推荐订单从下单到付款的平均时长", "Mean time from a top-up's request to its confirmation, and from a referral order to its payment"))">
                <div class="label">\(page.t("回款周期(平均)", "Collection cycle (mean)"))</div><div class="value">\(days(current.meanMilliseconds))</div>
                <div class="compare">\(comparison(current.meanMilliseconds, previous.meanMilliseconds))</div></div>
              <div class="stat metric" id="collection-p90" title="\(page.t("九成款项在此时长内到账", "Nine in ten collections arrive within this time"))">
                <div class="label">\(page.t("回款周期(90分位)", "Collection cycle (90th percentile)"))</div><div class="value">\(days(current.percentile90Milliseconds))</div>
                <div class="compare">\(comparison(current.percentile90Milliseconds, previous.percentile90Milliseconds))</div></div>
              <div class="stat metric" id="collection-count"><div class="label">\(page.t("回款笔数", "Collections"))</div><div class="value">\(current.count)</div>
                <div class="compare muted">\(page.t("上期", "Before")) \(previous.count)</div></div>
            </div>
            """
    }

    static func trendChart(_ page: PageContext, _ view: DashboardView) -> HTML {
        Charts.trend(
            page, id: "trend-chart",
            title: page.t(
                "销售趋势(\(page.language.granularity(view.filter.granularity))):柱为净销售额,线为订单数",
                "Sales trend (\(page.language.granularity(view.filter.granularity).lowercased())): bars net sales, line orders"),
            points: view.trend.map {
                Charts.TrendPoint(
                    label: DashboardText.bucketLabel($0.days, view.filter.granularity), detail: $0.days.description,
                    amount: Money(fen: $0.figures.salesFen),
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
        let lines = DashboardText.filterLines(page.language, view.filter).html { "<li>\($0)</li>" }
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
            \(collectionCard(page, current: view.collection, previous: view.previousCollection))
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
