import Foundation
import HummingbirdBcrypt
import QudaoCore
import QudaoStore

/// What a client sends to create or edit a partner. Every field is optional text so that the
/// form and the API share one validation, which names each bad field.
public struct PartnerInput: Sendable, Hashable {
    /// Partner code; generated when left blank on creation. Cannot change after creation.
    public var code: String?
    public var name: String?
    public var type: String?
    /// The parent's id or code; blank means HQ. Only used on creation (moving is its own action).
    public var parent: String?
    public var province: String?
    public var city: String?
    public var address: String?
    public var contactName: String?
    public var contactPhone: String?
    public var businessLicenceNumber: String?
    /// Initial status on creation (default `active`).
    public var status: String?
    /// When set on creation, an owner account named after the code is created with this password.
    public var ownerPassword: String?
    /// For edits: the version the client saw, to refuse overwriting someone else's change.
    public var rowVersion: Int64?

    /// Creates an input.
    public init(
        code: String? = nil, name: String? = nil, type: String? = nil, parent: String? = nil, province: String? = nil,
        city: String? = nil, address: String? = nil, contactName: String? = nil, contactPhone: String? = nil,
        businessLicenceNumber: String? = nil, status: String? = nil, ownerPassword: String? = nil, rowVersion: Int64? = nil
    ) {
        self.code = code
        self.name = name
        self.type = type
        self.parent = parent
        self.province = province
        self.city = city
        self.address = address
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.businessLicenceNumber = businessLicenceNumber
        self.status = status
        self.ownerPassword = ownerPassword
        self.rowVersion = rowVersion
    }
}

/// A partner with what its viewer may know about it.
public struct PartnerView: Sendable {
    /// The partner.
    public let partner: PartnerRecord
    /// Its parent, if it has one and the viewer may see it.
    public let parent: PartnerRecord?
    /// Its direct children the viewer may see.
    public let childCount: Int64
    /// Whether the viewer may reveal the full contact phone.
    public let canRevealPersonalData: Bool
}

/// The partner tree: listing, viewing, creating, editing, moving and status changes (RULES §2).
public struct PartnerService: Sendable {
    let platform: Platform

    /// The settings key of the configured tree depth.
    public static let maximumLevelsSetting = "partner.max_levels"
    /// The largest tree a single tree view renders.
    public static let treeViewLimit = 2_000

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    // MARK: - Reading

    /// Partner records by id, for naming the partners of a list the caller may already see (one
    /// page of ids at most).
    public func recordsById(_ ids: [String]) async throws -> [String: PartnerRecord] {
        let records = try await platform.database.read { try await $0.partners(ids: Array(Set(ids)), cipher: platform.cipher) }
        return Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
    }

    /// A filtered page of the partners the caller may see: all of them for HQ, its own subtree for a
    /// partner account with team rights, and only itself otherwise.
    public func list(_ caller: Caller, filter: PartnerFilter, page: PageRequest) async throws -> Page<PartnerRecord> {
        try await platform.database.read { session in
            var scoped = filter
            switch caller.principal.kind {
            case .hq:
                try caller.require(.viewPartners)
            case .partner:
                let own = try await self.ownPartner(caller, session)
                // Grades are HQ's assessment: a partner can neither filter nor order its team by them.
                scoped.grade = nil
                scoped.sort = .tree
                if caller.principal.can(.partnerTeamView) {
                    scoped.withinSubtreeOf = own
                } else {
                    return Page(items: [own], totalCount: 1, pageNumber: 1, pageSize: page.pageSize)
                }
            }
            return try await session.partners(matching: scoped, page: page, cipher: self.platform.cipher)
        }
    }

