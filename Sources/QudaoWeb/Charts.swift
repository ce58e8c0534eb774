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
}
