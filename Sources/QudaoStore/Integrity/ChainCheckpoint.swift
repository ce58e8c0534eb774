import Foundation
import QudaoCore
import SQLKit

/// How far rows were written before the chains were keyed (migration 13 records it): a plain
/// SHA-256 row hash is accepted only up to here. Nil means no such row exists.
public struct UnkeyedLimits: Sendable, Hashable {
    /// The last audit sequence written before chains were keyed.
    public var auditUntilSequence: Int64?
    /// The last voucher time (milliseconds) written before chains were keyed.
    public var vouchersUntilMilliseconds: Int64?

    /// Creates limits.
    public init(auditUntilSequence: Int64?, vouchersUntilMilliseconds: Int64?) {
        self.auditUntilSequence = auditUntilSequence
        self.vouchersUntilMilliseconds = vouchersUntilMilliseconds
    }

    /// The stricter of two limits: an insider who raises a limit in the database to pass off
    /// rewritten rows as old plain ones is held to the limit a checkpoint saw.
    public func stricter(_ other: UnkeyedLimits) -> UnkeyedLimits {
        UnkeyedLimits(
            auditUntilSequence: Self.lower(auditUntilSequence, other.auditUntilSequence),
            vouchersUntilMilliseconds: Self.lower(vouchersUntilMilliseconds, other.vouchersUntilMilliseconds))
    }

    private static func lower(_ first: Int64?, _ second: Int64?) -> Int64? {
        guard let first, let second else { return nil }
        return min(first, second)
    }
}

/// A signed record of how far the tamper-evident chains reached at one moment, kept outside the
/// database (`qudao checkpoint`, and daily by `qudao serve`). The chains are append-only, so every
/// later state of an honest database extends every earlier checkpoint: `qudao verify --checkpoint`
/// then names audit rows removed at the end (with the head moved back), an order's vouchers removed
/// (with its status set back), a wholesale rewrite, and a raised unkeyed limit.
///
/// The file is plain text, one record per line, signed with a key derived from the data key:
///
///     qudao chain checkpoint v1
///     taken-at 1764774000000 2026-12-03T23:00:00+08:00
///     unkeyed-audit-until-sequence -
///     unkeyed-vouchers-until-ms -
///     audit 1000 k1:…           (every 1,000th row, then the last)
///     voucher ord_… 5 k1:…      (each order's last voucher)
///     end 2 1
///     signature 3f…
public struct ChainCheckpoint: Sendable, Hashable {
    /// One audit row the checkpoint saw.
    public struct AuditAnchor: Sendable, Hashable {
        /// The row's sequence.
        public var sequence: Int64
        /// The row's hash.
        public var rowHash: String

        /// Creates an anchor.
        public init(sequence: Int64, rowHash: String) {
            self.sequence = sequence
            self.rowHash = rowHash
        }
    }

    /// One order's last voucher the checkpoint saw.
    public struct VoucherHead: Sendable, Hashable {
        /// The order.
        public var orderId: String
        /// The voucher's sequence within the order.
        public var sequence: Int64
        /// The voucher's hash.
        public var rowHash: String

        /// Creates a head.
        public init(orderId: String, sequence: Int64, rowHash: String) {
            self.orderId = orderId
            self.sequence = sequence
            self.rowHash = rowHash
        }
    }

    /// When it was taken.
    public var takenAt: Date
    /// The unkeyed limits the database held then.
    public var unkeyedLimits: UnkeyedLimits
    /// Every `anchorInterval`-th audit row and the last one, ascending.
    public var auditAnchors: [AuditAnchor]
    /// Each order's last voucher, by order id.
    public var voucherHeads: [VoucherHead]

    /// Creates a checkpoint.
    public init(takenAt: Date, unkeyedLimits: UnkeyedLimits, auditAnchors: [AuditAnchor], voucherHeads: [VoucherHead]) {
        self.takenAt = takenAt
        self.unkeyedLimits = unkeyedLimits
        self.auditAnchors = auditAnchors
        self.voucherHeads = voucherHeads
    }

