import Foundation
import QudaoCore
import SQLKit

/// The tables whose rows carry a human-readable document number.
public enum DocumentTable: String, Sendable {
    case orders
    case orderReturns = "order_returns"
    case topUps = "top_ups"
    case statements = "settlement_statements"
    case sellOutReports = "sell_out_reports"
    case followUpTasks = "follow_up_tasks"
    case promotions
    case approvalRequests = "approval_requests"
    case partnerStatements = "partner_statements"
    case statementDisputes = "statement_disputes"
    case bankImports = "bank_statement_imports"
}

extension SQLSession {
    /// The most numbers drawn before giving up; with 9 million numbers a day (or a month for
    /// statements) twenty taken in a row means something is wrong, not unlucky.
    static let maximumDocumentNumberDraws = 20

    /// A document number not yet used in `table`, drawn inside the transaction that inserts it
    /// (the table's unique index still refuses the astronomically rare concurrent twin).
    public func unusedDocumentNumber(
        in table: DocumentTable, prefix: String, date: String, draw: () -> Int = { Int.random(in: Identifier.documentDigits) }
    ) async throws -> String {
        for _ in 0..<Self.maximumDocumentNumberDraws {
            let candidate = Identifier.documentNumber(prefix: prefix, date: date, digits: draw())
            if try await first("SELECT 1 AS taken FROM \(unsafeRaw: table.rawValue) WHERE number = \(bind: candidate)") == nil {
                return candidate
            }
        }
        throw DocumentNumberExhausted(table: table.rawValue, prefix: prefix, date: date)
    }
}

/// Every document number drawn was taken.
public struct DocumentNumberExhausted: Error, CustomStringConvertible {
    public let table: String
    public let prefix: String
    public let date: String

    public var description: String { "no unused \(prefix)-\(date) number in \(table) after \(SQLSession.maximumDocumentNumberDraws) draws" }
}

/// Commission rules, records, statements, payouts and settlement runs.
extension SQLSession {
    // MARK: - Rules

    /// The rule version in force at `instant` (the latest whose effective time has come).
    public func commissionRule(at instant: Date) async throws -> CommissionRule {
        guard
            let row = try await first(
                "SELECT rule_json FROM commission_rules WHERE effective_at_ms <= \(bind: Timestamp.milliseconds(instant)) ORDER BY effective_at_ms DESC, version DESC LIMIT 1"
            )
        else { return .defaults() }
        return try JSONDecoder().decode(CommissionRule.self, from: Data(try row.string("rule_json").utf8))
    }

    /// One rule version.
    public func commissionRule(version: Int64) async throws -> CommissionRule? {
        try await first("SELECT rule_json FROM commission_rules WHERE version = \(bind: version)").map {
            try JSONDecoder().decode(CommissionRule.self, from: Data(try $0.string("rule_json").utf8))
        }
    }

    /// Every rule version, newest first (bounded).
    public func commissionRules() async throws -> [CommissionRule] {
        try await rows("SELECT rule_json FROM commission_rules ORDER BY version DESC LIMIT 200").map {
            try JSONDecoder().decode(CommissionRule.self, from: Data(try $0.string("rule_json").utf8))
        }
    }

    /// Stores a new rule version; its number is the next one.
    public func insertCommissionRule(_ rule: CommissionRule, createdBy: String, at instant: Date) async throws -> CommissionRule {
        let next = (try await first("SELECT MAX(version) AS latest FROM commission_rules")?.optionalInt64("latest") ?? 0) + 1
        var stored = rule
        stored.version = next
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await execute(
            """
            INSERT INTO commission_rules (version, rule_json, effective_at_ms, created_by, created_at_ms)
            VALUES (\(bind: next), \(bind: String(decoding: try encoder.encode(stored), as: UTF8.self)), \(bind: Timestamp.milliseconds(stored.effectiveAt)),
                \(bind: createdBy), \(bind: Timestamp.milliseconds(instant)))
            """)
        return stored
    }

