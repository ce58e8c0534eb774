/// A low-stock line per product in HQ's warehouse (issue 15, `stock.low`): HQ operations set the
/// available quantity at or below which they want to hear, and the change that crosses it sends
/// the event. Null means no line. It lives with the stock, not the catalogue: it is a warehouse's
/// decision, like its reservations.
enum Migration0022LowStockLines {
    static let migration = Migration(version: 22, name: "low_stock_lines") { _ in
        ["ALTER TABLE warehouse_stock ADD COLUMN low_stock_units BIGINT CHECK (low_stock_units IS NULL OR low_stock_units BETWEEN 0 AND 100000000)"]
    }
}
