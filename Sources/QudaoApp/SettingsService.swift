import Foundation
import QudaoCore
import QudaoStore

/// HQ's money and order configuration: prepaid tiers and limits (RULES §6) and the order windows
/// (RULES §4). Stored as JSON settings; every change is validated and audited.
public struct SettingsService: Sendable {
    let platform: Platform

    static let prepaidRulesKey = "prepaid.rules"
    static let orderWindowsKey = "orders.windows"

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// The prepaid rules in force.
    public func prepaidRules() async throws -> PrepaidRules {
        try await platform.database.read { try await Self.prepaidRules($0) }
    }

    /// The order windows in force.
    public func orderWindows() async throws -> OrderWindows {
        try await platform.database.read { try await Self.orderWindows($0) }
    }

    static func prepaidRules(_ session: SQLSession) async throws -> PrepaidRules {
        guard let text = try await session.setting(prepaidRulesKey), let rules = try? JSONDecoder().decode(PrepaidRules.self, from: Data(text.utf8))
        else { return .defaults }
        return rules
    }

    static func orderWindows(_ session: SQLSession) async throws -> OrderWindows {
        guard let text = try await session.setting(orderWindowsKey), let windows = try? JSONDecoder().decode(OrderWindows.self, from: Data(text.utf8))
        else { return .defaults }
        return windows
    }

    /// Replaces the prepaid rules (HQ admin or finance).
    public func setPrepaidRules(_ caller: Caller, _ rules: PrepaidRules) async throws {
        try caller.require(.manageFinance)
        let problems = rules.problems()
        if !problems.isEmpty { throw AppError.validation(ValidationFailure(problems)) }
        try await store(caller, key: Self.prepaidRulesKey, value: rules, action: "settings.prepaid_rules") { try await Self.prepaidRules($0) }
    }

    /// Replaces the order windows (HQ admin).
    public func setOrderWindows(_ caller: Caller, _ windows: OrderWindows) async throws {
        try caller.require(.manageSettings)
        var validator = Validator()
        _ = validator.integer("autoReceiveDays", Int64(windows.autoReceiveDays), in: 1...90)
        _ = validator.integer("returnWindowDays", Int64(windows.returnWindowDays), in: 0...90)
        try validator.throwIfInvalidAsAppError()
        try await store(caller, key: Self.orderWindowsKey, value: windows, action: "settings.order_windows") { try await Self.orderWindows($0) }
    }

    private func store<Value: Codable & Sendable>(
        _ caller: Caller, key: String, value: Value, action: String, current: @Sendable (SQLSession) async throws -> Value
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        try await platform.database.write { session in
            let before = String(decoding: try encoder.encode(try await current(session)), as: UTF8.self)
            let now = self.platform.clock.now()
            try await session.setSetting(key, value: text, now: now)
            try await session.audit(caller, at: now, action: action, entityType: "setting", entityId: key, before: before, after: text)
        }
    }
}
