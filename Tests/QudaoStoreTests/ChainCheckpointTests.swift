import Foundation
import QudaoCore
import QudaoStore
import QudaoTestSupport
import SQLKit
import Testing

@Suite("Signed checkpoints of the chains, against an insider who truncates or rewrites them")
struct ChainCheckpointTests {
    static let now = TestDatabase.start
    static let key = TestDatabase.cipher.chainKey

    static func appendAudit(_ database: Database, count: Int) async throws {
        try await database.write { session in
            for index in 1...count {
                try await session.appendAudit(
                    occurredAt: now, accountId: nil, username: "hq-admin", sourceIP: "10.0.0.1", action: "commission.rule_publish",
                    entityType: "commission_rule", entityId: "rul_\(index)", beforeJSON: #"{"rate1Bp":500}"#, afterJSON: #"{"rate1Bp":800}"#)
            }
        }
    }

    @Test(
        "removing the last audit rows and moving the head back passes the chain alone; the checkpoint names the first missing row",
        arguments: Backend.available)
    func truncationIsCaught(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await Self.appendAudit(database, count: 5)
        let checkpoint = try await database.read { try await $0.takeCheckpoint(at: Self.now) }
        #expect(checkpoint.auditHeadSequence == 5)
        #expect(try await database.read { try await $0.checkpointProblems(checkpoint) }.isEmpty)
        try await Self.appendAudit(database, count: 2)
        #expect(try await database.read { try await $0.checkpointProblems(checkpoint) }.isEmpty, "a longer chain extends the checkpoint")
        try await database.write { session in
            try await session.dropAppendOnlyGuards("audit_log")
            try await session.execute("DELETE FROM audit_log WHERE sequence > 3")
            let third = try await session.first("SELECT row_hash FROM audit_log WHERE sequence = 3")?.string("row_hash") ?? ""
            try await session.execute("UPDATE audit_chain_head SET last_sequence = 3, last_hash = \(bind: third) WHERE singleton = 1")
        }
        // The chain alone cannot tell: what is left is a whole chain.
        #expect(try await database.read { try await $0.verifyAuditChain() } == nil)
        let report = try await InvariantChecker.check(database, checkpoints: [checkpoint])
        #expect(
            report.violations.contains {
                $0.hasPrefix("checkpoint: audit_log row 4 is missing: the checkpoint of ") && $0.contains("saw the log up to row 5")
            }, "\(report.violations)")
        await database.close()
    }

    @Test("a wholesale rewrite in plain SHA-256 with the unkeyed limit raised to cover it is named at its first row", arguments: Backend.available)
    func plainRewriteWithRaisedLimitIsCaught(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await Self.appendAudit(database, count: 5)
        let checkpoint = try await database.read { try await $0.takeCheckpoint(at: Self.now) }
        try await database.write { try await $0.rewriteAudit(fromSequence: 1, key: nil) }
        try await database.write { try await $0.setSetting(SQLSession.unkeyedAuditUntilSequenceKey, value: "5", now: Self.now) }
        // With the raised limit the rewritten chain passes on its own.
        #expect(try await database.read { try await $0.verifyAuditChain() } == nil)
        let report = try await InvariantChecker.check(database, checkpoints: [checkpoint])
        #expect(report.violations.contains { $0.hasPrefix("audit log chain: audit_log row 1: has an unkeyed hash") }, "\(report.violations)")
        #expect(report.violations.contains { $0.hasPrefix("checkpoint: setting chains.unkeyed_audit_until_sequence is 5 but was absent") })
        #expect(report.violations.contains { $0.hasPrefix("checkpoint: audit_log rows 1…5 were rewritten since the checkpoint") })
        await database.close()
    }

    @Test("someone who holds the data key and rewrites the chain is placed within the thousand rows of an anchor", arguments: Backend.available)
    func rewriteWithTheKeyIsPlaced(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await Self.appendAudit(database, count: 2_001)
        let checkpoint = try await database.read { try await $0.takeCheckpoint(at: Self.now) }
        #expect(checkpoint.auditAnchors.map(\.sequence) == [1_000, 2_000, 2_001])
        try await database.write { try await $0.rewriteAudit(fromSequence: 1_500, key: Self.key) }
        #expect(try await database.read { try await $0.verifyAuditChain() } == nil, "the key holder's chain is internally whole")
        let problems = try await database.read { try await $0.checkpointProblems(checkpoint) }
        #expect(problems.count == 1 && problems[0].hasPrefix("audit_log rows 1001…2000 were rewritten since the checkpoint of "), "\(problems)")
        await database.close()
    }

    @Test("the file round-trips and its signature refuses an edit, another key and a truncated file")
    func fileSignatureHolds() throws {
        let checkpoint = ChainCheckpoint(
            takenAt: Self.now, unkeyedLimits: UnkeyedLimits(auditUntilSequence: 12, vouchersUntilMilliseconds: nil),
            auditAnchors: [.init(sequence: 1_000, rowHash: "k1:aa"), .init(sequence: 1_234, rowHash: "k1:bb")],
            voucherHeads: [.init(orderId: "ord_a", sequence: 3, rowHash: "k1:cc"), .init(orderId: "ord_b", sequence: 5, rowHash: "k1:dd")])
        let text = checkpoint.encoded(key: Self.key)
        #expect(try ChainCheckpoint.decode(text, key: Self.key) == checkpoint)
        #expect(text.contains("taken-at 1763172000000 2025-11-15T10:00:00+08:00\n"))
        let edited = text.replacingOccurrences(of: "voucher ord_b 5", with: "voucher ord_b 4")
        #expect(Self.refusal(edited)?.contains("signature does not match") == true)
        #expect(Self.refusal(text, key: ChainKey(keyMaterial: Data(repeating: 9, count: 32)))?.contains("signature does not match") == true)
        let truncated = text.components(separatedBy: "\n").filter { !$0.hasPrefix("voucher ord_b") }.joined(separator: "\n")
        #expect(Self.refusal(truncated)?.contains("signature does not match") == true)
        #expect(Self.refusal(String(text.prefix(40)))?.contains("no signature line") == true)
        // A well-signed file with a malformed record is refused with its line.
        let malformed =
            "qudao chain checkpoint v1\ntaken-at 1 x\nunkeyed-audit-until-sequence -\nunkeyed-vouchers-until-ms -\naudit two k1:aa\nend 1 0\n"
        let signed = malformed + "signature \(Self.key.checkpointSignature(malformed))\n"
        #expect(Self.refusal(signed) == "line 5 has an audit sequence that is not a rising number")
    }

