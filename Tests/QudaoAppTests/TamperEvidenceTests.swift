import Foundation
import QudaoApp
import QudaoCore
import QudaoStore
import QudaoTestSupport
import Testing

@Suite("Tamper evidence against someone with database access")
struct TamperEvidenceTests {
    @Test("an order's voucher chain recomputed without the data key is named by verify, order and voucher", arguments: Backend.available)
    func recomputedVoucherChainIsCaught(_ backend: Backend) async throws {
        let (platform, _) = try await TestDatabase.platform(backend)
        try await DemoData.load(platform)
        #expect(try await InvariantChecker.check(platform.database).violations.isEmpty)
        let orderId =
            try await platform.database.read {
                try await $0.first("SELECT id FROM orders WHERE status = 'delivered' ORDER BY id LIMIT 1")?.string("id")
            } ?? ""
        // The insider rewrites the delivery's proof and recomputes every voucher hash from there with SHA-256.
        try await platform.database.write { session in
            switch backend {
            case .sqlite: try await session.execute("DROP TRIGGER order_vouchers_no_update")
            case .postgres: try await session.execute("ALTER TABLE order_vouchers DISABLE TRIGGER order_vouchers_no_change")
            }
            var previous = AuditChain.genesisHash
            for var voucher in try await session.vouchers(orderId: orderId) {
                if voucher.event == "deliver" { voucher.payloadJSON = #"{"proofOfDelivery":"门店签收","trackingNumber":"FORGED"}"# }
                voucher.previousHash = previous
                voucher.rowHash = AuditChain.hash(previousHash: previous, fields: SQLSession.voucherFields(voucher), key: nil)
                try await session.execute(
                    """
                    UPDATE order_vouchers SET payload_json = \(bind: voucher.payloadJSON), previous_hash = \(bind: voucher.previousHash),
                        row_hash = \(bind: voucher.rowHash) WHERE id = \(bind: voucher.id)
                    """)
                previous = voucher.rowHash
            }
        }
        let report = try await InvariantChecker.check(platform.database)
        #expect(
            report.violations.contains {
                $0 == "order \(orderId): voucher 1 has an unkeyed hash where every row is keyed (written without the key: forged)"
            }, "\(report.violations)")
        #expect(report.violations.contains { $0.contains("order_vouchers_no_") })
        await platform.database.close()
    }

    @Test(
        "an order's last voucher removed and its status set back passes the voucher chain alone; the checkpoint names order and voucher",
        arguments: Backend.available)
    func removedLastVoucherIsCaughtByTheCheckpoint(_ backend: Backend) async throws {
        let (platform, clock) = try await TestDatabase.platform(backend)
        try await DemoData.load(platform)
        let checkpoint = try await platform.database.read { try await $0.takeCheckpoint(at: clock.now()) }
        #expect(!checkpoint.voucherHeads.isEmpty)
        #expect(try await InvariantChecker.check(platform.database, checkpoints: [checkpoint]).violations.isEmpty)
        let orderId =
            try await platform.database.read {
                try await $0.first("SELECT id FROM orders WHERE status = 'delivered' ORDER BY id LIMIT 1")?.string("id")
            } ?? ""
        let vouchers = try await platform.database.read { try await $0.vouchers(orderId: orderId) }
        let last = try #require(vouchers.last)
        let earlier = try #require(last.fromStatus)
        // The insider removes the delivery voucher and sets the order back, as if it was never delivered.
        try await platform.database.write { session in
            try await session.dropAppendOnlyGuards("order_vouchers")
            try await session.execute("DELETE FROM order_vouchers WHERE order_id = \(bind: orderId) AND sequence = \(bind: last.sequence)")
            try await session.execute("UPDATE orders SET status = \(bind: earlier.rawValue) WHERE id = \(bind: orderId)")
        }
        #expect(try await platform.database.read { try await $0.voucherChainProblem(orderId: orderId, currentStatus: earlier) } == nil)
        let report = try await InvariantChecker.check(platform.database, checkpoints: [checkpoint])
        #expect(
            report.violations.contains {
                $0.hasPrefix("checkpoint: order \(orderId): voucher \(last.sequence) is missing (the checkpoint of ")
            }, "\(report.violations)")
        #expect(!report.violations.contains { $0.hasPrefix("order \(orderId):") }, "the chain alone is whole")
        await platform.database.close()
    }

    @Test("a keyed row cannot be vouched for without the key, and a plain row passes only where rows were written before chains were keyed")
    func keyedRowsNeedTheKey() {
        let key = ChainKey(keyMaterial: Data(repeating: 7, count: 32))
        let keyed = AuditChain.hash(previousHash: AuditChain.genesisHash, fields: ["a", nil], key: key)
        let plain = AuditChain.hash(previousHash: AuditChain.genesisHash, fields: ["a", nil], key: nil)
        #expect(keyed.hasPrefix("k1:") && !plain.hasPrefix("k1:"))
        #expect(AuditChain.problem(rowHash: keyed, previousHash: AuditChain.genesisHash, fields: ["a", nil], key: key, unkeyedAllowed: false) == nil)
        #expect(
            AuditChain.problem(rowHash: keyed, previousHash: AuditChain.genesisHash, fields: ["a", nil], key: nil, unkeyedAllowed: false)?
                .contains("without the data key") == true)
        #expect(AuditChain.problem(rowHash: plain, previousHash: AuditChain.genesisHash, fields: ["a", nil], key: key, unkeyedAllowed: true) == nil)
        #expect(
            AuditChain.problem(rowHash: plain, previousHash: AuditChain.genesisHash, fields: ["a", nil], key: key, unkeyedAllowed: false)?
                .contains("forged") == true)
        // One field moved into its neighbour changes the hash.
        #expect(
            AuditChain.hash(previousHash: "0", fields: ["ab", "c"], key: key) != AuditChain.hash(previousHash: "0", fields: ["a", "bc"], key: key))
    }
}
