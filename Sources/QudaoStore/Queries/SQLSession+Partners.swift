import Foundation
import QudaoCore
import SQLKit

/// How partners are read and written. Contact phones are encrypted here and nowhere else.
extension SQLSession {
    private static let partnerColumns = """
        id, code, name, partner_type, level, parent_id, path, status, province, city, address, contact_name,
        contact_phone_encrypted, business_licence_number, referral_code, created_at_ms, updated_at_ms, row_version
        """

    /// Inserts a new partner, with its prepaid ledger account (balance zero).
    public func insertPartner(_ partner: PartnerRecord, cipher: PersonalDataCipher) async throws {
        precondition(!partner.referralCode.isEmpty, "every partner has a referral code")
        let referralCode = partner.referralCode
        try await execute(
            """
            INSERT INTO partners (id, code, name, partner_type, level, parent_id, path, status, province, city, address,
                contact_name, contact_phone_encrypted, contact_phone_lookup, business_licence_number, referral_code, created_at_ms,
                updated_at_ms, row_version)
            VALUES (\(bind: partner.id), \(bind: partner.code), \(bind: partner.name), \(bind: partner.type.rawValue),
                \(bind: partner.level), \(bind: partner.parentId), \(bind: partner.path), \(bind: partner.status.rawValue),
                \(bind: partner.province), \(bind: partner.city), \(bind: partner.address), \(bind: partner.contactName),
                \(bind: try cipher.encrypt(partner.contactPhone)), \(bind: cipher.lookupHash(partner.contactPhone)),
                \(bind: partner.businessLicenceNumber), \(bind: referralCode), \(bind: Timestamp.milliseconds(partner.createdAt)),
                \(bind: Timestamp.milliseconds(partner.updatedAt)), 1)
            """)
        try await execute(
            """
            INSERT INTO ledger_accounts (code, kind, partner_id, normal_side, balance_fen, created_at_ms, updated_at_ms)
            VALUES (\(bind: LedgerAccount.prepaid(partnerId: partner.id).code), 'prepaid', \(bind: partner.id), 'credit', 0,
                \(bind: Timestamp.milliseconds(partner.createdAt)), \(bind: Timestamp.milliseconds(partner.createdAt)))
            """)
    }

    /// One partner by its referral code.
    public func partner(referralCode: String, cipher: PersonalDataCipher) async throws -> PartnerRecord? {
        try await first("SELECT \(unsafeRaw: Self.partnerColumns) FROM partners WHERE referral_code = \(bind: referralCode.uppercased())")
            .map { try Self.decodePartner($0, cipher: cipher) }
    }

    /// Updates a partner's profile fields and status if its row version is still `partner.rowVersion`.
    /// Returns false when someone else changed it first (optimistic concurrency).
    public func updatePartnerProfile(_ partner: PartnerRecord, cipher: PersonalDataCipher) async throws -> Bool {
        try await changedRowCount(
            """
            UPDATE partners SET name = \(bind: partner.name), partner_type = \(bind: partner.type.rawValue),
                status = \(bind: partner.status.rawValue), province = \(bind: partner.province), city = \(bind: partner.city),
                address = \(bind: partner.address), contact_name = \(bind: partner.contactName),
                contact_phone_encrypted = \(bind: try cipher.encrypt(partner.contactPhone)),
                contact_phone_lookup = \(bind: cipher.lookupHash(partner.contactPhone)),
                business_licence_number = \(bind: partner.businessLicenceNumber),
                updated_at_ms = \(bind: Timestamp.milliseconds(partner.updatedAt)), row_version = row_version + 1
            WHERE id = \(bind: partner.id) AND row_version = \(bind: partner.rowVersion)
            RETURNING id
            """) == 1
    }

    /// Moves `partner` and its whole subtree under a new parent: rewrites the paths and levels of every
    /// row in the subtree in one statement. Returns false if the partner changed concurrently.
    public func movePartnerSubtree(
        _ partner: PartnerRecord, newParentId: String?, newPath: String, newLevel: Int, now: Date
    ) async throws -> Bool {
        let updatedRoot = try await changedRowCount(
            """
            UPDATE partners SET parent_id = \(bind: newParentId), updated_at_ms = \(bind: Timestamp.milliseconds(now)),
                row_version = row_version + 1
            WHERE id = \(bind: partner.id) AND row_version = \(bind: partner.rowVersion)
            RETURNING id
            """)
        guard updatedRoot == 1 else { return false }
        let levelChange = newLevel - partner.level
        let range = Self.subtreeRange(of: partner.path)
        try await execute(
            """
            UPDATE partners SET path = \(bind: newPath) || substr(path, CAST(\(bind: partner.path.utf8.count + 1) AS INTEGER)),
                level = level + \(bind: levelChange)
            WHERE path >= \(bind: range.lower) AND path < \(bind: range.upper)
            """)
        return true
    }

