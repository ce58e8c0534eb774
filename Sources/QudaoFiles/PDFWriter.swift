import CCairo
import Foundation
import QudaoCore

/// Thrown when a PDF cannot be made.
public enum PDFError: Error, Equatable, CustomStringConvertible {
    case tooManyRows(count: Int, maximum: Int)
    case drawingFailed(String)

    public var description: String {
        switch self {
        case .tooManyRows(let count, let maximum): "the report has \(count) rows, more than the \(maximum) a PDF may hold"
        case .drawingFailed(let reason): "the PDF could not be drawn: \(reason)"
        }
    }
}

/// Writes a ``ReportDocument`` as an A4 PDF with Cairo: the title, the lines saying what
/// it covers, the charts, then each table across as many pages as it needs, its header repeated
/// on every page, and the page number at the foot. Text is set in Noto Sans CJK (found by
/// fontconfig), so Chinese renders and `pdftotext` reads it back.
///
/// Coordinates are points (floating point, as Cairo draws); amounts are formatted from fen as text
/// before they are drawn, and bar lengths are computed in integers, so no money is ever a float.
public enum PDFWriter {
    /// The most table rows one PDF holds (about 1,000 pages): a bound on memory and time.
    public static let maximumRowCount = 50_000

    /// The font family; fontconfig falls back to another CJK font if it is missing.
    static let family = "Noto Sans CJK SC"

    // A4 in points, with margins.
    static let pageWidth = 595.0
    static let pageHeight = 842.0
    static let margin = 40.0

    /// Cairo and fontconfig keep process-wide caches; drawing one document at a time keeps them
    /// safe to share between concurrent requests (a report takes milliseconds to draw).
    private static let lock = NSLock()

