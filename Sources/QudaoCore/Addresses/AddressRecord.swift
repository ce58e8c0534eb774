import Foundation

/// A saved shipping address (常用地址).
public struct AddressRecord: Sendable, Hashable {
    public var id: String
    public var partnerId: String
    public var label: String
    public var recipientName: String
    public var phone: String
    public var province: String
    public var city: String
    public var district: String
    public var detail: String
    public var isDefault: Bool

    /// Creates a record.
    public init(
        id: String, partnerId: String, label: String, recipientName: String, phone: String, province: String, city: String,
        district: String, detail: String, isDefault: Bool
    ) {
        self.id = id
        self.partnerId = partnerId
        self.label = label
        self.recipientName = recipientName
        self.phone = phone
        self.province = province
        self.city = city
        self.district = district
        self.detail = detail
        self.isDefault = isDefault
    }

    /// The address as one line, the way couriers write it.
    public var formattedLine: String { PostalAddress.line([province, city, district, detail]) }

    /// Recipient, phone and address on three lines, ready to paste (one-click copy).
    public func formatted(maskPhone: Bool) -> String {
        "\(recipientName) \(maskPhone ? PersonalDataMask.phone(phone) : phone)\n\(formattedLine)"
    }
}
