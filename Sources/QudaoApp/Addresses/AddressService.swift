import Foundation
import QudaoCore
import QudaoStore

/// Saved shipping addresses (常用地址) of a partner, for frequent customers and one-click copy.
public struct AddressService: Sendable {
    let platform: Platform

    /// The most addresses one partner keeps.
    public static let maximumPerPartner: Int64 = 100

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// The caller's partner's addresses, the default first.
    public func list(_ caller: Caller) async throws -> [AddressRecord] {
        try caller.require(.partnerOrdering)
        return try await platform.database.read { session in
            let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
            return try await session.addresses(partnerId: partner.id, cipher: self.platform.cipher)
        }
    }

    /// One of the caller's partner's addresses.
    public func address(_ caller: Caller, id: String) async throws -> AddressRecord {
        try caller.require(.partnerOrdering)
        return try await platform.database.read { try await self.ownAddress(caller, id: id, $0) }
    }

    /// The address ready to paste, with the full phone; the reveal is audited.
    public func reveal(_ caller: Caller, id: String) async throws -> String {
        try caller.require(.partnerOrdering)
        return try await platform.database.write { session in
            let address = try await self.ownAddress(caller, id: id, session)
            try await session.audit(
                caller, at: self.platform.clock.now(), action: "address.reveal", entityType: "address", entityId: address.id, before: nil, after: nil)
            return address.formatted(maskPhone: false)
        }
    }

    /// Saves a new address, or replaces one (`id` given).
    public func save(
        _ caller: Caller, id: String?, label rawLabel: String?, fields input: ShippingInput, isDefault: Bool
    ) async throws -> AddressRecord {
        try caller.require(.partnerOrdering)
        var validator = Validator()
        let label = validator.text("label", rawLabel, required: false, maximumCharacters: 30) ?? ""
        let fields = Self.validateFields(input, validator: &validator)
        try validator.throwIfInvalidAsAppError()
        guard let fields else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
            var addressId = Identifier.make(prefix: "adr")
            if let id, !id.isEmpty {
                addressId = try await self.ownAddress(caller, id: id, session).id
            } else if try await session.addressCount(partnerId: partner.id) >= Self.maximumPerPartner {
                throw AppError.invalid("addressId", .outOfRange(minimum: 0, maximum: Self.maximumPerPartner))
            }
            let address = AddressRecord(
                id: addressId, partnerId: partner.id, label: label.isEmpty ? fields.recipientName : label, recipientName: fields.recipientName,
                phone: fields.phone, province: fields.province, city: fields.city, district: fields.district, detail: fields.detail,
                isDefault: isDefault)
            let now = self.platform.clock.now()
            try await session.saveAddress(address, cipher: self.platform.cipher, at: now)
            try await session.audit(
                caller, at: now, action: id == nil ? "address.create" : "address.update", entityType: "address", entityId: address.id, before: nil,
                after: AuditSnapshot.json(["label": .text(address.label), "address": .text(address.formattedLine)]))
            return address
        }
    }

    /// Deletes one of the caller's partner's addresses.
    public func delete(_ caller: Caller, id: String) async throws {
        try caller.require(.partnerOrdering)
        try await platform.database.write { session in
            let address = try await self.ownAddress(caller, id: id, session)
            _ = try await session.deleteAddress(id: address.id)
            try await session.audit(
                caller, at: self.platform.clock.now(), action: "address.delete", entityType: "address", entityId: address.id,
                before: AuditSnapshot.json(["label": .text(address.label), "address": .text(address.formattedLine)]), after: nil)
        }
    }

    func ownAddress(_ caller: Caller, id: String, _ session: SQLSession) async throws -> AddressRecord {
        guard Identifier.isWellFormed(id, prefix: "adr"), let address = try await session.address(id: id, cipher: platform.cipher),
            address.partnerId == caller.principal.partnerId
        else { throw AppError.notFound(entity: "address") }
        return address
    }

    /// Checks recipient, phone and address fields. The result has an empty id and partner, which the caller fills in.
    static func validateFields(_ input: ShippingInput, validator: inout Validator) -> AddressRecord? {
        let name = validator.text("name", input.name, maximumCharacters: 50)
        let phone = validator.text("phone", input.phone, maximumCharacters: 20)
        if let phone, !InputFormat.isPhone(phone) {
            validator.add("phone", .invalidFormat(expected: .phone))
        }
        let province = validator.text("province", input.province, maximumCharacters: 20)
        if let province, !Province.isKnown(province) { validator.add("province", .notOneOf(allowed: Province.all)) }
        let city = validator.text("city", input.city, maximumCharacters: 50)
        let district = validator.text("district", input.district, required: false, maximumCharacters: 50) ?? ""
        let detail = validator.text("detail", input.detail, maximumCharacters: 200)
        guard validator.errors.isEmpty, let name, let phone, let province, let city, let detail else { return nil }
        return AddressRecord(
            id: "", partnerId: "", label: "", recipientName: name, phone: phone, province: province, city: city, district: district, detail: detail,
            isDefault: false)
    }
}