    // MARK: - Records

    private static let recordColumns = """
        id, kind, order_id, partner_id, position, month, base_fen, amount_fen, rule_version, state, settleable_at_ms, statement_id,
        explanation_json, created_at_ms
        """

    /// Inserts a record.
    public func insertCommissionRecord(_ record: CommissionRecord) async throws {
        try await execute(
            """
            INSERT INTO commission_records (id, kind, order_id, partner_id, position, month, base_fen, amount_fen, rule_version, state,
                settleable_at_ms, statement_id, explanation_json, created_at_ms)
            VALUES (\(bind: record.id), \(bind: record.kind.rawValue), \(bind: record.orderId), \(bind: record.partnerId), \(bind: record.position),
                \(bind: record.month), \(bind: record.base.fen), \(bind: record.amount.fen), \(bind: record.ruleVersion), \(bind: record.state.rawValue),
                \(bind: record.settleableAt.map(Timestamp.milliseconds)), \(bind: record.statementId), \(bind: record.explanationJSON),
                \(bind: Timestamp.milliseconds(record.createdAt)))
            """)
        if record.state == .settleable { try await addSettleable(partnerId: record.partnerId, amountFen: record.amount.fen) }
        if record.state != .reversed {
            try await rollUpCommission(partnerId: record.partnerId, amountFen: record.amount.fen, createdAt: record.createdAt)
        }
    }

    /// The records of an order, oldest first.
    public func commissionRecords(orderId: String) async throws -> [CommissionRecord] {
        try await rows("SELECT \(unsafeRaw: Self.recordColumns) FROM commission_records WHERE order_id = \(bind: orderId) ORDER BY created_at_ms, id")
            .map(Self.decodeRecord)
    }

    /// One record.
    public func commissionRecord(id: String) async throws -> CommissionRecord? {
        try await first("SELECT \(unsafeRaw: Self.recordColumns) FROM commission_records WHERE id = \(bind: id)").map(Self.decodeRecord)
    }

