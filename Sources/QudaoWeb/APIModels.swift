import Foundation
import QudaoApp
import QudaoCore
import QudaoStore

/// JSON bodies of the API. Amounts are integers in fen with an `…Fen` suffix; times are ISO 8601 UTC.

struct TokenRequest: Decodable {
    let username: String?
    let password: String?
}

struct TokenResponse: Encodable {
    let token: String
    let tokenType = "Bearer"
    let expiresAt: Date
    let account: AccountBody
}

struct PartnerWriteBody: Decodable {
    let code: String?
    let name: String?
    let type: String?
    let parentId: String?
    let province: String?
    let city: String?
    let address: String?
    let contactName: String?
    let contactPhone: String?
    let businessLicenceNumber: String?
    let status: String?
    let ownerPassword: String?
    let rowVersion: Int64?

    var input: PartnerInput {
        PartnerInput(
            code: code, name: name, type: type, parent: parentId, province: province, city: city, address: address,
            contactName: contactName, contactPhone: contactPhone, businessLicenceNumber: businessLicenceNumber, status: status,
            ownerPassword: ownerPassword, rowVersion: rowVersion)
    }

    /// An edit sends only what changes; the rest keeps its current value.
    func merged(onto partner: PartnerRecord) -> PartnerInput {
        PartnerInput(
            name: name ?? partner.name, type: type ?? partner.type.rawValue, province: province ?? partner.province,
            city: city ?? partner.city, address: address ?? partner.address, contactName: contactName ?? partner.contactName,
            contactPhone: contactPhone ?? partner.contactPhone,
            businessLicenceNumber: businessLicenceNumber ?? partner.businessLicenceNumber, rowVersion: rowVersion)
    }
}

struct MoveBody: Decodable {
    let parentId: String?
}

struct StatusBody: Decodable {
    let status: String?
    let reason: String?
}

struct PartnerBody: Encodable {
    let id: String
    let code: String
    let name: String
    let type: String
    let level: Int
    let parentId: String?
    let status: String
    let province: String
    let city: String
    let address: String
    let contactName: String
    let contactPhoneMasked: String
    let businessLicenceNumber: String?
    let createdAt: Date
    let updatedAt: Date
    let rowVersion: Int64

    init(_ partner: PartnerRecord, viewerIsHQ: Bool) {
        id = partner.id
        code = partner.code
        name = partner.name
        type = partner.type.rawValue
        level = partner.level
        parentId = partner.parentId
        status = partner.status.rawValue
        province = partner.province
        city = partner.city
        address = partner.address
        contactName = partner.contactName
        contactPhoneMasked = partner.maskedContactPhone
        businessLicenceNumber = viewerIsHQ ? partner.businessLicenceNumber : partner.businessLicenceNumber.map(PersonalDataMask.identifier)
        createdAt = partner.createdAt
        updatedAt = partner.updatedAt
        rowVersion = partner.rowVersion
    }
}

struct CategoryWriteBody: Decodable {
    let name: String?
    let sortOrder: IntegerInput?
}

struct CategoryBody: Encodable {
    let id: String
    let name: String
    let sortOrder: Int64
    let productCount: Int64

    init(_ category: CategoryRecord) {
        id = category.id
        name = category.name
        sortOrder = category.sortOrder
        productCount = category.productCount
    }
}

struct ProductWriteBody: Decodable {
    let sku: String?
    let name: String?
    let categoryId: String?
    let unit: String?
    let packSize: IntegerInput?
    let listPriceFen: IntegerInput?
    let level1PriceFen: IntegerInput?
    let level2PriceFen: IntegerInput?
    let level3PriceFen: IntegerInput?
    let commissionRate1Bp: IntegerInput?
    let commissionRate2Bp: IntegerInput?
    let commissionRate3Bp: IntegerInput?
    let onShelf: Bool?
    let description: String?
    let rowVersion: Int64?

    var input: ProductInput {
        ProductInput(
            sku: sku, name: name, category: categoryId, unit: unit, packSize: packSize ?? .missing,
            listPrice: .fen(listPriceFen ?? .missing), level1Price: .fen(level1PriceFen ?? .missing),
            level2Price: .fen(level2PriceFen ?? .missing), level3Price: .fen(level3PriceFen ?? .missing),
            commissionRate1: .basisPoints(commissionRate1Bp ?? .missing), commissionRate2: .basisPoints(commissionRate2Bp ?? .missing),
            commissionRate3: .basisPoints(commissionRate3Bp ?? .missing), onShelf: onShelf, description: description, rowVersion: rowVersion)
    }

    /// An edit sends only what changes. Override rates are replaced only when any of them is sent.
    func merged(onto product: ProductRecord) -> ProductInput {
        let sendsRates = commissionRate1Bp != nil || commissionRate2Bp != nil || commissionRate3Bp != nil
        let current = product.commissionOverride?.rates.map { IntegerInput.integer($0.basisPoints) } ?? [.missing, .missing, .missing]
        return ProductInput(
            sku: sku ?? product.sku, name: name ?? product.name, category: categoryId ?? product.categoryId, unit: unit ?? product.unit,
            packSize: packSize ?? .integer(product.packSize), listPrice: .fen(listPriceFen ?? .integer(product.prices.listPrice.fen)),
            level1Price: .fen(level1PriceFen ?? .integer(product.prices.levelPrices[0].fen)),
            level2Price: .fen(level2PriceFen ?? .integer(product.prices.levelPrices[1].fen)),
            level3Price: .fen(level3PriceFen ?? .integer(product.prices.levelPrices[2].fen)),
            commissionRate1: .basisPoints(sendsRates ? (commissionRate1Bp ?? .missing) : current[0]),
            commissionRate2: .basisPoints(sendsRates ? (commissionRate2Bp ?? .missing) : current[1]),
            commissionRate3: .basisPoints(sendsRates ? (commissionRate3Bp ?? .missing) : current[2]), onShelf: onShelf ?? product.onShelf,
            description: description ?? product.description, rowVersion: rowVersion)
    }
}

