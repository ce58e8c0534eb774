import Foundation
import QudaoCore

/// One cell of an exported table. Amounts stay `Money` until the writer renders them, so no
/// floating point is involved: the yuan text with two decimals is written as it is.
public enum SpreadsheetCell: Sendable, Hashable {
    /// Free text; writers protect text that a spreadsheet would run as a formula.
    case text(String)
    /// A whole number (counts, amounts in fen).
    case integer(Int64)
    /// An amount, written in yuan with two decimals.
    case money(Money)
    /// A business day (`yyyy-MM-dd`): a real date in a workbook (an Excel day number with a date
    /// format, so it sorts and filters as a date), the text in CSV.
    case date(String)
    /// Nothing.
    case empty

    /// Text, or an empty cell for nil.
    public static func optionalText(_ value: String?) -> SpreadsheetCell {
        value.map(SpreadsheetCell.text) ?? .empty
    }
}

/// A named table with a header row: one sheet of a workbook, or one CSV file.
public struct SpreadsheetTable: Sendable, Hashable {
    /// The most rows a table may hold: well under the xlsx limit of 1,048,576, and a bound on
    /// the memory a single export can take.
    public static let maximumRowCount = 200_000

    /// The sheet name (at most 31 characters; the characters `[]:*?/\` are replaced).
    public var name: String
    public var header: [String]
    public var rows: [[SpreadsheetCell]]
    /// Lines written above the header in a workbook: a title, the filters used, when it was
    /// made. The header row stays frozen below them.
    public var notes: [String]

    /// Creates a table.
    public init(name: String, header: [String], rows: [[SpreadsheetCell]], notes: [String] = []) {
        self.name = name
        self.header = header
        self.rows = rows
        self.notes = notes
    }
}

/// Why a table cannot be written.
public enum SpreadsheetError: Error, Equatable, CustomStringConvertible {
    case tooManyRows(count: Int, maximum: Int)
    case noSheets

    public var description: String {
        switch self {
        case .tooManyRows(let count, let maximum): "the table has \(count) rows, more than the \(maximum) an export may hold"
        case .noSheets: "a workbook needs at least one sheet"
        }
    }
}

extension SpreadsheetCell {
    /// Whether a spreadsheet would treat the text as a formula (CSV injection): text starting with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return.
    static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }

    /// The text a CSV field carries.
    var csvText: String {
        switch self {
        case .text(let text): Self.looksLikeFormula(text) ? "'" + text : text
        case .integer(let value): String(value)
        case .money(let amount): amount.yuanText
        case .date(let day): day
        case .empty: ""
        }
    }

    /// The Excel day number (1900 date system) of a `yyyy-MM-dd` day, or nil for text that is not a day.
    static func excelSerial(_ day: String) -> Int? {
        guard let parts = DateText.numbers(day, separator: "-", lengths: [4...4, 1...2, 1...2]), (1...12).contains(parts[1]),
            (1...31).contains(parts[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.day, from: date) == parts[2],
            let base = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30))
        else { return nil }
        // Day numbers from 1900-03-01 on, where Excel's phantom 1900-02-29 no longer matters.
        guard let days = calendar.dateComponents([.day], from: base, to: date).day, days >= 61 else { return nil }
        return days
    }
}
