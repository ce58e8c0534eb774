import Crypto
import Foundation
import QudaoCore
import QudaoStore

/// Who caused a voucher: an account, a consumer through a secret link, or the platform's scheduler.
public struct VoucherActor: Sendable {
    public let accountId: String?
    public let name: String
    public let sourceIP: String

    /// The actor behind a caller.
    public init(_ caller: Caller) {
        accountId = caller.principal.accountId == "system" ? nil : caller.principal.accountId
        name = caller.principal.username
        sourceIP = caller.origin.sourceIP
    }

    /// A consumer acting through an order's secret link.
    public static func consumer(sourceIP: String) -> VoucherActor { VoucherActor(accountId: nil, name: "consumer", sourceIP: sourceIP) }

    /// The platform's scheduled jobs.
    public static let scheduler = VoucherActor(accountId: nil, name: "scheduler", sourceIP: "local")

    init(accountId: String?, name: String, sourceIP: String) {
        self.accountId = accountId
        self.name = name
        self.sourceIP = sourceIP
    }
}
