import Foundation
import QudaoCore
import SQLKit

/// A posting was refused because it would take a guarded account below zero.
public struct InsufficientBalance: Error, Sendable, Equatable {
    /// The account that lacked funds.
    public let accountCode: String
    /// Its balance when the posting was tried.
    public let available: Money
    /// What the posting needed from it.
    public let required: Money
}

/// The double-entry ledger: posting balanced transactions and reading balances and statements.
extension SQLSession {
    /// Posts a balanced transaction inside the current database transaction: one transaction row,
    /// one entry per line, and each account's cached balance moved with a conditional update, so a
    /// guarded (prepaid) account can never go below zero however many requests race for it.
    /// Accounts are updated in code order, so concurrent postings always lock rows in the same order.
    ///
    /// `statementMonth` is set for a correction accepted from a statement dispute: the month whose
    /// partner statement it belongs to (on the partner's entries; HQ's have no statements).
    ///
    /// - Throws: ``InsufficientBalance`` when a guarded account lacks the funds; the caller's
    ///   transaction then rolls back, and nothing of the business change remains either.
    @discardableResult
    public func post(_ posting: LedgerPosting, at instant: Date, actorAccountId: String?, statementMonth: String? = nil) async throws -> String {
        let transactionId = Identifier.make(prefix: "ltx")
        let milliseconds = Timestamp.milliseconds(instant)
        try await execute(
            """
            INSERT INTO ledger_transactions (id, kind, reference, memo, total_fen, actor_account_id, posted_at_ms)
            VALUES (\(bind: transactionId), \(bind: posting.kind.rawValue), \(bind: posting.reference), \(bind: posting.memo),
                \(bind: posting.amount.fen), \(bind: actorAccountId), \(bind: milliseconds))
            """)
        for entry in posting.entries.sorted(by: { ($0.account.code, $0.direction.rawValue) < ($1.account.code, $1.direction.rawValue) }) {
            let change = entry.balanceChange.fen
            let updated: (any SQLRow)?
            if entry.account.mayNotGoNegative && change < 0 {
                updated = try await first(
                    """
                    UPDATE ledger_accounts SET balance_fen = balance_fen + \(bind: change), updated_at_ms = \(bind: milliseconds)
                    WHERE code = \(bind: entry.account.code) AND balance_fen >= \(bind: -change)
                    RETURNING balance_fen
                    """)
                if updated == nil {
                    let available =
                        try await first("SELECT balance_fen FROM ledger_accounts WHERE code = \(bind: entry.account.code)")?
                        .int64("balance_fen") ?? 0
                    throw InsufficientBalance(accountCode: entry.account.code, available: Money(fen: available), required: Money(fen: -change))
                }
            } else {
                updated = try await first(
                    """
                    UPDATE ledger_accounts SET balance_fen = balance_fen + \(bind: change), updated_at_ms = \(bind: milliseconds)
                    WHERE code = \(bind: entry.account.code)
                    RETURNING balance_fen
                    """)
            }
            guard let balanceAfter = try updated?.int64("balance_fen") else {
                throw DatabaseConfigurationError(description: "ledger account \(entry.account.code) does not exist")
            }
            try await execute(
                """
                INSERT INTO ledger_entries (transaction_id, account_code, direction, amount_fen, balance_after_fen, posted_at_ms, statement_month)
                VALUES (\(bind: transactionId), \(bind: entry.account.code), \(bind: entry.direction.rawValue), \(bind: entry.amount.fen),
                    \(bind: balanceAfter), \(bind: milliseconds), \(bind: entry.account.partnerId == nil ? nil : statementMonth))
                """)
        }
        return transactionId
    }

    /// Creates a partner's commission-payable account if it does not exist yet.
    public func ensureCommissionAccount(partnerId: String, at instant: Date) async throws {
        let milliseconds = Timestamp.milliseconds(instant)
        try await execute(
            """
            INSERT INTO ledger_accounts (code, kind, partner_id, normal_side, balance_fen, created_at_ms, updated_at_ms)
            VALUES (\(bind: LedgerAccount.commissionPayable(partnerId: partnerId).code), 'hq', NULL, 'credit', 0, \(bind: milliseconds), \(bind: milliseconds))
            ON CONFLICT (code) DO NOTHING
            """)
    }

    /// The balance of any ledger account (zero when it does not exist).
    public func balance(of account: LedgerAccount) async throws -> Money {
        Money(fen: try await first("SELECT balance_fen FROM ledger_accounts WHERE code = \(bind: account.code)")?.int64("balance_fen") ?? 0)
    }

    /// A partner's prepaid balance.
    public func prepaidBalance(partnerId: String) async throws -> Money {
        Money(
            fen: try await first(
                "SELECT balance_fen FROM ledger_accounts WHERE code = \(bind: LedgerAccount.prepaid(partnerId: partnerId).code)"
            )?.int64("balance_fen") ?? 0)
    }

    /// Prepaid balances of many partners at once.
    public func prepaidBalances(partnerIds: [String]) async throws -> [String: Money] {
        guard !partnerIds.isEmpty else { return [:] }
        var balances: [String: Money] = [:]
        for row in try await rows("SELECT partner_id, balance_fen FROM ledger_accounts WHERE partner_id IN (\(binds: partnerIds))") {
            balances[try row.string("partner_id")] = Money(fen: try row.int64("balance_fen"))
        }
        return balances
    }

    /// A page of a partner's prepaid statement, newest first, with the running balance after each movement.
    public func prepaidStatement(partnerId: String, filter: StatementFilter, page: PageRequest) async throws -> Page<StatementLine> {
        var condition: SQLQueryString = "e.account_code = \(bind: LedgerAccount.prepaid(partnerId: partnerId).code)"
        if let from = filter.from { condition += " AND e.posted_at_ms >= \(bind: Timestamp.milliseconds(from))" }
        if let to = filter.to { condition += " AND e.posted_at_ms < \(bind: Timestamp.milliseconds(to))" }
        if !filter.kinds.isEmpty { condition += " AND t.kind IN (\(binds: filter.kinds.map(\.rawValue)))" }
        let total =
            try await first(
                "SELECT COUNT(*) AS total FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id WHERE \(condition)"
            )?.int64("total") ?? 0
        let lines = try await rows(
            """
            SELECT e.id, e.transaction_id, e.direction, e.amount_fen, e.balance_after_fen, e.posted_at_ms, t.kind, t.reference, t.memo
            FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE \(condition) ORDER BY e.id DESC LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map { row in
            let amount = try row.int64("amount_fen")
            return StatementLine(
                entryId: try row.int64("id"), transactionId: try row.string("transaction_id"),
                kind: PostingKind(rawValue: try row.string("kind")) ?? .manualCredit, reference: try row.string("reference"),
                memo: try row.string("memo"), change: Money(fen: try row.string("direction") == "credit" ? amount : -amount),
                balanceAfter: Money(fen: try row.int64("balance_after_fen")), postedAt: try row.date("posted_at_ms"))
        }
        return Page(items: lines, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// The ledger transactions posted for a business object, oldest first.
    public func postings(reference: String) async throws -> [(id: String, kind: PostingKind, total: Money)] {
        try await rows(
            "SELECT id, kind, total_fen FROM ledger_transactions WHERE reference = \(bind: reference) ORDER BY posted_at_ms, id"
        ).map { (try $0.string("id"), PostingKind(rawValue: try $0.string("kind")) ?? .refund, Money(fen: try $0.int64("total_fen"))) }
    }
}