    /// The bytes of the PDF of `document`, dated `createdAt`.
    public static func data(_ document: ReportDocument, createdAt: Date) throws -> Data {
        let rowCount = document.tables.map(\.rows.count).reduce(0, +)
        guard rowCount <= maximumRowCount else { throw PDFError.tooManyRows(count: rowCount, maximum: maximumRowCount) }
        lock.lock()
        defer { lock.unlock() }
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                    Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                    return CAIRO_STATUS_SUCCESS
                }, unmanaged.toOpaque(), pageWidth, pageHeight)
        else { throw PDFError.drawingFailed("no surface") }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, document.brand.isEmpty ? "Qudao" : document.brand)
        if !document.brand.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, document.brand) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, iso8601(createdAt))
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw PDFError.drawingFailed("no context")
        }
        let pages = Pages(context: context, title: document.title, brand: document.brand)
        pages.draw(document)
        pages.finish()
        cairo_destroy(context)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw PDFError.drawingFailed(String(cString: cairo_status_to_string(status))) }
        return sink.data
    }

    static func iso8601(_ instant: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: instant)
    }

    /// Where Cairo writes the PDF's bytes.
    final class Sink {
        var data = Data()
    }

    /// A cell as the PDF prints it, and whether it aligns right (numbers).
    static func text(_ cell: SpreadsheetCell) -> (text: String, alignRight: Bool) {
        switch cell {
        case .text(let text): (text, false)
        case .integer(let value): (grouped(value), true)
        case .money(let money): (String(money.formatted.replacingOccurrences(of: "¥", with: "")), true)
        case .date(let day): (day, false)
        case .empty: ("", false)
        }
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// Draws pages one after another, breaking when the next thing does not fit.
    final class Pages {
        let context: OpaquePointer
        let title: String
        /// The brand named in every page's footer.
        let brand: String
        var y = margin
        var pageNumber = 1
        /// Where content stops: the footer ("— n —") sits below it.
        var bottom: Double { pageHeight - margin - 14 }

        init(context: OpaquePointer, title: String, brand: String) {
            self.context = context
            self.title = title
            self.brand = brand
        }

        // MARK: Text

        /// Selects the font at `size` points, bold when asked. Cairo finds the family through
        /// fontconfig and embeds the glyphs used with their Unicode text, so `pdftotext` reads
        /// Chinese back.
        func font(size: Double, bold: Bool) {
            cairo_select_font_face(context, family, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(context, size)
        }

        /// How far `text` advances at the current font.
        func advance(_ text: String) -> Double {
            var extents = cairo_text_extents_t()
            cairo_text_extents(context, text, &extents)
            return extents.x_advance
        }

        func measure(_ text: String, size: Double, bold: Bool = false) -> Double {
            font(size: size, bold: bold)
            return advance(text)
        }

        /// `text` cut with an ellipsis to fit `width` (at the current font), whole when it fits.
        func fitted(_ text: String, width: Double?) -> String {
            guard let width, advance(text) > width else { return text }
            var characters = Array(text.prefix(400))
            while !characters.isEmpty && advance(String(characters) + "…") > width { characters.removeLast() }
            return String(characters) + "…"
        }

        /// Draws `text` with its top at `y`, cut to `width` when given, right-aligned in it when asked.
        func show(
            _ text: String, x: Double, y: Double, size: Double, bold: Bool = false, width: Double? = nil, alignRight: Bool = false, gray: Bool = false
        ) {
            font(size: size, bold: bold)
            let shown = fitted(text, width: width)
            let textWidth = advance(shown)
            let left = alignRight ? x + (width ?? textWidth) - textWidth : x
            var extents = cairo_font_extents_t()
            cairo_font_extents(context, &extents)
            cairo_set_source_rgb(context, gray ? 0.42 : 0.12, gray ? 0.45 : 0.16, gray ? 0.5 : 0.22)
            // Cairo draws from the baseline; callers place the top of the line.
            cairo_move_to(context, left, y + extents.ascent)
            cairo_show_text(context, shown)
        }

        // MARK: Pages

        func newPage() {
            footer()
            cairo_show_page(context)
            pageNumber += 1
            y = margin
            show(title, x: margin, y: y, size: 8, gray: true)
            y += 18
        }

        func ensure(_ height: Double) {
            if y + height > bottom { newPage() }
        }

        func footer() {
            show(
                brand.isEmpty ? "— \(pageNumber) —" : "\(brand)  — \(pageNumber) —", x: margin, y: pageHeight - margin, size: 8,
                width: pageWidth - 2 * margin, gray: true)
        }

        func finish() {
            footer()
            cairo_show_page(context)
        }

        // MARK: Document

        func draw(_ document: ReportDocument) {
            show(document.title, x: margin, y: y, size: 18, bold: true)
            y += 30
            for note in document.notes {
                show(note, x: margin, y: y, size: 9, width: pageWidth - 2 * margin, gray: true)
                y += 14
            }
            y += 8
            for chart in document.charts {
                switch chart.kind {
                case .columns: columns(chart)
                case .bars: bars(chart)
                }
            }
            for table in document.tables {
                self.table(table)
            }
        }

        func heading(_ text: String) {
            ensure(40)
            show(text, x: margin, y: y, size: 12, bold: true)
            y += 20
        }

        func label(_ value: Int64, isMoney: Bool) -> String {
            isMoney ? Money(fen: value).formatted : grouped(value)
        }

        func columns(_ chart: ReportChart) {
            let height = 150.0
            ensure(height + 50)
            heading(chart.title)
            let width = pageWidth - 2 * margin - 60
            let left = margin + 60
            let maximum = max(chart.points.map(\.value).max() ?? 0, 1)
            let base = y + height
            cairo_set_source_rgb(context, 0.85, 0.86, 0.88)
            cairo_rectangle(context, left, base, width, 0.6)
            cairo_fill(context)
            show(label(maximum, isMoney: chart.isMoney), x: margin, y: y - 4, size: 7, width: 56, alignRight: true, gray: true)
            show(chart.isMoney ? "¥0" : "0", x: margin, y: base - 8, size: 7, width: 56, alignRight: true, gray: true)
            let count = max(chart.points.count, 1)
            let slot = width / Double(count)
            let every = max(1, (chart.points.count + 11) / 12)
            for (index, point) in chart.points.enumerated() {
                // Bar heights in tenths of a point, from integer fen: exact enough to draw.
                let tenths = max(point.value, 0) * Int64(height * 10) / maximum
                let barHeight = Double(tenths) / 10
                cairo_set_source_rgb(context, 0.73, 0.11, 0.11)
                cairo_rectangle(context, left + Double(index) * slot + slot * 0.2, base - barHeight, slot * 0.6, barHeight)
                cairo_fill(context)
                if index % every == 0 {
                    show(point.label, x: left + Double(index) * slot - 10, y: base + 3, size: 6.5, width: slot * Double(every), gray: true)
                }
            }
            y = base + 24
        }

        func bars(_ chart: ReportChart) {
            let rowHeight = 15.0
            ensure(Double(max(chart.points.count, 1)) * rowHeight + 40)
            heading(chart.title)
            let labelWidth = 90.0
            let valueWidth = 90.0
            let barSpace = pageWidth - 2 * margin - labelWidth - valueWidth - 12
            let maximum = max(chart.points.map(\.value).max() ?? 0, 1)
            for point in chart.points {
                show(point.label, x: margin, y: y, size: 8, width: labelWidth - 6)
                let tenths = max(point.value, 0) * Int64(barSpace * 10) / maximum
                cairo_set_source_rgb(context, 0.94, 0.27, 0.27)
                cairo_rectangle(context, margin + labelWidth, y + 2, max(Double(tenths) / 10, 0.8), 9)
                cairo_fill(context)
                show(
                    label(point.value, isMoney: chart.isMoney), x: pageWidth - margin - valueWidth, y: y, size: 8, width: valueWidth, alignRight: true
                )
                y += rowHeight
            }
            if chart.points.isEmpty {
                show("—", x: margin, y: y, size: 8, gray: true)
                y += rowHeight
            }
            y += 10
        }

        func table(_ table: SpreadsheetTable) {
            let size = 7.5
            let rowHeight = 13.0
            let cells = table.rows.map { $0.map(PDFWriter.text) }
            // Each column as wide as its widest cell (measured with the real font), shrunk in
            // proportion when the table is wider than the page.
            var widths = table.header.map { measure($0, size: size, bold: true) + 8 }
            for row in cells.prefix(2_000) {
                for (index, cell) in row.enumerated() where index < widths.count {
                    widths[index] = max(widths[index], min(measure(cell.text, size: size) + 8, 220))
                }
            }
            let available = pageWidth - 2 * margin
            let total = widths.reduce(0, +)
            if total > available { widths = widths.map { $0 * available / total } }
            func header() {
                cairo_set_source_rgb(context, 0.95, 0.95, 0.96)
                cairo_rectangle(context, margin, y - 2, min(total, available), rowHeight)
                cairo_fill(context)
                var x = margin
                for (index, name) in table.header.enumerated() {
                    show(name, x: x + 3, y: y, size: size, bold: true, width: widths[index] - 6)
                    x += widths[index]
                }
                y += rowHeight
            }
            heading(table.name)
            ensure(rowHeight * 2)
            header()
            for row in cells {
                if y + rowHeight > bottom {
                    newPage()
                    header()
                }
                var x = margin
                for (index, cell) in row.enumerated() where index < widths.count {
                    show(cell.text, x: x + 3, y: y, size: size, width: widths[index] - 6, alignRight: cell.alignRight)
                    x += widths[index]
                }
                cairo_set_source_rgb(context, 0.9, 0.91, 0.92)
                cairo_rectangle(context, margin, y + rowHeight - 2.5, min(total, available), 0.4)
                cairo_fill(context)
                y += rowHeight
            }
            y += 14
        }
    }
}
