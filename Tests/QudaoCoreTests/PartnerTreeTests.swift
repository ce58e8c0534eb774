import QudaoCore
import Testing

@Suite("Partner tree rules (RULES §2)")
struct PartnerTreeTests {
    // Tree: HQ → A (1) → B (2) → C (3); D (1) is a leaf; E (2) under D.
    let a = TreeNode(id: "a", parentId: nil, level: 1)
    let b = TreeNode(id: "b", parentId: "a", level: 2)
    let c = TreeNode(id: "c", parentId: "b", level: 3)
    let d = TreeNode(id: "d", parentId: nil, level: 1)
    let e = TreeNode(id: "e", parentId: "d", level: 2)

    @Test("a new partner sits one level below its parent, HQ's children at level 1")
    func newPartnerLevels() throws {
        let rules = PartnerTreeRules()
        #expect(try rules.levelForNewPartner(under: nil).get() == 1)
        #expect(try rules.levelForNewPartner(under: a).get() == 2)
        #expect(try rules.levelForNewPartner(under: b).get() == 3)
    }

    @Test("nobody may be created below level 3")
    func createBelowLevelThreeIsRefused() {
        // given C at level 3; when a child of C is created; then level 4 is refused naming the field
        let result = PartnerTreeRules().levelForNewPartner(under: c)
        #expect(result == .failure(FieldError(field: "parentId", problem: .depthExceeded(maximumLevels: 3, resultingLevel: 4))))
    }

    @Test("a configured depth of 2 refuses level 3", arguments: [1, 2])
    func configuredDepth(maximumLevels: Int) {
        let rules = PartnerTreeRules(maximumLevels: maximumLevels)
        let parent = TreeNode(id: "p", parentId: nil, level: maximumLevels)
        #expect(throws: FieldError.self) { try rules.levelForNewPartner(under: parent).get() }
    }

    @Test("moving a partner under itself or its own downline is a cycle", arguments: ["c", "b"])
    func moveIntoOwnSubtreeIsACycle(target: String) {
        // given B (with child C); when B is moved under C or under itself; then it is a cycle
        let node = target == "c" ? c : b
        let ancestors = target == "c" ? ["a", "b", "c"] : ["a", "b"]
        let result = PartnerTreeRules().levelAfterMove(of: b, subtreeHeight: 1, to: node, newParentAncestorIds: ancestors)
        #expect(result == .failure(FieldError(field: "parentId", problem: .cycle)))
    }

    @Test("a move counts the depth of the whole subtree")
    func moveChecksSubtreeHeight() throws {
        // given B with one level below it; when B moves under E (level 2); then C would sit at level 4
        let result = PartnerTreeRules().levelAfterMove(of: b, subtreeHeight: 1, to: e, newParentAncestorIds: ["d", "e"])
        #expect(result == .failure(FieldError(field: "parentId", problem: .depthExceeded(maximumLevels: 3, resultingLevel: 4))))
        // when B moves under D (level 1); then B becomes level 2 and C level 3
        #expect(try PartnerTreeRules().levelAfterMove(of: b, subtreeHeight: 1, to: d, newParentAncestorIds: ["d"]).get() == 2)
        // when B moves under HQ; then it becomes level 1
        #expect(try PartnerTreeRules().levelAfterMove(of: b, subtreeHeight: 1, to: nil, newParentAncestorIds: []).get() == 1)
    }

    @Test("the depth limit can be lowered only when nobody sits deeper")
    func loweringTheLimit() {
        #expect(PartnerTreeRules.canLimit(to: 2, deepestExistingLevel: 2))
        #expect(!PartnerTreeRules.canLimit(to: 2, deepestExistingLevel: 3))
        #expect(!PartnerTreeRules.canLimit(to: 4, deepestExistingLevel: 1))
        #expect(!PartnerTreeRules.canLimit(to: 0, deepestExistingLevel: 0))
    }

