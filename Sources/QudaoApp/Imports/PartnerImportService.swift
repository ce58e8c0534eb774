import Foundation
import QudaoCore
import QudaoStore

/// Partner import from the Excel template (issue 6): the same way as products — every problem by
/// row and column first, then all rows or none. Rows match partners by code: a known code updates
/// the profile (never its parent or status, which have their own audited actions); a new code
/// creates the partner under the parent named by code, which may be a partner created by an
/// earlier row of the same file. The tree's depth limit holds for every row.
public struct PartnerImportService: Sendable {
    let platform: Platform

    /// Data rows in one file at most.
    public static let maximumRows = 10_000
    static let kind = "partners"

    /// The template's columns, in order.
    public static let columns: [ImportColumn] = [
        ImportColumn(
            field: "code", chinese: "渠道编码", english: "Partner code", aliases: ["编码", "渠道商编码"], required: true,
            noteChinese: "3–32 位大写字母、数字或连字符;已存在的编码会更新其资料", noteEnglish: "3–32 capitals, digits or hyphens; an existing code updates its profile",
            example: "S-XM001"),
        ImportColumn(
            field: "name", chinese: "名称", english: "Name", aliases: ["渠道商名称", "公司名称"], required: true, noteChinese: "最多 100 字",
            noteEnglish: "At most 100 characters", example: "思明区万象城店"),
        ImportColumn(
            field: "type", chinese: "类型", english: "Type", aliases: ["渠道类型"], required: true, noteChinese: "经销商、代理或门店",
            noteEnglish: "distributor, agent or store", example: "门店"),
        ImportColumn(
            field: "parentId", chinese: "上级渠道编码", english: "Parent code", aliases: ["上级编码", "上级"], required: false,
            noteChinese: "留空为总部直属(一级);可以是本文件前面的行新建的渠道商", noteEnglish: "Blank: directly under HQ (level 1); may be a partner an earlier row creates",
            example: "A-GZ01"),
        ImportColumn(
            field: "province", chinese: "省份", english: "Province", aliases: ["省"], required: true, noteChinese: "如:广东省", noteEnglish: "e.g. 广东省",
            example: "广东省"),
        ImportColumn(
            field: "city", chinese: "城市", english: "City", aliases: ["市"], required: true, noteChinese: "最多 50 字",
            noteEnglish: "At most 50 characters",
            example: "广州市"),
        ImportColumn(
            field: "address", chinese: "地址", english: "Address", aliases: ["详细地址"], required: false, noteChinese: "最多 200 字",
            noteEnglish: "At most 200 characters", example: "天河路 100 号"),
        ImportColumn(
            field: "contactName", chinese: "联系人", english: "Contact", aliases: ["联系人姓名"], required: true, noteChinese: "最多 50 字",
            noteEnglish: "At most 50 characters", example: "王芳"),
        ImportColumn(
            field: "contactPhone", chinese: "联系电话", english: "Phone", aliases: ["手机", "电话", "手机号"], required: true,
            noteChinese: "手机或座机,如 13812345678、0755-86001234(保存时加密)", noteEnglish: "Mobile or landline (stored encrypted)", example: "13812345678"),
        ImportColumn(
            field: "businessLicenceNumber", chinese: "营业执照号", english: "Business licence", aliases: ["统一社会信用代码"], required: false,
            noteChinese: "18 位统一社会信用代码", noteEnglish: "The 18-character unified social credit code", example: ""),
        ImportColumn(
            field: "status", chinese: "状态", english: "Status", aliases: [], required: false,
            noteChinese: "正常或待审核,仅对新建的渠道商有效(默认正常)", noteEnglish: "active or pending, for new partners only (default active)", example: "正常"),
    ]

    /// Creates the service.
    public init(platform: Platform) {
        self.platform = platform
    }

    struct ParsedRow {
        let row: Int
        let code: String
        let parentCode: String
        let fields: PartnerService.ProfileFields
        let status: PartnerStatus?
    }

    /// The partner types and statuses as people write them.
    static let types: [String: PartnerType] = [
        "经销商": .distributor, "代理": .agent, "代理商": .agent, "门店": .store, "distributor": .distributor, "agent": .agent, "store": .store,
    ]
    static let statuses: [String: PartnerStatus] = ["正常": .active, "待审核": .pending, "active": .active, "pending": .pending]

