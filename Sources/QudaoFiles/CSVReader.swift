import Foundation
import QudaoCore

/// Why an uploaded table cannot be read at all (row-level problems are the importer's business).
public enum TableReadError: Error, Equatable {
    case notUTF8
    case unterminatedQuote(line: Int)
    case tooManyRows(maximum: Int)
    case tooManyColumns(maximum: Int)
    case notAWorkbook(String)
    case noSheet
    /// The upload is larger than the limit.
    case tooLarge(maximumBytes: Int)
    /// A workbook with macros (.xlsm or a VBA project) is never opened.
    case macroEnabled
    /// An archive entry names a path outside the archive (`../`, an absolute path).
    case unsafeEntry(String)
    /// A part expands far beyond its compressed size or the limit (a zip bomb).
    case expandsTooMuch(String)

    /// The rule's reason, worded once for every language by `Language.text(_:)`.
    public var reason: Reason {
        switch self {
        case .notUTF8: .fileNotText
        case .unterminatedQuote(let line): .unterminatedQuote(line: line)
        case .tooManyRows(let maximum): .fileTooManyRows(maximum: maximum)
        case .tooManyColumns(let maximum): .rowTooManyColumns(maximum: maximum)
        case .notAWorkbook(let detail): .notAWorkbook(detail: detail)
        case .noSheet: .workbookWithoutSheet
        case .tooLarge(let maximumBytes): .fileLargerThan(maximumBytes: Int64(maximumBytes))
        case .macroEnabled: .workbookWithMacros
        case .unsafeEntry(let path): .workbookUnsafeEntry(path: path)
        case .expandsTooMuch(let path): .workbookExpandsTooMuch(path: path)
        }
    }
}

/// Limits on what an upload may hold, whatever its format.
public enum TableLimits {
    /// Rows, header included.
    public static let maximumRows = 10_001
    public static let maximumColumns = 50
    /// The largest upload read (20 MB), unless a caller asks for less.
    public static let maximumFileBytes = 20 * 1_048_576
}

/// Reads RFC 4180 CSV (comma separated, double quotes, CR LF or LF), with or without a UTF-8
/// byte order mark, into rows of trimmed text. Excel's "CSV UTF-8" is read as it is; a file that
/// is not UTF-8 is read as GB18030 (a superset of GBK and GB2312, what Chinese Excel and WPS save
/// as "CSV"), and a file that is neither is refused with a message saying how to save it.
public enum CSVReader {
    /// GB18030, which Foundation on Linux decodes (kCFStringEncodingGB_18030_2000 as an NSString encoding).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The text of a CSV file: UTF-8 (a byte order mark is dropped), else GB18030.
    public static func text(_ data: Data) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // Text never holds NUL: a file with one is UTF-16 (or not text), which GB18030 would garble.
        if bytes.contains(0) { throw TableReadError.notUTF8 }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        if let text = String(data: bytes, encoding: gb18030) { return text }
        throw TableReadError.notUTF8
    }

    /// The rows of a CSV file. Blank lines are dropped, unless `keepsBlankLines` asks for them as
    /// empty rows, so that row numbers are the file's line numbers (a bank statement's messages name them).
    public static func rows(
        _ data: Data, maximumBytes: Int = TableLimits.maximumFileBytes, maximumRows: Int = TableLimits.maximumRows, keepsBlankLines: Bool = false
    ) throws -> [[String]] {
        guard data.count <= maximumBytes else { throw TableReadError.tooLarge(maximumBytes: maximumBytes) }
        let text = try text(data)
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var quoteStartLine = 1
        var line = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endField() throws {
            row.append(field.trimmingCharacters(in: .whitespaces))
            field = ""
            if row.count > TableLimits.maximumColumns { throw TableReadError.tooManyColumns(maximum: TableLimits.maximumColumns) }
        }
        func endRow() throws {
            try endField()
            // Lines holding nothing at all (trailing newlines, blank lines) are not rows.
            if !(row.count == 1 && row[0].isEmpty) || keepsBlankLines { rows.append(row) }
            row = []
            if rows.count > maximumRows { throw TableReadError.tooManyRows(maximum: maximumRows - 1) }
        }
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.trimmingCharacters(in: .whitespaces).isEmpty:
                field = ""
                quoted = true
                quoteStartLine = line
            case ",":
                try endField()
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                try endRow()
                line += 1
            case "\n":
                try endRow()
                line += 1
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw TableReadError.unterminatedQuote(line: quoteStartLine) }
        if !field.isEmpty || !row.isEmpty { try endRow() }
        return rows
    }
}
