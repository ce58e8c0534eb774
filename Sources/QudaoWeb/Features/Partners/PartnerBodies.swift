import Foundation
import QudaoApp
import QudaoCore

struct PartnerRequest: Decodable {
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

struct MoveRequest: Decodable {
    let parentId: String?
}

struct StatusRequest: Decodable {
    let status: String?
    let reason: String?
}

struct PartnerResponse: Codable {
    let id: String
    let code: String
    let name: String
    let type: PartnerType
    let level: Int
    let parentId: String?
    let status: PartnerStatus
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
        type = partner.type
        level = partner.level
        parentId = partner.parentId
        status = partner.status
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

struct RevealedPhoneResponse: Codable {
    let contactPhone: String
}
