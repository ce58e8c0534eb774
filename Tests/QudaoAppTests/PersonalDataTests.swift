import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

/// PIPL rights (issue 13): a person's copy by phone (Art. 45), erasure that keeps the financial
/// record (Art. 47), and retention as a setting.
@Suite("Personal data rights")
struct PersonalDataTests {
    static let consumerPhone = "13700001111"

    /// MoneyWorld with a consumer's referral order and a saved address for the same phone.
    static func world(_ backend: Backend) async throws -> (MoneyWorld, OrderRecord) {
        let world = try await MoneyWorld.make(backend)
        let (order, _) = try await OrderService(platform: world.platform).placeReferralOrder(
            referralCode: world.c.referralCode, lines: [OrderLineInput(product: world.product.sku, quantity: .integer(2))],
            consumer: ShippingInput(name: "韩梅梅", phone: consumerPhone, province: "广东省", city: "深圳市", detail: "南山区海德三道 8 号"),
            actor: .consumer(sourceIP: "198.51.100.9"), createdBy: "consumer")
        _ = try await AddressService(platform: world.platform).save(
            world.owner(world.c), id: nil, label: "顾客",
            fields: ShippingInput(name: "韩梅梅", phone: consumerPhone, province: "广东省", city: "深圳市", detail: "南山区海德三道 8 号"),
            isDefault: false)
        return (world, order)
    }

