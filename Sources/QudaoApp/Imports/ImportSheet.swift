import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// One column of an import template.
public struct ImportColumn: Sendable {
    /// The field name the API and error messages use.
    public let field: String
    public let chinese: String
    public let english: String
    /// Other headers people type for the same column.
    public let aliases: [String]
    public let required: Bool
    public let noteChinese: String
    public let noteEnglish: String
    public let example: String

    /// Whether a header cell names this column (trimmed, case and a trailing "*" ignored).
    func matches(_ header: String) -> Bool {
        let normalized = Self.normalize(header)
        return ([chinese, english, field] + aliases).contains { Self.normalize($0) == normalized }
    }

    static func normalize(_ text: String) -> String {
        var value = text.trimmingWhitespace().lowercased()
        while value.hasSuffix("*") { value.removeLast() }
        return value.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "(", with: "(").replacingOccurrences(of: ")", with: ")")
    }
}

/// A problem of an uploaded file, by the row and column a person sees in the spreadsheet
/// (row 1 is the header; row 0 is the file as a whole).
public struct ImportProblem: Sendable, Hashable {
    public let row: Int
    /// The column's header as the template names it; empty for the file or a whole row.
    public let column: String
    public let field: String
    public let problem: FieldError.Problem

    /// Creates a problem.
    public init(row: Int, column: String, field: String, problem: FieldError.Problem) {
        self.row = row
        self.column = column
        self.field = field
        self.problem = problem
    }
}

/// The sheet-level reading every import shares: the header matched to the template's columns
/// (unknown, repeated and missing columns are problems; a missing required column stops the
/// file), the data rows with their row numbers in the sheet, cells, formula-looking cells, and
/// problems in reading order.
public enum ImportSheet {
    /// What the header and the row count say.
    struct Reading {
        /// Column positions by field; nil when the file cannot be read past its header.
        let positions: [String: Int]?
        /// Non-empty data rows with their row numbers in the sheet (the header is row 1).
        let dataRows: [(row: Int, cells: [String])]
        let problems: [ImportProblem]
    }

    static func read(_ rows: [[String]], columns: [ImportColumn], maximumRows: Int) -> Reading {
        var problems: [ImportProblem] = []
        // The header is the first row holding anything: blank lines above it are kept (so every row
        // number is the file's own) but are not the header.
        guard let headerIndex = headerIndex(rows) else {
            return Reading(positions: nil, dataRows: [], problems: [ImportProblem(row: 0, column: "", field: "file", problem: .required)])
        }
        let header = rows[headerIndex]
        let headerRow = headerIndex + 1
        var positions: [String: Int] = [:]
        for (index, cell) in header.enumerated() where !cell.trimmingWhitespace().isEmpty {
            guard let column = columns.first(where: { $0.matches(cell) }) else {
                problems.append(ImportProblem(row: headerRow, column: cell, field: "header", problem: .notOneOf(allowed: columns.map(\.chinese))))
                continue
            }
            if positions[column.field] != nil {
                problems.append(ImportProblem(row: headerRow, column: column.chinese, field: "header", problem: .duplicate))
                continue
            }
            positions[column.field] = index
        }
        // Without a required column no row can be read; unknown and repeated columns are reported
        // with the rows' own problems (the first of a repeated column is read).
        let missing = columns.filter { $0.required && positions[$0.field] == nil }
        for column in missing {
            problems.append(ImportProblem(row: headerRow, column: column.chinese, field: "header", problem: .required))
        }
        if !missing.isEmpty { return Reading(positions: nil, dataRows: [], problems: problems) }
        let dataRows = rows.enumerated().dropFirst(headerIndex + 1).filter { !$0.element.allSatisfy { $0.trimmingWhitespace().isEmpty } }
            .map { (row: $0.offset + 1, cells: $0.element) }
        if dataRows.isEmpty { problems.append(ImportProblem(row: 0, column: "", field: "rows", problem: .required)) }
        if dataRows.count > maximumRows {
            problems.append(ImportProblem(row: 0, column: "", field: "rows", problem: .outOfRange(minimum: 1, maximum: Int64(maximumRows))))
            return Reading(positions: nil, dataRows: [], problems: problems)
        }
        return Reading(positions: positions, dataRows: dataRows, problems: problems)
    }

    /// Data rows that hold anything.
    static func dataRowCount(_ rows: [[String]]) -> Int {
        guard let headerIndex = headerIndex(rows) else { return 0 }
        return rows.dropFirst(headerIndex + 1).filter { !$0.allSatisfy { $0.trimmingWhitespace().isEmpty } }.count
    }

    /// The first row holding anything: the header.
    public static func headerIndex(_ rows: [[String]]) -> Int? {
        rows.firstIndex { !$0.allSatisfy { $0.trimmingWhitespace().isEmpty } }
    }

