import Foundation
import QudaoCore

/// Turns an entity's state into the canonical JSON stored in the audit log's before/after columns.
/// Keys are sorted so the same state always gives the same text; personal data is masked, because
/// the audit log is read by more people than may see a phone number.
enum AuditSnapshot {
    static func json(_ fields: [String: AuditValue]) -> String {
        let object = fields.mapValues(\.jsonValue)
        guard
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { preconditionFailure("audit snapshots hold only JSON-representable values") }
        return text
    }

    static func partner(_ partner: PartnerRecord) -> String {
        json([
            "code": .text(partner.code), "name": .text(partner.name), "type": .text(partner.type.rawValue),
            "level": .integer(Int64(partner.level)), "parentId": .optionalText(partner.parentId),
            "status": .text(partner.status.rawValue), "province": .text(partner.province), "city": .text(partner.city),
            "address": .text(partner.address), "contactName": .text(partner.contactName),
            "contactPhone": .text(partner.maskedContactPhone),
            "businessLicenceNumber": .optionalText(partner.businessLicenceNumber),
        ])
    }

    static func product(_ product: ProductRecord) -> String {
        var fields: [String: AuditValue] = [
            "sku": .text(product.sku), "name": .text(product.name), "categoryId": .text(product.categoryId),
            "unit": .text(product.unit), "packSize": .integer(product.packSize),
            "listPriceFen": .integer(product.prices.listPrice.fen), "level1PriceFen": .integer(product.prices.levelPrices[0].fen),
            "level2PriceFen": .integer(product.prices.levelPrices[1].fen),
            "level3PriceFen": .integer(product.prices.levelPrices[2].fen), "onShelf": .boolean(product.onShelf),
            "description": .text(product.description),
        ]
        if let override = product.commissionOverride {
            fields["commissionRate1Bp"] = .integer(override.rates[0].basisPoints)
            fields["commissionRate2Bp"] = .integer(override.rates[1].basisPoints)
            fields["commissionRate3Bp"] = .integer(override.rates[2].basisPoints)
        }
        return json(fields)
    }

    static func account(_ account: AccountRecord) -> String {
        // The password hash is never copied into the audit log; a change of it shows as a changed marker.
        json([
            "username": .text(account.username), "displayName": .text(account.displayName), "kind": .text(account.kind.rawValue),
            "hqRole": .optionalText(account.hqRole?.rawValue), "partnerId": .optionalText(account.partnerId),
            "isOwner": .boolean(account.isOwner), "permissions": .text(AccountRecord.storedPermissions(account.permissions)),
            "status": .text(account.status.rawValue),
            "passwordFingerprint": .text(String(account.passwordHash.suffix(6))),
        ])
    }
}

/// A value in an audit snapshot.
enum AuditValue {
    case text(String)
    case optionalText(String?)
    case integer(Int64)
    case boolean(Bool)

    var jsonValue: Any {
        switch self {
        case .text(let value): value
        case .optionalText(let value): value.map { $0 as Any } ?? NSNull()
        case .integer(let value): NSNumber(value: value)
        case .boolean(let value): NSNumber(value: value)
        }
    }
}