    /// The tree the caller may see, parents before children (bounded by ``treeViewLimit``).
    public func tree(_ caller: Caller) async throws -> [PartnerRecord] {
        try await platform.database.read { session in
            switch caller.principal.kind {
            case .hq:
                try caller.require(.viewPartners)
                return try await session.partnerTree(under: nil, limit: Self.treeViewLimit, cipher: self.platform.cipher)
            case .partner:
                let own = try await self.ownPartner(caller, session)
                guard caller.principal.can(.partnerTeamView) else { return [own] }
                return try await session.partnerTree(under: own, limit: Self.treeViewLimit, cipher: self.platform.cipher)
            }
        }
    }

    /// One partner, if the caller may see it.
    public func view(_ caller: Caller, id: String) async throws -> PartnerView {
        try await platform.database.read { session in
            let partner = try await self.visiblePartner(caller, id: id, session)
            var parent: PartnerRecord?
            if let parentId = partner.parentId {
                parent = try await session.partner(id: parentId, cipher: self.platform.cipher)
            }
            let children = try await session.partners(
                matching: PartnerFilter(parentId: partner.id), page: PageRequest(pageNumber: 1, pageSize: 1),
                cipher: self.platform.cipher)
            return PartnerView(
                partner: partner, parent: parent, childCount: children.totalCount,
                canRevealPersonalData: caller.principal.can(.revealPersonalData))
        }
    }

    /// The partner's full contact phone, for a caller allowed to reveal personal data; the reveal is audited.
    public func revealContactPhone(_ caller: Caller, id: String) async throws -> String {
        try caller.require(.revealPersonalData)
        return try await platform.database.write { session in
            let partner = try await self.visiblePartner(caller, id: id, session)
            try await session.audit(
                caller, at: self.platform.clock.now(), action: "partner.reveal_contact_phone", entityType: "partner",
                entityId: partner.id, before: nil, after: nil)
            return partner.contactPhone
        }
    }

    /// The configured maximum depth of the tree (1 … 3, default 3).
    public func maximumLevels() async throws -> Int {
        try await platform.database.read { try await Self.maximumLevels($0) }
    }

    static func maximumLevels(_ session: SQLSession) async throws -> Int {
        guard let stored = try await session.setting(maximumLevelsSetting), let value = Int(stored),
            (1...PartnerTreeRules.levelCeiling).contains(value)
        else { return PartnerTreeRules.levelCeiling }
        return value
    }

    /// Changes the configured depth; refused if a partner already sits deeper than the new limit.
    public func setMaximumLevels(_ caller: Caller, _ input: IntegerInput) async throws {
        try caller.require(.manageAccounts)
        var validator = Validator()
        let value = validator.integer("maxLevels", input, in: 1...Int64(PartnerTreeRules.levelCeiling))
        try validator.throwIfInvalidAsAppError()
        guard let value else { return }
        try await platform.database.write { session in
            try await session.lock("partner_tree")
            let deepest = try await session.deepestPartnerLevel()
            guard PartnerTreeRules.canLimit(to: Int(value), deepestExistingLevel: deepest) else {
                throw AppError.invalid(
                    "maxLevels",
                    .notAllowed(reason: .partnersBelowLevel(level: deepest)))
            }
            let before = try await Self.maximumLevels(session)
            let now = self.platform.clock.now()
            try await session.setSetting(Self.maximumLevelsSetting, value: String(value), now: now)
            try await session.audit(
                caller, at: now, action: "settings.max_levels", entityType: "setting", entityId: Self.maximumLevelsSetting,
                before: AuditSnapshot.json(["maxLevels": .integer(Int64(before))]),
                after: AuditSnapshot.json(["maxLevels": .integer(value)]))
        }
    }

    // MARK: - Writing

