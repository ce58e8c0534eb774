import Foundation
import QudaoApp
import QudaoCore

/// How grades and their figures are shown, shared by HQ's and the partner's pages: every figure
/// with the counts it was computed from, so a partner can recompute its grade by hand.
enum GradingViews {
    static func badge(_ page: PageContext, _ grade: Grade?) -> HTML {
        guard let grade else { return "<span class=\"badge\">\(page.t(.notGraded))</span>" }
        return "<span class=\"badge \(grade.rawValue)\" data-grade=\"\(grade.rawValue)\">\(page.language.grade(grade))</span>"
    }

    /// A stored ratio in basis points as a percentage, or "—" for n/a.
    static func percent(_ basisPoints: Int64?) -> String {
        basisPoints.map { GradeWording.percent(basisPoints: $0) + "%" } ?? "—"
    }

    static func ratio(_ ratio: Ratio?) -> String {
        percent(ratio?.roundedBasisPoints)
    }

    /// The figures of one grading: each metric with its formula filled in, and the reasons.
    static func figures(_ page: PageContext, _ record: PartnerGradeRecord) -> HTML {
        let inputs = record.inputs
        let metrics = record.metrics
        let reasons = GradeWording.reasons(record.reasons, thresholds: record.thresholds)
        let sellThrough: HTML =
            metrics.sellThrough == nil
            ? "\(page.t("无期初库存也无到货,不适用", "n/a: no stock at the start and nothing received"))"
            : "\(page.t("销售上报", "sold")) \(inputs.unitsSold) ÷ (\(page.t("期初在手", "on hand at the start")) \(inputs.openingOnHand) + \(page.t("期间到货", "received")) \(inputs.unitsReceived)) = <strong>\(ratio(metrics.sellThrough))</strong>"
        let returnRate: HTML =
            metrics.returnRate == nil
            ? "\(page.t("期间无签收,不适用", "n/a: nothing delivered"))"
            : "\(page.t("退货", "returned")) \(inputs.unitsReturned) ÷ \(page.t("签收", "delivered")) \(inputs.unitsDelivered) = <strong>\(ratio(metrics.returnRate))</strong>"
        let salesChange: HTML =
            metrics.salesChange == nil
            ? "\(page.t("前30天无销售,不适用", "n/a: no sales in the 30 days before")) (\(page.t("近30天", "last 30 days")) \(inputs.salesLast30Days.formatted))"
            : "(\(page.t("近30天", "last 30 days")) \(inputs.salesLast30Days.formatted) − \(page.t("前30天", "the 30 before")) \(inputs.salesPrevious30Days.formatted)) ÷ \(inputs.salesPrevious30Days.formatted) = <strong>\(ratio(metrics.salesChange))</strong>"
        return """
            <div class="card grading-figures" data-grade-id="\(record.id)">
              <div class="actions spread" style="margin-top:0"><strong>\(page.t("评级日", "Graded on")) \(record.businessDate)</strong> \(badge(page, record.grade))</div>
              <dl class="profile">
                <dt>\(page.t(.sellThrough))</dt><dd id="figure-sell-through">\(sellThrough)</dd>
                <dt>\(page.t(.returnRate))</dt><dd id="figure-return-rate">\(returnRate)</dd>
                <dt>\(page.t(.salesChange))</dt><dd id="figure-sales-change">\(salesChange)</dd>
                <dt>\(page.t(.reason))</dt><dd id="grade-reasons">\(page.t(reasons.chinese, reasons.english))</dd>
              </dl>
              <p class="muted">\(page.t("统计期:评级日前90天(销售变化:前60天分两段各30天)。", "Window: the 90 days before the grading day (sales change: the last 60 days in two halves of 30)."))</p>
            </div>
            """
    }

    /// The days the grade changed, newest first.
    static func history(_ page: PageContext, _ changes: [PartnerGradeRecord]) -> HTML {
        let rows = changes.html { record in
            """
            <tr><td>\(record.businessDate)</td><td>\(record.previousGrade.map { page.language.grade($0) } ?? "—") → \(badge(page, record.grade))</td>
            <td class="number">\(ratio(record.metrics.sellThrough))</td><td class="number">\(ratio(record.metrics.returnRate))</td>
            <td class="number">\(ratio(record.metrics.salesChange))</td></tr>
            """
        }
        return """
            <div class="table-wrap"><table id="grade-history"><thead><tr><th>\(page.t("日期", "Day"))</th><th>\(page.t("评级变化", "Change"))</th>
              <th class="number">\(page.t(.sellThrough))</th><th class="number">\(page.t(.returnRate))</th>
              <th class="number">\(page.t(.salesChange))</th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(changes.isEmpty ? HTML("<p class=\"muted\">\(page.t("尚无评级记录。", "Not graded yet."))</p>") : .empty)
            """
    }

    /// Follow-up tasks as a list.
    static func taskRows(_ page: PageContext, _ tasks: [FollowUpTask], partners: [String: PartnerRecord], base: String) -> HTML {
        tasks.html { task in
            let partner = partners[task.partnerId]
            return """
                <tr data-task="\(task.number)"><td class="mono"><a href="\(base)/\(task.id)">\(task.number)</a></td>
                <td>\(partner.map { "\($0.code) \($0.name)" } ?? task.partnerId)</td>
                <td>\(page.t(task.reasonChinese, task.reasonEnglish))</td>
                <td><span class="badge \(task.status.rawValue)">\(page.language.followUpStatus(task.status))</span></td>
                <td>\(BusinessTime.displayText(task.openedAt))</td></tr>
                """
        }
    }
}