    /// Why `text` is refused as a checkpoint, or nil when it is read.
    static func refusal(_ text: String, key: ChainKey = key) -> String? {
        do {
            _ = try ChainCheckpoint.decode(text, key: key)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test("the daily job writes one a day into its directory and keeps the newest 400", arguments: Backend.available)
    func dailyCheckpoints(_ backend: Backend) async throws {
        let database = try await TestDatabase.make(backend)
        try await Self.appendAudit(database, count: 3)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-checkpoints-\(UUID().uuidString)")
        let first = try await ChainCheckpointFiles.writeIfDue(database, key: Self.key, directory: directory, now: Self.now)
        #expect(first != nil)
        #expect(
            try await ChainCheckpointFiles.writeIfDue(database, key: Self.key, directory: directory, now: Self.now.addingTimeInterval(3_600)) == nil)
        let next = try await ChainCheckpointFiles.writeIfDue(database, key: Self.key, directory: directory, now: Self.now.addingTimeInterval(86_400))
        #expect(next != nil && next != first)
        let read = try ChainCheckpointFiles.read(try #require(next), key: Self.key)
        #expect(read.auditHeadSequence == 3 && read.takenAt == Self.now.addingTimeInterval(86_400))
        // Older files beyond the limit are removed, oldest first.
        for day in 1...ChainCheckpointFiles.maximumFilesKept {
            let stamp = Timestamp.milliseconds(Self.now.addingTimeInterval(-Double(day) * 86_400))
            try Data("old".utf8).write(to: directory.appendingPathComponent("qudao-checkpoint-\(stamp)-3.txt"))
        }
        _ = try await ChainCheckpointFiles.writeIfDue(database, key: Self.key, directory: directory, now: Self.now.addingTimeInterval(2 * 86_400))
        let kept = try ChainCheckpointFiles.files(in: directory)
        #expect(kept.count == ChainCheckpointFiles.maximumFilesKept)
        #expect(kept.last?.takenAt == Self.now.addingTimeInterval(2 * 86_400))
        #expect(kept.first?.takenAt == Self.now.addingTimeInterval(-Double(ChainCheckpointFiles.maximumFilesKept - 3) * 86_400))
        await database.close()
    }

    @Test("qudao checkpoint writes a file that qudao verify --checkpoint holds the database to", arguments: Backend.available)
    func commandLine(_ backend: Backend) async throws {
        let (database, url) = try await TestDatabase.makeWithURL(backend)
        try await Self.appendAudit(database, count: 5)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-checkpoints-\(UUID().uuidString)")
        let binary = ChildProcess.qudaoBinary
        let environment = ["QUDAO_DATA_KEY": TestDatabase.dataKeyHex]
        let unsigned = try ChildProcess.run(
            [binary, "checkpoint", "--directory", directory.path, "--database-url", url], environment: ["QUDAO_DATA_KEY_FILE": "/nonexistent/key"])
        #expect(unsigned.exitStatus == 1 && unsigned.output.contains("signed with the data key"), "\(unsigned.output)")
        let written = try ChildProcess.run([binary, "checkpoint", "--directory", directory.path, "--database-url", url], environment: environment)
        #expect(written.exitStatus == 0 && written.output.contains("audit log up to row 5, vouchers of 0 orders"), "\(written.output)")
        let file = try #require(try ChainCheckpointFiles.files(in: directory).last).url.path
        let holds = try ChildProcess.run([binary, "verify", "--checkpoint", file, "--database-url", url], environment: environment)
        #expect(holds.exitStatus == 0 && holds.output.contains("ok    the chains extend the checkpoint of "), "\(holds.output)")
        // The insider removes the last two rows and moves the head back.
        try await database.write { session in
            try await session.dropAppendOnlyGuards("audit_log")
            try await session.execute("DELETE FROM audit_log WHERE sequence > 3")
            let third = try await session.first("SELECT row_hash FROM audit_log WHERE sequence = 3")?.string("row_hash") ?? ""
            try await session.execute("UPDATE audit_chain_head SET last_sequence = 3, last_hash = \(bind: third) WHERE singleton = 1")
        }
        await database.close()
        let caught = try ChildProcess.run([binary, "verify", "--checkpoint", file, "--database-url", url], environment: environment)
        #expect(caught.exitStatus == 1 && caught.output.contains("FAIL  checkpoint: audit_log row 4 is missing"), "\(caught.output)")
        // An edited checkpoint is not believed.
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "audit 5 ", with: "audit 3 ")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let edited = try ChildProcess.run([binary, "verify", "--checkpoint", file, "--database-url", url], environment: environment)
        #expect(edited.exitStatus == 1 && edited.output.contains("signature does not match"), "\(edited.output)")
    }
}
