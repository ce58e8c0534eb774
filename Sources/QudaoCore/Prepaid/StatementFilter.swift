import Foundation

/// Filters for a statement.
public struct StatementFilter: Sendable, Hashable {
    public var from: Date?
    public var to: Date?
    public var kinds: [PostingKind]

    /// Creates a filter.
    public init(from: Date? = nil, to: Date? = nil, kinds: [PostingKind] = []) {
        self.from = from
        self.to = to
        self.kinds = kinds
    }
}
