import Foundation

/// Writes RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line
/// break. The file starts with a UTF-8 byte order mark because Excel on Chinese Windows opens
/// BOM-less UTF-8 as GBK and garbles every Chinese name.
public enum CSVWriter {
    /// The bytes of the table as CSV, header first.
    public static func data(_ table: SpreadsheetTable) throws -> Data {
        guard table.rows.count <= SpreadsheetTable.maximumRowCount else {
            throw SpreadsheetError.tooManyRows(count: table.rows.count, maximum: SpreadsheetTable.maximumRowCount)
        }
        var text = "\u{FEFF}"
        text += line(table.header.map { SpreadsheetCell.text($0).csvText })
        for row in table.rows {
            text += line(row.map(\.csvText))
        }
        return Data(text.utf8)
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
