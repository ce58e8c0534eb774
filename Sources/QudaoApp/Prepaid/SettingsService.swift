import Foundation
import QudaoCore
import QudaoStore

/// HQ's money and order configuration: prepaid tiers and limits (RULES §6) and the order windows
/// (RULES §4). Stored as JSON settings; every change is validated and audited.
public struct SettingsService: Sendable {
    let platform: Platform

    static let prepaidRulesKey = "prepaid.rules"

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// The prepaid rules in force.
    public func prepaidRules() async throws -> PrepaidRules {
        try await platform.database.read { try await Self.prepaidRules($0) }
    }

    /// The order windows in force: part of the commission rule version in force now.
    public func orderWindows() async throws -> OrderWindows {
        let now = platform.clock.now()
        return try await platform.database.read { try await $0.commissionRule(at: now).windows }
    }

    static func prepaidRules(_ session: SQLSession) async throws -> PrepaidRules {
        guard let text = try await session.setting(prepaidRulesKey), let rules = try? JSONDecoder().decode(PrepaidRules.self, from: Data(text.utf8))
        else { return .defaults }
        return rules
    }

    /// Replaces the prepaid rules (HQ admin or finance).
    public func setPrepaidRules(_ caller: Caller, _ rules: PrepaidRules) async throws {
        try caller.require(.manageFinance)
        let problems = rules.problems()
        if !problems.isEmpty { throw AppError.validation(ValidationFailure(problems)) }
        try await platform.database.write { session in
            try await Self.savePrepaidRules(rules, caller: caller, now: self.platform.clock.now(), session)
        }
    }

    /// Stores the prepaid rules inside the caller's transaction, audited with before and after.
    static func savePrepaidRules(_ rules: PrepaidRules, caller: Caller, now: Date, _ session: SQLSession) async throws {
        try await save(rules, key: prepaidRulesKey, action: "settings.prepaid_rules", current: prepaidRules, caller: caller, now: now, session)
    }

    /// Stores a JSON setting inside the caller's transaction and audits it with the value it replaces.
    static func save<Value: Codable & Sendable>(
        _ value: Value, key: String, action: String, current: (SQLSession) async throws -> Value, caller: Caller, now: Date,
        _ session: SQLSession
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        let before = String(decoding: try encoder.encode(try await current(session)), as: UTF8.self)
        try await session.setSetting(key, value: text, now: now)
        try await session.audit(caller, at: now, action: action, entityType: "setting", entityId: key, before: before, after: text)
    }

    static let reconciliationKey = "reconciliation.settings"

    /// The reconciliation settings in force.
    public func reconciliation() async throws -> ReconciliationSettings {
        try await platform.database.read { try await Self.reconciliation($0) }
    }

    static func reconciliation(_ session: SQLSession) async throws -> ReconciliationSettings {
        guard let text = try await session.setting(reconciliationKey),
            let settings = try? JSONDecoder().decode(ReconciliationSettings.self, from: Data(text.utf8))
        else { return .defaults }
        return settings
    }

    /// Changes the reconciliation settings (HQ admin or finance), audited with before and after.
    /// Statements already issued follow the new number of days from their issue.
    public func setReconciliation(_ caller: Caller, _ settings: ReconciliationSettings) async throws {
        try caller.require(.manageFinance)
        let problems = settings.problems()
        if !problems.isEmpty { throw AppError.validation(ValidationFailure(problems)) }
        try await platform.database.write { session in
            try await Self.save(
                settings, key: Self.reconciliationKey, action: "settings.reconciliation", current: Self.reconciliation, caller: caller,
                now: self.platform.clock.now(), session)
        }
    }

    static let retentionKey = "privacy.retention"

    /// How long personal data is kept.
    public func retention() async throws -> RetentionPolicy {
        try await platform.database.read { try await Self.retention($0) }
    }

    static func retention(_ session: SQLSession) async throws -> RetentionPolicy {
        guard let text = try await session.setting(retentionKey),
            let policy = try? JSONDecoder().decode(RetentionPolicy.self, from: Data(text.utf8))
        else { return .defaults }
        return policy
    }

    /// Changes how long personal data is kept (HQ admin), audited with before and after.
    public func setRetention(_ caller: Caller, _ policy: RetentionPolicy) async throws {
        try caller.require(.manageSettings)
        let problems = policy.problems()
        if !problems.isEmpty { throw AppError.validation(ValidationFailure(problems)) }
        try await platform.database.write { session in
            try await Self.save(
                policy, key: Self.retentionKey, action: "settings.retention", current: Self.retention, caller: caller,
                now: self.platform.clock.now(), session)
        }
    }

    /// Changes the order windows (HQ admin or finance): they belong to the commission rule, so this
    /// publishes a new rule version with the new windows, effective now (or, when the second
    /// approver covers commission rules, once approved).
    public func setOrderWindows(_ caller: Caller, _ windows: OrderWindows) async throws -> Submission<CommissionRule> {
        var rule = try await CommissionService(platform: platform).currentRule()
        rule.windows = windows
        rule.effectiveAt = platform.clock.now()
        return try await CommissionService(platform: platform).publish(caller, rule)
    }
}
