import Foundation
import QudaoCore
import SQLKit

/// How accounts are read and written.
extension SQLSession {
    private static let accountColumns = """
        id, username, display_name, password_hash, kind, hq_role, partner_id, is_owner, permissions, status,
        created_at_ms, updated_at_ms, row_version, is_service
        """

    /// Inserts an account.
    public func insertAccount(_ account: AccountRecord) async throws {
        try await execute(
            """
            INSERT INTO accounts (id, username, display_name, password_hash, kind, hq_role, partner_id, is_owner, permissions,
                status, created_at_ms, updated_at_ms, row_version, is_service)
            VALUES (\(bind: account.id), \(bind: account.username), \(bind: account.displayName), \(bind: account.passwordHash),
                \(bind: account.kind.rawValue), \(bind: account.hqRole?.rawValue), \(bind: account.partnerId),
                \(bind: account.isOwner ? 1 : 0), \(bind: AccountRecord.storedPermissions(account.permissions)),
                \(bind: account.status.rawValue), \(bind: Timestamp.milliseconds(account.createdAt)),
                \(bind: Timestamp.milliseconds(account.updatedAt)), 1, \(bind: account.isService ? 1 : 0))
            """)
    }

    /// Updates an account's name, role, permissions, status and password hash if its row version is unchanged.
    public func updateAccount(_ account: AccountRecord) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE accounts SET display_name = \(bind: account.displayName), password_hash = \(bind: account.passwordHash),
                hq_role = \(bind: account.hqRole?.rawValue), permissions = \(bind: AccountRecord.storedPermissions(account.permissions)),
                status = \(bind: account.status.rawValue), updated_at_ms = \(bind: Timestamp.milliseconds(account.updatedAt)),
                row_version = row_version + 1
            WHERE id = \(bind: account.id) AND row_version = \(bind: account.rowVersion)
            RETURNING id
            """) == 1
    }

    /// One account by id.
    public func account(id: String) async throws -> AccountRecord? {
        try await first("SELECT \(unsafeRaw: Self.accountColumns) FROM accounts WHERE id = \(bind: id)").map(Self.decodeAccount)
    }

    /// One account a person signs in to, by login name (case-insensitive: names are stored in lower
    /// case); an API key's service account is never found this way.
    public func account(username: String) async throws -> AccountRecord? {
        try await first(
            "SELECT \(unsafeRaw: Self.accountColumns) FROM accounts WHERE username = \(bind: username.lowercased()) AND is_service = 0"
        )
        .map(Self.decodeAccount)
    }

    /// A filtered, paginated list of people's accounts ordered by login name (API keys' service accounts are left out).
    public func accounts(matching filter: AccountFilter, page: PageRequest) async throws -> Page<AccountRecord> {
        var condition = SQLQueryString("is_service = 0")
        if let search = filter.search?.trimmingWhitespace(), !search.isEmpty {
            let pattern = Self.containsPattern(search.lowercased())
            condition += " AND (username LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(display_name) LIKE \(bind: pattern) ESCAPE '\\')"
        }
        if let kind = filter.kind { condition += " AND kind = \(bind: kind.rawValue)" }
        if let partnerId = filter.partnerId { condition += " AND partner_id = \(bind: partnerId)" }
        if let status = filter.status { condition += " AND status = \(bind: status.rawValue)" }
        let total = try await first("SELECT COUNT(*) AS total FROM accounts WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.accountColumns) FROM accounts WHERE \(condition)
            ORDER BY username LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeAccount)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    static func decodeAccount(_ row: any SQLRow) throws -> AccountRecord {
        AccountRecord(
            id: try row.string("id"), username: try row.string("username"), displayName: try row.string("display_name"),
            passwordHash: try row.string("password_hash"), kind: AccountKind(rawValue: try row.string("kind")) ?? .partner,
            hqRole: try row.optionalString("hq_role").flatMap(HQRole.init(rawValue:)), partnerId: try row.optionalString("partner_id"),
            isOwner: try row.flag("is_owner"), permissions: AccountRecord.parsePermissions(try row.string("permissions")),
            status: AccountStatus(rawValue: try row.string("status")) ?? .disabled, createdAt: try row.date("created_at_ms"),
            updatedAt: try row.date("updated_at_ms"), rowVersion: try row.int64("row_version"), isService: try row.flag("is_service"))
    }
}
