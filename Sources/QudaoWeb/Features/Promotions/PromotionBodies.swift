import Foundation
import Hummingbird
import QudaoApp
import QudaoCore

struct PromotionRequest: Decodable {
    struct Product: Decodable {
        let productId: String?
        let priceFen: IntegerInput?
    }

    let name: String?
    let kind: String?
    let discountBp: IntegerInput?
    let startsAt: String?
    let endsAt: String?
    let grades: [String]?
    let levels: [Int]?
    let provinces: [String]?
    let products: [Product]?

    var input: PromotionInput {
        PromotionInput(
            name: name, kind: kind, discountBasisPoints: .basisPoints(discountBp ?? .missing), startsAt: startsAt, endsAt: endsAt,
            grades: grades ?? [],
            levels: (levels ?? []).map(String.init), provinces: provinces ?? [],
            products: (products ?? []).map { ($0.productId, AmountInput.fen($0.priceFen ?? .missing)) })
    }
}

struct PromotionResponse: Codable {
    struct Product: Codable {
        let productId: String
        let priceFen: Int64?
    }

    let id: String
    let number: String
    let name: String
    let kind: PromotionKind
    let discountBp: Int64?
    let startsAt: Date
    let endsAt: Date
    let status: String
    let grades: [Grade]?
    let levels: [Int]?
    let provinces: [String]?
    let products: [Product]
    let usedLines: Int64?
    let usedUnits: Int64?

    init(_ promotion: Promotion, viewerIsHQ: Bool, usage: PromotionView? = nil) {
        id = promotion.id
        number = promotion.number
        name = promotion.name
        kind = promotion.kind
        discountBp = promotion.discount?.basisPoints
        startsAt = promotion.startsAt
        endsAt = promotion.endsAt
        status = promotion.cancelled ? "cancelled" : "active"
        // Who else a promotion targets is HQ's business.
        grades = viewerIsHQ ? promotion.target.grades.sorted() : nil
        levels = viewerIsHQ ? promotion.target.levels.sorted() : nil
        provinces = viewerIsHQ ? promotion.target.provinces.sorted() : nil
        products = promotion.products.sorted { $0.key < $1.key }.map { Product(productId: $0.key, priceFen: $0.value?.fen) }
        usedLines = viewerIsHQ ? usage?.usedLines : nil
        usedUnits = viewerIsHQ ? usage?.usedUnits : nil
    }
}