    /// Reads one partner by id.
    public func partner(id: String, cipher: PersonalDataCipher) async throws -> PartnerRecord? {
        try await first("SELECT \(unsafeRaw: Self.partnerColumns) FROM partners WHERE id = \(bind: id)")
            .map { try Self.decodePartner($0, cipher: cipher) }
    }

    /// Reads one partner by its code.
    public func partner(code: String, cipher: PersonalDataCipher) async throws -> PartnerRecord? {
        try await first("SELECT \(unsafeRaw: Self.partnerColumns) FROM partners WHERE code = \(bind: code)")
            .map { try Self.decodePartner($0, cipher: cipher) }
    }

    /// Reads partners by id, in no particular order; unknown ids are left out.
    public func partners(ids: [String], cipher: PersonalDataCipher) async throws -> [PartnerRecord] {
        guard !ids.isEmpty else { return [] }
        return try await rows("SELECT \(unsafeRaw: Self.partnerColumns) FROM partners WHERE id IN (\(binds: ids))").map {
            try Self.decodePartner($0, cipher: cipher)
        }
    }

    /// How many levels the subtree under `partner` reaches below it (0 for a partner with no children).
    public func subtreeHeight(of partner: PartnerRecord) async throws -> Int {
        let range = Self.subtreeRange(of: partner.path)
        let row = try await first(
            "SELECT MAX(level) AS deepest FROM partners WHERE path >= \(bind: range.lower) AND path < \(bind: range.upper)")
        let deepest = try row?.optionalInt64("deepest") ?? Int64(partner.level)
        return Int(deepest) - partner.level
    }

    /// The deepest level any partner sits at (0 when there are none).
    public func deepestPartnerLevel() async throws -> Int {
        let row = try await first("SELECT MAX(level) AS deepest FROM partners")
        return Int(try row?.optionalInt64("deepest") ?? 0)
    }

    /// A filtered, paginated partner list ordered by code.
    public func partners(matching filter: PartnerFilter, page: PageRequest, cipher: PersonalDataCipher) async throws -> Page<PartnerRecord> {
        let condition = whereClause(for: filter, cipher: cipher)
        let countRow = try await first("SELECT COUNT(*) AS total FROM partners WHERE \(condition)")
        let total = try countRow?.int64("total") ?? 0
        let items = try await rows(
            """
            SELECT \(unsafeRaw: Self.partnerColumns) FROM partners WHERE \(condition)
            ORDER BY \(unsafeRaw: filter.sort.orderBy) LIMIT \(bind: page.pageSize) OFFSET \(bind: page.offset)
            """
        ).map { try Self.decodePartner($0, cipher: cipher) }
        return Page(items: items, totalCount: total, pageNumber: page.pageNumber, pageSize: page.pageSize)
    }

    /// Every partner in a subtree (or the whole tree when `root` is nil), ordered by path so that
    /// each parent precedes its children; bounded by `limit`.
    public func partnerTree(under root: PartnerRecord?, limit: Int, cipher: PersonalDataCipher) async throws -> [PartnerRecord] {
        if let root {
            let range = Self.subtreeRange(of: root.path)
            return try await rows(
                """
                SELECT \(unsafeRaw: Self.partnerColumns) FROM partners
                WHERE path >= \(bind: range.lower) AND path < \(bind: range.upper) ORDER BY path LIMIT \(bind: limit)
                """
            ).map { try Self.decodePartner($0, cipher: cipher) }
        }
        return try await rows("SELECT \(unsafeRaw: Self.partnerColumns) FROM partners ORDER BY path LIMIT \(bind: limit)")
            .map { try Self.decodePartner($0, cipher: cipher) }
    }

    /// Counts of partners by status, for the console's summary.
    public func partnerCountsByStatus() async throws -> [PartnerStatus: Int64] {
        var counts: [PartnerStatus: Int64] = [:]
        for row in try await rows("SELECT status, COUNT(*) AS total FROM partners GROUP BY status") {
            if let status = PartnerStatus(rawValue: try row.string("status")) {
                counts[status] = try row.int64("total")
            }
        }
        return counts
    }

    /// The half-open byte range `[lower, upper)` of paths in the subtree rooted at `path`.
    /// Ids never contain '/' and '0' is the byte after '/', so replacing the final '/' with '0'
    /// gives the first string past every descendant's path.
    static func subtreeRange(of path: String) -> (lower: String, upper: String) {
        (path, String(path.dropLast()) + "0")
    }

