import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the first sheet of an .xlsx workbook (as Excel, WPS, LibreOffice or openpyxl write it)
/// into rows of text: shared strings, inline strings, numbers as written (`12`, `12.5`), Booleans
/// as `TRUE`/`FALSE`, formulas as `=` and their text. Gaps between cells become empty strings. Dates stay Excel serial numbers
/// (`46351`); `excelSerialDate` converts them.
public enum XLSXReader {
    /// The most bytes a part of the workbook may expand to (a guard against zip bombs).
    public static let maximumPartBytes = 64 * 1_024 * 1_024
    /// The most a part may expand relative to its compressed size once it is large (real sheets
    /// compress about 10:1; a bomb thousands to one).
    public static let maximumExpansionRatio: Int64 = 200

    /// The rows of the first sheet. Refused before any part is read: files over `maximumBytes`,
    /// archives naming paths outside themselves, macro-enabled workbooks, and parts that declare
    /// (or, while extracting, turn out) to expand beyond the limits.
    public static func rows(
        _ data: Data, maximumBytes: Int = TableLimits.maximumFileBytes, maximumRows: Int = TableLimits.maximumRows
    ) throws -> [[String]] {
        guard data.count <= maximumBytes else { throw TableReadError.tooLarge(maximumBytes: maximumBytes) }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw TableReadError.notAWorkbook("not a zip archive")
        }
        for entry in archive {
            let path = entry.path
            if path.hasPrefix("/") || path.hasPrefix("\\") || path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..") {
                throw TableReadError.unsafeEntry(path)
            }
            if path.lowercased().hasSuffix("vbaproject.bin") { throw TableReadError.macroEnabled }
            let compressed = max(entry.compressedSize, 1)
            if entry.uncompressedSize > Int64(maximumPartBytes)
                || (entry.uncompressedSize > 1_048_576 && entry.uncompressedSize / compressed > maximumExpansionRatio)
            {
                throw TableReadError.expandsTooMuch(path)
            }
        }
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    // A header can understate the size: count what really comes out.
                    guard bytes.count + chunk.count <= maximumPartBytes else { throw TableReadError.expandsTooMuch(path) }
                    bytes.append(chunk)
                }
            } catch let error as TableReadError {
                throw error
            } catch {
                throw TableReadError.notAWorkbook("\(path) cannot be read")
            }
            return bytes
        }
        if let types = try part("[Content_Types].xml"), String(decoding: types, as: UTF8.self).contains("macroEnabled") {
            throw TableReadError.macroEnabled
        }
        guard let workbook = try part("xl/workbook.xml") else { throw TableReadError.notAWorkbook("no xl/workbook.xml") }
        let sheetPath = try firstSheetPath(workbook: workbook, relationships: try part("xl/_rels/workbook.xml.rels"))
        guard let sheet = try part(sheetPath) else { throw TableReadError.noSheet }
        let shared = try part("xl/sharedStrings.xml").map(sharedStrings) ?? []
        let parser = SheetParser(sharedStrings: shared, maximumRows: maximumRows)
        let xml = XMLParser(data: sheet)
        xml.delegate = parser
        guard xml.parse() else {
            if let error = parser.limitError { throw error }
            throw TableReadError.notAWorkbook("the sheet is not well-formed XML")
        }
        return parser.rows
    }

    /// The date of an Excel serial number (1900 date system, as Excel on Windows and WPS write it):
    /// 1 is 1900-01-01, and Excel's phantom 1900-02-29 is skipped.
    public static func excelSerialDate(_ serial: Int) -> DateComponents? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let base = calendar.date(from: DateComponents(year: 1899, month: 12, day: serial >= 61 ? 30 : 31))!
        guard let date = calendar.date(byAdding: .day, value: serial, to: base) else { return nil }
        return calendar.dateComponents([.year, .month, .day], from: date)
    }

    static func firstSheetPath(workbook: Data, relationships: Data?) throws -> String {
        let sheets = AttributeCollector(element: "sheet")
        let parser = XMLParser(data: workbook)
        parser.delegate = sheets
        guard parser.parse(), let first = sheets.attributes.first else { throw TableReadError.noSheet }
        let relationshipId = first["r:id"] ?? first.first { $0.key.hasSuffix(":id") }?.value
        if let relationships, let relationshipId {
            let targets = AttributeCollector(element: "Relationship")
            let relationshipParser = XMLParser(data: relationships)
            relationshipParser.delegate = targets
            if relationshipParser.parse(), let target = targets.attributes.first(where: { $0["Id"] == relationshipId })?["Target"] {
                return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        return "xl/worksheets/sheet1.xml"
    }

    static func sharedStrings(_ data: Data) throws -> [String] {
        let collector = SharedStringCollector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { throw TableReadError.notAWorkbook("xl/sharedStrings.xml is not well-formed XML") }
        return collector.strings
    }

    /// The zero-based column of a cell reference such as `AB12`.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}

/// Collects the attributes of every element with one name.
final class AttributeCollector: NSObject, XMLParserDelegate {
    let element: String
    var attributes: [[String: String]] = []

    init(element: String) { self.element = element }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        if elementName == element || elementName.hasSuffix(":" + element) { self.attributes.append(attributes) }
    }
}

/// Collects the shared strings (`<si>` with one `<t>` or several rich-text runs).
final class SharedStringCollector: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        if elementName == "si" { current = "" }
        if elementName == "t" { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "t" { inText = false }
        if elementName == "si" { strings.append(current) }
    }
}

/// Turns `<sheetData>` into rows of text.
final class SheetParser: NSObject, XMLParserDelegate {
    let sharedStrings: [String]
    /// Rows, header included, before the sheet is refused.
    let maximumRows: Int
    var rows: [[String]] = []
    var limitError: TableReadError?
    private var row: [String] = []
    private var rowNumber = 0
    private var cellColumn = 0
    private var cellType = ""
    private var value = ""
    private var formula = ""
    private var collecting = false
    private var collectingFormula = false

    init(sharedStrings: [String], maximumRows: Int) {
        self.sharedStrings = sharedStrings
        self.maximumRows = maximumRows
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "row":
            row = []
            let number = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            // Rows the sheet skips are empty rows.
            while rowNumber + 1 < number && rows.count < maximumRows {
                rows.append([])
                rowNumber += 1
            }
            rowNumber = number
        case "c":
            cellColumn = attributes["r"].flatMap(XLSXReader.columnIndex) ?? row.count
            cellType = attributes["t"] ?? "n"
            value = ""
            formula = ""
        case "v", "t":
            collecting = true
        case "f":
            collectingFormula = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { value += string }
        if collectingFormula { formula += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch elementName {
        case "v", "t":
            collecting = false
        case "f":
            collectingFormula = false
        case "c":
            guard cellColumn < TableLimits.maximumColumns else {
                limitError = .tooManyColumns(maximum: TableLimits.maximumColumns)
                parser.abortParsing()
                return
            }
            var text: String
            switch cellType {
            case "s": text = Int(value).flatMap { $0 >= 0 && $0 < sharedStrings.count ? sharedStrings[$0] : nil } ?? ""
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            default: text = value
            }
            // A formula cell reads as its formula, so an import can refuse it instead of trusting a cached result.
            if !formula.isEmpty { text = "=" + formula }
            while row.count < cellColumn { row.append("") }
            if row.count == cellColumn { row.append(text.trimmingCharacters(in: .whitespaces)) }
        case "row":
            rows.append(row)
            if rows.count > maximumRows {
                limitError = .tooManyRows(maximum: maximumRows - 1)
                parser.abortParsing()
            }
        default:
            break
        }
    }
}