    /// A page of records, newest first.
    public func commissionRecords(matching filter: CommissionFilter, page: PageRequest) async throws -> Page<CommissionRecord> {
        var condition: SQLQueryString = "1 = 1"
        if let partnerId = filter.partnerId { condition += " AND partner_id = \(bind: partnerId)" }
        if let state = filter.state { condition += " AND state = \(bind: state.rawValue)" }
        if let kind = filter.kind { condition += " AND kind = \(bind: kind.rawValue)" }
        if let orderId = filter.orderId { condition += " AND order_id = \(bind: orderId)" }
        if let number = filter.orderNumber { condition += " AND order_id IN (SELECT id FROM orders WHERE number = \(bind: number))" }
        if let statementId = filter.statementId { condition += " AND statement_id = \(bind: statementId)" }
        if let month = filter.month {
            let start = Timestamp.milliseconds(month.start)
            let end = Timestamp.milliseconds(month.end)
            condition +=
                " AND COALESCE(settleable_at_ms, created_at_ms) >= \(bind: start) AND COALESCE(settleable_at_ms, created_at_ms) < \(bind: end)"
        }
        let total = try await first("SELECT COUNT(*) AS total FROM commission_records WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.recordColumns) FROM commission_records WHERE \(condition)
            ORDER BY created_at_ms DESC, id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeRecord)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Moves an order's frozen records (and frozen adjustments) to `state`; returns how many changed.
    @discardableResult
    public func changeFrozenRecords(orderId: String, to state: CommissionState, settleableAt: Date?) async throws -> Int {
        let changed = try await rows(
            """
            UPDATE commission_records SET state = \(bind: state.rawValue), settleable_at_ms = \(bind: settleableAt.map(Timestamp.milliseconds))
            WHERE order_id = \(bind: orderId) AND state = 'frozen' RETURNING partner_id, amount_fen, created_at_ms
            """)
        if state == .settleable {
            for row in changed { try await addSettleable(partnerId: try row.string("partner_id"), amountFen: try row.int64("amount_fen")) }
        }
        // A reversed record no longer counts as accrued: take it back out of its day's rollup.
        if state == .reversed {
            for row in changed {
                try await rollUpCommission(
                    partnerId: try row.string("partner_id"), amountFen: -(try row.int64("amount_fen")), createdAt: try row.date("created_at_ms"))
            }
        }
        return changed.count
    }

    /// Sums of a partner's records by state, and the amount settled in a month.
    public func commissionTotals(partnerId: String, month: BusinessMonth) async throws -> [String: Money] {
        var totals: [String: Money] = [:]
        for row in try await rows(
            "SELECT state, CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS total FROM commission_records WHERE partner_id = \(bind: partnerId) GROUP BY state"
        ) {
            totals[try row.string("state")] = Money(fen: try row.int64("total"))
        }
        let settledThisMonth =
            try await first(
                """
                SELECT CAST(COALESCE(SUM(net_fen), 0) AS BIGINT) AS total FROM settlement_statements
                WHERE partner_id = \(bind: partnerId) AND month = \(bind: month.previous.description)
                """)?.int64("total") ?? 0
        totals["settledLastRun"] = Money(fen: settledThisMonth)
        return totals
    }

    /// Document numbers of orders and statements by id, for lists of records (at most one page of ids).
    public func documentNumbers(orderIds: [String], statementIds: [String]) async throws -> [String: String] {
        var numbers: [String: String] = [:]
        let orders = Array(Set(orderIds).prefix(PageRequest.maximumPageSize))
        let statements = Array(Set(statementIds).prefix(PageRequest.maximumPageSize))
        if !orders.isEmpty {
            for row in try await rows("SELECT id, number FROM orders WHERE id IN (\(binds: orders))") {
                numbers[try row.string("id")] = try row.string("number")
            }
        }
        if !statements.isEmpty {
            for row in try await rows("SELECT id, number FROM settlement_statements WHERE id IN (\(binds: statements))") {
                numbers[try row.string("id")] = try row.string("number")
            }
        }
        return numbers
    }

    /// Partners with records that a settlement of `month` would consider, by id (bounded batch after `afterId`).
    public func partnersToSettle(monthEnd: Date, afterId: String, limit: Int) async throws -> [String] {
        try await rows(
            """
            SELECT DISTINCT partner_id FROM commission_records
            WHERE state = 'settleable' AND statement_id IS NULL AND settleable_at_ms < \(bind: Timestamp.milliseconds(monthEnd))
                AND partner_id > \(bind: afterId)
            ORDER BY partner_id LIMIT \(bind: limit)
            """
        ).map { try $0.string("partner_id") }
    }

    /// The records a partner's statement for the month ending at `monthEnd` may include. On PostgreSQL
    /// the rows are locked until the transaction ends, so two runs cannot settle the same record.
    public func settlementCandidates(partnerId: String, monthEnd: Date) async throws -> [CommissionRecord] {
        let lock = dialect == .postgres ? " FOR UPDATE" : ""
        return try await rows(
            """
            SELECT \(unsafeRaw: Self.recordColumns) FROM commission_records
            WHERE partner_id = \(bind: partnerId) AND state = 'settleable' AND statement_id IS NULL
                AND settleable_at_ms < \(bind: Timestamp.milliseconds(monthEnd))
            ORDER BY id\(unsafeRaw: lock)
            """
        ).map(Self.decodeRecord)
    }

    /// Marks records settled in a statement, only those still unsettled; returns how many changed.
    public func settleRecords(ids: [String], statementId: String) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let settled = try await rows(
            """
            UPDATE commission_records SET state = 'settled', statement_id = \(bind: statementId)
            WHERE id IN (\(binds: ids)) AND state = 'settleable' AND statement_id IS NULL RETURNING partner_id, amount_fen
            """)
        for row in settled { try await addSettleable(partnerId: try row.string("partner_id"), amountFen: -(try row.int64("amount_fen"))) }
        return settled.count
    }