    private func whereClause(for filter: PartnerFilter, cipher: PersonalDataCipher) -> SQLQueryString {
        var clause = SQLQueryString("1 = 1")
        if let search = filter.search?.trimmingWhitespace(), !search.isEmpty {
            let pattern = Self.containsPattern(search)
            clause.appendInterpolation(unsafeRaw: " AND (")
            for (index, column) in ["code", "name", "city", "contact_name"].enumerated() {
                clause.appendInterpolation(unsafeRaw: index == 0 ? "" : " OR ")
                clause.appendInterpolation(unsafeRaw: "LOWER(\(column)) LIKE LOWER(")
                clause.appendInterpolation(bind: pattern)
                clause.appendInterpolation(unsafeRaw: ") ESCAPE '\\'")
            }
            clause.appendInterpolation(unsafeRaw: " OR contact_phone_lookup = ")
            clause.appendInterpolation(bind: cipher.lookupHash(search))
            clause.appendInterpolation(unsafeRaw: ")")
        }
        if let grade = filter.grade {
            clause.appendInterpolation(unsafeRaw: " AND id IN (SELECT partner_id FROM partner_current_grades WHERE grade = ")
            clause.appendInterpolation(bind: grade.rawValue)
            clause.appendInterpolation(unsafeRaw: ")")
        }
        if let level = filter.level {
            clause.appendInterpolation(unsafeRaw: " AND level = ")
            clause.appendInterpolation(bind: level)
        }
        if let status = filter.status {
            clause.appendInterpolation(unsafeRaw: " AND status = ")
            clause.appendInterpolation(bind: status.rawValue)
        }
        if let type = filter.type {
            clause.appendInterpolation(unsafeRaw: " AND partner_type = ")
            clause.appendInterpolation(bind: type.rawValue)
        }
        if let province = filter.province, !province.isEmpty {
            clause.appendInterpolation(unsafeRaw: " AND province = ")
            clause.appendInterpolation(bind: province)
        }
        if let city = filter.city?.trimmingWhitespace(), !city.isEmpty {
            clause.appendInterpolation(unsafeRaw: " AND city = ")
            clause.appendInterpolation(bind: city)
        }
        if let root = filter.withinSubtreeOf {
            let range = Self.subtreeRange(of: root.path)
            clause.appendInterpolation(unsafeRaw: " AND path >= ")
            clause.appendInterpolation(bind: range.lower)
            clause.appendInterpolation(unsafeRaw: " AND path < ")
            clause.appendInterpolation(bind: range.upper)
        }
        if let parentId = filter.parentId {
            if parentId.isEmpty {
                clause.appendInterpolation(unsafeRaw: " AND parent_id IS NULL")
            } else {
                clause.appendInterpolation(unsafeRaw: " AND parent_id = ")
                clause.appendInterpolation(bind: parentId)
            }
        }
        return clause
    }

    static func decodePartner(_ row: any SQLRow, cipher: PersonalDataCipher) throws -> PartnerRecord {
        PartnerRecord(
            id: try row.string("id"), code: try row.string("code"), name: try row.string("name"),
            type: PartnerType(rawValue: try row.string("partner_type")) ?? .store, level: try row.int("level"),
            parentId: try row.optionalString("parent_id"), path: try row.string("path"),
            status: PartnerStatus(rawValue: try row.string("status")) ?? .pending, province: try row.string("province"),
            city: try row.string("city"), address: try row.string("address"), contactName: try row.string("contact_name"),
            contactPhone: try cipher.decrypt(try row.string("contact_phone_encrypted")),
            businessLicenceNumber: try row.optionalString("business_licence_number"),
            referralCode: try row.optionalString("referral_code") ?? "", createdAt: try row.date("created_at_ms"),
            updatedAt: try row.date("updated_at_ms"), rowVersion: try row.int64("row_version"))
    }
}

extension PartnerSort {
    /// The ORDER BY clause (fixed text, never user input).
    var orderBy: String {
        func metric(_ column: String, descending: Bool) -> String {
            let value = "(SELECT g.\(column) FROM partner_current_grades g WHERE g.partner_id = partners.id)"
            return "CASE WHEN \(value) IS NULL THEN 1 ELSE 0 END, \(value) \(descending ? "DESC" : "ASC"), path"
        }
        switch self {
        case .tree: return "path"
        case .grade:
            return """
                CASE (SELECT g.grade FROM partner_current_grades g WHERE g.partner_id = partners.id)
                WHEN 'warning' THEN 0 WHEN 'potential' THEN 1 WHEN 'quality' THEN 2 ELSE 3 END, path
                """
        case .sellThroughAscending: return metric("sell_through_bp", descending: false)
        case .sellThroughDescending: return metric("sell_through_bp", descending: true)
        case .returnRateDescending: return metric("return_rate_bp", descending: true)
        case .returnRateAscending: return metric("return_rate_bp", descending: false)
        case .salesChangeAscending: return metric("sales_change_bp", descending: false)
        case .salesChangeDescending: return metric("sales_change_bp", descending: true)
        }
    }
}
