import Foundation
import QudaoCore
import SQLKit

/// What a database holds before anyone has used it, and the first-run setup's tokens.
extension SQLSession {
    /// The setting that marks a database made by the demo loader.
    public static let demoMarkerKey = "platform.demo"
    /// The setting written once, in the transaction that creates the first HQ admin through the setup page.
    public static let setupCompletedKey = "setup.completed_at"

    /// Whether an active HQ admin account exists.
    public func activeHQAdminExists() async throws -> Bool {
        try await first(
            "SELECT id FROM accounts WHERE kind = 'hq' AND hq_role = 'admin' AND status = 'active' LIMIT 1") != nil
    }

    /// How many accounts, partners, categories, products and orders the database holds.
    public func contentCounts() async throws -> DatabaseContentCounts {
        let row = try await first(
            """
            SELECT (SELECT COUNT(*) FROM accounts) AS accounts, (SELECT COUNT(*) FROM partners) AS partners,
                (SELECT COUNT(*) FROM product_categories) AS categories, (SELECT COUNT(*) FROM products) AS products,
                (SELECT COUNT(*) FROM orders) AS orders
            """)
        return DatabaseContentCounts(
            accounts: try row?.int64("accounts") ?? 0, partners: try row?.int64("partners") ?? 0,
            categories: try row?.int64("categories") ?? 0, products: try row?.int64("products") ?? 0,
            orders: try row?.int64("orders") ?? 0)
    }

    /// Marks the database as a demo database. A plain insert: if two loaders race on an empty
    /// database, the key's uniqueness lets one through.
    public func markAsDemoDatabase(now: Date) async throws {
        try await execute(
            """
            INSERT INTO platform_settings (setting_key, setting_value, updated_at_ms)
            VALUES (\(bind: Self.demoMarkerKey), 'true', \(bind: Timestamp.milliseconds(now)))
            """)
    }

    /// Whether the demo loader made this database.
    public func isDemoDatabase() async throws -> Bool {
        try await setting(Self.demoMarkerKey) == "true"
    }

    /// Keeps the hash of a new setup token.
    public func insertSetupToken(hash: String, createdAt: Date, expiresAt: Date) async throws {
        try await execute(
            """
            INSERT INTO setup_tokens (token_hash, created_at_ms, expires_at_ms)
            VALUES (\(bind: hash), \(bind: Timestamp.milliseconds(createdAt)), \(bind: Timestamp.milliseconds(expiresAt)))
            """)
    }

    /// Whether a setup token with this hash exists and has not expired at `now`.
    public func setupTokenIsValid(hash: String, now: Date) async throws -> Bool {
        try await first(
            """
            SELECT token_hash FROM setup_tokens WHERE token_hash = \(bind: hash) AND expires_at_ms > \(bind: Timestamp.milliseconds(now))
            """) != nil
    }

    /// Uses up a setup token: true when this call removed a valid one. Every other token goes
    /// with it, so no second link still works once setup has been done.
    public func consumeSetupToken(hash: String, now: Date) async throws -> Bool {
        let removed = try await changedRowCount(
            """
            DELETE FROM setup_tokens WHERE token_hash = \(bind: hash) AND expires_at_ms > \(bind: Timestamp.milliseconds(now))
            RETURNING token_hash
            """)
        guard removed == 1 else { return false }
        try await execute("DELETE FROM setup_tokens")
        return true
    }

    /// Removes every setup token (an admin now exists, whichever way it was made).
    public func removeSetupTokens() async throws {
        try await execute("DELETE FROM setup_tokens")
    }

    /// Records that the setup page has been used. A plain insert, so that two setups racing on
    /// two servers with two links cannot both succeed: the second one's insert fails.
    public func markSetupCompleted(now: Date) async throws {
        try await execute(
            """
            INSERT INTO platform_settings (setting_key, setting_value, updated_at_ms)
            VALUES (\(bind: Self.setupCompletedKey), \(bind: String(Timestamp.milliseconds(now))), \(bind: Timestamp.milliseconds(now)))
            """)
    }
}

/// Row counts that tell an empty database from one in use.
public struct DatabaseContentCounts: Sendable, Hashable {
    public let accounts: Int64
    public let partners: Int64
    public let categories: Int64
    public let products: Int64
    public let orders: Int64

    /// Creates the counts.
    public init(accounts: Int64, partners: Int64, categories: Int64, products: Int64, orders: Int64) {
        self.accounts = accounts
        self.partners = partners
        self.categories = categories
        self.products = products
        self.orders = orders
    }

    /// Nothing at all: a database that has only been migrated.
    public var isEmpty: Bool { accounts == 0 && partners == 0 && categories == 0 && products == 0 && orders == 0 }
}
