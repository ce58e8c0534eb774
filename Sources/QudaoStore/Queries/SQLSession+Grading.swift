import Foundation
import QudaoCore
import SQLKit

/// Grading runs, grades, current grades and follow-up tasks.
extension SQLSession {
    static let gradeJSONEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    // MARK: - Inputs

    /// Active partners after `afterId` in id order, at most `limit`: the batches a run grades.
    public func activePartnerIds(after afterId: String, limit: Int) async throws -> [String] {
        try await rows(
            "SELECT id FROM partners WHERE status = 'active' AND id > \(bind: afterId) ORDER BY id LIMIT \(bind: limit)"
        ).map { try $0.string("id") }
    }

    /// What each partner did in the window (RULES §9), counted in a handful of grouped queries for
    /// the whole batch. Stock is counted by business day: the on-hand at the window's start is the
    /// sum of every movement dated before it (never below zero).
    public func gradingInputs(partnerIds: [String], window: GradingWindow) async throws -> [String: GradingInputs] {
        guard !partnerIds.isEmpty else { return [:] }
        var inputs = Dictionary(
            uniqueKeysWithValues: partnerIds.map {
                (
                    $0,
                    GradingInputs(
                        unitsSold: 0, openingOnHand: 0, unitsReceived: 0, unitsDelivered: 0, unitsReturned: 0, salesLast30Days: .zero,
                        salesPrevious30Days: .zero)
                )
            })
        let startMilliseconds = Timestamp.milliseconds(window.start)
        let endMilliseconds = Timestamp.milliseconds(window.end)
        for row in try await rows(
            """
            SELECT partner_id,
                CAST(SUM(CASE WHEN business_date < \(bind: window.startDay) THEN quantity ELSE 0 END) AS BIGINT) AS opening,
                CAST(SUM(CASE WHEN kind = 'sell_out' AND business_date >= \(bind: window.startDay) AND business_date < \(bind: window.day)
                    THEN -quantity ELSE 0 END) AS BIGINT) AS sold,
                CAST(SUM(CASE WHEN kind = 'delivery' AND business_date >= \(bind: window.startDay) AND business_date < \(bind: window.day)
                    THEN quantity ELSE 0 END) AS BIGINT) AS received
            FROM partner_stock_movements WHERE partner_id IN (\(binds: partnerIds)) AND business_date < \(bind: window.day)
            GROUP BY partner_id
            """)
        {
            let id = try row.string("partner_id")
            inputs[id]?.openingOnHand = max(0, try row.int64("opening"))
            inputs[id]?.unitsSold = try row.int64("sold")
            inputs[id]?.unitsReceived = try row.int64("received")
        }
        for row in try await rows(
            """
            SELECT o.partner_id, CAST(SUM(l.quantity) AS BIGINT) AS delivered, CAST(SUM(l.returned_quantity) AS BIGINT) AS returned
            FROM orders o JOIN order_lines l ON l.order_id = o.id
            WHERE o.partner_id IN (\(binds: partnerIds)) AND o.delivered_at_ms >= \(bind: startMilliseconds) AND o.delivered_at_ms < \(bind: endMilliseconds)
            GROUP BY o.partner_id
            """)
        {
            let id = try row.string("partner_id")
            inputs[id]?.unitsDelivered = try row.int64("delivered")
            inputs[id]?.unitsReturned = try row.int64("returned")
        }
        let last30 = Timestamp.milliseconds(window.last30Start)
        for row in try await rows(
            """
            SELECT partner_id,
                CAST(SUM(CASE WHEN paid_at_ms >= \(bind: last30) THEN net_fen - refunded_fen ELSE 0 END) AS BIGINT) AS last30,
                CAST(SUM(CASE WHEN paid_at_ms < \(bind: last30) THEN net_fen - refunded_fen ELSE 0 END) AS BIGINT) AS previous30
            FROM orders
            WHERE partner_id IN (\(binds: partnerIds)) AND paid_at_ms >= \(bind: Timestamp.milliseconds(window.previous30Start))
                AND paid_at_ms < \(bind: endMilliseconds)
            GROUP BY partner_id
            """)
        {
            let id = try row.string("partner_id")
            inputs[id]?.salesLast30Days = Money(fen: try row.int64("last30"))
            inputs[id]?.salesPrevious30Days = Money(fen: try row.int64("previous30"))
        }
        return inputs
    }

    // MARK: - Runs