    /// Σ net amounts of orders attributed to a partner and paid in `[start, end)`, less what was refunded
    /// on them so far (RULES §5 monthly sales), per partner, for partners with any such order.
    public func monthlySales(start: Date, end: Date) async throws -> [(partnerId: String, sales: Money)] {
        try await rows(
            """
            SELECT partner_id, CAST(SUM(net_fen - refunded_fen) AS BIGINT) AS sales FROM orders
            WHERE paid_at_ms >= \(bind: Timestamp.milliseconds(start)) AND paid_at_ms < \(bind: Timestamp.milliseconds(end))
            GROUP BY partner_id ORDER BY partner_id
            """
        ).map { (try $0.string("partner_id"), Money(fen: try $0.int64("sales"))) }
    }

    static func decodeRecord(_ row: any SQLRow) throws -> CommissionRecord {
        CommissionRecord(
            id: try row.string("id"), kind: CommissionKind(rawValue: try row.string("kind")) ?? .commission,
            orderId: try row.optionalString("order_id"),
            partnerId: try row.string("partner_id"), position: try row.optionalInt64("position").map(Int.init),
            month: try row.optionalString("month"),
            base: Money(fen: try row.int64("base_fen")), amount: Money(fen: try row.int64("amount_fen")), ruleVersion: try row.int64("rule_version"),
            state: CommissionState(rawValue: try row.string("state")) ?? .frozen, settleableAt: try row.optionalDate("settleable_at_ms"),
            statementId: try row.optionalString("statement_id"), explanationJSON: try row.string("explanation_json"),
            createdAt: try row.date("created_at_ms"))
    }

    // MARK: - Statements and payouts

    private static let statementColumns = """
        id, number, partner_id, month, commission_fen, bonus_fen, net_fen, record_count, payout_method, status, failure_reason, created_at_ms, paid_at_ms
        """

    /// Inserts a statement.
    public func insertStatement(_ statement: StatementRecord) async throws {
        try await execute(
            """
            INSERT INTO settlement_statements (id, number, partner_id, month, commission_fen, bonus_fen, net_fen, record_count, payout_method, status,
                created_at_ms, paid_at_ms, row_version)
            VALUES (\(bind: statement.id), \(bind: statement.number), \(bind: statement.partnerId), \(bind: statement.month),
                \(bind: statement.commission.fen), \(bind: statement.bonus.fen), \(bind: statement.net.fen), \(bind: statement.recordCount),
                \(bind: statement.payoutMethod.rawValue), \(bind: statement.status.rawValue), \(bind: Timestamp.milliseconds(statement.createdAt)),
                \(bind: statement.paidAt.map(Timestamp.milliseconds)), 1)
            """)
    }

    /// One statement.
    public func statement(id: String) async throws -> StatementRecord? {
        try await first("SELECT \(unsafeRaw: Self.statementColumns) FROM settlement_statements WHERE id = \(bind: id)").map(Self.decodeStatement)
    }

    /// A partner's statement for a month, if there is one.
    public func statement(partnerId: String, month: String) async throws -> StatementRecord? {
        try await first(
            "SELECT \(unsafeRaw: Self.statementColumns) FROM settlement_statements WHERE partner_id = \(bind: partnerId) AND month = \(bind: month)"
        ).map(Self.decodeStatement)
    }