    @Test("beneficiary chains have at most three positions and skip the buyer on purchases")
    func beneficiaryChains() {
        #expect(BeneficiaryChain.beneficiaries(attributedPartnerId: "c", ancestorIds: ["b", "a"], isReferralOrder: true) == ["c", "b", "a"])
        #expect(BeneficiaryChain.beneficiaries(attributedPartnerId: "c", ancestorIds: ["b", "a"], isReferralOrder: false) == ["b", "a"])
        #expect(BeneficiaryChain.beneficiaries(attributedPartnerId: "b", ancestorIds: ["a"], isReferralOrder: false) == ["a"])
    }

    @Test("status changes follow the allowed transitions")
    func statusTransitions() {
        #expect(PartnerStatus.pending.canChange(to: .active))
        #expect(PartnerStatus.active.canChange(to: .suspended))
        #expect(PartnerStatus.suspended.canChange(to: .active))
        #expect(PartnerStatus.terminated.canChange(to: .active))
        #expect(!PartnerStatus.terminated.canChange(to: .suspended))
        #expect(!PartnerStatus.active.canChange(to: .pending))
    }

    @Test("a partner's path lists its ancestors, nearest first")
    func ancestorsFromPath() {
        let record = PartnerRecord(
            id: "c", code: "C", name: "C", type: .store, level: 3, parentId: "b", path: PartnerRecord.path(for: "c", underParentPath: "/a/b/"),
            status: .active, province: "广东省", city: "广州市", address: "", contactName: "x", contactPhone: "13800000000",
            businessLicenceNumber: nil, createdAt: .init(timeIntervalSince1970: 0), updatedAt: .init(timeIntervalSince1970: 0), rowVersion: 1)
        #expect(record.path == "/a/b/c/")
        #expect(record.ancestorIdsNearestFirst == ["b", "a"])
    }
}

@Suite("Input checks")
struct InputTests {
    @Test("text fields are trimmed and bounded")
    func textValidation() {
        var validator = Validator()
        #expect(validator.text("name", "  渠道  ", maximumCharacters: 10) == "渠道")
        #expect(validator.text("empty", "   ", maximumCharacters: 10) == nil)
        #expect(validator.text("long", String(repeating: "字", count: 11), maximumCharacters: 10) == nil)
        #expect(validator.text("control", "a\u{0007}b", maximumCharacters: 10) == nil)
        #expect(validator.errors.map(\.field) == ["empty", "long", "control"])
        #expect(validator.errors[1].problem == .tooLong(maximumCharacters: 10))
    }

    @Test(
        "amounts from the API must be whole, non-negative fen",
        arguments: [
            (IntegerInput.integer(100), FieldError.Problem?.none), (.integer(-1), .amountOutOfRange(minimumFen: 0, maximumFen: 1_000)),
            (.notWhole, .notWholeFen), (.notANumber, .invalidFormat(expected: .wholeNumber)), (.missing, .required),
        ])
    func amounts(input: IntegerInput, expected: FieldError.Problem?) {
        var validator = Validator()
        _ = validator.amount("priceFen", .fen(input), in: 0...1_000)
        #expect(validator.errors.first?.problem == expected)
    }

    @Test("amounts typed in a form are yuan with at most two decimals")
    func formAmounts() {
        var validator = Validator()
        #expect(validator.amount("price", .yuanText("12.34"), in: 0...100_000)?.fen == 1_234)
        #expect(validator.amount("fraction", .yuanText("12.345"), in: 0...100_000) == nil)
        #expect(validator.amount("negative", .yuanText("-1"), in: 0...100_000) == nil)
        #expect(validator.errors.map(\.field) == ["fraction", "negative"])
    }

    @Test("phone numbers are masked as 138****1234")
    func masking() {
        #expect(PersonalDataMask.phone("13812341234") == "138****1234")
        #expect(PersonalDataMask.phone("0755-86001234") == "075****1234")
        #expect(PersonalDataMask.phone("12345") == "***45")
        #expect(PersonalDataMask.identifier("914401001234567890") == "9144**********7890")
    }

