import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// One requested order line: a product (id or SKU) and a quantity.
public struct OrderLineInput: Sendable, Hashable {
    public var product: String?
    public var quantity: IntegerInput

    /// Creates a line.
    public init(product: String?, quantity: IntegerInput) {
        self.product = product
        self.quantity = quantity
    }
}

/// Where an order goes: a saved address, or typed-in fields.
public struct ShippingInput: Sendable, Hashable {
    public var addressId: String?
    public var name: String?
    public var phone: String?
    public var province: String?
    public var city: String?
    public var district: String?
    public var detail: String?

    /// Creates shipping details.
    public init(
        addressId: String? = nil, name: String? = nil, phone: String? = nil, province: String? = nil, city: String? = nil,
        district: String? = nil, detail: String? = nil
    ) {
        self.addressId = addressId
        self.name = name
        self.phone = phone
        self.province = province
        self.city = city
        self.district = district
        self.detail = detail
    }

    var isEmpty: Bool {
        [addressId, name, phone, province, city, district, detail].allSatisfy { ($0 ?? "").trimmingWhitespace().isEmpty }
    }
}