    /// Each row on its own: formulas, the code, the type and status words, and the profile rules
    /// of the partner form.
    func parse(_ rows: [[String]]) -> (parsed: [ParsedRow], problems: [ImportProblem]) {
        let sheet = ImportSheet.read(rows, columns: Self.columns, maximumRows: Self.maximumRows)
        var problems = sheet.problems
        guard let positions = sheet.positions else { return ([], problems) }
        let byField = Dictionary(uniqueKeysWithValues: Self.columns.map { ($0.field, $0.chinese) })
        let partners = PartnerService(platform: platform)
        var parsed: [ParsedRow] = []
        var firstRowOfCode: [String: Int] = [:]
        for (rowNumber, cells) in sheet.dataRows {
            func cell(_ field: String) -> String? { ImportSheet.cell(field, positions: positions, cells: cells) }
            var rowProblems = ImportSheet.formulaProblems(row: rowNumber, columns: Self.columns, cell: cell)
            func add(_ field: String, _ problem: FieldError.Problem) {
                if !rowProblems.contains(where: { $0.field == field }) {
                    rowProblems.append(ImportProblem(row: rowNumber, column: byField[field] ?? field, field: field, problem: problem))
                }
            }
            let code = (cell("code") ?? "").uppercased()
            if code.isEmpty {
                add("code", .required)
            } else if !InputFormat.isPartnerCode(code) {
                add("code", .invalidFormat(expected: .partnerCode))
            } else if let first = firstRowOfCode[code] {
                add("code", .notAllowed(reason: .duplicateCodeInFile(row: first)))
            } else {
                firstRowOfCode[code] = rowNumber
            }
            let parentCode = (cell("parentId") ?? "").uppercased()
            var type: PartnerType?
            if let text = cell("type") {
                type = Self.types[text.lowercased()]
                if type == nil { add("type", .notOneOf(allowed: ["经销商", "代理", "门店"])) }
            }
            var status: PartnerStatus?
            if let text = cell("status") {
                status = Self.statuses[text.lowercased()]
                if status == nil { add("status", .notOneOf(allowed: ["正常", "待审核"])) }
            }
            var validator = Validator()
            let input = PartnerInput(
                code: code, name: cell("name"), type: type?.rawValue, parent: parentCode,
                province: cell("province"), city: cell("city"), address: cell("address"), contactName: cell("contactName"),
                contactPhone: cell("contactPhone"), businessLicenceNumber: cell("businessLicenceNumber"))
            let fields = partners.validateProfile(input, validator: &validator)
            for error in validator.errors { add(error.field, error.problem) }
            problems += rowProblems
            if rowProblems.isEmpty, let fields {
                parsed.append(ParsedRow(row: rowNumber, code: code, parentCode: parentCode, fields: fields, status: status))
            }
        }
        return (parsed, problems)
    }

    /// What needs the tree: codes twice in the file, parents (known, earlier in the file, not
    /// terminated), the depth limit, and for known codes an unchanged parent and status.
    func checkAgainstTree(_ parsed: [ParsedRow], _ session: SQLSession) async throws -> (problems: [ImportProblem], existing: Set<String>) {
        var problems: [ImportProblem] = []
        let maximumLevels = try await PartnerService.maximumLevels(session)
        var levels: [String: Int] = [:]  // codes created by earlier rows, with their level
        var existing: Set<String> = []
        let byField = Dictionary(uniqueKeysWithValues: Self.columns.map { ($0.field, $0.chinese) })
        func add(_ row: Int, _ field: String, _ problem: FieldError.Problem) {
            problems.append(ImportProblem(row: row, column: byField[field] ?? field, field: field, problem: problem))
        }
        let laterCodes = Set(parsed.map(\.code))
        for row in parsed {
            let known = try await session.partner(code: row.code, cipher: platform.cipher)
            var parentLevel = 0
            var parentFound = row.parentCode.isEmpty
            if !row.parentCode.isEmpty {
                if let level = levels[row.parentCode] {
                    parentLevel = level
                    parentFound = true
                } else if let parent = try await session.partner(code: row.parentCode, cipher: platform.cipher) {
                    parentLevel = parent.level
                    parentFound = true
                    if parent.status == .terminated, known == nil {
                        add(row.row, "parentId", .notAllowed(reason: .parentTerminated))
                    }
                } else if laterCodes.contains(row.parentCode) {
                    add(row.row, "parentId", .notAllowed(reason: .importParentLater))
                } else {
                    add(row.row, "parentId", .notFound)
                }
            }
            if let known {
                existing.insert(row.code)
                let currentParent =
                    try await known.parentId.asyncFlatMap { try await session.partner(id: $0, cipher: self.platform.cipher) }?.code ?? ""
                if currentParent != row.parentCode {
                    add(row.row, "parentId", .notAllowed(reason: .importParentDiffers))
                }
                if let status = row.status, status != known.status {
                    add(row.row, "status", .notAllowed(reason: .importStatusDiffers))
                }
                levels[row.code] = known.level
            } else if parentFound {
                let level = parentLevel + 1
                if level > maximumLevels {
                    add(row.row, "parentId", .depthExceeded(maximumLevels: maximumLevels, resultingLevel: level))
                }
                levels[row.code] = level
            }
        }
        return (problems, existing)
    }

