import Foundation
import SQLKit

/// What `qudao verify` found.
public struct InvariantReport: Sendable {
    /// One line per check, passed or failed.
    public var lines: [String] = []
    /// The failed checks.
    public var violations: [String] = []

    mutating func pass(_ text: String) {
        lines.append("ok    \(text)")
    }

    mutating func fail(_ text: String) {
        lines.append("FAIL  \(text)")
        violations.append(text)
    }
}

/// Checks the invariants the database must always satisfy. Each check reads in bounded batches
/// or with aggregate SQL, so it runs on a database of any size.
public enum InvariantChecker {
    /// Runs every check.
    public static func check(_ database: Database) async throws -> InvariantReport {
        try await database.read { session in
            var report = InvariantReport()
            if let broken = try await session.verifyAuditChain() {
                report.fail("audit log chain: \(broken)")
            } else {
                let count = try await session.first("SELECT COUNT(*) AS total FROM audit_log")?.int64("total") ?? 0
                report.pass("audit log chain intact (\(count) entries)")
            }
            let badLevels =
                try await session.first(
                    """
                    SELECT COUNT(*) AS total FROM partners child LEFT JOIN partners parent ON parent.id = child.parent_id
                    WHERE (child.parent_id IS NULL AND child.level <> 1) OR (child.parent_id IS NOT NULL AND child.level <> parent.level + 1)
                    """)?.int64("total") ?? 0
            if badLevels == 0 {
                report.pass("every partner's level is its parent's level + 1")
            } else {
                report.fail("\(badLevels) partner(s) have a level that does not match their parent")
            }
            let badPaths =
                try await session.first(
                    """
                    SELECT COUNT(*) AS total FROM partners child LEFT JOIN partners parent ON parent.id = child.parent_id
                    WHERE (child.parent_id IS NULL AND child.path <> '/' || child.id || '/')
                       OR (child.parent_id IS NOT NULL AND child.path <> parent.path || child.id || '/')
                    """)?.int64("total") ?? 0
            if badPaths == 0 {
                report.pass("every partner's tree path matches its parent chain (no cycles)")
            } else {
                report.fail("\(badPaths) partner(s) have a tree path that does not match their parent chain")
            }
            let owners =
                try await session.first(
                    "SELECT COUNT(*) AS total FROM (SELECT partner_id FROM accounts WHERE is_owner = 1 GROUP BY partner_id HAVING COUNT(*) > 1) duplicated"
                )?.int64("total") ?? 0
            if owners == 0 {
                report.pass("no partner has more than one owner account")
            } else {
                report.fail("\(owners) partner(s) have more than one owner account")
            }
            return report
        }
    }
}
