import Foundation
import QudaoApp
import QudaoCore

struct CategoryRequest: Decodable {
    let name: String?
    let sortOrder: IntegerInput?
}

struct CategoryResponse: Codable {
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

struct ProductRequest: Decodable {
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

struct ProductResponse: Codable {
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