    /// Checks an upload and, when nothing is wrong, keeps it as a batch to commit.
    public func validate(_ caller: Caller, rows: [[String]], fileName: String, fileContent: Data) async throws -> ImportPreview {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        let (parsed, rowProblems) = parse(rows)
        return try await platform.database.write { session in
            let checked = try await self.checkAgainstTree(parsed, session)
            let problems = ImportSheet.ordered(rowProblems + checked.problems, columns: Self.columns)
            let creating = parsed.filter { !checked.existing.contains($0.code) }.count
            let sample = parsed.prefix(ProductImportService.sampleSize).map { ($0.row, $0.code, $0.fields.name, checked.existing.contains($0.code)) }
            return try await ImportSheet.preview(
                kind: Self.kind, rows: rows, fileName: fileName, fileContent: fileContent, validRows: parsed.count, creating: creating,
                problems: problems, sample: sample, caller: caller, at: self.platform.clock.now(), session)
        }
    }

    /// Commits a validated batch in one transaction holding the tree lock: rows in file order,
    /// new partners created (audited as any creation), known ones' profiles updated (audited);
    /// all or nothing, once.
    public func commit(
        _ caller: Caller, batchId: String, progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> ImportOutcome {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        return try await platform.database.write { session in
            try await session.lock("partner_tree")
            let batch = try await ImportSheet.validatedBatch(batchId, kind: Self.kind, session)
            let (parsed, rowProblems) = self.parse(batch.rows)
            let checked = try await self.checkAgainstTree(parsed, session)
            if let first = (rowProblems + checked.problems).first { throw AppError.invalid("rows[\(first.row)].\(first.field)", first.problem) }
            let partners = PartnerService(platform: self.platform)
            var created = 0
            var updated = 0
            var unchanged = 0
            for (index, row) in parsed.enumerated() {
                do {
                    if let known = try await session.partner(code: row.code, cipher: self.platform.cipher) {
                        if try await partners.applyProfile(caller, known, row.fields, action: "partner.import_update", session).changed {
                            updated += 1
                        } else {
                            unchanged += 1
                        }
                    } else {
                        _ = try await partners.insertNewPartner(
                            caller, fields: row.fields, requestedCode: row.code, status: row.status ?? .active, parentReference: row.parentCode,
                            ownerHash: nil, session)
                        created += 1
                    }
                } catch AppError.validation(let failure) {
                    // A row that the checks above let through but the tree refuses now: nothing is kept.
                    let error = failure.errors[0]
                    throw AppError.invalid("rows[\(row.row)].\(error.field)", error.problem)
                }
                progress(index + 1, parsed.count)
            }
            return try await ImportSheet.finish(
                batch, created: created, updated: updated, unchanged: unchanged, caller: caller, at: self.platform.clock.now(), session)
        }
    }

    /// The latest partner imports (HQ).
    public func batches(_ caller: Caller) async throws -> [ImportBatchRecord] {
        try caller.require(.managePartners)
        guard caller.principal.kind == .hq else { throw AppError.forbidden }
        return try await platform.database.read { try await $0.importBatches(kind: Self.kind, limit: 20) }
    }
}
