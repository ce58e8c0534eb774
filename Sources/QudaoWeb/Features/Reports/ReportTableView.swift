import Foundation
import QudaoApp
import QudaoCore
import QudaoFiles

/// A report's table on a page.
enum ReportTableView {
    /// A table on a page: numbers right-aligned, money as `¥1,234.00`.
    static func html(_ page: PageContext, _ table: SpreadsheetTable, id: String) -> HTML {
        func cell(_ value: SpreadsheetCell) -> HTML {
            switch value {
            case .text(let text): "<td>\(text)</td>"
            case .integer(let number): "<td class=\"number\">\(number)</td>"
            case .money(let money): "<td class=\"number\">\(money.formatted)</td>"
            case .date(let day): "<td>\(day)</td>"
            case .empty: "<td></td>"
            }
        }
        let header = table.header.html { "<th>\($0)</th>" }
        let rows = table.rows.html { row in "<tr>\(row.html(cell))</tr>" }
        return """
            <div class="table-wrap"><table id="\(id)"><thead><tr>\(header)</tr></thead><tbody>\(rows)</tbody></table></div>
            \(table.rows.isEmpty ? HTML("<p class=\"muted\">\(page.t("没有符合条件的记录。", "Nothing matches."))</p>") : .empty)
            """
    }
}