    /// Every how many audit rows an anchor is kept: a rewrite by someone holding the key is then
    /// placed within this many rows.
    public static let anchorInterval: Int64 = 1_000
    /// The largest checkpoint file read (about two million orders).
    public static let maximumFileBytes = 256 * 1_048_576
    static let header = "qudao chain checkpoint v1"

    /// The audit row the chain had reached (0 when the log was empty).
    public var auditHeadSequence: Int64 { auditAnchors.last?.sequence ?? 0 }

    /// The signed text of the file.
    public func encoded(key: ChainKey) -> String {
        var text = "\(Self.header)\n"
        let milliseconds = Timestamp.milliseconds(takenAt)
        text += "taken-at \(milliseconds) \(BusinessTime.isoText(takenAt))\n"
        text += "unkeyed-audit-until-sequence \(unkeyedLimits.auditUntilSequence.map(String.init) ?? "-")\n"
        text += "unkeyed-vouchers-until-ms \(unkeyedLimits.vouchersUntilMilliseconds.map(String.init) ?? "-")\n"
        for anchor in auditAnchors { text += "audit \(anchor.sequence) \(anchor.rowHash)\n" }
        for head in voucherHeads { text += "voucher \(head.orderId) \(head.sequence) \(head.rowHash)\n" }
        text += "end \(auditAnchors.count) \(voucherHeads.count)\n"
        return text + "signature \(key.checkpointSignature(text))\n"
    }

    /// Reads a checkpoint file's text; the signature is checked before anything else is believed.
    public static func decode(_ text: String, key: ChainKey) throws -> ChainCheckpoint {
        guard text.utf8.count <= maximumFileBytes else {
            throw CheckpointFileError(line: nil, problem: "is larger than \(maximumFileBytes / 1_048_576) MB")
        }
        guard let signatureStart = text.range(of: "\nsignature ", options: .backwards) else {
            throw CheckpointFileError(line: nil, problem: "has no signature line")
        }
        let signed = String(text[..<signatureStart.lowerBound]) + "\n"
        let signature = text[signatureStart.upperBound...].trimmingCharacters(in: .newlines)
        guard ConstantTime.equal(signature, key.checkpointSignature(signed)) else {
            throw CheckpointFileError(
                line: nil, problem: "signature does not match: the file was edited, or it was made with another data key")
        }
        var lines = signed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()
        guard lines.first == header else { throw CheckpointFileError(line: 1, problem: "is not a qudao chain checkpoint (v1)") }
        var takenAt: Date?
        var auditLimit: Int64?? = .none
        var voucherLimit: Int64?? = .none
        var anchors: [AuditAnchor] = []
        var heads: [VoucherHead] = []
        var ended = false
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            let parts = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if ended { throw CheckpointFileError(line: number, problem: "follows the end line") }
            switch parts.first {
            case "taken-at" where parts.count == 3:
                takenAt = Int64(parts[1]).map(Timestamp.date)
            case "unkeyed-audit-until-sequence" where parts.count == 2:
                auditLimit = .some(try optionalNumber(parts[1], line: number))
            case "unkeyed-vouchers-until-ms" where parts.count == 2:
                voucherLimit = .some(try optionalNumber(parts[1], line: number))
            case "audit" where parts.count == 3:
                guard let sequence = Int64(parts[1]), sequence > (anchors.last?.sequence ?? 0) else {
                    throw CheckpointFileError(line: number, problem: "has an audit sequence that is not a rising number")
                }
                anchors.append(AuditAnchor(sequence: sequence, rowHash: parts[2]))
            case "voucher" where parts.count == 4:
                guard let sequence = Int64(parts[2]), sequence > 0, parts[1] > (heads.last?.orderId ?? "") else {
                    throw CheckpointFileError(line: number, problem: "has a voucher head out of order or without a sequence")
                }
                heads.append(VoucherHead(orderId: parts[1], sequence: sequence, rowHash: parts[3]))
            case "end" where parts.count == 3:
                guard parts[1] == String(anchors.count), parts[2] == String(heads.count) else {
                    throw CheckpointFileError(line: number, problem: "counts do not match the lines before it")
                }
                ended = true
            default:
                throw CheckpointFileError(line: number, problem: "is not a checkpoint record")
            }
        }
        guard let takenAt, case .some(let auditUntil) = auditLimit, case .some(let vouchersUntil) = voucherLimit, ended else {
            throw CheckpointFileError(line: nil, problem: "lacks its time, its unkeyed limits or its end line")
        }
        return ChainCheckpoint(
            takenAt: takenAt, unkeyedLimits: UnkeyedLimits(auditUntilSequence: auditUntil, vouchersUntilMilliseconds: vouchersUntil),
            auditAnchors: anchors, voucherHeads: heads)
    }

    private static func optionalNumber(_ text: String, line: Int) throws -> Int64? {
        if text == "-" { return nil }
        guard let number = Int64(text) else { throw CheckpointFileError(line: line, problem: "has a limit that is neither - nor a number") }
        return number
    }
}