    /// Creates a partner under HQ or another partner, refusing anything that would break the tree rules.
    public func create(_ caller: Caller, _ input: PartnerInput) async throws -> PartnerRecord {
        try caller.require(.managePartners)
        var validator = Validator()
        let fields = validateProfile(input, validator: &validator)
        var code = validator.text("code", input.code, required: false, maximumCharacters: 32)?.uppercased()
        if let given = code, !InputFormat.isPartnerCode(given) {
            validator.add("code", .invalidFormat(expected: .partnerCode))
            code = nil
        }
        let status = validator.oneOf("status", input.status, as: PartnerStatus.self, required: false) ?? .active
        var ownerPasswordHash: String?
        if let password = input.ownerPassword, !password.isEmpty {
            if let problem = PasswordPolicy.problem(with: password, loginName: code, displayName: input.contactName) {
                validator.add("ownerPassword", problem)
            } else {
                ownerPasswordHash = Bcrypt.hash(password, cost: platform.passwordCost)
            }
        }
        let parentReference = input.parent?.trimmingWhitespace() ?? ""
        try validator.throwIfInvalidAsAppError()
        guard let fields else { preconditionFailure("the profile was validated above") }
        let requestedCode = code
        let ownerHash = ownerPasswordHash

        do {
            return try await platform.database.write { session in
                try await session.lock("partner_tree")
                return try await self.insertNewPartner(
                    caller, fields: fields, requestedCode: requestedCode, status: status, parentReference: parentReference, ownerHash: ownerHash,
                    session)
            }
        } catch let error where DatabaseErrorClassifier.isUniqueViolation(error) {
            // Lost a race with a concurrent creation of the same code.
            throw AppError.invalid("code", .duplicate)
        }
    }

    /// Creates a partner inside the caller's transaction (which holds the `partner_tree` lock):
    /// the parent by id or code (blank: HQ), the depth limit, a free code, an owner account when a
    /// password hash is given; audited. Throws the field problems the form and the import show.
    func insertNewPartner(
        _ caller: Caller, fields: ProfileFields, requestedCode: String?, status: PartnerStatus, parentReference: String, ownerHash: String?,
        _ session: SQLSession
    ) async throws -> PartnerRecord {
        var validator = Validator()
        var parent: PartnerRecord?
        if !parentReference.isEmpty {
            parent = try await partnerByReference(parentReference, session)
            if parent == nil { validator.add("parentId", .notFound) }
        }
        let rules = PartnerTreeRules(maximumLevels: try await Self.maximumLevels(session))
        var level = 1
        if !validator.hasError(for: "parentId") {
            switch rules.levelForNewPartner(under: parent?.treeNode) {
            case .success(let computed): level = computed
            case .failure(let error): validator.add(error.field, error.problem)
            }
        }
        if let parent, parent.status == .terminated {
            validator.add("parentId", .notAllowed(reason: .parentTerminated))
        }
        if let requestedCode, try await session.partner(code: requestedCode, cipher: platform.cipher) != nil {
            validator.add("code", .duplicate)
        }
        let finalCode: String
        if let requestedCode {
            finalCode = requestedCode
        } else {
            finalCode = try await generateCode(session)
        }
        if ownerHash != nil, try await session.account(username: finalCode.lowercased()) != nil {
            validator.add("ownerPassword", .notAllowed(reason: .accountNameTaken(name: finalCode.lowercased())))
        }
        try validator.throwIfInvalidAsAppError()

        let now = platform.clock.now()
        let id = Identifier.make(prefix: "prt")
        let partner = PartnerRecord(
            id: id, code: finalCode, name: fields.name, type: fields.type, level: level, parentId: parent?.id,
            path: PartnerRecord.path(for: id, underParentPath: parent?.path), status: status, province: fields.province,
            city: fields.city, address: fields.address, contactName: fields.contactName, contactPhone: fields.contactPhone,
            businessLicenceNumber: fields.businessLicenceNumber, createdAt: now, updatedAt: now, rowVersion: 1)
        try await session.insertPartner(partner, cipher: platform.cipher)
        try await session.audit(
            caller, at: now, action: "partner.create", entityType: "partner", entityId: id, before: nil,
            after: AuditSnapshot.partner(partner))
        try await session.emitPartnerWebhook(.partnerCreated, partner: partner, at: now)
        if let ownerHash {
            let owner = AccountRecord(
                id: Identifier.make(prefix: "acc"), username: finalCode.lowercased(), displayName: fields.contactName,
                passwordHash: ownerHash, kind: .partner, hqRole: nil, partnerId: id, isOwner: true,
                permissions: Set(PartnerPermission.allCases), status: .active, createdAt: now, updatedAt: now, rowVersion: 1)
            try await session.insertAccount(owner)
            try await session.audit(
                caller, at: now, action: "account.create", entityType: "account", entityId: owner.id, before: nil,
                after: AuditSnapshot.account(owner))
        }
        return partner
    }