    @Test("identifier formats")
    func formats() {
        #expect(InputFormat.isPartnerCode("GD-SZ-001"))
        #expect(!InputFormat.isPartnerCode("-GD"))
        #expect(!InputFormat.isPartnerCode("gd01"))
        #expect(InputFormat.isUsername("hq-admin"))
        #expect(!InputFormat.isUsername("HQ"))
        #expect(!InputFormat.isUsername("-abc"))
        #expect(InputFormat.isPhone("13812345678"))
        #expect(InputFormat.isPhone("0755-86001234"))
        #expect(!InputFormat.isPhone("12"))
        #expect(!InputFormat.isPhone("abc12345"))
        #expect(InputFormat.isBusinessLicenceNumber("91440101MA5CXXXX12"))
        #expect(!InputFormat.isBusinessLicenceNumber("123"))
        #expect(Identifier.isWellFormed(Identifier.make(prefix: "prt"), prefix: "prt"))
        #expect(!Identifier.isWellFormed("prt_1", prefix: "prt"))
    }

    @Test(
        "a contact phone is a mainland mobile or a landline with its area code",
        arguments: [
            // Mobiles, as people type them.
            ("13812345678", true), ("+86 138 1234 5678", true), ("86-138-1234-5678", true), ("0086 13812345678", true),
            ("199 0000 1111", true),
            // Landlines: 3-digit area codes (010, 02x), 4-digit ones, extensions.
            ("0755-86001234", true), ("010 6512 3456", true), ("020-87654321-803", true), ("02087654321", true), ("0571-8765432", true),
            ("0755-86001234转803", true),
            // What the old rule let through, and other mistakes.
            ("12345", false), ("12", false), ("abc12345", false), ("12812345678", false), ("1381234567", false), ("138123456789", false),
            ("0755-06001234", false), ("0155-86001234", false), ("0755--86001234", false), ("138 1234 5678 ", true), ("400-810-8888", false),
            ("0755-86001234-1234567", false), ("+1 415 555 0100", false),
        ])
    func phones(_ text: String, _ valid: Bool) {
        #expect(InputFormat.isPhone(text) == valid, "\(text)")
    }

    @Test(
        "a customer-service phone may also be a 400/800 or 95 number",
        arguments: [
            ("400-810-8888", true), ("4008108888", true), ("800 820 8820", true), ("95555", true), ("020-87654321", true), ("40081088", false),
            ("96555", false),
        ])
    func servicePhones(_ text: String, _ valid: Bool) {
        #expect(InputFormat.isServicePhone(text) == valid, "\(text)")
    }

    @Test("page requests are clamped to a bounded size")
    func pageBounds() {
        #expect(PageRequest(pageNumber: nil, pageSize: nil).pageSize == 20)
        #expect(PageRequest(pageNumber: 0, pageSize: 10_000).pageSize == 200)
        #expect(PageRequest(pageNumber: -5, pageSize: 0).pageNumber == 1)
        #expect(PageRequest(pageNumber: 3, pageSize: 10).offset == 20)
    }
}

@Suite("Form numbers")
struct FormNumberTests {
    @Test(
        "numbers typed in forms are classified without floating point",
        arguments: [
            ("12", IntegerInput.integer(12)), ("-3", .integer(-3)), (" 7 ", .integer(7)), ("", .missing), (nil, .missing),
            ("12.5", .notWhole), ("-0.5", .notWhole), ("1.", .notANumber), ("abc", .notANumber), ("1e3", .notANumber),
            ("99999999999999999999", .integer(.max)),
        ] as [(String?, IntegerInput)])
    func classify(text: String?, expected: IntegerInput) {
        #expect(IntegerInput(text: text) == expected)
    }
}
