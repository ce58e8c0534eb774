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
