import Foundation
import QudaoCore
import QudaoStore

/// A certificate as a form or the API sent it.
public struct CertificateInput: Sendable {
    public var type: String?
    public var number: String?
    public var issuer: String?
    public var validFrom: String?
    public var validTo: String?
    public var required: Bool
    public var file: UploadedFile?
    public var rowVersion: Int64?

    /// Creates an input.
    public init(
        type: String?, number: String?, issuer: String?, validFrom: String?, validTo: String?, required: Bool, file: UploadedFile? = nil,
        rowVersion: Int64? = nil
    ) {
        self.type = type
        self.number = number
        self.issuer = issuer
        self.validFrom = validFrom
        self.validTo = validTo
        self.required = required
        self.file = file
        self.rowVersion = rowVersion
    }
}

/// What a partner's profile shows beyond its record: certificates, credit rating and history, and
/// sales by month.
public struct PartnerProfileDetails: Sendable {
    public let partner: PartnerRecord
    public let certificates: [PartnerCertificate]
    public let creditRatings: [CreditRatingRecord]
    public let monthlySales: [MonthlySales]
    /// The business day the certificates are judged on.
    public let day: String

    /// The latest rating, if any.
    public var creditRating: CreditRatingRecord? { creditRatings.first }
}

/// Partner profiles (数字档案, PRODUCT.md capability 1): qualification certificates with their
/// validity and file (expiring ones notified 30 days ahead, an expired required one can stop
/// purchase orders), credit ratings set by HQ with a reason, and sales by month. HQ sees and
/// keeps everyone's; a partner sees its own. Every change is audited.
public struct ProfileService: Sendable {
    let platform: Platform

    /// Months of sales a profile charts.
    public static let salesMonths = 12
    /// Ratings a profile lists.
    public static let ratingHistoryLimit = 50
    /// Certificates checked per transaction by the daily expiry check.
    public static let expiryBatchSize = 500

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    /// The partner whose profile the caller may see: HQ any; a partner only itself.
    func profilePartner(_ caller: Caller, _ partnerId: String?, _ session: SQLSession) async throws -> PartnerRecord {
        try await PartnerService(platform: platform).ownBusinessPartner(caller, partnerId, hqCapability: .viewPartners, session)
    }

    /// A partner's certificates, ratings and monthly sales.
    public func details(_ caller: Caller, partnerId: String?) async throws -> PartnerProfileDetails {
        try await platform.database.read { session in
            let partner = try await self.profilePartner(caller, partnerId, session)
            let now = self.platform.clock.now()
            var month = BusinessMonth(containing: now)
            var sales: [MonthlySales] = []
            for _ in 0..<Self.salesMonths {
                let figure = try await session.attributedSales(partnerId: partner.id, from: month.start, to: month.end)
                sales.append(MonthlySales(month: month.description, sales: figure.sales, orderCount: figure.orders))
                month = month.previous
            }
            return PartnerProfileDetails(
                partner: partner, certificates: try await session.certificates(partnerId: partner.id),
                creditRatings: try await session.creditRatings(partnerId: partner.id, limit: Self.ratingHistoryLimit),
                monthlySales: sales.reversed(), day: BusinessTime.dayText(now))
        }
    }

    // MARK: - Certificates

    func validated(
        _ input: CertificateInput
    ) throws(AppError) -> (type: CertificateType, number: String, issuer: String, from: String, to: String, file: (file: UploadedFile, type: String)?)
    {
        var validator = Validator()
        let type = (input.type ?? "").trimmingWhitespace()
        if type.isEmpty {
            validator.add("certificateType", .required)
        } else if CertificateType(rawValue: type) == nil {
            validator.add("certificateType", .notOneOf(allowed: CertificateType.allCases.map(\.rawValue)))
        }
        let number = validator.text("number", input.number, maximumCharacters: 64, minimumCharacters: 2)
        let issuer = validator.text("issuer", input.issuer, maximumCharacters: 100, minimumCharacters: 2)
        func day(_ field: String, _ raw: String?) -> String? {
            let text = (raw ?? "").trimmingWhitespace().replacingOccurrences(of: "/", with: "-")
            if text.isEmpty {
                validator.add(field, .required)
                return nil
            }
            guard let start = BusinessTime.startOfDay(text) else {
                validator.add(field, .invalidFormat(expected: .date))
                return nil
            }
            return BusinessTime.dayText(start)
        }
        let from = day("validFrom", input.validFrom)
        let to = day("validTo", input.validTo)
        if let from, let to, from > to { validator.add("validTo", .notAllowed(reason: .certificateEndsBeforeStart)) }
        let file = UploadedFile.checked(input.file, field: "file", &validator)
        try validator.throwIfInvalidAsAppError()
        guard let certificateType = CertificateType(rawValue: type), let number, let issuer, let from, let to else {
            preconditionFailure("validated above")
        }
        return (certificateType, number, issuer, from, to, file)
    }