    /// A cell of a row, trimmed; nil when blank or absent.
    static func cell(_ field: String, positions: [String: Int], cells: [String]) -> String? {
        guard let position = positions[field], position < cells.count else { return nil }
        let text = cells[position].trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    /// Whether a cell would run as a formula in a spreadsheet (=, +, @, or - before something
    /// that is not a number). Such cells are refused: imported data feeds exports people open in Excel.
    static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        if first == "=" || first == "+" || first == "@" { return true }
        if first == "-" { return !(text.dropFirst().first?.isNumber ?? false) }
        return false
    }

    /// The formula-looking cells of a row.
    static func formulaProblems(row: Int, columns: [ImportColumn], cell: (String) -> String?) -> [ImportProblem] {
        columns.compactMap { column in
            guard let text = cell(column.field), looksLikeFormula(text) else { return nil }
            return ImportProblem(row: row, column: column.chinese, field: column.field, problem: .notAllowed(reason: .formulaNotValue))
        }
    }

    /// The preview of a checked file: with problems, what they are; without, the rows kept as a
    /// batch to commit (with the file's SHA-256 for the record).
    static func preview(
        kind: String, rows: [[String]], fileName: String, fileContent: Data, validRows: Int, creating: Int, problems: [ImportProblem],
        sample: [(row: Int, sku: String, name: String, exists: Bool)], caller: Caller, at instant: Date, _ session: SQLSession
    ) async throws -> ImportPreview {
        guard problems.isEmpty else {
            return ImportPreview(
                batchId: nil, fileName: fileName, rowCount: dataRowCount(rows), creating: creating, updating: validRows - creating,
                problems: problems,
                sample: sample)
        }
        let batch = ImportBatchRecord(
            id: Identifier.make(prefix: "imp"), kind: kind, fileName: String(fileName.prefix(120)),
            fileSHA256: Hexadecimal.text(SHA256.hash(data: fileContent)), rowCount: Int64(validRows),
            creatingCount: Int64(creating), updatingCount: Int64(validRows - creating), rows: rows, status: "validated",
            createdBy: caller.principal.username, createdAt: instant, committedAt: nil)
        try await session.insertImportBatch(batch)
        return ImportPreview(
            batchId: batch.id, fileName: fileName, rowCount: validRows, creating: creating, updating: validRows - creating, problems: [],
            sample: sample)
    }

    /// A batch of `kind` that waits to be committed, or why not.
    static func validatedBatch(_ batchId: String, kind: String, _ session: SQLSession) async throws -> ImportBatchRecord {
        guard Identifier.isWellFormed(batchId, prefix: "imp"), let batch = try await session.importBatch(id: batchId), batch.kind == kind else {
            throw AppError.notFound(entity: "import")
        }
        guard batch.status == "validated" else { throw AppError.conflict(reason: .importAlreadyCommitted) }
        return batch
    }

    /// Marks a batch committed (once) and audits the import as a whole.
    static func finish(
        _ batch: ImportBatchRecord, created: Int, updated: Int, unchanged: Int, caller: Caller, at instant: Date, _ session: SQLSession
    ) async throws -> ImportOutcome {
        guard try await session.commitImportBatch(id: batch.id, by: caller.principal.username, creating: created, updating: updated, at: instant)
        else {
            throw AppError.conflict(reason: .importAlreadyCommitted)
        }
        try await session.audit(
            caller, at: instant, action: "import.commit", entityType: "import", entityId: batch.id, before: nil,
            after: AuditSnapshot.json([
                "kind": .text(batch.kind), "file": .text(batch.fileName), "sha256": .text(batch.fileSHA256), "created": .integer(Int64(created)),
                "updated": .integer(Int64(updated)), "unchanged": .integer(Int64(unchanged)),
            ]))
        return ImportOutcome(batchId: batch.id, created: created, updated: updated, unchanged: unchanged)
    }

    /// Problems in the order a person reads the sheet: by row, then by the template's column order.
    static func ordered(_ problems: [ImportProblem], columns: [ImportColumn]) -> [ImportProblem] {
        func position(_ problem: ImportProblem) -> Int {
            columns.firstIndex { $0.chinese == problem.column } ?? columns.count
        }
        return problems.enumerated().sorted { ($0.element.row, position($0.element), $0.offset) < ($1.element.row, position($1.element), $1.offset) }
            .map(\.element)
    }
}

/// What an upload would do, or why it cannot.
public struct ImportPreview: Sendable {
    /// Set when the file has no problem: commit it with this id.
    public let batchId: String?
    public let fileName: String
    /// Data rows (the header and empty rows are not counted).
    public let rowCount: Int
    public let creating: Int
    public let updating: Int
    public let problems: [ImportProblem]
    /// The first rows as products, for the person to check before committing.
    public let sample: [(row: Int, sku: String, name: String, exists: Bool)]
}

/// What a committed import did.
public struct ImportOutcome: Sendable, Hashable {
    public let batchId: String
    public let created: Int
    public let updated: Int
    public let unchanged: Int
}
