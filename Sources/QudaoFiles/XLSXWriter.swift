import Foundation
import QudaoCore
import ZIPFoundation

/// Writes Office Open XML workbooks (.xlsx): one sheet per table, its notes (title, filters,
/// generation time) above a bold frozen header row, column widths fitted to the content (Chinese
/// characters count double), amounts as numbers with the `#,##0.00` format so sums work in Excel,
/// and days as real dates (`yyyy-mm-dd`). Strings are written inline, so the
/// workbook needs no shared-string table.
public enum XLSXWriter {
    /// The bytes of a workbook holding `tables`, each as a sheet. `modifiedAt` dates the zip
    /// entries, so the same tables at the same time give the same bytes.
    public static func data(_ tables: [SpreadsheetTable], modifiedAt: Date) throws -> Data {
        guard !tables.isEmpty else { throw SpreadsheetError.noSheets }
        for table in tables where table.rows.count > SpreadsheetTable.maximumRowCount {
            throw SpreadsheetError.tooManyRows(count: table.rows.count, maximum: SpreadsheetTable.maximumRowCount)
        }
        let names = uniqueSheetNames(tables.map(\.name))
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: tables.count)),
            ("_rels/.rels", rootRelationships),
            ("docProps/app.xml", applicationProperties),
            ("docProps/core.xml", coreProperties(modifiedAt: modifiedAt)),
            ("xl/workbook.xml", workbook(names: names)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: tables.count)),
            ("xl/styles.xml", styles),
        ]
        for (index, table) in tables.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(table)))
        }
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            let bytes = Data(part.xml.utf8)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: modifiedAt, compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    // MARK: - Parts

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static func contentTypes(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            #"<Override PartName="/xl/worksheets/sheet\#($0).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }.joined()
        return header
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
            + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
            + sheets + "</Types>"
    }

    static let rootRelationships =
        header
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        + #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>"

    static let applicationProperties =
        header
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Qudao</Application></Properties>"#

    static func coreProperties(modifiedAt: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let stamp = formatter.string(from: modifiedAt)
        return header
            + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
            + #"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Qudao</dc:creator>"#
            + #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:created>"#
            + #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:modified></cp:coreProperties>"#
    }

    static func workbook(names: [String]) -> String {
        let sheets = names.enumerated().map { index, name in
            #"<sheet name="\#(escaped(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        return header
            + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\#(sheets)</sheets></workbook>"#
    }

    static func workbookRelationships(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            #"<Relationship Id="rId\#($0)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0).xml"/>"#
        }.joined()
        return header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"# + sheets
            + #"<Relationship Id="rId\#(sheetCount + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// Style 0 is the default, 1 the amount format, 2 the bold header, 3 the date format (custom
    /// format 164, `yyyy-mm-dd`), 4 a note above the header. `<cellStyles>` is present because
    /// openpyxl warns about a workbook without it.
    static let styles =
        header
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>"#
        + #"<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>"#
        + #"<font><i/><sz val="10"/><color rgb="FF6B7280"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func worksheet(_ table: SpreadsheetTable) -> String {
        var widths = table.header.map(displayWidth)
        var rows = ""
        rows.reserveCapacity(table.rows.count * 64)
        // Notes take the first rows (they do not widen the columns); the header follows and stays frozen.
        for (index, note) in table.notes.enumerated() {
            rows += row(number: index + 1, cells: [.text(note)], style: 4)
        }
        let headerRow = table.notes.count + 1
        rows += row(number: headerRow, cells: table.header.map { SpreadsheetCell.text($0) }, style: 2)
        for (index, cells) in table.rows.enumerated() {
            for (column, cell) in cells.enumerated() {
                let width: Int
                switch cell {
                case .text(let text): width = displayWidth(text)
                case .integer(let value): width = String(value).count
                case .money(let amount): width = amount.yuanText.count + 2
                case .date: width = 10
                case .empty: width = 0
                }
                if column < widths.count { widths[column] = max(widths[column], width) } else { widths.append(width) }
            }
            rows += row(number: headerRow + index + 1, cells: cells, style: nil)
        }
        let columns = widths.enumerated().map { index, width in
            #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(min(max(width, 6), 60) + 2)" customWidth="1"/>"#
        }.joined()
        return header
            + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="\#(headerRow)" topLeftCell="A\#(headerRow + 1)" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
            + (columns.isEmpty ? "" : "<cols>\(columns)</cols>")
            + "<sheetData>\(rows)</sheetData></worksheet>"
    }

    static func row(number: Int, cells: [SpreadsheetCell], style: Int?) -> String {
        var xml = #"<row r="\#(number)">"#
        for (column, cell) in cells.enumerated() {
            let reference = columnName(column) + String(number)
            let styleAttribute = style.map { #" s="\#($0)""# } ?? ""
            switch cell {
            case .text(let text):
                xml += #"<c r="\#(reference)" t="inlineStr"\#(styleAttribute)><is><t xml:space="preserve">\#(escaped(text))</t></is></c>"#
            case .integer(let value):
                xml += #"<c r="\#(reference)"\#(styleAttribute)><v>\#(value)</v></c>"#
            case .money(let amount):
                xml += #"<c r="\#(reference)" s="\#(style ?? 1)"><v>\#(amount.yuanText)</v></c>"#
            case .date(let day):
                if let serial = SpreadsheetCell.excelSerial(day) {
                    xml += #"<c r="\#(reference)" s="\#(style ?? 3)"><v>\#(serial)</v></c>"#
                } else {
                    xml += #"<c r="\#(reference)" t="inlineStr"\#(styleAttribute)><is><t xml:space="preserve">\#(escaped(day))</t></is></c>"#
                }
            case .empty:
                continue
            }
        }
        return xml + "</row>"
    }

    /// `A`, `B`, … `Z`, `AA`, … for a zero-based column index.
    static func columnName(_ index: Int) -> String {
        var name = ""
        var remaining = index + 1
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            remaining = (remaining - 1) / 26
        }
        return name
    }

    /// Escapes text for XML and drops the control characters XML 1.0 cannot carry at all.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// Sheet names: at most 31 characters, none of `[]:*?/\`, not empty, unique ignoring case.
    static func uniqueSheetNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { index, raw in
            let cleaned = String(raw.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
            var name = cleaned.isEmpty ? "Sheet\(index + 1)" : cleaned
            var suffix = 2
            while used.contains(name.lowercased()) {
                let tail = " (\(suffix))"
                name = String(cleaned.prefix(31 - tail.count)) + tail
                suffix += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    /// Characters wide the text shows in a spreadsheet: East Asian wide characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            width
                + ((0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                    || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                    || (0xFF00...0xFF60).contains(scalar.value) || (0xFFE0...0xFFE6).contains(scalar.value) ? 2 : 1)
        }
    }
}
