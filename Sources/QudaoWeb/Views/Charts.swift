import Foundation
import QudaoCore

/// Charts drawn on the server as SVG: readable without scripts, in both languages, and printable.
enum Charts {
    /// A bar chart of amounts by label (e.g. sales by month), with the largest value on the axis and
    /// each bar's amount in its title (shown on hover and read by screen readers).
    static func bars(_ page: PageContext, id: String, title: String, values: [(label: String, amount: Money)]) -> HTML {
        let width = 640
        let height = 220
        let left = 64
        let bottom = 28
        let top = 16
        let plotHeight = height - bottom - top
        let maximum = max(values.map(\.amount.fen).max() ?? 0, 1)
        let slot = values.isEmpty ? 0 : (width - left - 8) / values.count
        let barWidth = max(slot * 3 / 5, 4)
        let bars = values.enumerated().html { index, value in
            // Heights are pixels, proportional to fen: integer arithmetic is exact enough to draw.
            let barHeight = Int(max(value.amount.fen, 0) * Int64(plotHeight) / maximum)
            let x = left + index * slot + (slot - barWidth) / 2
            let y = top + plotHeight - barHeight
            return """
                <g><title>\(value.label): \(value.amount.formatted)</title>
                <rect x="\(x)" y="\(y)" width="\(barWidth)" height="\(barHeight)" fill="#b91c1c" rx="2"></rect>
                <text x="\(x + barWidth / 2)" y="\(height - 10)" font-size="10" text-anchor="middle" fill="#6b7280">\(String(value.label.suffix(5)))</text></g>
                """
        }
        return """
            <figure class="chart" id="\(id)"><figcaption class="muted">\(title)</figcaption>
            <svg viewBox="0 0 \(width) \(height)" width="100%" role="img" aria-label="\(title)" xmlns="http://www.w3.org/2000/svg">
              <line x1="\(left)" y1="\(top + plotHeight)" x2="\(width - 4)" y2="\(top + plotHeight)" stroke="#e5e7eb"></line>
              <line x1="\(left)" y1="\(top)" x2="\(width - 4)" y2="\(top)" stroke="#f3f4f6"></line>
              <text x="\(left - 6)" y="\(top + 4)" font-size="10" text-anchor="end" fill="#6b7280">\(Money(fen: maximum).formatted)</text>
              <text x="\(left - 6)" y="\(top + plotHeight)" font-size="10" text-anchor="end" fill="#6b7280">¥0</text>
              \(bars)
            </svg></figure>
            """
    }

    /// One bucket of a trend chart.
    struct TrendPoint {
        /// The axis label (e.g. `11-02`).
        let label: String
        /// The full days, for the tooltip.
        let detail: String
        let amount: Money
        let count: Int64
    }

    /// The smallest round step (1, 2 or 5 times a power of ten) that splits `maximum` into at most
    /// `ticks` steps: axes read ¥0, ¥50,000, ¥100,000… rather than odd amounts.
    static func niceStep(_ maximum: Int64, ticks: Int64 = 4) -> Int64 {
        var power: Int64 = 1
        while true {
            for factor: Int64 in [1, 2, 5] where factor * power * ticks >= maximum {
                return factor * power
            }
            power *= 10
        }
    }

    /// An axis amount in short form: `¥1.2万` / `¥120k` above ten thousand yuan, else whole yuan.
    static func shortAmount(_ page: PageContext, _ fen: Int64) -> String {
        let yuan = fen / 100
        if yuan.magnitude >= 10_000 {
            return page.language == .chinese
                ? "¥\(yuan / 10_000)\(yuan % 10_000 >= 1_000 ? ".\(yuan % 10_000 / 1_000)" : "")万" : "¥\(yuan / 1_000)k"
        }
        return "¥\(yuan)"
    }