    /// The run of a business day, if any.
    public func gradingRun(day: String) async throws -> GradingRunRecord? {
        try await first("SELECT * FROM grading_runs WHERE business_date = \(bind: day)").map(Self.gradingRun)
    }

    /// The latest runs, newest first.
    public func gradingRuns(limit: Int) async throws -> [GradingRunRecord] {
        try await rows("SELECT * FROM grading_runs ORDER BY business_date DESC LIMIT \(bind: limit)").map(Self.gradingRun)
    }

    /// The first instant the platform holds data for (its first partner or order), nil when empty.
    public func firstActivityInstant() async throws -> Date? {
        let partner = try await first("SELECT MIN(created_at_ms) AS first FROM partners")?.optionalInt64("first")
        let order = try await first("SELECT MIN(created_at_ms) AS first FROM orders")?.optionalInt64("first")
        return [partner, order].compactMap { $0 }.min().map(Timestamp.date)
    }

    /// The latest day with a completed run.
    public func latestCompletedGradingDay() async throws -> String? {
        try await first("SELECT MAX(business_date) AS day FROM grading_runs WHERE status = 'completed'")?.optionalString("day")
    }

    static func gradingRun(_ row: any SQLRow) throws -> GradingRunRecord {
        GradingRunRecord(
            businessDate: try row.string("business_date"), status: try row.string("status"), triggeredBy: try row.string("triggered_by"),
            startedAt: try row.date("started_at_ms"), completedAt: try row.optionalDate("completed_at_ms"),
            partnersGraded: try row.int64("partners_graded"), warningsEntered: try row.int64("warnings_entered"))
    }

    /// Starts (or restarts) the run of a day with its thresholds; counts start again at zero.
    public func startGradingRun(day: String, triggeredBy: String, thresholds: GradingThresholds, at instant: Date) async throws {
        let text = String(decoding: try Self.gradeJSONEncoder.encode(thresholds), as: UTF8.self)
        let milliseconds = Timestamp.milliseconds(instant)
        try await execute(
            """
            INSERT INTO grading_runs (business_date, status, triggered_by, started_at_ms, thresholds)
            VALUES (\(bind: day), 'running', \(bind: triggeredBy), \(bind: milliseconds), \(bind: text))
            ON CONFLICT (business_date) DO UPDATE SET status = 'running', triggered_by = excluded.triggered_by,
                started_at_ms = excluded.started_at_ms, completed_at_ms = NULL, partners_graded = 0, warnings_entered = 0,
                thresholds = excluded.thresholds
            """)
    }

    /// Adds a batch's counts to a run.
    public func countGradingRun(day: String, partners: Int, warnings: Int) async throws {
        try await execute(
            """
            UPDATE grading_runs SET partners_graded = partners_graded + \(bind: partners), warnings_entered = warnings_entered + \(bind: warnings)
            WHERE business_date = \(bind: day)
            """)
    }

    /// Marks a run completed.
    public func completeGradingRun(day: String, at instant: Date) async throws {
        try await execute(
            "UPDATE grading_runs SET status = 'completed', completed_at_ms = \(bind: Timestamp.milliseconds(instant)) WHERE business_date = \(bind: day)"
        )
    }

    // MARK: - Grades

    /// The grade a partner had on the latest day before `day`.
    public func gradeBefore(partnerId: String, day: String) async throws -> Grade? {
        try await first(
            """
            SELECT grade FROM partner_grades WHERE partner_id = \(bind: partnerId) AND business_date < \(bind: day)
            ORDER BY business_date DESC LIMIT 1
            """
        ).flatMap { Grade(rawValue: try $0.string("grade")) }
    }

    /// The grades of the latest day before `day`, for a batch of partners.
    public func gradesBefore(partnerIds: [String], day: String) async throws -> [String: Grade] {
        guard !partnerIds.isEmpty else { return [:] }
        var grades: [String: Grade] = [:]
        for row in try await rows(
            """
            SELECT g.partner_id, g.grade FROM partner_grades g
            WHERE g.partner_id IN (\(binds: partnerIds)) AND g.business_date = (
                SELECT MAX(h.business_date) FROM partner_grades h WHERE h.partner_id = g.partner_id AND h.business_date < \(bind: day))
            """)
        {
            grades[try row.string("partner_id")] = Grade(rawValue: try row.string("grade"))
        }
        return grades
    }

