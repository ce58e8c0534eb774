import PostgresNIO
import SQLiteNIO

/// Recognizes constraint violations from either engine, so use cases can turn a lost race
/// (two requests creating the same code at once) into the same clear error as the ordinary check.
public enum DatabaseErrorClassifier {
    /// Whether `error` is a unique-constraint violation.
    public static func isUniqueViolation(_ error: any Error) -> Bool {
        if let sqliteError = error as? SQLiteError {
            switch sqliteError.reason {
            case .constraintUniqueFailed, .constraintPrimaryKeyFailed: return true
            case .constraint: return sqliteError.message.contains("UNIQUE")
            default: return false
            }
        }
        if let postgresError = error as? PSQLError {
            return postgresError.serverInfo?[.sqlState] == "23505"
        }
        return false
    }

    /// Whether `error` is a CHECK, NOT NULL or foreign-key violation: input that the code should
    /// have refused earlier, reported as a conflict rather than a crash.
    public static func isIntegrityViolation(_ error: any Error) -> Bool {
        if let sqliteError = error as? SQLiteError {
            switch sqliteError.reason {
            case .constraint, .constraintCheckFailed, .constraintForeignKeyFailed, .constraintNotNullFailed, .constraintTriggerFailed:
                return true
            default: return false
            }
        }
        if let postgresError = error as? PSQLError, let state = postgresError.serverInfo?[.sqlState] {
            return state.hasPrefix("23") || state == "P0001"
        }
        return false
    }

    /// Whether `error` is a PostgreSQL deadlock or serialization failure, after which the whole
    /// transaction can safely be tried again.
    public static func isTransient(_ error: any Error) -> Bool {
        guard let postgresError = error as? PSQLError, let state = postgresError.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }
}