    /// HQ records a certificate for a partner (with an optional scan: JPEG, PNG or PDF).
    public func addCertificate(_ caller: Caller, partnerId: String, _ input: CertificateInput) async throws -> PartnerCertificate {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let checked = try validated(input)
        return try await platform.database.write { session in
            let partner = try await self.profilePartner(caller, partnerId, session)
            let now = self.platform.clock.now()
            let fileId = try await checked.file.asyncFlatMap {
                try await $0.file.store(contentType: $0.type, partnerId: partner.id, uploadedBy: caller.principal.accountId, at: now, session)
            }
            let certificate = PartnerCertificate(
                id: Identifier.make(prefix: "crt"), partnerId: partner.id, type: checked.type, number: checked.number, issuer: checked.issuer,
                validFrom: checked.from, validTo: checked.to, required: input.required, fileId: fileId, fileName: checked.file?.file.fileName,
                createdAt: now, updatedAt: now, rowVersion: 1)
            try await session.insertCertificate(certificate, createdBy: caller.principal.accountId)
            try await session.audit(
                caller, at: now, action: "certificate.add", entityType: "partner", entityId: partner.id, before: nil,
                after: Self.snapshot(certificate))
            return certificate
        }
    }

    /// HQ renews or corrects a certificate (a new scan replaces the old one; none keeps it).
    public func updateCertificate(_ caller: Caller, id: String, _ input: CertificateInput) async throws -> PartnerCertificate {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let checked = try validated(input)
        return try await platform.database.write { session in
            guard Identifier.isWellFormed(id, prefix: "crt"), let existing = try await session.certificate(id: id) else {
                throw AppError.notFound(entity: "certificate")
            }
            let now = self.platform.clock.now()
            let fileId = try await checked.file.asyncFlatMap {
                try await $0.file.store(contentType: $0.type, partnerId: existing.partnerId, uploadedBy: caller.principal.accountId, at: now, session)
            }
            let updated = PartnerCertificate(
                id: id, partnerId: existing.partnerId, type: checked.type, number: checked.number, issuer: checked.issuer, validFrom: checked.from,
                validTo: checked.to, required: input.required, fileId: fileId, fileName: checked.file?.file.fileName ?? existing.fileName,
                createdAt: existing.createdAt, updatedAt: now, rowVersion: existing.rowVersion + 1)
            guard try await session.updateCertificate(updated, expectedRowVersion: input.rowVersion ?? existing.rowVersion) else {
                throw AppError.conflict(reason: .changedMeanwhile(.certificate))
            }
            try await session.audit(
                caller, at: now, action: "certificate.update", entityType: "partner", entityId: existing.partnerId, before: Self.snapshot(existing),
                after: Self.snapshot(updated))
            return try await session.certificate(id: id) ?? updated
        }
    }

    /// HQ removes a certificate from the profile.
    public func removeCertificate(_ caller: Caller, id: String) async throws {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        try await platform.database.write { session in
            guard Identifier.isWellFormed(id, prefix: "crt"), let existing = try await session.certificate(id: id) else {
                throw AppError.notFound(entity: "certificate")
            }
            let now = self.platform.clock.now()
            guard try await session.removeCertificate(id: id, at: now) else { throw AppError.notFound(entity: "certificate") }
            try await session.audit(
                caller, at: now, action: "certificate.remove", entityType: "partner", entityId: existing.partnerId, before: Self.snapshot(existing),
                after: nil)
        }
    }