    /// Stores a partner's grade of a day (a second grading of the same day replaces the figures but
    /// keeps the row's id) and makes it the current grade. Returns the stored id.
    @discardableResult
    public func savePartnerGrade(_ record: PartnerGradeRecord) async throws -> String {
        let metrics = record.metrics
        let reasons = String(decoding: try Self.gradeJSONEncoder.encode(record.reasons), as: UTF8.self)
        let thresholds = String(decoding: try Self.gradeJSONEncoder.encode(record.thresholds), as: UTF8.self)
        let inputs = record.inputs
        let milliseconds = Timestamp.milliseconds(record.computedAt)
        guard
            let stored = try await first(
                """
                INSERT INTO partner_grades (id, partner_id, business_date, grade, previous_grade, units_sold, opening_on_hand, units_received,
                    units_delivered, units_returned, sales_last30_fen, sales_previous30_fen, sell_through_bp, return_rate_bp, sales_change_bp,
                    reasons, thresholds, computed_at_ms)
                VALUES (\(bind: record.id), \(bind: record.partnerId), \(bind: record.businessDate), \(bind: record.grade.rawValue),
                    \(bind: record.previousGrade?.rawValue), \(bind: inputs.unitsSold), \(bind: inputs.openingOnHand), \(bind: inputs.unitsReceived),
                    \(bind: inputs.unitsDelivered), \(bind: inputs.unitsReturned), \(bind: inputs.salesLast30Days.fen),
                    \(bind: inputs.salesPrevious30Days.fen), \(bind: metrics.sellThrough?.roundedBasisPoints),
                    \(bind: metrics.returnRate?.roundedBasisPoints), \(bind: metrics.salesChange?.roundedBasisPoints), \(bind: reasons),
                    \(bind: thresholds), \(bind: milliseconds))
                ON CONFLICT (partner_id, business_date) DO UPDATE SET grade = excluded.grade, previous_grade = excluded.previous_grade,
                    units_sold = excluded.units_sold, opening_on_hand = excluded.opening_on_hand, units_received = excluded.units_received,
                    units_delivered = excluded.units_delivered, units_returned = excluded.units_returned,
                    sales_last30_fen = excluded.sales_last30_fen, sales_previous30_fen = excluded.sales_previous30_fen,
                    sell_through_bp = excluded.sell_through_bp, return_rate_bp = excluded.return_rate_bp,
                    sales_change_bp = excluded.sales_change_bp, reasons = excluded.reasons, thresholds = excluded.thresholds,
                    computed_at_ms = excluded.computed_at_ms
                RETURNING id
                """)
        else { preconditionFailure("an upsert returns its row") }
        let id = try stored.string("id")
        let current = try await currentGrade(partnerId: record.partnerId)
        // The run of this grade started on this day unless the current grade (of an earlier day, or
        // of this day graded before) is the same grade.
        var since = record.businessDate
        if let current, current.grade == record.grade, current.businessDate <= record.businessDate { since = current.sinceDate }
        // Only a grade of the same or a later day replaces the current one.
        try await execute(
            """
            INSERT INTO partner_current_grades (partner_id, grade_id, grade, business_date, since_date, sell_through_bp, return_rate_bp,
                sales_change_bp, updated_at_ms)
            VALUES (\(bind: record.partnerId), \(bind: id), \(bind: record.grade.rawValue), \(bind: record.businessDate), \(bind: since),
                \(bind: metrics.sellThrough?.roundedBasisPoints), \(bind: metrics.returnRate?.roundedBasisPoints),
                \(bind: metrics.salesChange?.roundedBasisPoints), \(bind: milliseconds))
            ON CONFLICT (partner_id) DO UPDATE SET grade_id = excluded.grade_id, grade = excluded.grade, business_date = excluded.business_date,
                since_date = excluded.since_date, sell_through_bp = excluded.sell_through_bp, return_rate_bp = excluded.return_rate_bp,
                sales_change_bp = excluded.sales_change_bp, updated_at_ms = excluded.updated_at_ms
            WHERE partner_current_grades.business_date <= excluded.business_date
            """)
        return id
    }

    /// A partner's current grade.
    public func currentGrade(partnerId: String) async throws -> CurrentGrade? {
        try await first("SELECT * FROM partner_current_grades WHERE partner_id = \(bind: partnerId)").map(Self.currentGrade)
    }

