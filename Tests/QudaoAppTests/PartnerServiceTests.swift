import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@Suite("Partner tree use cases")
struct PartnerServiceTests {
    @Test("creating below level 3 is refused with the field named, and nothing is written", arguments: Backend.available)
    func depthGuardOnCreate(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let (_, _, c, _) = try await Fixtures.chain(platform)
        let partnersBefore = try await Fixtures.count(platform, "partners")
        let auditBefore = try await Fixtures.count(platform, "audit_log")
        // when HQ creates a partner under the level-3 store C
        await #expect(throws: AppError.invalid("parentId", .depthExceeded(maximumLevels: 3, resultingLevel: 4))) {
            _ = try await PartnerService(platform: platform).create(Fixtures.hq(), Fixtures.partnerInput(code: "E-01", parent: c.code))
        }
        // then neither a partner nor an audit row was added
        #expect(try await Fixtures.count(platform, "partners") == partnersBefore)
        #expect(try await Fixtures.count(platform, "audit_log") == auditBefore)
    }

    @Test("moves that would make a cycle or a fourth level are refused; nothing changes", arguments: Backend.available)
    func moveGuards(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let service = PartnerService(platform: platform)
        let (a, b, c, d) = try await Fixtures.chain(platform)
        let e = try await service.create(Fixtures.hq(), Fixtures.partnerInput(code: "E-01", parent: d.code, type: "agent"))
        // A under its grandchild C: a cycle
        await #expect(throws: AppError.invalid("parentId", .cycle)) { _ = try await service.move(Fixtures.hq(), id: a.id, newParent: c.code) }
        // A under itself: a cycle
        await #expect(throws: AppError.invalid("parentId", .cycle)) { _ = try await service.move(Fixtures.hq(), id: a.id, newParent: a.id) }
        // B (with C below it) under E at level 2: C would sit at level 4
        await #expect(throws: AppError.invalid("parentId", .depthExceeded(maximumLevels: 3, resultingLevel: 4))) {
            _ = try await service.move(Fixtures.hq(), id: b.id, newParent: e.code)
        }
        // an unknown parent
        await #expect(throws: AppError.invalid("parentId", .notFound)) { _ = try await service.move(Fixtures.hq(), id: b.id, newParent: "NOPE-1") }
        let unchanged = try await service.view(Fixtures.hq(), id: c.id).partner
        #expect(unchanged.path == c.path && unchanged.level == 3)
        // B under D is allowed: B becomes level 2 under D, C stays level 3 below B
        let moved = try await service.move(Fixtures.hq(), id: b.id, newParent: d.code)
        #expect(moved.parentId == d.id && moved.level == 2)
        let child = try await service.view(Fixtures.hq(), id: c.id).partner
        #expect(child.path == "/\(d.id)/\(b.id)/\(c.id)/" && child.level == 3)
        // and the move is audited with who, where from, and the before and after parents
        let entries = try await AuditLogService(platform: platform).entries(
            Fixtures.hq(), filter: AuditFilter(action: "partner.move"), page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(entries.items.count == 1)
        #expect(entries.items.first?.sourceIP == "203.0.113.7")
        #expect(entries.items.first?.beforeJSON?.contains(a.id) == true)
        #expect(entries.items.first?.afterJSON?.contains(d.id) == true)
        #expect(try await InvariantChecker.check(platform.database).violations.isEmpty)
    }

    @Test("two concurrent opposite moves cannot together make a cycle", arguments: Backend.available)
    func concurrentMoves(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let service = PartnerService(platform: platform)
        // given two level-1 partners X and Y, each without children
        let x = try await service.create(Fixtures.hq(), Fixtures.partnerInput(code: "X-01"))
        let y = try await service.create(Fixtures.hq(), Fixtures.partnerInput(code: "Y-01"))
        // when X moves under Y and Y under X at the same time
        async let first: Result<PartnerRecord, any Error> = {
            do { return .success(try await service.move(Fixtures.hq(), id: x.id, newParent: y.id)) } catch { return .failure(error) }
        }()
        async let second: Result<PartnerRecord, any Error> = {
            do { return .success(try await service.move(Fixtures.hq(), id: y.id, newParent: x.id)) } catch { return .failure(error) }
        }()
        let results = await [first, second]
        // then exactly one succeeds and the tree has no cycle
        #expect(results.filter { if case .success = $0 { true } else { false } }.count == 1)
        #expect(try await InvariantChecker.check(platform.database).violations.isEmpty)
    }

    @Test("concurrent creations of one code: exactly one partner, the others told the code is taken", arguments: Backend.available)
    func concurrentDuplicateCodes(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let service = PartnerService(platform: platform)
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do {
                        _ = try await service.create(Fixtures.hq(), Fixtures.partnerInput(code: "SAME-01"))
                        return true
                    } catch AppError.validation(let failure) {
                        #expect(failure.errors == [FieldError(field: "code", problem: .duplicate)])
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await Fixtures.count(platform, "partners") == 1)
    }

    @Test("bad input names every field at once", arguments: Backend.available)
    func validation(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        var input = Fixtures.partnerInput(code: "bad code")
        input.name = String(repeating: "长", count: 101)
        input.type = "shop"
        input.province = "火星"
        input.contactPhone = "12"
        input.contactName = "  "
        do {
            _ = try await PartnerService(platform: platform).create(Fixtures.hq(), input)
            Issue.record("invalid input was accepted")
        } catch AppError.validation(let failure) {
            #expect(Set(failure.errors.map(\.field)) == ["name", "type", "province", "contactName", "contactPhone", "code"])
        }
        #expect(try await Fixtures.count(platform, "partners") == 0)
    }

    @Test("a configured depth of 2 refuses a level-3 partner, and cannot be set while one exists", arguments: Backend.available)
    func configuredDepth(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let service = PartnerService(platform: platform)
        let (_, b, _, _) = try await Fixtures.chain(platform)
        await #expect(throws: AppError.self) { try await service.setMaximumLevels(Fixtures.hq(), .integer(2)) }
        #expect(try await service.maximumLevels() == 3)
        // given no level-3 partner (C moved up under HQ), the limit can drop to 2
        let c = try await service.list(Fixtures.hq(), filter: PartnerFilter(level: 3), page: PageRequest(pageNumber: 1, pageSize: 5)).items[0]
        _ = try await service.move(Fixtures.hq(), id: c.id, newParent: nil)
        try await service.setMaximumLevels(Fixtures.hq(), .integer(2))
        #expect(try await service.maximumLevels() == 2)
        await #expect(throws: AppError.invalid("parentId", .depthExceeded(maximumLevels: 2, resultingLevel: 3))) {
            _ = try await service.create(Fixtures.hq(), Fixtures.partnerInput(code: "F-01", parent: b.code))
        }
        await #expect(throws: AppError.self) { try await service.setMaximumLevels(Fixtures.hq(), .integer(4)) }
    }

    @Test("status changes follow the transitions and need a reason to suspend or terminate", arguments: Backend.available)
    func statusChanges(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let service = PartnerService(platform: platform)
        let (a, _, _, _) = try await Fixtures.chain(platform)
        await #expect(throws: AppError.invalid("reason", .required)) {
            _ = try await service.changeStatus(Fixtures.hq(), id: a.id, status: "suspended", reason: nil)
        }
        #expect(try await service.changeStatus(Fixtures.hq(), id: a.id, status: "suspended", reason: "逾期未结款").status == .suspended)
        #expect(try await service.changeStatus(Fixtures.hq(), id: a.id, status: "active", reason: nil).status == .active)
        #expect(try await service.changeStatus(Fixtures.hq(), id: a.id, status: "terminated", reason: "合同到期").status == .terminated)
        await #expect(throws: AppError.self) { _ = try await service.changeStatus(Fixtures.hq(), id: a.id, status: "suspended", reason: "x") }
        #expect(try await service.changeStatus(Fixtures.hq(), id: a.id, status: "active", reason: nil).status == .active)
    }

    @Test("a partner sees itself and its downline, never a sibling or its upline", arguments: Backend.available)
    func partnerScope(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let service = PartnerService(platform: platform)
        let (a, b, c, d) = try await Fixtures.chain(platform)
        let sibling = try await service.create(Fixtures.hq(), Fixtures.partnerInput(code: "B-02", parent: a.code, type: "agent"))
        let bOwner = Fixtures.partnerCaller(b)
        // B sees B and C
        let visible = try await service.list(bOwner, filter: PartnerFilter(), page: PageRequest(pageNumber: 1, pageSize: 50))
        #expect(Set(visible.items.map(\.id)) == [b.id, c.id])
        #expect(try await service.view(bOwner, id: c.id).partner.id == c.id)
        // but not its parent A, its sibling, or D in another branch
        for hidden in [a.id, sibling.id, d.id] {
            await #expect(throws: AppError.notFound(entity: "partner")) { _ = try await service.view(bOwner, id: hidden) }
        }
        // a sub-account without team rights sees only its own partner
        let clerk = Fixtures.partnerCaller(b, owner: false, permissions: [.ordering])
        #expect(try await service.list(clerk, filter: PartnerFilter(), page: PageRequest(pageNumber: 1, pageSize: 50)).items.map(\.id) == [b.id])
        await #expect(throws: AppError.notFound(entity: "partner")) { _ = try await service.view(clerk, id: c.id) }
        // and partners cannot change the tree
        await #expect(throws: AppError.forbidden) { _ = try await service.create(bOwner, Fixtures.partnerInput(code: "Z-01", parent: b.code)) }
        await #expect(throws: AppError.forbidden) { _ = try await service.move(bOwner, id: c.id, newParent: nil) }
    }

    @Test("revealing a phone needs the permission and is audited", arguments: Backend.available)
    func revealPhone(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        let service = PartnerService(platform: platform)
        let (a, _, _, _) = try await Fixtures.chain(platform)
        await #expect(throws: AppError.forbidden) { _ = try await service.revealContactPhone(Fixtures.hq(.operations), id: a.id) }
        #expect(try await service.revealContactPhone(Fixtures.hq(), id: a.id) == "13912345678")
        let entries = try await AuditLogService(platform: platform).entries(
            Fixtures.hq(), filter: AuditFilter(action: "partner.reveal_contact_phone"), page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(entries.items.map(\.entityId) == [a.id])
        // and the audit snapshots only ever hold the masked phone
        let created = try await AuditLogService(platform: platform).entries(
            Fixtures.hq(), filter: AuditFilter(action: "partner.create"), page: PageRequest(pageNumber: 1, pageSize: 10))
        #expect(created.items.allSatisfy { $0.afterJSON?.contains("139****5678") == true && $0.afterJSON?.contains("13912345678") == false })
    }
}