    @Test("a copy by phone, however it is written, holds the orders and addresses; audited without the number", arguments: Backend.available)
    func copy(_ backend: Backend) async throws {
        let (world, order) = try await Self.world(backend)
        let service = PersonalDataService(platform: world.platform)
        for written in ["13700001111", "+86 137-0000-1111", "0086 13700001111"] {
            let copy = try await service.copy(Fixtures.hq(), phone: written)
            #expect(copy.orders.map(\.number) == [order.number] && copy.addresses.count == 1 && copy.partners.isEmpty, "\(written)")
            #expect(copy.orders.first?.shipPhone == Self.consumerPhone && copy.addresses.first?.recipientName == "韩梅梅")
        }
        await #expect(throws: AppError.forbidden) { _ = try await service.copy(world.owner(world.c), phone: Self.consumerPhone) }
        await #expect(throws: AppError.invalid("phone", .invalidFormat(expected: .phone))) {
            _ = try await service.copy(Fixtures.hq(), phone: "12345")
        }
        let audit = try await world.platform.database.read { session in
            try await session.rows("SELECT entity_id, after_json FROM audit_log WHERE action = 'personal_data.copy'").map {
                (try $0.string("entity_id"), try $0.optionalString("after_json") ?? "")
            }
        }
        #expect(audit.count == 3 && Set(audit.map(\.0)).count == 1 && audit[0].0.hasPrefix("prs_"))
        #expect(audit.allSatisfy { !$0.0.contains("1111") && !$0.1.contains("1111") })
        // A partner owner gets its own contact's copy: the fixtures' contacts share one phone.
        let own = try await service.ownCopy(world.owner(world.c))
        #expect(own.partners.map(\.partner.code).sorted() == ["A-01", "B-01", "C-01", "D-01"])
    }

    @Test("erasure waits for the order to end, then keeps amounts and numbers and drops names, phones and addresses", arguments: Backend.available)
    func erasure(_ backend: Backend) async throws {
        let (world, order) = try await Self.world(backend)
        let service = PersonalDataService(platform: world.platform)
        await #expect(throws: AppError.invalid("phone", .notAllowed(reason: .erasureNeedsFinishedOrder(number: order.number)))) {
            _ = try await service.erase(Fixtures.hq(), phone: Self.consumerPhone)
        }
        await #expect(throws: AppError.forbidden) { _ = try await service.erase(Fixtures.hq(.finance), phone: Self.consumerPhone) }
        _ = try await OrderService(platform: world.platform).cancel(Fixtures.hq(.operations), orderId: order.id, reason: "顾客取消")
        let erasure = try await service.erase(Fixtures.hq(), phone: Self.consumerPhone)
        #expect(erasure == PersonalDataErasure(orders: 1, addresses: 1, partners: 0, accounts: 0))
        let erased = try await world.platform.database.read { try await $0.order(id: order.id, cipher: world.platform.cipher) }
        #expect(erased?.shipName == ErasedText.name && erased?.shipPhone == "" && erased?.shipAddress == ErasedText.address)
        #expect(erased?.number == order.number && erased?.net == order.net && erased?.lines.count == order.lines.count)
        #expect(try await service.copy(Fixtures.hq(), phone: Self.consumerPhone).isEmpty)
        await #expect(throws: AppError.invalid("phone", .notFound)) { _ = try await service.erase(Fixtures.hq(), phone: Self.consumerPhone) }
        let after = try await world.platform.database.read { session in
            try await session.first("SELECT after_json FROM audit_log WHERE action = 'personal_data.erase'")?.optionalString("after_json")
        }
        #expect(after?.contains("韩梅梅") == false && after?.contains("1111") == false && after?.contains("\"orders\":1") == true)
        #expect(try await world.verify().isEmpty)
    }

    @Test("a partner's contact is erased only once the partner is terminated; its logins are disabled", arguments: Backend.available)
    func partnerContact(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        var input = Fixtures.partnerInput(code: "E-01")
        input.contactPhone = "13655556666"
        let partner = try await PartnerService(platform: world.platform).create(Fixtures.hq(), input)
        _ = try await AccountService(platform: world.platform).create(
            Fixtures.hq(),
            AccountInput(
                username: "e-01", displayName: "李雷", kind: "partner", partner: partner.id, isOwner: true, password: "store-owner-secret-2026"))
        let service = PersonalDataService(platform: world.platform)
        await #expect(throws: AppError.invalid("phone", .notAllowed(reason: .erasureNeedsTerminatedPartner(code: "E-01")))) {
            _ = try await service.erase(Fixtures.hq(), phone: "13655556666")
        }
        _ = try await PartnerService(platform: world.platform).changeStatus(Fixtures.hq(), id: partner.id, status: "terminated", reason: "合作结束")
        let erasure = try await service.erase(Fixtures.hq(), phone: "13655556666")
        #expect(erasure.partners == 1 && erasure.accounts == 1)
        let stored = try await world.platform.database.read { try await $0.partner(id: partner.id, cipher: world.platform.cipher) }
        #expect(stored?.contactName == ErasedText.name && stored?.contactPhone == "" && stored?.code == "E-01")
        let account = try await world.platform.database.read { try await $0.account(username: "e-01") }
        #expect(account?.status == .disabled && account?.displayName == ErasedText.name)
    }

    @Test("retention: a finished order's recipient is anonymised after the set days, not before", arguments: Backend.available)
    func retention(_ backend: Backend) async throws {
        let (world, order) = try await Self.world(backend)
        _ = try await OrderService(platform: world.platform).cancel(Fixtures.hq(.operations), orderId: order.id, reason: "顾客取消")
        let settings = SettingsService(platform: world.platform)
        #expect(try await settings.retention() == .defaults)
        await #expect(throws: AppError.invalid("orderPersonalDataDays", .outOfRange(minimum: 1_095, maximum: 10_950))) {
            try await settings.setRetention(Fixtures.hq(), RetentionPolicy(orderPersonalDataDays: 30, sessionRecordDays: 180))
        }
        await #expect(throws: AppError.forbidden) {
            try await settings.setRetention(Fixtures.hq(.finance), RetentionPolicy(orderPersonalDataDays: 1_200, sessionRecordDays: 180))
        }
        try await settings.setRetention(Fixtures.hq(), RetentionPolicy(orderPersonalDataDays: 1_200, sessionRecordDays: 180))
        let service = PersonalDataService(platform: world.platform)
        world.clock.advance(seconds: 1_199 * 86_400)
        #expect(try await service.applyRetention(now: world.clock.now()).orders == 0)
        world.clock.advance(seconds: 2 * 86_400)
        #expect(try await service.applyRetention(now: world.clock.now()).orders == 1)
        let erased = try await world.platform.database.read { try await $0.order(id: order.id, cipher: world.platform.cipher) }
        #expect(erased?.shipName == ErasedText.name && erased?.net == order.net)
        #expect(try await service.applyRetention(now: world.clock.now()).orders == 0)
    }
}
