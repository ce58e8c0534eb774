import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@Suite("Partner import from the Excel template")
struct PartnerImportTests {
    static let header = PartnerImportService.columns.map(\.chinese)

    /// Code, name, type, parent, province, city, address, contact, phone, licence, status.
    static func row(_ code: String, type: String = "门店", parent: String = "", name: String = "新门店", phone: String = "13812345678") -> [String] {
        [code, name, type, parent, "福建省", "厦门市", "思明区 1 号", "王芳", phone, "", ""]
    }

    @Test(
        "new partners are created under parents of the tree or of earlier rows; known codes update their profile; again changes nothing",
        arguments: Backend.available)
    func createAndUpdate(_ backend: Backend) async throws {
        // given HQ → A → B → C and D
        let world = try await MoneyWorld.make(backend)
        let imports = PartnerImportService(platform: world.platform)
        let rows = [
            Self.header, Self.row("XM-D1", type: "经销商", name: "厦门经销"), Self.row("XM-A1", type: "代理", parent: "XM-D1"),
            Self.row("XM-S1", parent: "XM-A1"), Self.row("B-01", type: "代理", parent: "A-01", name: "改名后的代理"),
        ]
        let preview = try await imports.validate(Fixtures.hq(.operations), rows: rows, fileName: "渠道.xlsx", fileContent: Data())
        #expect(preview.problems.isEmpty)
        #expect(preview.creating == 3 && preview.updating == 1)
        let outcome = try await imports.commit(Fixtures.hq(.operations), batchId: try #require(preview.batchId))
        #expect(outcome.created == 3 && outcome.updated == 1)
        let store = try await world.platform.database.read { try await $0.partner(code: "XM-S1", cipher: world.platform.cipher) }
        #expect(store?.level == 3 && store?.status == .active && store?.contactPhone == "13812345678")
        let renamed = try await world.platform.database.read { try await $0.partner(code: "B-01", cipher: world.platform.cipher) }
        #expect(renamed?.name == "改名后的代理" && renamed?.parentId == world.a.id)
        // the same file again: nothing is created or changed
        let again = try await imports.validate(Fixtures.hq(.operations), rows: rows, fileName: "渠道.xlsx", fileContent: Data())
        let second = try await imports.commit(Fixtures.hq(.operations), batchId: try #require(again.batchId))
        #expect(second.created == 0 && second.updated == 0 && second.unchanged == 4)
        #expect(try await world.verify().isEmpty)
    }

    @Test("tree and profile mistakes are reported by row and column, and nothing is created", arguments: Backend.available)
    func mistakes(_ backend: Backend) async throws {
        let world = try await MoneyWorld.make(backend)
        let imports = PartnerImportService(platform: world.platform)
        let rows = [
            Self.header,
            Self.row("xx"),  // 2: a code too short
            Self.row("NEW-1", parent: "C-01"),  // 3: C is level 3: a fourth level
            Self.row("NEW-2", parent: "LATER-1"),  // 4: the parent comes later
            Self.row("LATER-1", type: "代理"),  // 5
            Self.row("NEW-3", parent: "NOBODY"),  // 6: unknown parent
            Self.row("B-01", type: "代理", parent: ""),  // 7: a known partner with another parent
            Self.row("NEW-4", type: "供应商"),  // 8: an unknown type
            Self.row("NEW-5", phone: "电话"),  // 9: a bad phone
            Self.row("NEW-5"),  // 10: the code twice
            Self.row("NEW-6", name: "=cmd"),  // 11: a formula
        ]
        let preview = try await imports.validate(Fixtures.hq(.operations), rows: rows, fileName: "错误.xlsx", fileContent: Data())
        #expect(preview.batchId == nil)
        let found = Set(preview.problems.map { "\($0.row):\($0.field)" })
        let expected: Set<String> = [
            "2:code", "3:parentId", "4:parentId", "6:parentId", "7:parentId", "8:type", "9:contactPhone", "10:code", "11:name",
        ]
        #expect(found.isSuperset(of: expected), "missing: \(expected.subtracting(found))")
        #expect(preview.problems.contains { $0.row == 3 && $0.problem == .depthExceeded(maximumLevels: 3, resultingLevel: 4) })
        #expect(try await Fixtures.count(world.platform, "partners") == 4)
        // partners cannot import, nor finance
        await #expect(throws: AppError.forbidden) {
            _ = try await imports.validate(Fixtures.hq(.finance), rows: rows, fileName: "x.xlsx", fileContent: Data())
        }
    }
}
