import Foundation
import QudaoCore
import QudaoStore

/// A copy of the personal data the platform holds about one person (PIPL Art. 45), found by their
/// phone number.
public struct PersonalDataCopy: Sendable {
    /// A partner the person is the contact of, with its payout account and logins.
    public struct PartnerContact: Sendable {
        /// The partner, with the contact's name and phone.
        public let partner: PartnerRecord
        /// Where its commission is paid.
        public let payout: PayoutSettings
        /// Its logins.
        public let accounts: [AccountRecord]
    }

    /// When the copy was made.
    public let madeAt: Date
    /// The partners the person is the contact of.
    public let partners: [PartnerContact]
    /// The orders shipped to the person.
    public let orders: [OrderRecord]
    /// Addresses saved with the person's phone.
    public let addresses: [AddressRecord]

    /// Whether nothing is held.
    public var isEmpty: Bool { partners.isEmpty && orders.isEmpty && addresses.isEmpty }
}

/// What an erasure changed (PIPL Art. 47), counted.
public struct PersonalDataErasure: Sendable, Hashable {
    /// Orders whose recipient was anonymised.
    public let orders: Int
    /// Saved addresses deleted.
    public let addresses: Int
    /// Partners whose contact was anonymised.
    public let partners: Int
    /// Logins renamed and disabled.
    public let accounts: Int

    /// Creates a summary.
    public init(orders: Int, addresses: Int, partners: Int, accounts: Int) {
        self.orders = orders
        self.addresses = addresses
        self.partners = partners
        self.accounts = accounts
    }
}

/// PIPL rights: a copy of a person's data (Art. 45) and its erasure (Art. 47), which keeps the
/// financial records the law requires (amounts, dates, document numbers) and replaces names and
/// phones. HQ admins act on a person's request (customer service confirms who is asking); a
/// partner owner downloads its own contact's copy from the portal. Both are audited without the
/// data: the entry names a keyed reference of the phone, never the phone.
public struct PersonalDataService: Sendable {
    let platform: Platform

    /// The most rows of each kind one request covers.
    public static let maximumRows = 2_000

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// The copy for the person with `phone` (HQ admin).
    public func copy(_ caller: Caller, phone rawPhone: String?) async throws -> PersonalDataCopy {
        try caller.require(.revealPersonalData)
        let phone = try Self.validatedPhone(rawPhone)
        return try await platform.database.write { session in
            let copy = try await self.copy(phone: phone, session)
            try await self.auditCopy(caller, phone: phone, copy, session)
            return copy
        }
    }

    /// The copy for the caller's own partner's contact (the partner's owner).
    public func ownCopy(_ caller: Caller) async throws -> PersonalDataCopy {
        guard caller.principal.kind == .partner, caller.principal.isOwner, let partnerId = caller.principal.partnerId else {
            throw AppError.forbidden
        }
        return try await platform.database.write { session in
            guard let partner = try await session.partner(id: partnerId, cipher: self.platform.cipher) else { throw AppError.forbidden }
            let copy = try await self.copy(phone: partner.contactPhone, session)
            try await self.auditCopy(caller, phone: partner.contactPhone, copy, session)
            return copy
        }
    }

    /// Erases the person's data (HQ admin): their orders' recipient, phone and address, their
    /// saved addresses, and, for partners they are the contact of, the contact, the payout account
    /// and the logins' names (the logins are disabled). Refused, changing nothing, while a matched
    /// partner is not terminated or a matched order is not finished, since both still need the data.
    public func erase(_ caller: Caller, phone rawPhone: String?) async throws -> PersonalDataErasure {
        try caller.require(.revealPersonalData)
        let phone = try Self.validatedPhone(rawPhone)
        return try await platform.database.write { session in
            let cipher = self.platform.cipher
            let matches = try await session.personalDataMatches(phone: phone, cipher: cipher, limit: Self.maximumRows)
            guard !matches.isEmpty else { throw AppError.invalid("phone", .notFound) }
            for partnerId in matches.partnerIds {
                guard let partner = try await session.partner(id: partnerId, cipher: cipher) else { continue }
                if partner.status != .terminated {
                    throw AppError.invalid("phone", .notAllowed(reason: .erasureNeedsTerminatedPartner(code: partner.code)))
                }
            }
            for orderId in matches.orderIds {
                guard let order = try await session.order(id: orderId, cipher: cipher) else { continue }
                if order.status != .completed && order.status != .cancelled {
                    throw AppError.invalid("phone", .notAllowed(reason: .erasureNeedsFinishedOrder(number: order.number)))
                }
            }
            let now = self.platform.clock.now()
            var orders = 0
            for orderId in matches.orderIds where try await session.erasePersonalData(orderId: orderId, cipher: cipher, at: now) {
                orders += 1
            }
            var addresses = 0
            for addressId in matches.addressIds where try await session.deleteAddress(id: addressId) { addresses += 1 }
            var accounts = 0
            for partnerId in matches.partnerIds {
                accounts += try await session.erasePartnerContact(partnerId: partnerId, cipher: cipher, at: now)
            }
            let erasure = PersonalDataErasure(orders: orders, addresses: addresses, partners: matches.partnerIds.count, accounts: accounts)
            try await session.audit(
                caller, at: now, action: "personal_data.erase", entityType: "person", entityId: Self.subjectReference(phone, cipher: cipher),
                before: nil,
                after: AuditSnapshot.json([
                    "orders": .integer(Int64(orders)), "addresses": .integer(Int64(addresses)),
                    "partners": .text(matches.partnerIds.joined(separator: ",")), "accounts": .integer(Int64(accounts)),
                ]))
            return erasure
        }
    }