    /// Current grades of some partners.
    public func currentGrades(partnerIds: [String]) async throws -> [String: CurrentGrade] {
        guard !partnerIds.isEmpty else { return [:] }
        var grades: [String: CurrentGrade] = [:]
        for row in try await rows("SELECT * FROM partner_current_grades WHERE partner_id IN (\(binds: partnerIds))") {
            let grade = try Self.currentGrade(row)
            grades[grade.partnerId] = grade
        }
        return grades
    }

    static func currentGrade(_ row: any SQLRow) throws -> CurrentGrade {
        CurrentGrade(
            partnerId: try row.string("partner_id"), gradeId: try row.string("grade_id"),
            grade: Grade(rawValue: try row.string("grade")) ?? .potential, businessDate: try row.string("business_date"),
            sinceDate: try row.string("since_date"), sellThroughBasisPoints: try row.optionalInt64("sell_through_bp"),
            returnRateBasisPoints: try row.optionalInt64("return_rate_bp"), salesChangeBasisPoints: try row.optionalInt64("sales_change_bp"))
    }

    /// How many partners hold each current grade.
    public func gradeDistribution() async throws -> [Grade: Int64] {
        var counts: [Grade: Int64] = [:]
        for row in try await rows("SELECT grade, COUNT(*) AS total FROM partner_current_grades GROUP BY grade") {
            if let grade = Grade(rawValue: try row.string("grade")) { counts[grade] = try row.int64("total") }
        }
        return counts
    }

    /// One stored grade.
    public func partnerGrade(id: String) async throws -> PartnerGradeRecord? {
        try await first("SELECT * FROM partner_grades WHERE id = \(bind: id)").map(Self.partnerGrade)
    }

    /// A partner's grades, newest day first; with `changesOnly`, only the days its grade changed.
    public func partnerGrades(partnerId: String, changesOnly: Bool, page: PageRequest) async throws -> Page<PartnerGradeRecord> {
        var condition: SQLQueryString = "partner_id = \(bind: partnerId)"
        if changesOnly { condition += " AND (previous_grade IS NULL OR previous_grade <> grade)" }
        let total = try await first("SELECT COUNT(*) AS total FROM partner_grades WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            "SELECT * FROM partner_grades WHERE \(condition) ORDER BY business_date DESC LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)"
        ).map(Self.partnerGrade)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    static func partnerGrade(_ row: any SQLRow) throws -> PartnerGradeRecord {
        let decoder = JSONDecoder()
        return PartnerGradeRecord(
            id: try row.string("id"), partnerId: try row.string("partner_id"), businessDate: try row.string("business_date"),
            grade: Grade(rawValue: try row.string("grade")) ?? .potential,
            previousGrade: try row.optionalString("previous_grade").flatMap(Grade.init(rawValue:)),
            inputs: GradingInputs(
                unitsSold: try row.int64("units_sold"), openingOnHand: try row.int64("opening_on_hand"),
                unitsReceived: try row.int64("units_received"),
                unitsDelivered: try row.int64("units_delivered"), unitsReturned: try row.int64("units_returned"),
                salesLast30Days: Money(fen: try row.int64("sales_last30_fen")), salesPrevious30Days: Money(fen: try row.int64("sales_previous30_fen"))
            ),
            reasons: (try? decoder.decode([GradeReason].self, from: Data(try row.string("reasons").utf8))) ?? [],
            thresholds: (try? decoder.decode(GradingThresholds.self, from: Data(try row.string("thresholds").utf8))) ?? .defaults,
            computedAt: try row.date("computed_at_ms"))
    }

    // MARK: - Follow-up tasks

    /// The open task of a partner, if any.
    public func openFollowUpTask(partnerId: String) async throws -> FollowUpTask? {
        try await first("SELECT * FROM follow_up_tasks WHERE partner_id = \(bind: partnerId) AND status = 'open'").map(Self.followUpTask)
    }

    /// Records a new open task (a partial unique index keeps one open task per partner).
    public func insertFollowUpTask(_ task: FollowUpTask) async throws {
        let milliseconds = Timestamp.milliseconds(task.openedAt)
        try await execute(
            """
            INSERT INTO follow_up_tasks (id, number, partner_id, grade_id, reason_zh, reason_en, status, assignee_account_id, opened_at_ms, updated_at_ms)
            VALUES (\(bind: task.id), \(bind: task.number), \(bind: task.partnerId), \(bind: task.gradeId), \(bind: task.reasonChinese),
                \(bind: task.reasonEnglish), 'open', \(bind: task.assigneeAccountId), \(bind: milliseconds), \(bind: milliseconds))
            """)
    }