    /// Edits a partner's profile (not its code, parent or status, which have their own actions).
    public func update(_ caller: Caller, id: String, _ input: PartnerInput) async throws -> PartnerRecord {
        try caller.require(.managePartners)
        var validator = Validator()
        let fields = validateProfile(input, validator: &validator)
        try validator.throwIfInvalidAsAppError()
        guard let fields else { preconditionFailure("the profile was validated above") }
        return try await platform.database.write { session in
            guard var partner = try await session.partner(id: id, cipher: self.platform.cipher) else {
                throw AppError.notFound(entity: "partner")
            }
            if let expected = input.rowVersion, expected != partner.rowVersion {
                throw AppError.conflict(reason: .changedMeanwhile(.partner))
            }
            partner = try await self.applyProfile(caller, partner, fields, action: "partner.update", session).partner
            return partner
        }
    }

    /// Writes new profile fields to a partner inside the caller's transaction, audited with
    /// `action` when anything changed. Returns the partner and whether it changed.
    func applyProfile(
        _ caller: Caller, _ existing: PartnerRecord, _ fields: ProfileFields, action: String, _ session: SQLSession
    ) async throws -> (partner: PartnerRecord, changed: Bool) {
        var partner = existing
        let before = AuditSnapshot.partner(partner)
        partner.name = fields.name
        partner.type = fields.type
        partner.province = fields.province
        partner.city = fields.city
        partner.address = fields.address
        partner.contactName = fields.contactName
        partner.contactPhone = fields.contactPhone
        partner.businessLicenceNumber = fields.businessLicenceNumber
        let after = AuditSnapshot.partner(partner)
        // The phone is compared in full: the snapshot masks it.
        guard after != before || partner.contactPhone != existing.contactPhone else { return (existing, false) }
        partner.updatedAt = platform.clock.now()
        guard try await session.updatePartnerProfile(partner, cipher: platform.cipher) else {
            throw AppError.conflict(reason: .changedMeanwhile(.partner))
        }
        partner.rowVersion += 1
        try await session.audit(
            caller, at: partner.updatedAt, action: action, entityType: "partner", entityId: partner.id, before: before, after: after)
        return (partner, true)
    }

