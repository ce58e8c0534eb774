import Foundation
import QudaoApp
import QudaoCore

struct AddressRequest: Decodable {
    let label: String?
    let name: String?
    let phone: String?
    let province: String?
    let city: String?
    let district: String?
    let detail: String?
    let isDefault: Bool?

    var shipping: ShippingInput {
        ShippingInput(name: name, phone: phone, province: province, city: city, district: district, detail: detail)
    }
}

struct AddressResponse: Codable {
    let id: String
    let label: String
    let name: String
    let phoneMasked: String
    let province: String
    let city: String
    let district: String
    let detail: String
    let isDefault: Bool
    /// The address as one line, with the phone masked; `POST /api/v1/addresses/{id}/reveal` gives the
    /// full one and records that it was read.
    let formatted: String

    init(_ address: AddressRecord) {
        id = address.id
        label = address.label
        name = address.recipientName
        phoneMasked = PersonalDataMask.phone(address.phone)
        province = address.province
        city = address.city
        district = address.district
        detail = address.detail
        isDefault = address.isDefault
        formatted = address.formatted(maskPhone: true)
    }
}

/// A saved address with its full phone, ready to paste; reading it is audited.
struct RevealedAddressResponse: Codable {
    let formatted: String
}