    /// One task.
    public func followUpTask(id: String) async throws -> FollowUpTask? {
        try await first("SELECT * FROM follow_up_tasks WHERE id = \(bind: id)").map(Self.followUpTask)
    }

    /// Tasks, open ones first, newest first.
    public func followUpTasks(filter: FollowUpFilter, page: PageRequest) async throws -> Page<FollowUpTask> {
        var condition: SQLQueryString = "1 = 1"
        if let status = filter.status { condition += " AND status = \(bind: status.rawValue)" }
        if let partnerId = filter.partnerId { condition += " AND partner_id = \(bind: partnerId)" }
        if let assignee = filter.assigneeAccountId { condition += " AND assignee_account_id = \(bind: assignee)" }
        let total = try await first("SELECT COUNT(*) AS total FROM follow_up_tasks WHERE \(condition)")?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT * FROM follow_up_tasks WHERE \(condition)
            ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, opened_at_ms DESC, id LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map(Self.followUpTask)
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Assigns an open task, if it is still at `rowVersion`.
    public func assignFollowUpTask(id: String, accountId: String?, rowVersion: Int64?, at instant: Date) async throws -> Bool {
        var condition: SQLQueryString = "id = \(bind: id) AND status = 'open'"
        if let rowVersion { condition += " AND row_version = \(bind: rowVersion)" }
        return try await changedRowCount(
            """
            UPDATE follow_up_tasks SET assignee_account_id = \(bind: accountId), updated_at_ms = \(bind: Timestamp.milliseconds(instant)),
                row_version = row_version + 1 WHERE \(condition) RETURNING id
            """) == 1
    }

    /// Closes an open task with a resolution; false when it was not open.
    public func closeFollowUpTask(id: String, by username: String, resolution: String, at instant: Date) async throws -> Bool {
        let milliseconds = Timestamp.milliseconds(instant)
        return try await changedRowCount(
            """
            UPDATE follow_up_tasks SET status = 'closed', closed_at_ms = \(bind: milliseconds), closed_by = \(bind: username),
                resolution = \(bind: resolution), updated_at_ms = \(bind: milliseconds), row_version = row_version + 1
            WHERE id = \(bind: id) AND status = 'open' RETURNING id
            """) == 1
    }

    static func followUpTask(_ row: any SQLRow) throws -> FollowUpTask {
        FollowUpTask(
            id: try row.string("id"), number: try row.string("number"), partnerId: try row.string("partner_id"),
            gradeId: try row.optionalString("grade_id"), reasonChinese: try row.string("reason_zh"), reasonEnglish: try row.string("reason_en"),
            status: FollowUpStatus(rawValue: try row.string("status")) ?? .open, assigneeAccountId: try row.optionalString("assignee_account_id"),
            openedAt: try row.date("opened_at_ms"), closedAt: try row.optionalDate("closed_at_ms"), closedBy: try row.optionalString("closed_by"),
            resolution: try row.optionalString("resolution"), rowVersion: try row.int64("row_version"))
    }

    /// Adds a comment to a task.
    public func insertFollowUpComment(_ comment: FollowUpComment) async throws {
        try await execute(
            """
            INSERT INTO follow_up_comments (id, task_id, account_id, author, body, created_at_ms)
            VALUES (\(bind: comment.id), \(bind: comment.taskId), \(bind: comment.accountId), \(bind: comment.author), \(bind: comment.body),
                \(bind: Timestamp.milliseconds(comment.createdAt)))
            """)
        try await execute(
            "UPDATE follow_up_tasks SET updated_at_ms = \(bind: Timestamp.milliseconds(comment.createdAt)) WHERE id = \(bind: comment.taskId)")
    }

    /// A task's comments, oldest first (bounded).
    public func followUpComments(taskId: String, limit: Int) async throws -> [FollowUpComment] {
        try await rows("SELECT * FROM follow_up_comments WHERE task_id = \(bind: taskId) ORDER BY created_at_ms, id LIMIT \(bind: limit)").map {
            row in
            FollowUpComment(
                id: try row.string("id"), taskId: try row.string("task_id"), accountId: try row.optionalString("account_id"),
                author: try row.string("author"), body: try row.string("body"), createdAt: try row.date("created_at_ms"))
        }
    }
}
