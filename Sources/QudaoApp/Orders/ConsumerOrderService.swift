import Foundation
import QudaoCore
import QudaoStore

/// A consumer ordering through a partner's referral link: the public shelf, and the order with
/// its per-address limit (the form is public, so it must not be floodable).
public struct ConsumerOrderService: Sendable {
    let platform: Platform

    /// Referral orders one address may place per hour.
    public static let maximumOrdersPerHour = 30
    /// The shelf shows at most this many products.
    public static let maximumShelfProducts = 200

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// The partner a referral code belongs to; an unknown code is not found.
    public func referringPartner(code: String) async throws -> PartnerRecord {
        let partner = try await platform.database.read { try await $0.partner(referralCode: code, cipher: platform.cipher) }
        guard let partner else { throw AppError.notFound(entity: "partner") }
        return partner
    }

    /// The products on the shelf, with their categories.
    public func shelf() async throws -> (products: Page<ProductRecord>, categories: [CategoryRecord]) {
        try await platform.database.read { session in
            (
                try await session.products(
                    matching: ProductFilter(onShelf: true), page: PageRequest(pageNumber: 1, pageSize: Self.maximumShelfProducts)),
                try await session.categories()
            )
        }
    }

    /// Places a referral order from `sourceIP`, refused while that address has placed its hourly
    /// limit. Only a placed order counts towards the limit; an unknown code is refused by the order
    /// itself, so the caller looks the partner up once (``referringPartner(code:)``) to show its page.
    public func place(
        referralCode: String, lines: [OrderLineInput], consumer: ShippingInput, sourceIP: String
    ) async throws -> String {
        let now = platform.clock.now()
        let throttleKey = "referral-order:\(sourceIP)"
        if let until = try await platform.database.read({ try await $0.loginLockedUntil(key: throttleKey, now: now) }) {
            throw AppError.rateLimited(retryAfter: until)
        }
        let (_, token) = try await OrderService(platform: platform).placeReferralOrder(
            referralCode: referralCode, lines: lines, consumer: consumer, actor: .consumer(sourceIP: sourceIP), createdBy: "consumer")
        try await platform.database.write {
            try await $0.recordLoginFailure(
                key: throttleKey, now: now, windowSeconds: 3_600, maximumFailures: Self.maximumOrdersPerHour, lockSeconds: 3_600)
        }
        return token
    }
}