struct ProductBody: Encodable {
    let id: String
    let sku: String
    let name: String
    let categoryId: String
    let categoryName: String
    let unit: String
    let packSize: Int64
    let listPriceFen: Int64
    /// HQ only: every level's purchase price and the overrides.
    let level1PriceFen: Int64?
    let level2PriceFen: Int64?
    let level3PriceFen: Int64?
    let commissionRate1Bp: Int64?
    let commissionRate2Bp: Int64?
    let commissionRate3Bp: Int64?
    /// Partners only: the price the caller pays at its level.
    let purchasePriceFen: Int64?
    let onShelf: Bool
    let description: String
    let createdAt: Date
    let updatedAt: Date
    let rowVersion: Int64

    /// `partnerLevel` is nil for HQ viewers, who see every level's price.
    init(_ product: ProductRecord, partnerLevel: Int?) {
        id = product.id
        sku = product.sku
        name = product.name
        categoryId = product.categoryId
        categoryName = product.categoryName
        unit = product.unit
        packSize = product.packSize
        listPriceFen = product.prices.listPrice.fen
        let isHQ = partnerLevel == nil
        level1PriceFen = isHQ ? product.prices.levelPrices[0].fen : nil
        level2PriceFen = isHQ ? product.prices.levelPrices[1].fen : nil
        level3PriceFen = isHQ ? product.prices.levelPrices[2].fen : nil
        commissionRate1Bp = isHQ ? product.commissionOverride?.rates[0].basisPoints : nil
        commissionRate2Bp = isHQ ? product.commissionOverride?.rates[1].basisPoints : nil
        commissionRate3Bp = isHQ ? product.commissionOverride?.rates[2].basisPoints : nil
        purchasePriceFen = partnerLevel.map { product.prices.purchasePrice(forLevel: $0).fen }
        onShelf = product.onShelf
        description = product.description
        createdAt = product.createdAt
        updatedAt = product.updatedAt
        rowVersion = product.rowVersion
    }
}

struct AccountWriteBody: Decodable {
    let username: String?
    let displayName: String?
    let kind: String?
    let hqRole: String?
    let partnerId: String?
    let isOwner: Bool?
    let permissions: [String]?
    let status: String?
    let password: String?
    let rowVersion: Int64?

    var input: AccountInput {
        AccountInput(
            username: username, displayName: displayName, kind: kind, hqRole: hqRole, partner: partnerId, isOwner: isOwner,
            permissions: permissions, status: status, password: password, rowVersion: rowVersion)
    }
}

struct AccountBody: Encodable {
    let id: String
    let username: String
    let displayName: String
    let kind: String
    let hqRole: String?
    let partnerId: String?
    let isOwner: Bool
    let permissions: [String]
    let status: String
    let createdAt: Date
    let updatedAt: Date
    let rowVersion: Int64

    init(_ account: AccountRecord) {
        id = account.id
        username = account.username
        displayName = account.displayName
        kind = account.kind.rawValue
        hqRole = account.hqRole?.rawValue
        partnerId = account.partnerId
        isOwner = account.isOwner
        permissions = account.permissions.map(\.rawValue).sorted()
        status = account.status.rawValue
        createdAt = account.createdAt
        updatedAt = account.updatedAt
        rowVersion = account.rowVersion
    }
}

struct AuditEntryBody: Encodable {
    let sequence: Int64
    let id: String
    let occurredAt: Date
    let accountId: String?
    let username: String
    let sourceIP: String
    let action: String
    let entityType: String
    let entityId: String
    let before: String?
    let after: String?
    let rowHash: String

    init(_ entry: AuditEntry) {
        sequence = entry.sequence
        id = entry.id
        occurredAt = entry.occurredAt
        accountId = entry.accountId
        username = entry.username
        sourceIP = entry.sourceIP
        action = entry.action
        entityType = entry.entityType
        entityId = entry.entityId
        before = entry.beforeJSON
        after = entry.afterJSON
        rowHash = entry.rowHash
    }
}

struct SettingsBody: Encodable {
    let maxLevels: Int
    let prepaid: PrepaidRulesBody
    let orderWindows: OrderWindowsBody
}

struct SettingsWriteBody: Decodable {
    let maxLevels: IntegerInput?
    let prepaid: PrepaidRulesBody?
    let orderWindows: OrderWindowsBody?
}

struct PageBody<Item: Encodable>: Encodable {
    let items: [Item]
    let page: Int
    let pageSize: Int
    let totalCount: Int64

    init<Source>(_ page: Page<Source>, _ transform: (Source) -> Item) {
        items = page.items.map(transform)
        self.page = page.pageNumber
        pageSize = page.pageSize
        totalCount = page.totalCount
    }
}

struct ItemsBody<Item: Encodable>: Encodable {
    let items: [Item]
}

struct RevealedPhoneBody: Encodable {
    let contactPhone: String
}

struct RevokedBody: Encodable {
    let revokedSessions: Int
}