    /// A page of statements, newest first.
    public func statements(
        partnerId: String?, month: String?, status: StatementRecord.Status?, page: PageRequest
    ) async throws -> Page<StatementRecord> {
        var condition: SQLQueryString = "1 = 1"
        if let partnerId { condition += " AND partner_id = \(bind: partnerId)" }
        if let month { condition += " AND month = \(bind: month)" }
        if let status { condition += " AND status = \(bind: status.rawValue)" }
        let total = try await first("SELECT COUNT(*) AS total FROM settlement_statements WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.statementColumns) FROM settlement_statements WHERE \(condition)
            ORDER BY month DESC, partner_id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.decodeStatement)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// The records of a statement.
    public func statementRecords(statementId: String) async throws -> [CommissionRecord] {
        try await rows(
            "SELECT \(unsafeRaw: Self.recordColumns) FROM commission_records WHERE statement_id = \(bind: statementId) ORDER BY created_at_ms, id"
        )
        .map(Self.decodeRecord)
    }

    /// Moves a statement from one status to another if it is still in the first; false otherwise.
    public func transitionStatement(
        id: String, from: StatementRecord.Status, to: StatementRecord.Status, at instant: Date, failureReason: String?
    ) async throws
        -> Bool
    {
        try await changedRowCount(
            """
            UPDATE settlement_statements SET status = \(bind: to.rawValue), failure_reason = \(bind: failureReason),
                paid_at_ms = \(bind: to == .paid ? Timestamp.milliseconds(instant) : nil), row_version = row_version + 1
            WHERE id = \(bind: id) AND status = \(bind: from.rawValue) RETURNING id
            """) == 1
    }

    /// Records a payout attempt.
    public func insertPayout(
        statementId: String, attempt: Int64, status: String, amount: Money, method: PayoutMethod, at instant: Date, by actor: String?
    )
        async throws
    {
        try await execute(
            """
            INSERT INTO payouts (id, statement_id, attempt, status, amount_fen, method, decided_by, decided_at_ms, created_at_ms)
            VALUES (\(bind: Identifier.make(prefix: "pay")), \(bind: statementId), \(bind: attempt), \(bind: status), \(bind: amount.fen),
                \(bind: method.rawValue), \(bind: status == "pending" ? nil : actor), \(bind: status == "pending" ? nil : Timestamp.milliseconds(instant)),
                \(bind: Timestamp.milliseconds(instant)))
            """)
    }

    /// Closes a statement's open payout attempt as paid or failed; false when none was open.
    public func closePayout(statementId: String, status: String, reason: String?, by actor: String, at instant: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE payouts SET status = \(bind: status), failure_reason = \(bind: reason), decided_by = \(bind: actor),
                decided_at_ms = \(bind: Timestamp.milliseconds(instant))
            WHERE statement_id = \(bind: statementId) AND status = 'pending' RETURNING id
            """) == 1
    }

    /// How many payout attempts a statement has had.
    public func payoutAttempts(statementId: String) async throws -> Int64 {
        try await first("SELECT COUNT(*) AS total FROM payouts WHERE statement_id = \(bind: statementId)")?.int64("total") ?? 0
    }

    /// Marks the open attempts of these statements exported (for the payout file).
    public func markPayoutsExported(statementIds: [String], at instant: Date) async throws {
        guard !statementIds.isEmpty else { return }
        try await execute(
            "UPDATE payouts SET exported_at_ms = \(bind: Timestamp.milliseconds(instant)) WHERE status = 'pending' AND statement_id IN (\(binds: statementIds))"
        )
    }

    static func decodeStatement(_ row: any SQLRow) throws -> StatementRecord {
        StatementRecord(
            id: try row.string("id"), number: try row.string("number"), partnerId: try row.string("partner_id"), month: try row.string("month"),
            commission: Money(fen: try row.int64("commission_fen")), bonus: Money(fen: try row.int64("bonus_fen")),
            net: Money(fen: try row.int64("net_fen")),
            recordCount: try row.int64("record_count"), payoutMethod: PayoutMethod(rawValue: try row.string("payout_method")) ?? .prepaid,
            status: StatementRecord.Status(rawValue: try row.string("status")) ?? .pendingPayout,
            failureReason: try row.optionalString("failure_reason"),
            createdAt: try row.date("created_at_ms"), paidAt: try row.optionalDate("paid_at_ms"))
    }

    // MARK: - Runs

    /// A settlement run's record (the type lives in the domain, where the web can read it).
    public typealias SettlementRunRecord = QudaoCore.SettlementRunRecord

    /// The run of a month, if it was started.
    public func settlementRun(month: String) async throws -> SettlementRunRecord? {
        try await first("SELECT * FROM settlement_runs WHERE month = \(bind: month)").map(Self.decodeRun)
    }

    /// Every run, newest first (bounded).
    public func settlementRuns() async throws -> [SettlementRunRecord] {
        try await rows("SELECT * FROM settlement_runs ORDER BY month DESC LIMIT 120").map(Self.decodeRun)
    }

    /// Records that a run started (or resumed).
    public func startSettlementRun(month: String, triggeredBy: String, at instant: Date) async throws {
        try await execute(
            """
            INSERT INTO settlement_runs (month, status, triggered_by, started_at_ms) VALUES (\(bind: month), 'running', \(bind: triggeredBy),
                \(bind: Timestamp.milliseconds(instant)))
            ON CONFLICT (month) DO NOTHING
            """)
    }

    /// Adds to a run's counters.
    public func countSettlementRun(month: String, partners: Int, statements: Int, bonuses: Int) async throws {
        try await execute(
            """
            UPDATE settlement_runs SET partners_examined = partners_examined + \(bind: partners), statements_created = statements_created + \(bind: statements),
                bonuses_created = bonuses_created + \(bind: bonuses)
            WHERE month = \(bind: month)
            """)
    }

    /// Marks a run complete.
    public func completeSettlementRun(month: String, at instant: Date) async throws {
        try await execute(
            "UPDATE settlement_runs SET status = 'completed', completed_at_ms = \(bind: Timestamp.milliseconds(instant)) WHERE month = \(bind: month) AND status = 'running'"
        )
    }

    static func decodeRun(_ row: any SQLRow) throws -> SettlementRunRecord {
        SettlementRunRecord(
            month: try row.string("month"), status: try row.string("status"), triggeredBy: try row.string("triggered_by"),
            startedAt: try row.date("started_at_ms"), completedAt: try row.optionalDate("completed_at_ms"),
            partnersExamined: try row.int64("partners_examined"), statementsCreated: try row.int64("statements_created"),
            bonusesCreated: try row.int64("bonuses_created"))
    }

    // MARK: - Payout settings

    /// A partner's payout settings.
    public func payoutSettings(partnerId: String, cipher: PersonalDataCipher) async throws -> PayoutSettings {
        guard
            let row = try await first(
                "SELECT payout_method, bank_account_name, bank_name, bank_account_encrypted FROM partners WHERE id = \(bind: partnerId)")
        else { return PayoutSettings(method: .prepaid, accountName: nil, bankName: nil, accountNumber: nil) }
        return PayoutSettings(
            method: PayoutMethod(rawValue: try row.string("payout_method")) ?? .prepaid, accountName: try row.optionalString("bank_account_name"),
            bankName: try row.optionalString("bank_name"),
            accountNumber: try row.optionalString("bank_account_encrypted").map { try cipher.decrypt($0) })
    }

    /// Sets a partner's payout settings (the account number encrypted).
    public func setPayoutSettings(partnerId: String, _ settings: PayoutSettings, cipher: PersonalDataCipher) async throws {
        try await execute(
            """
            UPDATE partners SET payout_method = \(bind: settings.method.rawValue), bank_account_name = \(bind: settings.accountName),
                bank_name = \(bind: settings.bankName), bank_account_encrypted = \(bind: try settings.accountNumber.map { try cipher.encrypt($0) })
            WHERE id = \(bind: partnerId)
            """)
    }
}
