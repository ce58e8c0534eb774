import Foundation
import QudaoCore

/// A report as it is exported: a title, the lines saying what it covers (filters, when it was
/// made), charts and tables. The same document is written as a workbook (one sheet per table,
/// the lines above each header) and as a PDF (title, lines, charts, then tables across pages).
public struct ReportDocument: Sendable, Hashable {
    public var title: String
    /// The filters used and the generation time, one per line.
    public var notes: [String]
    public var charts: [ReportChart]
    public var tables: [SpreadsheetTable]
    /// The brand whose platform made it (its name closes the notes and foots every PDF page);
    /// blank before the company has named itself.
    public var brand: String = ""

    /// Creates a document.
    public init(title: String, notes: [String], charts: [ReportChart] = [], tables: [SpreadsheetTable]) {
        self.title = title
        self.notes = notes
        self.charts = charts
        self.tables = tables
    }

    /// The workbook: each table a sheet whose notes are the title, the table's name and the
    /// document's lines, above a frozen header.
    public func workbook(modifiedAt: Date) throws -> Data {
        try XLSXWriter.data(
            tables.map { table in
                var sheet = table
                sheet.notes = ["\(title) · \(table.name)"] + notes + table.notes + (brand.isEmpty ? [] : [brand])
                return sheet
            }, modifiedAt: modifiedAt)
    }
}

/// A chart of a report: amounts (or counts) by label.
public struct ReportChart: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Vertical columns in order (a trend).
        case columns
        /// Horizontal bars (a breakdown).
        case bars
    }

    public struct Point: Sendable, Hashable {
        public let label: String
        /// Fen when the chart is of money, else a count.
        public let value: Int64

        public init(label: String, value: Int64) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var kind: Kind
    /// Whether values are fen (drawn as yuan) or counts.
    public var isMoney: Bool
    public var points: [Point]

    public init(title: String, kind: Kind, isMoney: Bool, points: [Point]) {
        self.title = title
        self.kind = kind
        self.isMoney = isMoney
        self.points = points
    }
}
