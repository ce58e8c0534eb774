/// Partner grading (RULES §9): a run per business day, each partner's grade per day with the
/// figures and reasons that produced it, the current grade for lists and allocation, and the
/// follow-up tasks that a warning opens (one open task per partner at most) with their comments.
enum Migration0006Grading {
    static let migration = Migration(version: 6, name: "grading") { _ in
        [
            """
            CREATE TABLE grading_runs (
                business_date TEXT PRIMARY KEY,
                status TEXT NOT NULL CHECK (status IN ('running', 'completed')),
                triggered_by TEXT NOT NULL,
                started_at_ms BIGINT NOT NULL,
                completed_at_ms BIGINT,
                partners_graded BIGINT NOT NULL DEFAULT 0,
                warnings_entered BIGINT NOT NULL DEFAULT 0,
                thresholds TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE partner_grades (
                id TEXT PRIMARY KEY,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                business_date TEXT NOT NULL,
                grade TEXT NOT NULL CHECK (grade IN ('quality', 'potential', 'warning')),
                previous_grade TEXT CHECK (previous_grade IN ('quality', 'potential', 'warning')),
                units_sold BIGINT NOT NULL,
                opening_on_hand BIGINT NOT NULL,
                units_received BIGINT NOT NULL,
                units_delivered BIGINT NOT NULL,
                units_returned BIGINT NOT NULL,
                sales_last30_fen BIGINT NOT NULL,
                sales_previous30_fen BIGINT NOT NULL,
                sell_through_bp BIGINT,
                return_rate_bp BIGINT,
                sales_change_bp BIGINT,
                reasons TEXT NOT NULL,
                thresholds TEXT NOT NULL,
                computed_at_ms BIGINT NOT NULL,
                UNIQUE (partner_id, business_date)
            )
            """,
            "CREATE INDEX partner_grades_date ON partner_grades (business_date, grade)",
            """
            CREATE TABLE partner_current_grades (
                partner_id TEXT PRIMARY KEY REFERENCES partners (id),
                grade_id TEXT NOT NULL REFERENCES partner_grades (id),
                grade TEXT NOT NULL CHECK (grade IN ('quality', 'potential', 'warning')),
                business_date TEXT NOT NULL,
                since_date TEXT NOT NULL,
                sell_through_bp BIGINT,
                return_rate_bp BIGINT,
                sales_change_bp BIGINT,
                updated_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX partner_current_grades_grade ON partner_current_grades (grade)",
            """
            CREATE TABLE follow_up_tasks (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                partner_id TEXT NOT NULL REFERENCES partners (id),
                grade_id TEXT REFERENCES partner_grades (id),
                reason_zh TEXT NOT NULL,
                reason_en TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
                assignee_account_id TEXT REFERENCES accounts (id),
                opened_at_ms BIGINT NOT NULL,
                closed_at_ms BIGINT,
                closed_by TEXT,
                resolution TEXT,
                updated_at_ms BIGINT NOT NULL,
                row_version BIGINT NOT NULL DEFAULT 1,
                CHECK ((status = 'open' AND closed_at_ms IS NULL) OR (status = 'closed' AND closed_at_ms IS NOT NULL AND resolution IS NOT NULL))
            )
            """,
            "CREATE UNIQUE INDEX follow_up_tasks_one_open ON follow_up_tasks (partner_id) WHERE status = 'open'",
            "CREATE INDEX follow_up_tasks_status ON follow_up_tasks (status, opened_at_ms)",
            "CREATE INDEX follow_up_tasks_partner ON follow_up_tasks (partner_id, opened_at_ms)",
            """
            CREATE TABLE follow_up_comments (
                id TEXT PRIMARY KEY,
                task_id TEXT NOT NULL REFERENCES follow_up_tasks (id),
                account_id TEXT,
                author TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL
            )
            """,
            "CREATE INDEX follow_up_comments_task ON follow_up_comments (task_id, created_at_ms)",
        ]
    }
}
