import Foundation

/// Filters for the partner list.
public struct PartnerFilter: Sendable, Hashable {
    /// Matches code, name, city or contact name (substring), or the exact contact phone.
    public var search: String?
    public var level: Int?
    public var status: PartnerStatus?
    public var type: PartnerType?
    public var province: String?
    public var city: String?
    /// Restricts to this partner's subtree (itself included); how a partner's view is scoped.
    public var withinSubtreeOf: PartnerRecord?
    /// Restricts to the direct children of this partner id ("" for HQ's children).
    public var parentId: String?
    /// Restricts to partners whose current grade is this one.
    public var grade: Grade?
    /// The order of the list (tree order by default).
    public var sort: PartnerSort = .tree

    /// Creates a filter.
    public init(
        search: String? = nil, level: Int? = nil, status: PartnerStatus? = nil, type: PartnerType? = nil,
        province: String? = nil, city: String? = nil, withinSubtreeOf: PartnerRecord? = nil, parentId: String? = nil
    ) {
        self.search = search
        self.level = level
        self.status = status
        self.type = type
        self.province = province
        self.city = city
        self.withinSubtreeOf = withinSubtreeOf
        self.parentId = parentId
    }
}

/// The orders a partner list can be sorted in: the tree, the grade (warning first, the partners
/// needing attention), or a grading metric either way; partners without a figure come last.
public enum PartnerSort: String, Sendable, Hashable, CaseIterable {
    case tree
    case grade
    case sellThroughAscending = "sell_through"
    case sellThroughDescending = "-sell_through"
    case returnRateDescending = "-return_rate"
    case returnRateAscending = "return_rate"
    case salesChangeAscending = "sales_change"
    case salesChangeDescending = "-sales_change"
}
