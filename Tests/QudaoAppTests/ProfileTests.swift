import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@Suite("Partner profiles: certificates and credit")
struct ProfileTests {
    func input(
        type: String? = "food_business", number: String? = "JY14401060012345", from: String? = "2024-01-01", to: String?, required: Bool = true,
        file: UploadedFile? = nil
    ) -> CertificateInput {
        CertificateInput(type: type, number: number, issuer: "深圳市市场监督管理局", validFrom: from, validTo: to, required: required, file: file)
    }

    @Test("bad certificates are refused field by field and nothing is written", arguments: Backend.available)
    func validation(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let profiles = ProfileService(platform: world.platform)
        do {
            _ = try await profiles.addCertificate(
                Fixtures.hq(.operations), partnerId: world.c.id,
                CertificateInput(
                    type: "passport", number: "", issuer: nil, validFrom: "2026-02-30", validTo: "someday", required: true,
                    file: UploadedFile(fileName: "x.exe", contentType: "application/octet-stream", content: Data("MZ".utf8))))
            Issue.record("a bad certificate was accepted")
        } catch AppError.validation(let failure) {
            #expect(failure.errors.map(\.field) == ["certificateType", "number", "issuer", "validFrom", "validTo", "file"])
        }
        await #expect(throws: AppError.self) {
            _ = try await profiles.addCertificate(Fixtures.hq(.operations), partnerId: world.c.id, input(from: "2026-12-01", to: "2026-01-01"))
        }
        // only HQ admins and operations keep certificates
        await #expect(throws: AppError.forbidden) {
            _ = try await profiles.addCertificate(Fixtures.hq(.finance), partnerId: world.c.id, input(to: "2030-01-01"))
        }
        await #expect(throws: AppError.forbidden) {
            _ = try await profiles.addCertificate(world.owner(world.c), partnerId: world.c.id, input(to: "2030-01-01"))
        }
        #expect(try await Fixtures.count(world.platform, "partner_certificates") == 0)
        #expect(try await Fixtures.count(world.platform, "stored_files") == 0)
    }

    @Test(
        "an expired required certificate stops purchase orders while HQ blocks, by name; a renewal lets the partner order again",
        arguments: Backend.available)
    func blocking(_ backend: Backend) async throws {
        // given C with ¥1,000 and a required food licence that expired yesterday
        let world = try await MoneyWorld.make(backend)
        try await world.topUp(world.c, fen: 100_000)
        let profiles = ProfileService(platform: world.platform)
        let yesterday = BusinessTime.dayText(world.clock.now().addingTimeInterval(-86_400))
        let certificate = try await profiles.addCertificate(Fixtures.hq(.operations), partnerId: world.c.id, input(to: yesterday))
        let orders = OrderService(platform: world.platform)
        let lines = [OrderLineInput(product: world.product.sku, quantity: .integer(1))]
        // ordering is allowed until HQ turns blocking on
        _ = try await orders.quote(world.owner(world.c), lines: lines)
        var policy = ChannelPolicy.defaults
        policy.blockOrdersOnExpiredCertificates = true
        try await GradingService(platform: world.platform).setPolicy(Fixtures.hq(.operations), policy)

        // when C quotes and places an order
        let refusal = AppError.invalid(
            "certificates",
            .notAllowed(reason: .certificateExpired(number: "JY14401060012345", validTo: "\(yesterday)")))
        await #expect(throws: refusal) { _ = try await orders.quote(world.owner(world.c), lines: lines) }
        await #expect(throws: refusal) { _ = try await orders.placePurchaseOrder(world.owner(world.c), lines: lines, shipping: ShippingInput()) }

        // then nothing was ordered or debited
        #expect(try await Fixtures.count(world.platform, "orders") == 0)
        #expect(try await world.balance(world.c) == 100_000)
        #expect(try await profiles.orderingBlock(world.owner(world.c))?.id == certificate.id)

        // when HQ records the renewal, C orders again; an optional certificate never blocks
        var renewal = input(to: "2031-12-31")
        renewal.rowVersion = certificate.rowVersion
        _ = try await profiles.updateCertificate(Fixtures.hq(.operations), id: certificate.id, renewal)
        _ = try await profiles.addCertificate(
            Fixtures.hq(.operations), partnerId: world.c.id, input(number: "OPT-0001", to: yesterday, required: false))
        _ = try await orders.placePurchaseOrder(world.owner(world.c), lines: lines, shipping: ShippingInput())
        // a stale renewal is a conflict
        await #expect(throws: AppError.self) { _ = try await profiles.updateCertificate(Fixtures.hq(.operations), id: certificate.id, renewal) }
        #expect(try await world.verify().isEmpty)
    }

    @Test(
        "certificates expiring within 30 days are notified once to the partner and HQ; an expired required one urgently", arguments: Backend.available
    )
    func expiryNotices(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let owner = try await world.account("c-owner", partner: world.c, owner: true)
        let operations = try await world.account("ops-3", hqRole: .operations)
        let profiles = ProfileService(platform: world.platform)
        let today = BusinessTime.dayText(world.clock.now())
        func day(_ offset: Int) -> String { BusinessTime.dayText(world.clock.now().addingTimeInterval(Double(offset) * 86_400)) }
        _ = try await profiles.addCertificate(Fixtures.hq(.operations), partnerId: world.c.id, input(number: "SOON-30", to: day(30)))
        _ = try await profiles.addCertificate(Fixtures.hq(.operations), partnerId: world.c.id, input(number: "LATER-31", to: day(31)))
        _ = try await profiles.addCertificate(Fixtures.hq(.operations), partnerId: world.c.id, input(number: "GONE-1", to: day(-1)))
        _ = try await profiles.addCertificate(
            Fixtures.hq(.operations), partnerId: world.c.id, input(number: "OPTIONAL", to: day(-1), required: false))

        #expect(try await profiles.notifyExpiries(day: today) == 4)
        #expect(try await profiles.notifyExpiries(day: today) == 0)

        let inbox = NotificationService(platform: world.platform)
        for reader in [owner, operations] {
            let all = try await inbox.inbox(reader, filter: NotificationFilter(), page: PageRequest(pageNumber: 1, pageSize: 10)).items
            #expect(Set(all.map(\.kind)) == [.certificateExpiring, .certificateExpired])
            #expect(all.first { $0.kind == .certificateExpiring }?.bodyChinese.contains("SOON-30") == true)
            #expect(all.first { $0.kind == .certificateExpired }?.priority == .urgent)
        }
    }

    @Test("credit ratings need a known grade and a reason; every one is kept and audited", arguments: Backend.available)
    func credit(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let profiles = ProfileService(platform: world.platform)
        do {
            _ = try await profiles.setCreditRating(Fixtures.hq(.finance), partnerId: world.c.id, rating: "E", reason: "")
            Issue.record("a bad rating was accepted")
        } catch AppError.validation(let failure) {
            #expect(failure.errors.map(\.field) == ["rating", "reason"])
        }
        _ = try await profiles.setCreditRating(Fixtures.hq(.finance), partnerId: world.c.id, rating: "a", reason: "首次评定")
        world.clock.advance(seconds: 60)
        _ = try await profiles.setCreditRating(Fixtures.hq(.operations), partnerId: world.c.id, rating: "C", reason: "多次逾期回款")
        await #expect(throws: AppError.forbidden) {
            _ = try await profiles.setCreditRating(Fixtures.hq(.viewer), partnerId: world.c.id, rating: "A", reason: "自行上调")
        }
        await #expect(throws: AppError.forbidden) {
            _ = try await profiles.setCreditRating(world.owner(world.c), partnerId: world.c.id, rating: "A", reason: "自行上调")
        }
        let details = try await profiles.details(Fixtures.hq(.viewer), partnerId: world.c.id)
        #expect(details.creditRatings.map(\.rating) == [.c, .a])
        #expect(details.creditRating?.reason == "多次逾期回款")
        #expect(details.monthlySales.count == ProfileService.salesMonths)
        // the partner reads its own profile, not its upline's
        _ = try await profiles.details(world.owner(world.c), partnerId: nil)
        await #expect(throws: AppError.notFound(entity: "partner")) { _ = try await profiles.details(world.owner(world.c), partnerId: world.b.id) }
        let audited = try await world.platform.database.read {
            try await $0.first("SELECT COUNT(*) AS total FROM audit_log WHERE action = 'partner.credit_rating'")?.int64("total")
        }
        #expect(audited == 2)
    }
}
