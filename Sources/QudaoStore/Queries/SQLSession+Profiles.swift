import Foundation
import QudaoCore
import SQLKit

/// Partners' certificates, credit ratings and monthly sales.
extension SQLSession {
    // MARK: - Certificates

    /// Records a certificate.
    public func insertCertificate(_ certificate: PartnerCertificate, createdBy: String) async throws {
        try await execute(
            """
            INSERT INTO partner_certificates (id, partner_id, certificate_type, number, issuer, valid_from, valid_to, required, file_id, status,
                created_by, created_at_ms, updated_at_ms)
            VALUES (\(bind: certificate.id), \(bind: certificate.partnerId), \(bind: certificate.type.rawValue), \(bind: certificate.number),
                \(bind: certificate.issuer), \(bind: certificate.validFrom), \(bind: certificate.validTo), \(bind: certificate.required ? 1 : 0),
                \(bind: certificate.fileId), 'active', \(bind: createdBy), \(bind: Timestamp.milliseconds(certificate.createdAt)),
                \(bind: Timestamp.milliseconds(certificate.updatedAt)))
            """)
    }

    /// Replaces a certificate's details (a renewal) if it is still at `rowVersion`; the file is
    /// kept when `fileId` is nil.
    public func updateCertificate(_ certificate: PartnerCertificate, expectedRowVersion: Int64) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE partner_certificates SET certificate_type = \(bind: certificate.type.rawValue), number = \(bind: certificate.number),
                issuer = \(bind: certificate.issuer), valid_from = \(bind: certificate.validFrom), valid_to = \(bind: certificate.validTo),
                required = \(bind: certificate.required ? 1 : 0), file_id = COALESCE(\(bind: certificate.fileId), file_id),
                updated_at_ms = \(bind: Timestamp.milliseconds(certificate.updatedAt)), row_version = row_version + 1
            WHERE id = \(bind: certificate.id) AND status = 'active' AND row_version = \(bind: expectedRowVersion) RETURNING id
            """) == 1
    }

    /// Removes a certificate from the profile (kept in the table for the record).
    public func removeCertificate(id: String, at instant: Date) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE partner_certificates SET status = 'removed', updated_at_ms = \(bind: Timestamp.milliseconds(instant)), row_version = row_version + 1
            WHERE id = \(bind: id) AND status = 'active' RETURNING id
            """) == 1
    }

    /// One active certificate.
    public func certificate(id: String) async throws -> PartnerCertificate? {
        try await first(
            """
            SELECT c.*, f.file_name FROM partner_certificates c LEFT JOIN stored_files f ON f.id = c.file_id
            WHERE c.id = \(bind: id) AND c.status = 'active'
            """
        ).map(Self.certificate)
    }

    /// A partner's active certificates, soonest expiry first (bounded).
    public func certificates(partnerId: String, limit: Int = 100) async throws -> [PartnerCertificate] {
        try await rows(
            """
            SELECT c.*, f.file_name FROM partner_certificates c LEFT JOIN stored_files f ON f.id = c.file_id
            WHERE c.partner_id = \(bind: partnerId) AND c.status = 'active' ORDER BY c.valid_to, c.id LIMIT \(bind: limit)
            """
        ).map(Self.certificate)
    }

    /// Active certificates valid until a day in `[fromDay, toDay]`, in id order after `afterId`: the
    /// daily expiry check reads them in batches.
    public func certificatesExpiring(fromDay: String, toDay: String, afterId: String, limit: Int) async throws -> [PartnerCertificate] {
        try await rows(
            """
            SELECT c.*, NULL AS file_name FROM partner_certificates c
            WHERE c.status = 'active' AND c.valid_to >= \(bind: fromDay) AND c.valid_to <= \(bind: toDay) AND c.id > \(bind: afterId)
            ORDER BY c.id LIMIT \(bind: limit)
            """
        ).map(Self.certificate)
    }

    /// The partner's required certificates that expired before `day`.
    public func expiredRequiredCertificates(partnerId: String, day: String) async throws -> [PartnerCertificate] {
        try await rows(
            """
            SELECT c.*, NULL AS file_name FROM partner_certificates c
            WHERE c.partner_id = \(bind: partnerId) AND c.status = 'active' AND c.required = 1 AND c.valid_to < \(bind: day)
            ORDER BY c.valid_to
            """
        ).map(Self.certificate)
    }

    static func certificate(_ row: any SQLRow) throws -> PartnerCertificate {
        PartnerCertificate(
            id: try row.string("id"), partnerId: try row.string("partner_id"),
            type: CertificateType(rawValue: try row.string("certificate_type")) ?? .other, number: try row.string("number"),
            issuer: try row.string("issuer"), validFrom: try row.string("valid_from"), validTo: try row.string("valid_to"),
            required: try row.flag("required"), fileId: try row.optionalString("file_id"), fileName: try row.optionalString("file_name"),
            createdAt: try row.date("created_at_ms"), updatedAt: try row.date("updated_at_ms"), rowVersion: try row.int64("row_version"))
    }

    // MARK: - Credit ratings

    /// Records a credit rating; the latest one is the partner's rating.
    public func insertCreditRating(_ record: CreditRatingRecord) async throws {
        try await execute(
            """
            INSERT INTO partner_credit_ratings (id, partner_id, rating, reason, set_by, set_at_ms)
            VALUES (\(bind: record.id), \(bind: record.partnerId), \(bind: record.rating.rawValue), \(bind: record.reason), \(bind: record.setBy),
                \(bind: Timestamp.milliseconds(record.setAt)))
            """)
    }

    /// A partner's ratings, newest first (bounded).
    public func creditRatings(partnerId: String, limit: Int) async throws -> [CreditRatingRecord] {
        try await rows(
            "SELECT * FROM partner_credit_ratings WHERE partner_id = \(bind: partnerId) ORDER BY set_at_ms DESC, id DESC LIMIT \(bind: limit)"
        ).map { row in
            CreditRatingRecord(
                id: try row.string("id"), partnerId: try row.string("partner_id"), rating: CreditRating(rawValue: try row.string("rating")) ?? .b,
                reason: try row.string("reason"), setBy: try row.string("set_by"), setAt: try row.date("set_at_ms"))
        }
    }

    // MARK: - Sales

    /// Net sales of orders attributed to a partner and paid in `[start, end)`, less refunds (RULES
    /// §5's sales), and how many orders.
    public func attributedSales(partnerId: String, from start: Date, to end: Date) async throws -> (sales: Money, orders: Int64) {
        let row = try await first(
            """
            SELECT CAST(COALESCE(SUM(net_fen - refunded_fen), 0) AS BIGINT) AS sales, COUNT(*) AS orders FROM orders
            WHERE partner_id = \(bind: partnerId) AND paid_at_ms >= \(bind: Timestamp.milliseconds(start)) AND paid_at_ms < \(bind: Timestamp.milliseconds(end))
            """)
        return (Money(fen: try row?.int64("sales") ?? 0), try row?.int64("orders") ?? 0)
    }
}
