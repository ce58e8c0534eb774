import Foundation

/// A partner (渠道商) as stored: its profile and its place in the tree.
public struct PartnerRecord: Sendable, Hashable {
    public var id: String
    public var code: String
    public var name: String
    public var type: PartnerType
    public var level: Int
    /// nil when the parent is HQ.
    public var parentId: String?
    /// `/id1/id2/…/own-id/`: the ids from the level-1 ancestor down to this partner.
    public var path: String
    public var status: PartnerStatus
    public var province: String
    public var city: String
    public var address: String
    public var contactName: String
    /// The decrypted phone; pages and APIs show ``maskedContactPhone`` unless revealed.
    public var contactPhone: String
    public var businessLicenceNumber: String?
    /// The code consumers use to buy through this partner (referral orders).
    public var referralCode: String
    public var createdAt: Date
    public var updatedAt: Date
    public var rowVersion: Int64

    /// Creates a record.
    public init(
        id: String, code: String, name: String, type: PartnerType, level: Int, parentId: String?, path: String,
        status: PartnerStatus, province: String, city: String, address: String, contactName: String, contactPhone: String,
        businessLicenceNumber: String?, referralCode: String = Identifier.makeReferralCode(), createdAt: Date, updatedAt: Date, rowVersion: Int64
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.type = type
        self.level = level
        self.parentId = parentId
        self.path = path
        self.status = status
        self.province = province
        self.city = city
        self.address = address
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.businessLicenceNumber = businessLicenceNumber
        self.referralCode = referralCode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.rowVersion = rowVersion
    }

    /// The phone as every page shows it: `138****1234`.
    public var maskedContactPhone: String { PersonalDataMask.phone(contactPhone) }

    /// The ids of this partner's ancestors, nearest (parent) first; HQ is not included.
    public var ancestorIdsNearestFirst: [String] {
        Array(path.split(separator: "/").map(String.init).dropLast().reversed())
    }

    /// The tree node the tree rules work with.
    public var treeNode: TreeNode { TreeNode(id: id, parentId: parentId, level: level) }

    /// The path of a partner with id `id` under a parent with path `parentPath` (nil for HQ).
    public static func path(for id: String, underParentPath parentPath: String?) -> String {
        (parentPath ?? "/") + id + "/"
    }
}

/// A product category.
public struct CategoryRecord: Sendable, Hashable {
    public var id: String
    public var name: String
    public var sortOrder: Int64
    public var productCount: Int64

    /// Creates a record.
    public init(id: String, name: String, sortOrder: Int64, productCount: Int64) {
        self.id = id
        self.name = name
        self.sortOrder = sortOrder
        self.productCount = productCount
    }
}

/// A product (SKU) with its prices and commission overrides.
public struct ProductRecord: Sendable, Hashable {
    public var id: String
    public var sku: String
    public var name: String
    public var categoryId: String
    public var categoryName: String
    public var unit: String
    public var packSize: Int64
    public var prices: ProductPrices
    /// nil when the commission rule's rates apply.
    public var commissionOverride: CommissionOverride?
    public var onShelf: Bool
    public var description: String
    /// The stored file of the product's image (PNG or JPEG), if HQ uploaded one.
    public var imageFileId: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var rowVersion: Int64

    /// Creates a record.
    public init(
        id: String, sku: String, name: String, categoryId: String, categoryName: String, unit: String, packSize: Int64,
        prices: ProductPrices, commissionOverride: CommissionOverride?, onShelf: Bool, description: String, imageFileId: String? = nil,
        createdAt: Date, updatedAt: Date, rowVersion: Int64
    ) {
        self.id = id
        self.sku = sku
        self.name = name
        self.categoryId = categoryId
        self.categoryName = categoryName
        self.unit = unit
        self.packSize = packSize
        self.prices = prices
        self.commissionOverride = commissionOverride
        self.onShelf = onShelf
        self.description = description
        self.imageFileId = imageFileId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.rowVersion = rowVersion
    }
}

/// Whether an account may log in.
public enum AccountStatus: String, Sendable, Codable, CaseIterable {
    case active
    case disabled
}

/// A login account, HQ or partner.
public struct AccountRecord: Sendable, Hashable {
    public var id: String
    public var username: String
    public var displayName: String
    public var passwordHash: String
    public var kind: AccountKind
    public var hqRole: HQRole?
    public var partnerId: String?
    public var isOwner: Bool
    public var permissions: Set<PartnerPermission>
    public var status: AccountStatus
    public var createdAt: Date
    public var updatedAt: Date
    public var rowVersion: Int64

    /// Creates a record.
    public init(
        id: String, username: String, displayName: String, passwordHash: String, kind: AccountKind, hqRole: HQRole?,
        partnerId: String?, isOwner: Bool, permissions: Set<PartnerPermission>, status: AccountStatus, createdAt: Date,
        updatedAt: Date, rowVersion: Int64
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.kind = kind
        self.hqRole = hqRole
        self.partnerId = partnerId
        self.isOwner = isOwner
        self.permissions = permissions
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.rowVersion = rowVersion
    }

    /// The principal this account acts as.
    public var principal: Principal {
        Principal(
            accountId: id, username: username, kind: kind, hqRole: hqRole, partnerId: partnerId, isOwner: isOwner,
            permissions: permissions)
    }

    /// Permissions as stored: a sorted comma-separated list.
    public static func storedPermissions(_ permissions: Set<PartnerPermission>) -> String {
        permissions.map(\.rawValue).sorted().joined(separator: ",")
    }

    /// Permissions read back from their stored form; unknown names are ignored.
    public static func parsePermissions(_ stored: String) -> Set<PartnerPermission> {
        Set(stored.split(separator: ",").compactMap { PartnerPermission(rawValue: String($0)) })
    }
}

/// A page of results and how to get the rest. Every list is paginated with a bounded size.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var totalCount: Int64
    public var pageNumber: Int
    public var pageSize: Int

    /// Creates a page.
    public init(items: [Item], totalCount: Int64, pageNumber: Int, pageSize: Int) {
        self.items = items
        self.totalCount = totalCount
        self.pageNumber = pageNumber
        self.pageSize = pageSize
    }

    /// The number of pages, at least 1.
    public var pageCount: Int { max(1, Int((totalCount + Int64(pageSize) - 1) / Int64(pageSize))) }
}

/// Which page of a list to read. Sizes are clamped so no request can ask for an unbounded list.
public struct PageRequest: Sendable, Hashable {
    /// The largest page any list serves.
    public static let maximumPageSize = 200
    /// The page size when none is asked for.
    public static let defaultPageSize = 20

    public let pageNumber: Int
    public let pageSize: Int

    /// Creates a request, clamping the number to ≥ 1 and the size to 1 … ``maximumPageSize``.
    public init(pageNumber: Int?, pageSize: Int?) {
        self.pageNumber = min(1_000_000, max(1, pageNumber ?? 1))
        self.pageSize = min(PageRequest.maximumPageSize, max(1, pageSize ?? PageRequest.defaultPageSize))
    }

    /// Rows to skip.
    public var offset: Int { (pageNumber - 1) * pageSize }
}