/// A checkpoint file that cannot be believed or read.
public struct CheckpointFileError: Error, CustomStringConvertible {
    /// The line at fault (from 1), when one is.
    public let line: Int?
    /// What is wrong.
    public let problem: String

    public var description: String { line.map { "line \($0) \(problem)" } ?? problem }
}

extension SQLSession {
    /// The unkeyed limits the database records.
    public func unkeyedLimits() async throws -> UnkeyedLimits {
        UnkeyedLimits(
            auditUntilSequence: Int64(try await setting(Self.unkeyedAuditUntilSequenceKey) ?? ""),
            vouchersUntilMilliseconds: Int64(try await setting(Self.unkeyedVouchersUntilKey) ?? ""))
    }

    /// Reads how far the chains reach now. Rows are never changed once written, so the parts need
    /// not come from one snapshot: each is a state the chain really passed through.
    public func takeCheckpoint(at instant: Date) async throws -> ChainCheckpoint {
        let anchors = try await rows(
            """
            SELECT sequence, row_hash FROM audit_log
            WHERE sequence % \(literal: ChainCheckpoint.anchorInterval) = 0 OR sequence = (SELECT MAX(sequence) FROM audit_log)
            ORDER BY sequence
            """
        ).map { ChainCheckpoint.AuditAnchor(sequence: try $0.int64("sequence"), rowHash: try $0.string("row_hash")) }
        var heads: [ChainCheckpoint.VoucherHead] = []
        var after = ""
        while true {
            let batch = try await rows(
                """
                SELECT v.order_id, v.sequence, v.row_hash FROM order_vouchers v
                WHERE v.order_id > \(bind: after)
                    AND v.sequence = (SELECT MAX(w.sequence) FROM order_vouchers w WHERE w.order_id = v.order_id)
                ORDER BY v.order_id LIMIT 1000
                """
            ).map {
                ChainCheckpoint.VoucherHead(
                    orderId: try $0.string("order_id"), sequence: try $0.int64("sequence"), rowHash: try $0.string("row_hash"))
            }
            heads += batch
            guard let last = batch.last, batch.count == 1000 else { break }
            after = last.orderId
        }
        return ChainCheckpoint(takenAt: instant, unkeyedLimits: try await unkeyedLimits(), auditAnchors: anchors, voucherHeads: heads)
    }