    /// A certificate, for HQ or the partner itself.
    public func certificate(_ caller: Caller, id: String) async throws -> PartnerCertificate {
        try await platform.database.read { session in
            guard Identifier.isWellFormed(id, prefix: "crt"), let certificate = try await session.certificate(id: id) else {
                throw AppError.notFound(entity: "certificate")
            }
            _ = try await self.profilePartner(caller, certificate.partnerId, session)
            return certificate
        }
    }

    /// A certificate's scan, for HQ or the partner itself.
    public func certificateFile(_ caller: Caller, id: String) async throws -> StoredFile {
        try await platform.database.read { session in
            guard Identifier.isWellFormed(id, prefix: "crt"), let certificate = try await session.certificate(id: id) else {
                throw AppError.notFound(entity: "certificate")
            }
            _ = try await self.profilePartner(caller, certificate.partnerId, session)
            guard let fileId = certificate.fileId, let file = try await session.file(id: fileId) else { throw AppError.notFound(entity: "file") }
            return file
        }
    }

    static func snapshot(_ certificate: PartnerCertificate) -> String {
        AuditSnapshot.json([
            "certificateId": .text(certificate.id), "type": .text(certificate.type.rawValue), "number": .text(certificate.number),
            "issuer": .text(certificate.issuer), "validFrom": .text(certificate.validFrom), "validTo": .text(certificate.validTo),
            "required": .boolean(certificate.required), "fileId": .optionalText(certificate.fileId),
        ])
    }

    /// The reason a partner may not place purchase orders today, when HQ blocks ordering on an
    /// expired required certificate; nil when it may.
    static func orderingBlock(partnerId: String, at instant: Date, _ session: SQLSession) async throws -> PartnerCertificate? {
        guard try await GradingService.policy(session).blockOrdersOnExpiredCertificates else { return nil }
        return try await session.expiredRequiredCertificates(partnerId: partnerId, day: BusinessTime.dayText(instant)).first
    }

    /// The expired required certificate that stops the caller's partner from ordering, if any.
    public func orderingBlock(_ caller: Caller) async throws -> PartnerCertificate? {
        try await platform.database.read { session in
            let partner = try await PartnerService(platform: self.platform).ownPartner(caller, session)
            return try await Self.orderingBlock(partnerId: partner.id, at: self.platform.clock.now(), session)
        }
    }

    /// Sends, once per certificate and validity, the notice that it expires within 30 days (to the
    /// partner and HQ operations), and the urgent notice that a required one has expired. Runs with
    /// the daily grading; returns how many notices went out.
    @discardableResult
    public func notifyExpiries(day: String) async throws -> Int {
        guard let today = BusinessTime.startOfDay(day),
            let horizon = BusinessTime.calendar.date(byAdding: .day, value: Int(ChannelPolicy.certificateNoticeDays), to: today),
            let lookBack = BusinessTime.calendar.date(byAdding: .day, value: -Int(ChannelPolicy.certificateNoticeDays), to: today)
        else { return 0 }
        var sent = 0
        var after = ""
        while true {
            let cursor = after
            let batch = try await platform.database.read {
                try await $0.certificatesExpiring(
                    fromDay: BusinessTime.dayText(lookBack), toDay: BusinessTime.dayText(horizon), afterId: cursor, limit: Self.expiryBatchSize)
            }
            guard let last = batch.last else { break }
            sent += try await platform.database.write { session -> Int in
                var count = 0
                let now = self.platform.clock.now()
                for certificate in batch {
                    guard let partner = try await session.partner(id: certificate.partnerId, cipher: self.platform.cipher) else { continue }
                    let standing = certificate.standing(on: day)
                    guard standing == .expiringSoon || (standing == .expired && certificate.required) else { continue }
                    for forHQ in [false, true] {
                        let draft: NotificationDraft =
                            standing == .expiringSoon
                            ? .certificateExpiring(certificate, partner: partner, forHQ: forHQ)
                            : .certificateExpired(certificate, partner: partner, forHQ: forHQ)
                        let audience: NotificationAudience = forHQ ? .hqOperations : .partner(id: partner.id, permission: nil)
                        if try await NotificationService.send(draft, to: audience, at: now, session) { count += 1 }
                    }
                }
                return count
            }
            after = last.id
            if batch.count < Self.expiryBatchSize { break }
        }
        return sent
    }

