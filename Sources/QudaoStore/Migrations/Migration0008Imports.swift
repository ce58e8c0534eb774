/// Spreadsheet imports (issue 6): a validated upload is kept as a batch until HQ commits it (all
/// rows or none) or it expires; the rows are kept with it, so what was imported can be shown later.
enum Migration0008Imports {
    static let migration = Migration(version: 8, name: "imports") { _ in
        [
            """
            CREATE TABLE import_batches (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('products', 'partners')),
                file_name TEXT NOT NULL,
                file_sha256 TEXT NOT NULL,
                row_count BIGINT NOT NULL CHECK (row_count >= 0),
                creating_count BIGINT NOT NULL DEFAULT 0,
                updating_count BIGINT NOT NULL DEFAULT 0,
                rows_json TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('validated', 'committed')),
                created_by TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                committed_at_ms BIGINT,
                committed_by TEXT
            )
            """,
            "CREATE INDEX import_batches_created ON import_batches (kind, created_at_ms)",
        ]
    }
}
