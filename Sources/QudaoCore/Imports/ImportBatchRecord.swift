import Foundation

/// A validated import waiting to be committed, or committed.
public struct ImportBatchRecord: Sendable, Hashable {
    public let id: String
    public let kind: String
    public let fileName: String
    public let fileSHA256: String
    public let rowCount: Int64
    public let creatingCount: Int64
    public let updatingCount: Int64
    public let rows: [[String]]
    public let status: String
    public let createdBy: String
    public let createdAt: Date
    public let committedAt: Date?

    /// Creates a record.
    public init(
        id: String, kind: String, fileName: String, fileSHA256: String, rowCount: Int64, creatingCount: Int64, updatingCount: Int64,
        rows: [[String]], status: String, createdBy: String, createdAt: Date, committedAt: Date?
    ) {
        self.id = id
        self.kind = kind
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.rowCount = rowCount
        self.creatingCount = creatingCount
        self.updatingCount = updatingCount
        self.rows = rows
        self.status = status
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.committedAt = committedAt
    }
}
