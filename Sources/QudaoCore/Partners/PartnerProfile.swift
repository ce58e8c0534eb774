import Foundation

/// The kinds of qualification certificate (资质证书) a partner may hold.
public enum CertificateType: String, Sendable, Codable, CaseIterable {
    /// 营业执照.
    case businessLicence = "business_licence"
    /// 食品经营许可证.
    case foodBusiness = "food_business"
    /// 化妆品经营备案.
    case cosmetics
    /// 医疗器械经营备案.
    case medicalDevice = "medical_device"
    /// 品牌授权书.
    case brandAuthorisation = "brand_authorisation"
    case other
}

/// A qualification certificate with its validity (days as `yyyy-MM-dd`, Asia/Shanghai).
public struct PartnerCertificate: Sendable, Hashable {
    public let id: String
    public let partnerId: String
    public let type: CertificateType
    public let number: String
    public let issuer: String
    public let validFrom: String
    public let validTo: String
    /// A required certificate that has expired can stop the partner's purchase orders.
    public let required: Bool
    public let fileId: String?
    public let fileName: String?
    public let createdAt: Date
    public let updatedAt: Date
    public let rowVersion: Int64

    /// Creates a certificate.
    public init(
        id: String, partnerId: String, type: CertificateType, number: String, issuer: String, validFrom: String, validTo: String, required: Bool,
        fileId: String?, fileName: String?, createdAt: Date, updatedAt: Date, rowVersion: Int64
    ) {
        self.id = id
        self.partnerId = partnerId
        self.type = type
        self.number = number
        self.issuer = issuer
        self.validFrom = validFrom
        self.validTo = validTo
        self.required = required
        self.fileId = fileId
        self.fileName = fileName
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.rowVersion = rowVersion
    }

    /// Where a certificate stands on a day.
    public enum Standing: String, Sendable, Codable, CaseIterable {
        case valid
        /// Expires within ``ChannelPolicy/certificateNoticeDays``.
        case expiringSoon = "expiring_soon"
        case expired
        /// Not valid yet.
        case notYetValid = "not_yet_valid"
    }

    /// The standing on `day` (`yyyy-MM-dd`): expired after its last valid day.
    public func standing(on day: String, noticeDays: Int64 = ChannelPolicy.certificateNoticeDays) -> Standing {
        if validTo < day { return .expired }
        if validFrom > day { return .notYetValid }
        guard let today = BusinessTime.startOfDay(day),
            let horizon = BusinessTime.calendar.date(byAdding: .day, value: Int(noticeDays), to: today)
        else { return .valid }
        return validTo <= BusinessTime.dayText(horizon) ? .expiringSoon : .valid
    }
}

/// A credit rating HQ gives a partner (A best, D worst), with why.
public enum CreditRating: String, Sendable, Codable, CaseIterable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"
}

/// One rating in a partner's credit history.
public struct CreditRatingRecord: Sendable, Hashable {
    public let id: String
    public let partnerId: String
    public let rating: CreditRating
    public let reason: String
    public let setBy: String
    public let setAt: Date

    /// Creates a record.
    public init(id: String, partnerId: String, rating: CreditRating, reason: String, setBy: String, setAt: Date) {
        self.id = id
        self.partnerId = partnerId
        self.rating = rating
        self.reason = reason
        self.setBy = setBy
        self.setAt = setAt
    }
}

/// A partner's net sales in one month (orders attributed to it, less refunds), for its chart.
public struct MonthlySales: Sendable, Hashable {
    public let month: String
    public let sales: Money
    public let orderCount: Int64

    /// Creates a month's figure.
    public init(month: String, sales: Money, orderCount: Int64) {
        self.month = month
        self.sales = sales
        self.orderCount = orderCount
    }
}