    /// Moves a partner (with its whole subtree) under another parent, or under HQ when `newParent` is blank.
    /// Refused when it would put anyone below the configured depth or make the tree a cycle (RULES §2).
    public func move(_ caller: Caller, id: String, newParent: String?) async throws -> PartnerRecord {
        try caller.require(.managePartners)
        let reference = newParent?.trimmingWhitespace() ?? ""
        return try await platform.database.write { session in
            // One tree change at a time: two concurrent moves could otherwise each pass the cycle check
            // and together make a cycle.
            try await session.lock("partner_tree")
            guard let partner = try await session.partner(id: id, cipher: self.platform.cipher) else {
                throw AppError.notFound(entity: "partner")
            }
            var target: PartnerRecord?
            if !reference.isEmpty {
                target = try await self.partnerByReference(reference, session)
                guard target != nil else { throw AppError.invalid("parentId", .notFound) }
            }
            if target?.id == partner.parentId {
                return partner
            }
            if let target, target.status == .terminated {
                throw AppError.invalid("parentId", .notAllowed(reason: .newParentTerminated))
            }
            let rules = PartnerTreeRules(maximumLevels: try await Self.maximumLevels(session))
            let height = try await session.subtreeHeight(of: partner)
            let ancestors = target.map { Array($0.path.split(separator: "/").map(String.init)) } ?? []
            let newLevel: Int
            switch rules.levelAfterMove(of: partner.treeNode, subtreeHeight: height, to: target?.treeNode, newParentAncestorIds: ancestors) {
            case .success(let level): newLevel = level
            case .failure(let error): throw AppError.validation(ValidationFailure([error]))
            }
            let now = self.platform.clock.now()
            let newPath = PartnerRecord.path(for: partner.id, underParentPath: target?.path)
            guard try await session.movePartnerSubtree(partner, newParentId: target?.id, newPath: newPath, newLevel: newLevel, now: now)
            else { throw AppError.conflict(reason: .changedMeanwhile(.partner)) }
            guard let moved = try await session.partner(id: id, cipher: self.platform.cipher) else {
                throw AppError.notFound(entity: "partner")
            }
            try await session.audit(
                caller, at: now, action: "partner.move", entityType: "partner", entityId: id,
                before: AuditSnapshot.json([
                    "parentId": .optionalText(partner.parentId), "level": .integer(Int64(partner.level)),
                    "subtreeHeight": .integer(Int64(height)),
                ]),
                after: AuditSnapshot.json(["parentId": .optionalText(moved.parentId), "level": .integer(Int64(moved.level))]))
            return moved
        }
    }

    /// Approves, suspends, terminates or reactivates a partner. A reason is required except for approval.
    public func changeStatus(
        _ caller: Caller, id: String, status rawStatus: String?, reason rawReason: String?
    ) async throws
        -> PartnerRecord
    {
        try caller.require(.managePartners)
        var validator = Validator()
        let status = validator.oneOf("status", rawStatus, as: PartnerStatus.self)
        let reason = validator.text("reason", rawReason, required: status != .active, maximumCharacters: 500)
        try validator.throwIfInvalidAsAppError()
        guard let status else { preconditionFailure("the status was validated above") }
        return try await platform.database.write { session in
            guard var partner = try await session.partner(id: id, cipher: self.platform.cipher) else {
                throw AppError.notFound(entity: "partner")
            }
            guard partner.status != status else { return partner }
            guard partner.status.canChange(to: status) else {
                throw AppError.invalid(
                    "status", .notAllowed(reason: .partnerStatusChange(from: partner.status, to: status)))
            }
            let before = partner.status
            partner.status = status
            partner.updatedAt = self.platform.clock.now()
            guard try await session.updatePartnerProfile(partner, cipher: self.platform.cipher) else {
                throw AppError.conflict(reason: .changedMeanwhile(.partner))
            }
            partner.rowVersion += 1
            try await session.audit(
                caller, at: partner.updatedAt, action: "partner.status", entityType: "partner", entityId: id,
                before: AuditSnapshot.json(["status": .text(before.rawValue)]),
                after: AuditSnapshot.json(["status": .text(status.rawValue), "reason": .optionalText(reason)]))
            try await session.emitPartnerWebhook(.partnerStatusChanged, partner: partner, previousStatus: before, at: partner.updatedAt)
            return partner
        }
    }

    // MARK: - Helpers

    struct ProfileFields {
        var name: String
        var type: PartnerType
        var province: String
        var city: String
        var address: String
        var contactName: String
        var contactPhone: String
        var businessLicenceNumber: String?
    }

