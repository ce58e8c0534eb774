import Foundation
import QudaoCore
import Testing
import ZIPFoundation

@testable import QudaoFiles

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Spreadsheet writers")
struct SpreadsheetTests {
    let table = SpreadsheetTable(
        name: "佣金结算单 2026-10",
        header: ["伙伴", "金额", "笔数", "备注"],
        rows: [
            [.text("广州天河"), .money(Money(fen: 123_456)), .integer(3), .text("=HYPERLINK(\"x\")")],
            [.text("A, \"quoted\"\nname"), .money(Money(fen: -5)), .integer(-1), .empty],
        ])

    @Test("CSV starts with a byte order mark, quotes per RFC 4180 and defuses formulas")
    func csv() throws {
        let data = try CSVWriter.data(table)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "伙伴,金额,笔数,备注")
        #expect(lines[1] == "广州天河,1234.56,3,\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(text.contains("\"A, \"\"quoted\"\"\nname\",-0.05,-1,\r\n"))
    }

    @Test("column names run A…Z, AA…")
    func columnNames() {
        #expect(XLSXWriter.columnName(0) == "A")
        #expect(XLSXWriter.columnName(25) == "Z")
        #expect(XLSXWriter.columnName(26) == "AA")
        #expect(XLSXWriter.columnName(701) == "ZZ")
        #expect(XLSXWriter.columnName(702) == "AAA")
    }

    @Test("sheet names are cleaned, shortened and unique")
    func sheetNames() {
        let names = XLSXWriter.uniqueSheetNames(["a/b", "A_B", "", String(repeating: "长", count: 40)])
        #expect(names == ["a_b", "A_B (2)", "Sheet3", String(repeating: "长", count: 31)])
    }

    @Test("an xlsx holds well-formed parts with the amounts as exact two-decimal numbers")
    func xlsx() throws {
        let data = try XLSXWriter.data(
            [table, SpreadsheetTable(name: "空", header: ["x"], rows: [])], modifiedAt: Date(timeIntervalSince1970: 1_790_000_000))
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        #expect(
            Set(parts.keys) == [
                "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            ])
        for (path, bytes) in parts {
            let parser = XMLParser(data: bytes)
            #expect(parser.parse(), "\(path) is not well-formed XML")
        }
        let sheet = String(decoding: parts["xl/worksheets/sheet1.xml"] ?? Data(), as: UTF8.self)
        #expect(sheet.contains(#"<c r="B2" s="1"><v>1234.56</v></c>"#))
        #expect(sheet.contains(#"<c r="B3" s="1"><v>-0.05</v></c>"#))
        #expect(sheet.contains("=HYPERLINK(&quot;x&quot;)"))
        #expect(sheet.contains(#"<c r="A1" t="inlineStr" s="2">"#))
        #expect(String(decoding: parts["xl/styles.xml"] ?? Data(), as: UTF8.self).contains("<cellStyles"))
        #expect(String(decoding: parts["xl/workbook.xml"] ?? Data(), as: UTF8.self).contains(#"name="佣金结算单 2026-10""#))
    }

    @Test("the same tables at the same time give the same bytes")
    func deterministic() throws {
        let instant = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(try XLSXWriter.data([table], modifiedAt: instant) == XLSXWriter.data([table], modifiedAt: instant))
    }

    @Test("control characters XML cannot carry are dropped")
    func controlCharacters() {
        #expect(XLSXWriter.escaped("a\u{0}b\u{1F}c\td<&>") == "abc\td&lt;&amp;&gt;")
    }

    @Test("a table over the row limit and an empty workbook are refused")
    func limits() {
        let huge = SpreadsheetTable(name: "x", header: ["a"], rows: Array(repeating: [.integer(1)], count: SpreadsheetTable.maximumRowCount + 1))
        #expect(throws: SpreadsheetError.tooManyRows(count: SpreadsheetTable.maximumRowCount + 1, maximum: SpreadsheetTable.maximumRowCount)) {
            try CSVWriter.data(huge)
        }
        #expect(throws: SpreadsheetError.noSheets) { try XLSXWriter.data([], modifiedAt: Date()) }
    }
}
