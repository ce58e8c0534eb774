import Foundation
import QudaoCore
import QudaoStore

/// HQ's overview (issue 11): what needs doing now, each with the list it opens, the channel at a
/// glance, and — until the company has done it — the steps of going live.
public struct HQOverview: Sendable {
    /// What waits for HQ.
    public let work: HQWorkCounts
    /// Partners by status.
    public let partnersByStatus: [PartnerStatus: Int64]
    /// Partners by grade.
    public let grades: [Grade: Int64]
    /// The business date the counts are for.
    public let today: BusinessDate

    /// The steps a company takes from setup to its first order, in order.
    public enum GoLiveStep: String, Sendable, CaseIterable {
        case bankAccount, products, stock, partner, ownerAccount, firstOrder
    }

    /// Each step and whether it is done.
    public var goLiveSteps: [(step: GoLiveStep, done: Bool)] {
        [
            (.bankAccount, work.bankAccounts > 0), (.products, work.products > 0), (.stock, work.productsWithStock > 0),
            (.partner, work.partners > 0), (.ownerAccount, work.partnerOwners > 0), (.firstOrder, work.orders > 0),
        ]
    }

    /// Whether every step of going live is done (the checklist is then no longer shown).
    public var isLive: Bool { goLiveSteps.allSatisfy(\.done) }
}

/// Reads the overview for HQ accounts.
public struct HQOverviewService: Sendable {
    let platform: Platform

    /// How far ahead expiring certificates are counted (the same 30 days as the reminder notices).
    public static let certificateHorizonDays = 30
    /// A warning is "new" for this many days after a partner entered it.
    public static let newWarningDays = 7

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// The overview now.
    public func overview(_ caller: Caller) async throws -> HQOverview {
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let today = BusinessDate(containing: platform.clock.now())
        return try await platform.database.read { session in
            let work = try await session.hqWorkCounts(
                today: today.description, expiryHorizonDay: today.adding(days: Self.certificateHorizonDays).description,
                warningSinceDay: today.adding(days: -Self.newWarningDays).description)
            let grades = try await session.gradeDistribution()
            return HQOverview(work: work, partnersByStatus: try await session.partnerCountsByStatus(), grades: grades, today: today)
        }
    }

    /// Certificates that expire within the horizon or have expired, soonest first, with their partners.
    public func expiringCertificates(_ caller: Caller, page: PageRequest) async throws -> Page<ExpiringCertificate> {
        try caller.require(.viewPartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let horizon = BusinessDate(containing: platform.clock.now()).adding(days: Self.certificateHorizonDays)
        return try await platform.database.read { try await $0.expiringCertificates(toDay: horizon.description, page: page) }
    }
}
