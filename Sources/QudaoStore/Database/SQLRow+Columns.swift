import Foundation
import SQLKit

extension SQLRow {
    /// The text in `column`.
    public func string(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    /// The text in `column`, or nil for NULL.
    public func optionalString(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: String.self)
    }

    /// The integer in `column`.
    public func int64(_ column: String) throws -> Int64 {
        try decode(column: column, as: Int64.self)
    }

    /// The integer in `column`, or nil for NULL.
    public func optionalInt64(_ column: String) throws -> Int64? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: Int64.self)
    }

    /// The integer in `column` as `Int`.
    public func int(_ column: String) throws -> Int {
        Int(try int64(column))
    }

    /// A 0/1 integer column as a Boolean (both engines store flags as integers).
    public func flag(_ column: String) throws -> Bool {
        try int64(column) != 0
    }

    /// A `…_at_ms` column as an instant.
    public func date(_ column: String) throws -> Date {
        Timestamp.date(try int64(column))
    }

    /// A nullable `…_at_ms` column as an instant.
    public func optionalDate(_ column: String) throws -> Date? {
        try optionalInt64(column).map(Timestamp.date)
    }
}