    /// The most rows one retention run changes of each kind; the next run continues.
    public static let retentionBatchSize = 500

    /// Ages out personal data past the retention settings (the scheduler, after each tick):
    /// anonymises finished orders' recipients and deletes ended sessions' records, audited as the
    /// platform with counts only.
    @discardableResult
    public func applyRetention(now: Date) async throws -> (orders: Int, sessions: Int) {
        try await platform.database.write { session in
            let policy = try await SettingsService.retention(session)
            let orderCutoff = now.addingTimeInterval(-TimeInterval(policy.orderPersonalDataDays) * 86_400)
            var orders = 0
            for orderId in try await session.ordersPastPersonalDataRetention(before: orderCutoff, limit: Self.retentionBatchSize)
            where try await session.erasePersonalData(orderId: orderId, cipher: self.platform.cipher, at: now) {
                orders += 1
            }
            let sessions = try await session.deleteSessions(
                endedBefore: now.addingTimeInterval(-TimeInterval(policy.sessionRecordDays) * 86_400), limit: Self.retentionBatchSize)
            if orders > 0 || sessions > 0 {
                try await session.audit(
                    .scheduler, at: now, action: "personal_data.retention", entityType: "setting", entityId: SettingsService.retentionKey,
                    before: nil, after: AuditSnapshot.json(["orders": .integer(Int64(orders)), "sessions": .integer(Int64(sessions))]))
            }
            return (orders, sessions)
        }
    }

    /// Hashes the phone lookups of rows written before they existed; run at start.
    public func backfillPhoneLookups() async throws -> Int {
        var hashed = 0
        while true {
            let batch = try await platform.database.write { try await $0.backfillPhoneLookups(cipher: self.platform.cipher, limit: 500) }
            hashed += batch
            if batch == 0 { return hashed }
        }
    }

    func copy(phone: String, _ session: SQLSession) async throws -> PersonalDataCopy {
        let cipher = platform.cipher
        let matches = try await session.personalDataMatches(phone: phone, cipher: cipher, limit: Self.maximumRows)
        var partners: [PersonalDataCopy.PartnerContact] = []
        for partnerId in matches.partnerIds {
            guard let partner = try await session.partner(id: partnerId, cipher: cipher) else { continue }
            let accounts = try await session.accounts(
                matching: AccountFilter(partnerId: partnerId), page: PageRequest(pageNumber: 1, pageSize: PageRequest.maximumPageSize))
            partners.append(
                .init(partner: partner, payout: try await session.payoutSettings(partnerId: partnerId, cipher: cipher), accounts: accounts.items))
        }
        var orders: [OrderRecord] = []
        for orderId in matches.orderIds {
            if let order = try await session.order(id: orderId, cipher: cipher) { orders.append(order) }
        }
        var addresses: [AddressRecord] = []
        for addressId in matches.addressIds {
            if let address = try await session.address(id: addressId, cipher: cipher) { addresses.append(address) }
        }
        return PersonalDataCopy(madeAt: platform.clock.now(), partners: partners, orders: orders, addresses: addresses)
    }

    func auditCopy(_ caller: Caller, phone: String, _ copy: PersonalDataCopy, _ session: SQLSession) async throws {
        try await session.audit(
            caller, at: copy.madeAt, action: "personal_data.copy", entityType: "person",
            entityId: Self.subjectReference(phone, cipher: platform.cipher), before: nil,
            after: AuditSnapshot.json([
                "partners": .integer(Int64(copy.partners.count)), "orders": .integer(Int64(copy.orders.count)),
                "addresses": .integer(Int64(copy.addresses.count)),
            ]))
    }

    /// A keyed reference to a phone for the audit log: the same person's requests share it, and
    /// it reveals nothing without the data key.
    static func subjectReference(_ phone: String, cipher: PersonalDataCipher) -> String {
        "prs_" + cipher.phoneLookupHash(phone).prefix(20)
    }

    static func validatedPhone(_ raw: String?) throws -> String {
        var validator = Validator()
        let phone = validator.text("phone", raw, maximumCharacters: 24)
        if let phone, !InputFormat.isPhone(phone) { validator.add("phone", .invalidFormat(expected: .phone)) }
        try validator.throwIfInvalidAsAppError()
        guard let phone else { preconditionFailure("validated above") }
        return phone
    }
}