    // MARK: - Credit

    /// HQ sets a partner's credit rating, with the reason (kept as history, audited).
    public func setCreditRating(
        _ caller: Caller, partnerId: String, rating raw: String?, reason rawReason: String?
    ) async throws -> CreditRatingRecord {
        guard caller.principal.kind == .hq, caller.principal.can(.managePartners) || caller.principal.can(.manageFinance) else {
            throw AppError.forbidden
        }
        var validator = Validator()
        let text = (raw ?? "").trimmingWhitespace().uppercased()
        let rating = CreditRating(rawValue: text)
        if text.isEmpty {
            validator.add("rating", .required)
        } else if rating == nil {
            validator.add("rating", .notOneOf(allowed: CreditRating.allCases.map(\.rawValue)))
        }
        let reason = validator.text("reason", rawReason, maximumCharacters: 200, minimumCharacters: 2)
        try validator.throwIfInvalidAsAppError()
        guard let rating, let reason else { preconditionFailure("validated above") }
        return try await platform.database.write { session in
            let partner = try await self.profilePartner(caller, partnerId, session)
            let before = try await session.creditRatings(partnerId: partner.id, limit: 1).first
            let now = self.platform.clock.now()
            let record = CreditRatingRecord(
                id: Identifier.make(prefix: "crd"), partnerId: partner.id, rating: rating, reason: reason, setBy: caller.principal.username,
                setAt: now)
            try await session.insertCreditRating(record)
            try await session.audit(
                caller, at: now, action: "partner.credit_rating", entityType: "partner", entityId: partner.id,
                before: before.map { AuditSnapshot.json(["rating": .text($0.rating.rawValue)]) },
                after: AuditSnapshot.json(["rating": .text(rating.rawValue), "reason": .text(reason)]))
            return record
        }
    }
}

extension NotificationDraft {
    /// A certificate expires within 30 days (told to the partner, and to HQ operations).
    static func certificateExpiring(_ certificate: PartnerCertificate, partner: PartnerRecord, forHQ: Bool) -> NotificationDraft {
        NotificationDraft(
            kind: .certificateExpiring, titleChinese: forHQ ? "\(partner.code) 的资质证书即将到期" : "您的资质证书即将到期",
            titleEnglish: forHQ ? "A certificate of \(partner.code) expires soon" : "Your certificate expires soon",
            bodyChinese: "证书 \(certificate.number)(\(certificate.issuer))将于 \(certificate.validTo) 到期,请及时办理续期并上传新证书。",
            bodyEnglish:
                "Certificate \(certificate.number) (\(certificate.issuer)) expires on \(certificate.validTo); renew it and send the new one in time.",
            link: forHQ ? "/hq/partners/\(partner.id)" : "/portal/certificates",
            eventKey: "certificate_expiring:\(certificate.id):\(certificate.validTo):\(forHQ ? "hq" : "partner")")
    }

    /// A required certificate has expired.
    static func certificateExpired(_ certificate: PartnerCertificate, partner: PartnerRecord, forHQ: Bool) -> NotificationDraft {
        NotificationDraft(
            kind: .certificateExpired, titleChinese: forHQ ? "\(partner.code) 的必备资质证书已过期" : "您的必备资质证书已过期",
            titleEnglish: forHQ ? "A required certificate of \(partner.code) has expired" : "Your required certificate has expired",
            bodyChinese: "证书 \(certificate.number)(\(certificate.issuer))已于 \(certificate.validTo) 到期。总部开启限制时,更新前不能下进货单。",
            bodyEnglish:
                "Certificate \(certificate.number) (\(certificate.issuer)) expired on \(certificate.validTo). While HQ restricts ordering, purchase orders wait for the renewed one.",
            link: forHQ ? "/hq/partners/\(partner.id)" : "/portal/certificates",
            eventKey: "certificate_expired:\(certificate.id):\(certificate.validTo):\(forHQ ? "hq" : "partner")")
    }
}