    /// What the database does not extend of `checkpoint`, naming the rows: the audit rows it saw
    /// are there with the hashes it saw, each order it saw still has its vouchers, and the unkeyed
    /// limits were not changed. At most `limit` problems are listed.
    public func checkpointProblems(_ checkpoint: ChainCheckpoint, limit: Int = 20) async throws -> [String] {
        var problems: [String] = []
        let when = BusinessTime.isoText(checkpoint.takenAt)
        let current = try await unkeyedLimits()
        if current.auditUntilSequence != checkpoint.unkeyedLimits.auditUntilSequence {
            problems.append(
                "setting \(Self.unkeyedAuditUntilSequenceKey) is \(current.auditUntilSequence.map(String.init) ?? "absent") but was "
                    + "\(checkpoint.unkeyedLimits.auditUntilSequence.map(String.init) ?? "absent") at the checkpoint of \(when)")
        }
        if current.vouchersUntilMilliseconds != checkpoint.unkeyedLimits.vouchersUntilMilliseconds {
            problems.append(
                "setting \(Self.unkeyedVouchersUntilKey) is \(current.vouchersUntilMilliseconds.map(String.init) ?? "absent") but was "
                    + "\(checkpoint.unkeyedLimits.vouchersUntilMilliseconds.map(String.init) ?? "absent") at the checkpoint of \(when)")
        }
        if let problem = try await auditCheckpointProblem(checkpoint, when: when) { problems.append(problem) }
        var start = 0
        while start < checkpoint.voucherHeads.count, problems.count < limit {
            let heads = checkpoint.voucherHeads[start..<min(start + 500, checkpoint.voucherHeads.count)]
            start += heads.count
            var stored: [String: [Int64: String]] = [:]
            for row in try await rows(
                "SELECT order_id, sequence, row_hash FROM order_vouchers WHERE order_id IN (\(binds: heads.map(\.orderId)))")
            {
                stored[try row.string("order_id"), default: [:]][try row.int64("sequence")] = try row.string("row_hash")
            }
            for head in heads where problems.count < limit {
                let vouchers = stored[head.orderId] ?? [:]
                if vouchers.isEmpty {
                    problems.append("order \(head.orderId): its vouchers are gone (the checkpoint of \(when) saw \(head.sequence))")
                } else if let hash = vouchers[head.sequence] {
                    if hash != head.rowHash {
                        problems.append(
                            "order \(head.orderId): voucher \(head.sequence) differs from the checkpoint of \(when) (it or a voucher before it was rewritten)"
                        )
                    }
                } else {
                    let first = (1...head.sequence).first { vouchers[$0] == nil } ?? head.sequence
                    problems.append(
                        "order \(head.orderId): voucher \(first) is missing (the checkpoint of \(when) saw \(head.sequence) vouchers; removed and the status set back)"
                    )
                }
            }
        }
        return problems
    }

    private func auditCheckpointProblem(_ checkpoint: ChainCheckpoint, when: String) async throws -> String? {
        guard !checkpoint.auditAnchors.isEmpty else { return nil }
        var stored: [Int64: String] = [:]
        var start = 0
        while start < checkpoint.auditAnchors.count {
            let anchors = checkpoint.auditAnchors[start..<min(start + 500, checkpoint.auditAnchors.count)]
            start += anchors.count
            for row in try await rows("SELECT sequence, row_hash FROM audit_log WHERE sequence IN (\(binds: anchors.map(\.sequence)))") {
                stored[try row.int64("sequence")] = try row.string("row_hash")
            }
        }
        var previous: Int64 = 0
        for anchor in checkpoint.auditAnchors {
            guard let hash = stored[anchor.sequence] else {
                let last = try await first("SELECT MAX(sequence) AS last FROM audit_log")?.optionalInt64("last") ?? 0
                let missing = last < anchor.sequence ? last + 1 : anchor.sequence
                return "audit_log row \(missing) is missing: the checkpoint of \(when) saw the log up to row \(checkpoint.auditHeadSequence) "
                    + "(rows were removed and the head moved back)"
            }
            if hash != anchor.rowHash {
                let range = previous + 1 == anchor.sequence ? "row \(anchor.sequence) was" : "rows \(previous + 1)…\(anchor.sequence) were"
                return "audit_log \(range) rewritten since the checkpoint of \(when): row \(anchor.sequence)'s hash differs from it"
            }
            previous = anchor.sequence
        }
        return nil
    }
}
