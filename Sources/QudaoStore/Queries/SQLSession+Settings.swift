import Foundation
import SQLKit

/// Platform settings as text key–value pairs (e.g. `partner.max_levels`).
extension SQLSession {
    /// The stored value of a setting, if set.
    public func setting(_ key: String) async throws -> String? {
        try await first("SELECT setting_value FROM platform_settings WHERE setting_key = \(bind: key)")?.string("setting_value")
    }

    /// Sets a setting.
    public func setSetting(_ key: String, value: String, now: Date) async throws {
        try await execute(
            """
            INSERT INTO platform_settings (setting_key, setting_value, updated_at_ms)
            VALUES (\(bind: key), \(bind: value), \(bind: Timestamp.milliseconds(now)))
            ON CONFLICT (setting_key) DO UPDATE SET setting_value = excluded.setting_value, updated_at_ms = excluded.updated_at_ms
            """)
    }
}