    /// A trend: columns of amounts with a line of counts on its own axis; at most about a dozen
    /// axis labels, each bucket's figures in its tooltip.
    static func trend(_ page: PageContext, id: String, title: String, points: [TrendPoint]) -> HTML {
        let width = 760
        let height = 260
        let left = 64
        let right = 44
        let top = 16
        let bottom = 30
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let amountStep = niceStep(max(points.map(\.amount.fen).max() ?? 0, 100))
        let amountTop = amountStep * 4
        let countStep = niceStep(max(points.map(\.count).max() ?? 0, 4))
        let countTop = countStep * 4
        let slot = points.isEmpty ? plotWidth : plotWidth / points.count
        let barWidth = max(min(slot * 3 / 5, 36), 2)
        let labelEvery = max(1, (points.count + 11) / 12)
        func y(_ value: Int64, _ axisTop: Int64) -> Int { top + plotHeight - Int(max(value, 0) * Int64(plotHeight) / axisTop) }
        let grid = (0...4).html { tick -> HTML in
            let lineY = top + plotHeight - tick * plotHeight / 4
            return """
                <line x1="\(left)" y1="\(lineY)" x2="\(width - right)" y2="\(lineY)" stroke="\(tick == 0 ? "#d1d5db" : "#f0f1f3")"></line>
                <text x="\(left - 6)" y="\(lineY + 4)" font-size="10" text-anchor="end" fill="#6b7280">\(shortAmount(page, amountStep * Int64(tick)))</text>
                <text x="\(width - right + 6)" y="\(lineY + 4)" font-size="10" fill="#1d4ed8">\(countStep * Int64(tick))</text>
                """
        }
        let bars = points.enumerated().html { index, point -> HTML in
            let x = left + index * slot + (slot - barWidth) / 2
            let barTop = y(point.amount.fen, amountTop)
            let label: HTML =
                index % labelEvery == 0
                ? "<text x=\"\(x + barWidth / 2)\" y=\"\(height - 10)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#6b7280\">\(point.label)</text>"
                : .empty
            return """
                <g class="bucket"><title>\(point.detail): \(point.amount.formatted) · \(page.t("\(point.count) 单", "\(point.count) orders"))</title>
                <rect x="\(x)" y="\(barTop)" width="\(barWidth)" height="\(top + plotHeight - barTop)" fill="#b91c1c" rx="2"></rect>\(label)</g>
                """
        }
        let line = points.enumerated().map { index, point in "\(left + index * slot + slot / 2),\(y(point.count, countTop))" }.joined(separator: " ")
        let dots =
            points.count > 40
            ? HTML.empty
            : points.enumerated().html { index, point in
                "<circle cx=\"\(left + index * slot + slot / 2)\" cy=\"\(y(point.count, countTop))\" r=\"2.5\" fill=\"#1d4ed8\"></circle>"
            }
        return """
            <figure class="chart" id="\(id)"><figcaption class="muted">\(title)</figcaption>
            <svg viewBox="0 0 \(width) \(height)" width="100%" role="img" aria-label="\(title)" xmlns="http://www.w3.org/2000/svg">
              \(grid)\(bars)
              <polyline points="\(line)" fill="none" stroke="#1d4ed8" stroke-width="2"></polyline>\(dots)
            </svg></figure>
            """
    }

    /// One bar of a horizontal bar chart.
    struct BarRow {
        let label: String
        let amount: Money
        /// Said after the amount (e.g. "3 active · 25%").
        let note: String
    }

    /// Labelled horizontal bars, longest first as given, each with its amount and a note.
    static func horizontalBars(_ page: PageContext, id: String, title: String, rows: [BarRow]) -> HTML {
        // Drawn at most 420 pixels wide (the style sheet caps it), so the text stays near its size.
        let width = 420
        let rowHeight = 36
        let labelWidth = 84
        let barSpace = width - labelWidth - 4
        let height = max(rows.count, 1) * rowHeight + 4
        let maximum = max(rows.map(\.amount.fen).max() ?? 0, 1)
        let bars = rows.enumerated().html { index, row -> HTML in
            let y = 4 + index * rowHeight
            let barLength = Int(max(row.amount.fen, 0) * Int64(barSpace) / maximum)
            return """
                <g><title>\(row.label): \(row.amount.formatted) · \(row.note)</title>
                <text x="\(labelWidth - 8)" y="\(y + 13)" font-size="12" text-anchor="end" fill="#1f2937">\(row.label)</text>
                <rect x="\(labelWidth)" y="\(y + 2)" width="\(max(barLength, 1))" height="14" fill="#ef4444" rx="2"></rect>
                <text x="\(labelWidth)" y="\(y + 30)" font-size="11" fill="#4b5563">\(row.amount.formatted) · \(row.note)</text></g>
                """
        }
        let empty: HTML = rows.isEmpty ? "<text x=\"8\" y=\"20\" font-size=\"12\" fill=\"#6b7280\">\(page.t("没有数据", "No data"))</text>" : .empty
        return """
            <figure class="chart card" id="\(id)"><figcaption><strong>\(title)</strong></figcaption>
            <svg viewBox="0 0 \(width) \(height)" width="100%" role="img" aria-label="\(title)" xmlns="http://www.w3.org/2000/svg">\(bars)\(empty)</svg>
            </figure>
            """
    }
}