    func validateProfile(_ input: PartnerInput, validator: inout Validator) -> ProfileFields? {
        let name = validator.text("name", input.name, maximumCharacters: 100)
        let type = validator.oneOf("type", input.type, as: PartnerType.self)
        let province = validator.text("province", input.province, maximumCharacters: 20)
        if let province, !Province.isKnown(province) {
            validator.add("province", .notOneOf(allowed: Province.all))
        }
        let city = validator.text("city", input.city, maximumCharacters: 50)
        let address = validator.text("address", input.address, required: false, maximumCharacters: 200) ?? ""
        let contactName = validator.text("contactName", input.contactName, maximumCharacters: 50)
        let contactPhone = validator.text("contactPhone", input.contactPhone, maximumCharacters: 20)
        if let contactPhone, !InputFormat.isPhone(contactPhone) {
            validator.add("contactPhone", .invalidFormat(expected: .phone))
        }
        let licence = validator.text("businessLicenceNumber", input.businessLicenceNumber, required: false, maximumCharacters: 18)?
            .uppercased()
        if let licence, !InputFormat.isBusinessLicenceNumber(licence) {
            validator.add("businessLicenceNumber", .invalidFormat(expected: .creditCode))
        }
        guard validator.errors.isEmpty, let name, let type, let province, let city, let contactName, let contactPhone else {
            return nil
        }
        return ProfileFields(
            name: name, type: type, province: province, city: city, address: address, contactName: contactName,
            contactPhone: contactPhone, businessLicenceNumber: licence)
    }

    func ownPartner(_ caller: Caller, _ session: SQLSession) async throws -> PartnerRecord {
        guard let partnerId = caller.principal.partnerId,
            let own = try await session.partner(id: partnerId, cipher: platform.cipher)
        else { throw AppError.forbidden }
        return own
    }

    /// Loads a partner the caller may see, or throws not-found (also for partners outside its scope,
    /// so a partner cannot probe which ids exist).
    func visiblePartner(_ caller: Caller, id: String, _ session: SQLSession) async throws -> PartnerRecord {
        guard Identifier.isWellFormed(id, prefix: "prt"), let partner = try await session.partner(id: id, cipher: platform.cipher)
        else { throw AppError.notFound(entity: "partner") }
        switch caller.principal.kind {
        case .hq:
            try caller.require(.viewPartners)
            return partner
        case .partner:
            let own = try await ownPartner(caller, session)
            if partner.id == own.id { return partner }
            if caller.principal.can(.partnerTeamView) && partner.path.hasPrefix(own.path) { return partner }
            throw AppError.notFound(entity: "partner")
        }
    }

    /// The partner whose own business (stock, grade figures, profile, replenishment) the caller may
    /// see: HQ any partner it names (id or code) with `hqCapability`; a partner only itself, whatever
    /// it names — not even its upline sees these. Anyone else is not found.
    func ownBusinessPartner(_ caller: Caller, _ partnerId: String?, hqCapability: Capability, _ session: SQLSession) async throws -> PartnerRecord {
        switch caller.principal.kind {
        case .hq:
            try caller.require(hqCapability)
            guard let partnerId, let partner = try await partnerByReference(partnerId, session) else { throw AppError.notFound(entity: "partner") }
            return partner
        case .partner:
            let own = try await ownPartner(caller, session)
            if let partnerId, !partnerId.isEmpty, partnerId != own.id, partnerId != own.code { throw AppError.notFound(entity: "partner") }
            return own
        }
    }

    func partnerByReference(_ reference: String, _ session: SQLSession) async throws -> PartnerRecord? {
        if Identifier.isWellFormed(reference, prefix: "prt") {
            return try await session.partner(id: reference, cipher: platform.cipher)
        }
        return try await session.partner(code: reference.uppercased(), cipher: platform.cipher)
    }

    func generateCode(_ session: SQLSession) async throws -> String {
        // Random rather than sequential, so codes do not reveal how many partners there are.
        for _ in 0..<10 {
            let candidate = "QD" + String(Int.random(in: 100_000...999_999))
            if try await session.partner(code: candidate, cipher: platform.cipher) == nil { return candidate }
        }
        throw AppError.conflict(reason: .noFreePartnerCode)
    }
}
