import Foundation
import QudaoCore
import SQLKit

/// Import batches.
extension SQLSession {
    /// Keeps a validated upload (header row first) until it is committed.
    public func insertImportBatch(_ batch: ImportBatchRecord) async throws {
        let rows = String(decoding: try JSONEncoder().encode(batch.rows), as: UTF8.self)
        try await execute(
            """
            INSERT INTO import_batches (id, kind, file_name, file_sha256, row_count, creating_count, updating_count, rows_json, status, created_by,
                created_at_ms)
            VALUES (\(bind: batch.id), \(bind: batch.kind), \(bind: batch.fileName), \(bind: batch.fileSHA256), \(bind: batch.rowCount),
                \(bind: batch.creatingCount), \(bind: batch.updatingCount), \(bind: rows), 'validated', \(bind: batch.createdBy),
                \(bind: Timestamp.milliseconds(batch.createdAt)))
            """)
    }

    /// One batch.
    public func importBatch(id: String) async throws -> ImportBatchRecord? {
        try await first("SELECT * FROM import_batches WHERE id = \(bind: id)").map(Self.importBatch)
    }

    /// The latest batches of a kind, without their rows' text being needed (bounded).
    public func importBatches(kind: String, limit: Int) async throws -> [ImportBatchRecord] {
        try await rows(
            """
            SELECT id, kind, file_name, file_sha256, row_count, creating_count, updating_count, '[]' AS rows_json, status, created_by,
                created_at_ms, committed_at_ms FROM import_batches WHERE kind = \(bind: kind) ORDER BY created_at_ms DESC, id LIMIT \(bind: limit)
            """
        ).map(Self.importBatch)
    }

    /// Marks a validated batch committed, once; false when it was committed already.
    public func commitImportBatch(id: String, by username: String, creating: Int, updating: Int, at instant: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE import_batches SET status = 'committed', committed_at_ms = \(bind: Timestamp.milliseconds(instant)), committed_by = \(bind: username),
                creating_count = \(bind: creating), updating_count = \(bind: updating)
            WHERE id = \(bind: id) AND status = 'validated' RETURNING id
            """) == 1
    }

    static func importBatch(_ row: any SQLRow) throws -> ImportBatchRecord {
        ImportBatchRecord(
            id: try row.string("id"), kind: try row.string("kind"), fileName: try row.string("file_name"), fileSHA256: try row.string("file_sha256"),
            rowCount: try row.int64("row_count"), creatingCount: try row.int64("creating_count"), updatingCount: try row.int64("updating_count"),
            rows: (try? JSONDecoder().decode([[String]].self, from: Data(try row.string("rows_json").utf8))) ?? [], status: try row.string("status"),
            createdBy: try row.string("created_by"), createdAt: try row.date("created_at_ms"), committedAt: try row.optionalDate("committed_at_ms"))
    }
}
