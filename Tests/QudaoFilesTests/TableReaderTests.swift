import Foundation
import QudaoCore
import Testing
import ZIPFoundation

@testable import QudaoFiles

@Suite("Table readers")
struct TableReaderTests {
    @Test("CSV: byte order mark, quoted commas, line breaks and quotes, CRLF and LF, blank lines")
    func csv() throws {
        let text = "\u{FEFF}sku,数量,日期\r\nSK-1001, 12 ,2026-11-20\r\n\r\n\"MU-2001, 礼盒\",\"3\",\"说\"\"明\"\"\nsecond line\"\nHF-5001,1,\n"
        let rows = try CSVReader.rows(Data(text.utf8))
        #expect(
            rows == [
                ["sku", "数量", "日期"], ["SK-1001", "12", "2026-11-20"], ["MU-2001, 礼盒", "3", "说\"明\"\nsecond line"], ["HF-5001", "1", ""],
            ])
    }

    @Test("CSV: a GBK file (as Chinese Excel and WPS save it) reads as GB18030")
    func gbk() throws {
        // "商品编码,销量\nSK-1001,3" in GBK
        let bytes: [UInt8] = [0xC9, 0xCC, 0xC6, 0xB7, 0xB1, 0xE0, 0xC2, 0xEB, 0x2C, 0xCF, 0xFA, 0xC1, 0xBF, 0x0D, 0x0A] + Array("SK-1001,3\r\n".utf8)
        #expect(try CSVReader.rows(Data(bytes)) == [["商品编码", "销量"], ["SK-1001", "3"]])
    }

    @Test("CSV: text in no known encoding, an unterminated quote, too many columns and too many bytes are refused with the reason")
    func csvErrors() {
        #expect(throws: TableReadError.notUTF8) { try CSVReader.rows(Data([0x61, 0xFF, 0x80, 0x0A])) }
        #expect(throws: TableReadError.tooLarge(maximumBytes: 4)) { try CSVReader.rows(Data("a,b,c\n".utf8), maximumBytes: 4) }
        #expect(throws: TableReadError.unterminatedQuote(line: 2)) { try CSVReader.rows(Data("a,b\n\"open,1\n2,3\n".utf8)) }
        let wide = Array(repeating: "x", count: TableLimits.maximumColumns + 1).joined(separator: ",")
        #expect(throws: TableReadError.tooManyColumns(maximum: TableLimits.maximumColumns)) { try CSVReader.rows(Data(wide.utf8)) }
    }

    @Test("xlsx: what the writer writes reads back cell for cell")
    func roundTrip() throws {
        let table = SpreadsheetTable(
            name: "销售上报", header: ["sku", "数量", "金额"],
            rows: [[.text("SK-1001"), .integer(12), .money(Money(fen: 123_456))], [.text("<&>"), .empty, .integer(-3)]])
        let rows = try XLSXReader.rows(try XLSXWriter.data([table], modifiedAt: Date(timeIntervalSince1970: 1_790_000_000)))
        #expect(rows == [["sku", "数量", "金额"], ["SK-1001", "12", "1234.56"], ["<&>", "", "-3"]])
    }

    @Test("xlsx: notes sit above a frozen header, and days are real dates that read back as day numbers")
    func notesAndDates() throws {
        let table = SpreadsheetTable(
            name: "报表", header: ["日期", "金额"], rows: [[.date("2026-11-20"), .money(Money(fen: 150))], [.date("not a day"), .empty]],
            notes: ["销售报表", "筛选:广东省 · 2026-11"])
        let data = try XLSXWriter.data([table], modifiedAt: Date(timeIntervalSince1970: 1_790_000_000))
        #expect(try XLSXReader.rows(data) == [["销售报表"], ["筛选:广东省 · 2026-11"], ["日期", "金额"], ["46346", "1.50"], ["not a day"]])
        let archive = try Archive(data: data, accessMode: .read)
        let sheet = String(decoding: try #require(try archive.entryData("xl/worksheets/sheet1.xml")), as: UTF8.self)
        #expect(sheet.contains(#"ySplit="3" topLeftCell="A4""#))
        #expect(SpreadsheetCell.excelSerial("1900-03-01") == 61 && SpreadsheetCell.excelSerial("2026-02-30") == nil)
    }

    @Test("xlsx as Excel writes it: shared strings, rich text, skipped cells and rows, Booleans, the sheet named by the workbook")
    func excelStyle() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ xml: String) throws {
            let bytes = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add(
            "xl/workbook.xml",
            #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="上报" sheetId="1" r:id="rId7"/></sheets></workbook>"#
        )
        try add(
            "xl/_rels/workbook.xml.rels",
            #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/></Relationships>"#
        )
        try add(
            "xl/sharedStrings.xml",
            #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>商品编码</t></si><si><r><t>数</t></r><r><t>量</t></r></si><si><t>SK-1001</t></si></sst>"#
        )
        try add(
            "xl/worksheets/data.xml",
            #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>2</v></c><c r="C3"><v>46346</v></c><c r="D3" t="b"><v>1</v></c></row></sheetData></worksheet>"#
        )
        let rows = try XLSXReader.rows(try #require(archive.data))
        #expect(rows == [["商品编码", "数量"], [], ["SK-1001", "", "46346", "TRUE"]])
        #expect(XLSXReader.excelSerialDate(46_346) == DateComponents(year: 2026, month: 11, day: 20))
        #expect(XLSXReader.excelSerialDate(1) == DateComponents(year: 1900, month: 1, day: 1))
        #expect(XLSXReader.excelSerialDate(61) == DateComponents(year: 1900, month: 3, day: 1))
    }

    /// A minimal workbook with extra entries.
    func workbook(_ extra: [(String, Data)], sheet: Data? = nil) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ bytes: Data) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("xl/workbook.xml", Data(#"<workbook><sheets><sheet name="a" sheetId="1"/></sheets></workbook>"#.utf8))
        try add(
            "xl/worksheets/sheet1.xml",
            sheet ?? Data(#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t> SKU </t></is></c></row></sheetData></worksheet>"#.utf8))
        for (path, bytes) in extra { try add(path, bytes) }
        return try #require(archive.data)
    }

    @Test("xlsx: inline strings are read and trimmed; macros, entries outside the archive, zip bombs and oversized files are refused")
    func hostileWorkbooks() throws {
        #expect(try XLSXReader.rows(try workbook([])) == [["SKU"]])
        #expect(throws: TableReadError.macroEnabled) { try XLSXReader.rows(try workbook([("xl/vbaProject.bin", Data([1, 2, 3]))])) }
        let macroTypes = Data(
            #"<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>"#.utf8)
        #expect(throws: TableReadError.macroEnabled) { try XLSXReader.rows(try workbook([("[Content_Types].xml", macroTypes)])) }
        #expect(throws: TableReadError.unsafeEntry("../../etc/cron.d/evil")) {
            try XLSXReader.rows(try workbook([("../../etc/cron.d/evil", Data("x".utf8))]))
        }
        // 80 MB of zeros compresses to about 80 KB: refused from its header, before extracting
        let bomb = Data(count: 80 * 1_048_576)
        #expect(throws: TableReadError.expandsTooMuch("xl/worksheets/sheet1.xml")) { try XLSXReader.rows(try workbook([], sheet: bomb)) }
        // 2 MB of one repeated row expands far more than real sheets do
        let repetitive = Data(String(repeating: "<row/>", count: 350_000).utf8)
        #expect(throws: TableReadError.expandsTooMuch("xl/worksheets/sheet1.xml")) { try XLSXReader.rows(try workbook([], sheet: repetitive)) }
        #expect(throws: TableReadError.tooLarge(maximumBytes: 100)) { try XLSXReader.rows(try workbook([]), maximumBytes: 100) }
    }

    @Test("a file that is not a workbook is refused")
    func notAWorkbook() {
        #expect(throws: TableReadError.notAWorkbook("not a zip archive")) { try XLSXReader.rows(Data("sku,数量\n".utf8)) }
    }
}

extension Archive {
    /// The bytes of one entry.
    func entryData(_ path: String) throws -> Data? {
        guard let entry = self[path] else { return nil }
        var bytes = Data()
        _ = try extract(entry) { bytes.append($0) }
        return bytes
    }
}
