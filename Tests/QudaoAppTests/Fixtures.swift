import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport

/// Callers and inputs shared by the use-case tests.
enum Fixtures {
    static let origin = RequestOrigin(sourceIP: "203.0.113.7", userAgent: "tests")

    static func hq(_ role: HQRole = .admin, accountId: String = "acc_testadmin") -> Caller {
        Caller(
            principal: Principal(
                accountId: accountId, username: "hq-\(role.rawValue)", kind: .hq, hqRole: role, partnerId: nil, isOwner: false, permissions: []),
            origin: origin)
    }

    static func partnerCaller(
        _ partner: PartnerRecord, owner: Bool = true, permissions: Set<PartnerPermission> = [], accountId: String = "acc_owner"
    ) -> Caller {
        Caller(
            principal: Principal(
                accountId: accountId, username: partner.code.lowercased(), kind: .partner, hqRole: nil, partnerId: partner.id, isOwner: owner,
                permissions: permissions),
            origin: origin)
    }

    static func partnerInput(code: String?, parent: String? = nil, name: String = "测试渠道", type: String = "distributor") -> PartnerInput {
        PartnerInput(
            code: code, name: name, type: type, parent: parent, province: "广东省", city: "深圳市", address: "南山区科技园",
            contactName: "李雷", contactPhone: "13912345678", businessLicenceNumber: "91440300MA5FXXXX1K")
    }

    /// HQ → A → B → C, plus D directly under HQ.
    static func chain(_ platform: Platform) async throws -> (a: PartnerRecord, b: PartnerRecord, c: PartnerRecord, d: PartnerRecord) {
        let service = PartnerService(platform: platform)
        let a = try await service.create(hq(), partnerInput(code: "A-01"))
        let b = try await service.create(hq(), partnerInput(code: "B-01", parent: a.code, type: "agent"))
        let c = try await service.create(hq(), partnerInput(code: "C-01", parent: b.code, type: "store"))
        let d = try await service.create(hq(), partnerInput(code: "D-01"))
        return (a, b, c, d)
    }

    static func count(_ platform: Platform, _ table: String) async throws -> Int64 {
        try await platform.database.read { try await $0.first("SELECT COUNT(*) AS total FROM \(unsafeRaw: table)")?.int64("total") ?? 0 }
    }
}
